// The fixed reference workload the benchmarks print their figures beside: pure JavaScript
// (xorshift32 and a sort, about 0.3 s on an idle 2-core reference machine) in a fresh node, so that
// figure / reference is a ratio that survives a busy machine better than the figure itself.
import { spawnSync } from 'node:child_process';

const REFERENCE = `
let x = 2463534242, acc = 0;
for (let i = 0; i < 30e6; i++) { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; acc = (acc + (x & 255)) | 0; }
const a = Array.from({ length: 300000 }, (_, i) => (i * 2654435761) % 1000003);
a.sort((p, q) => p - q);
if (acc === 42 && a[0] === 42) console.log('unlikely');
`;

/** Wall seconds of one run of the reference workload. */
export function reference() {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-e', REFERENCE]);
  if (r.status !== 0) throw new Error(`the reference workload exited ${r.status}`);
  return Number(process.hrtime.bigint() - t) / 1e9;
}

/** The median of the figures (the mean of the two middle ones for an even count). */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
