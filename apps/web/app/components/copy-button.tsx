import { useEffect, useRef, useState } from 'react';

type CopyState = 'idle' | 'copied' | 'select';

/** Selects the text of an element, so the visitor can copy it with their keyboard. */
function selectContents(element: HTMLElement) {
  if (element instanceof HTMLTextAreaElement || element instanceof HTMLInputElement) {
    element.focus();
    element.select();
    return;
  }
  const range = document.createRange();
  range.selectNodeContents(element);
  const selection = window.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
  element.focus();
}

/**
 * Copies `text` to the clipboard and says so; where the clipboard is not available
 * (permissions, an insecure origin) it selects the text of `#targetId` instead and asks the
 * visitor to copy it. Shown only once JavaScript runs: without it, the text is selectable.
 */
export function CopyButton({
  text,
  targetId,
  label = 'Copy',
}: {
  text: string;
  targetId: string;
  label?: string;
}) {
  const [ready, setReady] = useState(false);
  const [state, setState] = useState<CopyState>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    setReady(true);
    return () => clearTimeout(timer.current);
  }, []);
  // New text: the confirmation was about the old one.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the text changes
  useEffect(() => {
    setState('idle');
  }, [text]);

  async function copy() {
    clearTimeout(timer.current);
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      setState('copied');
      timer.current = setTimeout(() => setState('idle'), 4000);
    } catch {
      const target = document.getElementById(targetId);
      if (target) selectContents(target);
      setState('select');
    }
  }

  return (
    <span className="copy" hidden={!ready}>
      <button type="button" className="button" onClick={copy} data-testid="copy">
        {label}
      </button>{' '}
      <span className="copy-status" role="status" data-testid="copy-status">
        {state === 'copied'
          ? 'Copied'
          : state === 'select'
            ? 'The text is selected: press Ctrl+C (⌘C on a Mac) to copy it.'
            : ''}
      </span>
    </span>
  );
}
