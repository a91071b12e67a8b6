import { useFetchers, useNavigation, useRevalidator } from '@remix-run/react';
import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Runs router work started by realtime events (revalidations, read markers) only while the
 * router is idle, one task at a time, the latest task per key winning.
 *
 * Why: with single fetch, Remix logs a console error ("AbortError: signal is aborted without
 * reason") whenever a data request it is decoding is aborted, and the router aborts an
 * in-flight revalidation or fetcher load each time a newer one starts. Events arrive in
 * bursts (a message, its notification, a read marker), so starting router work for each
 * of them as it came aborted the one before.
 */
export function useWhenIdle(): (key: string, task: () => void) => void {
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  const fetchers = useFetchers();
  const idle =
    revalidator.state === 'idle' &&
    navigation.state === 'idle' &&
    fetchers.every((fetcher) => fetcher.state === 'idle');
  const queue = useRef(new Map<string, () => void>());
  const [wanted, setWanted] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `wanted` changes when a task is queued, which must wake this up
  useEffect(() => {
    if (!idle) return;
    const next = queue.current.entries().next();
    if (next.done) return;
    const [key, task] = next.value;
    queue.current.delete(key);
    task();
    // If the task started nothing, the router stays idle: look at the queue again.
    if (queue.current.size > 0) setWanted((n) => n + 1);
  }, [idle, wanted]);

  return useCallback((key: string, task: () => void) => {
    queue.current.delete(key);
    queue.current.set(key, task);
    setWanted((n) => n + 1);
  }, []);
}
