// V8 tuning for the model's allocation pattern, applied before any model code runs. Flags are per
// process, so the worker threads of check and explore share it.
//
// Allocation-site pretenuring off. Every run boots a simulated kernel (39 kmalloc caches, their
// sheaves, slabs, pages) that lives exactly as long as the run. V8 sees most of those objects
// survive a scavenge (the run is still going), so it starts allocating them straight in the old
// generation. There they outlive their run, and they keep the young objects they point to alive
// through every scavenge until a full collection. Measured on the 2-core machine, explore in
// process over 16 stages: 12.3 → 7.5 ms per generated scenario. Old-space growth over 32 boots
// fell from 4.8 MB to 0.16 MB.
import { setFlagsFromString } from 'node:v8';

export const V8_FLAGS = ['--no-allocation-site-pretenuring'] as const;
for (const f of V8_FLAGS) setFlagsFromString(f);

// TurboFan's inlining off, for a process about to run the model many times with TurboFan on (a
// check of more than src/cli/jit.ts's MAX_RUNS_WITHOUT_OPT runs, explore, the tests). Every stage is
// its own copy of the model's code, so such a batch optimises sixteen copies of each hot path, and
// with inlining each compile of a boot-heavy function (do_kmem_cache_create() with what it calls)
// took tens of milliseconds of a background core: in `check` over 800 scenarios x 16 stages (one
// thread) TurboFan's compile jobs took 22 s of CPU (--trace-opt). Without inlining, four alternating
// pairs on the 2-core machine (2026-12-05): 10.4-11.4 s against 12.6-13.1 s of wall time, 13.7-15.0 s
// against 19.1-19.9 s of CPU; explore 3,000 runs 53.0-54.7 s against 54.4-60.8 s. Not for the whole
// CLI: `metrics` (the TypeScript compiler's parser, one long run of shared code) took 2.34-2.55 s
// without inlining against 2.13-2.18 s with it.
export const MODEL_RUN_FLAGS = ['--no-turbo-inlining'] as const;
let modelRunFlags = false;

export function tuneForModelRuns(): void {
  if (modelRunFlags) return;
  for (const f of MODEL_RUN_FLAGS) setFlagsFromString(f);
  modelRunFlags = true;
}
