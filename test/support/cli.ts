// Two ways to run a slabseries command from a test:
//
//   cli(...args)        a real process of bin/slabseries.mjs (the compiled dist/), for tests about
//                       the process itself: exit status as the shell sees it, what reaches a pipe,
//                       signals, the build check of bin/, environment of a child;
//   inProcess(...args)  the same command through main() of src/cli/main.ts in this test process,
//                       with stdout and stderr captured: what bin/slabseries.mjs runs after its
//                       build check (`process.exitCode = await main(argv)`), without paying a Node
//                       start, module loading and JIT warm-up per call. For tests about what a
//                       command prints and returns.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'slabseries.mjs');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** bin/slabseries.mjs in a new process, in the project root. */
export function cli(args: readonly string[], opts: SpawnSyncOptions = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28, ...opts });
  return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

type Write = typeof process.stdout.write;

/**
 * main(args) in this process, stdout and stderr captured (and not a terminal, as for a spawned
 * command writing to a pipe). Calls are serialised: the streams are process-wide.
 */
let queue: Promise<unknown> = Promise.resolve();
export function inProcess(...args: string[]): Promise<CliResult> {
  const run = queue.then(() => capture(args));
  queue = run.catch(() => {});
  return run;
}

async function capture(args: readonly string[]): Promise<CliResult> {
  const { main } = await import('../../src/cli/main.ts');
  const out: string[] = [];
  const err: string[] = [];
  const streams = [
    [process.stdout, out],
    [process.stderr, err],
  ] as const;
  const saved = streams.map(([s]) => ({ write: s.write, tty: Object.getOwnPropertyDescriptor(s, 'isTTY') }));
  for (const [s, sink] of streams) {
    s.write = ((chunk: string | Uint8Array, enc?: unknown, cb?: unknown) => {
      sink.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const done = typeof enc === 'function' ? enc : cb;
      if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
      return true;
    }) as Write;
    Object.defineProperty(s, 'isTTY', { value: false, configurable: true, writable: true });
  }
  let status: number;
  try {
    status = await main([...args]);
  } finally {
    streams.forEach(([s], i) => {
      s.write = saved[i].write;
      if (saved[i].tty) Object.defineProperty(s, 'isTTY', saved[i].tty!);
      else delete (s as { isTTY?: boolean }).isTTY;
    });
  }
  return { status, stdout: out.join(''), stderr: err.join('') };
}
