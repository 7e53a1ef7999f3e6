// Worker thread of `slabseries explore`: judges its shard of the generated runs (run i belongs to
// shard i mod shards), reporting progress and then what it found; then shrinks the signatures the
// main thread hands it (and judges each shrunk scenario on every step) and the scenarios of the
// declared changes it is handed (bases for neighbours), and judges the neighbours it is handed.
// Everything it sends is small: signatures, run indices, the first scenario of each declared
// change, shrunk documents and their signatures.
import { parentPort, workerData } from 'node:worker_threads';
import { exploreShard, judgeNeighbour, shrinkChange, shrinkSignature, withSignatures, type ChangeSeen, type FirstSeen, type Shrunk } from '../harness/explore.ts';
import { exploreOptions, exploreStages, type ExploreJob } from './explore-command.ts';
import { loadSeries } from './context.ts';

export type ToWorker =
  | { type: 'shrink'; items: [number, string, FirstSeen][] }
  | { type: 'shrink-changes'; items: [number, string, ChangeSeen][]; /** stop after this (epoch ms) */ until: number }
  | { type: 'neighbours'; items: [number, Record<string, unknown>][]; /** stop judging after this (epoch ms) */ until: number };
export type FromWorker =
  | { type: 'progress'; runs: number; signatures: number }
  | { type: 'shard'; result: ReturnType<typeof exploreShard> }
  | { type: 'shrunk'; index: number; shrunk: Shrunk | null }
  | { type: 'change-shrunk'; index: number; doc: Record<string, unknown> }
  | { type: 'neighbour'; index: number; found: ReturnType<typeof judgeNeighbour> }
  | { type: 'idle' };

const job = workerData as ExploreJob & { shard: number; shards: number; t0: number };
await loadSeries([job.series]);
const post = (m: FromWorker) => parentPort!.postMessage(m);
let last = 0;
const o = exploreOptions(job, await exploreStages(job), (p) => {
  const now = Date.now();
  if (now - last < 200) return;
  last = now;
  post({ type: 'progress', ...p });
});
// explore --around generates nothing: this worker only judges the neighbours it is handed.
if (!job.around) post({ type: 'shard', result: exploreShard(o, job.shard, job.shards, job.t0) });
parentPort!.on('message', (m: ToWorker) => {
  if (m.type === 'shrink') for (const [index, signature, f] of m.items) post({ type: 'shrunk', index, shrunk: withSignatures(o, shrinkSignature(o, signature, f)) });
  else if (m.type === 'shrink-changes')
    for (const [index, key, c] of m.items) {
      if (Date.now() > m.until) break;
      post({ type: 'change-shrunk', index, doc: shrinkChange(o, key, c) });
    }
  else
    for (const [index, doc] of m.items) {
      if (Date.now() > m.until) break;
      post({ type: 'neighbour', index, found: judgeNeighbour(o, doc) });
    }
  post({ type: 'idle' });
});
