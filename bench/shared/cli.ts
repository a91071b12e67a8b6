// What every bench script needs around its measurement: a one-line failure that exits,
// whole-number options checked against their bounds, prefixed progress lines, and
// cleanup steps run in reverse order on success, failure or Ctrl-C.

export interface BenchCli {
  /** Prints `bench:<name>: message` and exits 1. */
  fail(message: string): never;
  /** A whole-number option from `min` to `max`, `fallback` when absent; fails with the usage otherwise. */
  intOption(
    name: string,
    value: string | undefined,
    fallback: number,
    min: number,
    max: number,
  ): number;
  /** A progress line, `[bench:<name>] line`. */
  say(line: string): void;
  /** Steps to undo what was started; run last-in first-out by `cleanup()`. */
  cleanups: (() => Promise<unknown>)[];
  /** Runs the cleanup steps once, however often it is called. */
  cleanup(): Promise<void>;
  /** Whether cleanup has begun (a child failing because it was stopped is no news then). */
  stopping(): boolean;
}

export function benchCli(
  name: string,
  usage: string,
  options: { beforeCleanup?: () => void } = {},
): BenchCli {
  const tag = `bench:${name}`;
  const cleanups: (() => Promise<unknown>)[] = [];
  let cleaning: Promise<void> | undefined;

  const fail = (message: string): never => {
    console.error(`${tag}: ${message}`);
    process.exit(1);
  };
  const cleanup = () => {
    cleaning ??= (async () => {
      options.beforeCleanup?.();
      for (const step of cleanups.reverse()) {
        try {
          await step();
        } catch (error) {
          console.error(`${tag}: cleanup: ${error instanceof Error ? error.message : error}`);
        }
      }
    })();
    return cleaning;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (!cleaning) console.error(`\n${tag}: ${signal}, stopping…`);
      void cleanup().then(() => process.exit(130));
    });
  }

  return {
    fail,
    intOption(option, value, fallback, min, max) {
      if (value === undefined) return fallback;
      const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
      if (!Number.isSafeInteger(n) || n < min || n > max) {
        fail(
          `--${option} must be a whole number from ${min} to ${max} (got '${value}')\n\n${usage}`,
        );
      }
      return n;
    },
    say: (line) => console.log(`[${tag}] ${line}`),
    cleanups,
    cleanup,
    stopping: () => cleaning !== undefined,
  };
}
