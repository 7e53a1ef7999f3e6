#!/usr/bin/env node
// npm run bench, explore part: the goals of issue 10, measured as a user meets them (fresh
// processes running the installed binary), each beside the fixed reference workload of goals.mjs.
//
//   node bench/explore.mjs [--json] [--seed S] [--time SECONDS] [--rate-time SECONDS] [--rate-reps N]
//
// 1. Throughput: generated scenarios judged per second over all 16 stages (runs / run time, the
//    shrinking excluded), on one thread and on the default thread count, the median of three
//    alternating pairs of runs (generation only: --neighbours 0). Goal >= 100/s. Their coverage:
//    every op kind and injection point.
// 2. Rediscovery: one `explore --seed S --time 120s` run (as a user runs it: 90 s generating, the
//    last 30 s judging neighbours of the shrunk scenarios, later callers first); every approved
//    signature of findings/approved.json must be found, each shrunk scenario <= 8 top-level ops,
//    and no finding at all on the five "no functional change intended" steps (02, 03, 09, 11, 12).
//    Then the same time all generating (`--time 120s --neighbours 0`), its wall time beside.
// 3. Time to first finding, per signature (from the same run).

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, reference } from './reference.mjs';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..');
const BIN = join(ROOT, 'bin', 'slabseries.mjs');
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const json = args.includes('--json');
const SEED = opt('--seed', '7');
const TIME = Number(opt('--time', '120'));
const RATE_TIME = Number(opt('--rate-time', '30'));
const RATE_REPS = Number(opt('--rate-reps', '3'));
if (!Number.isInteger(RATE_REPS) || RATE_REPS < 1) {
  process.stderr.write(`bench/explore.mjs: --rate-reps must be a positive integer, not ${opt('--rate-reps')}\n`);
  process.exit(2);
}
const NO_FC_STEPS = ['02', '03', '09', '11', '12'];
const tmp = mkdtempSync(join(tmpdir(), 'slabseries-explore-bench-'));

/**
 * The caller rules of src/slab/arbitrary.ts a scenario file breaks (the ones a hand-written scenario
 * has been seen to break): kmalloc_nolock() with gfp bits its kernel-doc refuses, anything but
 * kmalloc_nolock()/kfree_nolock() in NMI context, __GFP_ZERO or kmem_cache_zalloc() on a cache with
 * a constructor, kfree_nolock() of an object kmalloc_nolock() did not allocate.
 */
function callerRuleBreaks(file) {
  let sc;
  try {
    sc = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return [];
  }
  const NOLOCK_BITS = new Set(['0', '__GFP_ACCOUNT', '__GFP_ZERO', '__GFP_NO_OBJ_EXT']);
  const ctorCaches = new Set((sc.caches ?? []).filter((c) => c.ctor).map((c) => c.name));
  const nolockObjects = new Set();
  const out = new Set();
  const walk = (ops, context) => {
    for (const op of ops ?? []) {
      const ctx = op.context ?? context;
      const gfp = String(op.gfp ?? '0').split('|');
      if (op.op === 'kmalloc_nolock') {
        if (!gfp.every((t) => NOLOCK_BITS.has(t))) out.add(`kmalloc_nolock() with ${op.gfp}`);
        if (op.as) nolockObjects.add(op.as);
      }
      if (ctx === 'nmi' && op.op !== 'kmalloc_nolock' && op.op !== 'kfree_nolock') out.add(`${op.op}() in NMI context`);
      if (ctorCaches.has(op.cache) && (op.op === 'kmem_cache_zalloc' || gfp.includes('__GFP_ZERO'))) out.add(`zeroing on ctor cache ${op.cache}`);
      if (op.op === 'kfree_nolock' && !nolockObjects.has(op.obj)) out.add(`kfree_nolock() of ${op.obj}, not from kmalloc_nolock()`);
      for (const inj of op.inject ?? []) walk(inj.ops, inj.context);
    }
  };
  walk(sc.ops, 'task');
  return [...out];
}

/** One explore run; its --json summary. */
function explore(extra, out) {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [BIN, 'explore', '--seed', SEED, '--json', '--out', join(tmp, out), ...extra], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`explore ${extra.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ...JSON.parse(r.stdout), wallMs: Date.now() - t0 };
}

const loadBefore = loadavg()[0];
const refBefore = reference();
const results = [];
const goal = (name, target, pass, figure, extra = {}) => results.push({ goal: name, target, figure, pass, ...extra });

// 1. Throughput: RATE_REPS pairs, one thread then the default, alternating; the medians are the
// figures. One 30 s run is not a measurement on this host: on an idle machine the same code gave
// 93.7/s on two threads in one bench run and 135.6 and 141.7/s in two paired runs an hour later.
const ones = [];
const dflts = [];
for (let i = 0; i < RATE_REPS; i++) {
  ones.push(explore(['--time', `${RATE_TIME}s`, '--neighbours', '0', '--jobs', '1'], `rate-1-${i}`));
  dflts.push(explore(['--time', `${RATE_TIME}s`, '--neighbours', '0'], `rate-default-${i}`));
}
const oneRate = Number(median(ones.map((r) => r.rate)).toFixed(1));
const dfltRate = Number(median(dflts.map((r) => r.rate)).toFixed(1));
goal(`throughput, default threads (${dflts[0].jobs}), median of ${RATE_REPS} runs of ${RATE_TIME} s`, '>= 100 scenarios/s', dfltRate >= 100, `${dfltRate}/s`, { rates: dflts.map((r) => r.rate), runs: dflts.map((r) => r.runs), ratioToReference: Number((dfltRate * refBefore).toFixed(2)) });
// 1b. Coverage: issue 10 asks that a 60 s run exercise every op kind and every injection point; each
// 30 s run above is half of one (the same seed: a 60 s run judges those scenarios and more).
const gaps = dflts.map((r) => r.coverage.gaps);
const holes = gaps.flatMap((g, i) => [...g.ops.never.map((o) => `op ${o} (run ${i + 1})`), ...g.points.never.map((p) => `point ${p} (run ${i + 1})`)]);
goal(`coverage: every op kind and injection point in each ${RATE_TIME} s run (default threads)`, 'none missing', holes.length === 0, holes.length ? holes.join(', ') : `${gaps[0].ops.of} op kinds, ${gaps[0].points.fired.length} injection points fired, ${Math.min(...gaps.map((g) => g.decisions))}-${Math.max(...gaps.map((g) => g.decisions))} decision points`, { missing: holes });
goal(`throughput, one thread, median of ${RATE_REPS} runs of ${RATE_TIME} s`, '(for comparison)', true, `${oneRate}/s`, { rates: ones.map((r) => r.rate), runs: ones.map((r) => r.runs), speedup: Number((dfltRate / Math.max(0.001, oneRate)).toFixed(2)) });

// 2. Rediscovery.
const run = explore(['--time', `${TIME}s`], 'rediscovery');
const approved = JSON.parse(readFileSync(join(ROOT, 'findings', 'approved.json'), 'utf8'));
// An approval may leave caller classes open (`*`): it is rediscovered when any finding matches it.
const check = await import(join(ROOT, 'dist', 'harness', 'check.js'));
const matches = check.approvalMatches ?? ((pattern, sig) => pattern === sig);
const missing = approved.filter((a) => !run.findings.some((f) => matches(a.signature, f.signature))).map((a) => a.signature);
const big = run.findings.filter((f) => f.ops > 8).map((f) => `${f.signature} (${f.ops} ops)`);
const falseAlarms = run.findings.filter((f) => NO_FC_STEPS.includes(f.stage.slice(0, 2))).map((f) => f.signature);
const fresh = run.findings.filter((f) => !f.known).map((f) => f.signature);
// Which missing signatures explore cannot reach by design: their example scenario breaks a caller rule
// the generator keeps (src/slab/arbitrary.ts, top comment), so no generated scenario shows them. Said
// beside the figure, not subtracted from it.
const outside = new Map();
for (const sig of missing) {
  const scenario = approved.find((a) => a.signature === sig)?.example?.scenario;
  const rules = scenario ? callerRuleBreaks(join(ROOT, 'fixtures', 'scenarios', `${scenario}.json`)) : [];
  if (rules.length) outside.set(sig, `${scenario}: ${rules.join('; ')}`);
}
// Which missing approvals are narrower instances of a family approval the run did find (one whose
// open fields cover this one's: approvalMatches with the narrower pattern as the signature, its own
// `*` compared as a value). Said beside the figure, not subtracted from it: each approval still counts.
const foundApprovals = approved.filter((a) => !missing.includes(a.signature));
const withinFound = new Map();
for (const sig of missing) {
  const wider = foundApprovals.find((b) => b.signature !== sig && matches(b.signature, sig));
  if (wider) withinFound.set(sig, wider.signature);
}
goal(`rediscovery: every approved signature found (seed ${SEED}, --time ${TIME}s: ${run.runs} runs, then ${run.neighbourRuns} neighbours)`, `${approved.length} of ${approved.length}`, missing.length === 0, `${approved.length - missing.length} of ${approved.length} (${outside.size} of the missing shown only by scenarios that break a caller rule; ${withinFound.size} of the missing are narrower instances of a family approval the run found)`, {
  missing: missing.map((s) => (outside.has(s) ? `${s}  [not generated: ${outside.get(s)}]` : withinFound.has(s) ? `${s}  [within found: ${withinFound.get(s)}]` : s)),
});
// 2a. The list the issue named: "every finding signature currently approved (list them)" when it was
// filed, before approvals had signatures: the 24 approved (step, scenario) pairs of
// findings/approved.json at 675a82f^, each a regression (the one on 00 a contract violation). Their findings as today's judge names them (check --json,
// each signature with the approval covering it), and which of those approvals the run found.
const ISSUE_TIME_PAIRS = [
  ['04', 'kmalloc-no-reclaim-empty-sheaves'], ['04', 'kmem-cache-no-reclaim-debugobjects'], ['04', 'nolock-preempt-rt'],
  ['04', 'nolock-trylock-contention'], ['04', 'sheaf-spare-barn-flow'], ['04', 'prefill-sheaf-no-reclaim'], ['04', 'nolock-gfp-and-memcg'],
  ['08', 'nolock-gfp-and-memcg'], ['08', 'objexts-install-race'],
  ['13', 'atomic-in-irq-contexts'], ['13', 'memcg-charge-and-failure'], ['13', 'memcg-late-charge'], ['13', 'objexts-install-race'],
  ['13', 'no-obj-ext-gfp-caller'], ['13', 'profiling-vector-recursion-guard'], ['13', 'early-boot-memcg-vector'],
  ['13', 'profiling-kmalloc-sheaf-lifecycle'], ['13', 'nolock-gfp-and-memcg'],
  ['14', 'no-obj-ext-gfp-caller'], ['14', 'nolock-gfp-and-memcg'], ['14', 'profiling-kmalloc-sheaf-lifecycle'],
  ['04', 'bulk-no-reclaim-barn-contended'], ['00', 'init-on-alloc-ctor-rcu', 'contract'], ['05', 'no-reclaim-trynode-kswapd'],
];
const issueCheck = spawnSync(process.execPath, [BIN, 'check', '--json', ...new Set(ISSUE_TIME_PAIRS.map(([, sc]) => sc))], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
if (issueCheck.status !== 0) throw new Error(`check of the issue-time scenarios exited ${issueCheck.status}: ${issueCheck.stderr.trim()}`);
const issueApprovals = new Set();
for (const st of JSON.parse(issueCheck.stdout).stages)
  for (const c of st.checks) {
    const scenario = c.context.split('/')[2];
    const pair = ISSUE_TIME_PAIRS.find(([n, sc]) => st.stage.startsWith(`${n}-`) && sc === scenario);
    if (!pair) continue;
    for (const f of c.findings ?? []) if (f.kind === (pair[2] ?? 'regressed') && f.approvedBy) issueApprovals.add(f.approvedBy);
  }
const issueMissing = [...issueApprovals].filter((sig) => missing.includes(sig));
goal(
  `rediscovery of the approvals when the issue was filed (${ISSUE_TIME_PAIRS.length} step/scenario pairs, as ${issueApprovals.size} of today's approvals; same run)`,
  `${issueApprovals.size} of ${issueApprovals.size}`,
  issueMissing.length === 0,
  `${issueApprovals.size - issueMissing.length} of ${issueApprovals.size} (${issueMissing.filter((s) => outside.has(s)).length} of the missing shown only by scenarios that break a caller rule)`,
  { missing: issueMissing.map((s) => (outside.has(s) ? `${s}  [not generated: ${outside.get(s)}]` : s)) },
);
// 2b. The same time all generating (no neighbours), for comparison.
const near = explore(['--time', `${TIME}s`, '--neighbours', '0'], 'rediscovery-generation-only');
const nearMissing = approved.filter((a) => !near.findings.some((f) => matches(a.signature, f.signature))).map((a) => a.signature);
goal(
  `rediscovery, all of the time generating (seed ${SEED}, --time ${TIME}s --neighbours 0: ${near.runs} runs)`,
  '(for comparison)',
  true,
  `${approved.length - nearMissing.length} of ${approved.length} in ${(near.wallMs / 1000).toFixed(0)} s wall (with neighbours: ${approved.length - missing.length} in ${(run.wallMs / 1000).toFixed(0)} s, ${run.findings.filter((f) => f.neighbourOf && approved.some((a) => matches(a.signature, f.signature))).length} of its approved-signature findings by neighbours)`,
  { missing: nearMissing },
);
for (const f of near.findings) if (f.ops > 8) big.push(`${f.signature} (${f.ops} ops, generation-only run)`);
for (const f of near.findings) if (NO_FC_STEPS.includes(f.stage.slice(0, 2))) falseAlarms.push(f.signature);
for (const f of near.findings) if (!f.known && !fresh.includes(f.signature)) fresh.push(f.signature);
goal('rediscovery: each shrunk scenario <= 8 top-level ops', '0 larger', big.length === 0, `${big.length} larger`, { larger: big });
goal('no finding on the no-functional-change steps 02, 03, 09, 11, 12', '0', falseAlarms.length === 0, String(falseAlarms.length), { falseAlarms });
goal('signatures not approved (new)', '(reported, not a goal)', true, String(fresh.length), { fresh });

// 3. Time to first finding, per signature.
const ttff = run.findings.map((f) => ({ signature: f.signature, known: f.known, firstRun: f.firstRun, firstMs: f.firstMs, ops: f.ops })).sort((a, b) => a.firstMs - b.firstMs || (a.signature < b.signature ? -1 : 1));

// A signature no approval covers is to be investigated: its shrunk scenario is kept (the runs'
// directories go) and embedded in the JSON, because a time-limited run cannot be replayed exactly
// (its threads stop at different points).
const freshFiles = [...run.findings, ...near.findings].filter((f, i, all) => !f.known && all.findIndex((g) => g.signature === f.signature) === i);
const kept = freshFiles.length ? mkdtempSync(join(tmpdir(), 'slabseries-explore-bench-new-')) : null;
const freshScenarios = freshFiles.map((f) => {
  const from = resolve(ROOT, f.file);
  copyFileSync(from, join(kept, basename(from)));
  return { signature: f.signature, file: join(kept, basename(from)), scenario: JSON.parse(readFileSync(from, 'utf8')) };
});
rmSync(tmp, { recursive: true, force: true });
const summary = { machine: { cores: availableParallelism(), loadAverageBefore: Number(loadBefore.toFixed(2)), loadAverageAfter: Number(loadavg()[0].toFixed(2)), reference_s: Number(refBefore.toFixed(3)) }, seed: Number(SEED), goals: results, timeToFirstFinding: ttff, coverage: run.coverage, newSignatureScenarios: freshScenarios };
if (json) process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
else {
  const m = summary.machine;
  process.stdout.write(`issue 10 goals (seed ${SEED}; ${m.cores} cores; load average ${m.loadAverageBefore} before, ${m.loadAverageAfter} after; reference workload ${m.reference_s} s)\n`);
  for (const g of results) {
    process.stdout.write(`  ${g.pass ? 'PASS' : 'FAIL'}  ${g.goal}: ${g.figure}, goal ${g.target}\n`);
    for (const k of ['missing', 'larger', 'falseAlarms', 'fresh']) for (const s of g[k] ?? []) process.stdout.write(`          ${s}\n`);
  }
  for (const f of freshScenarios) process.stdout.write(`  new signature kept for investigation: ${f.file}\n          ${f.signature}\n`);
  process.stdout.write(`  time to first finding (run, ms, signature):\n`);
  for (const t of ttff) process.stdout.write(`    ${String(t.firstRun).padStart(6)} ${String(t.firstMs).padStart(7)} ms  ${t.known ? '' : '(new) '}${t.signature}\n`);
}
process.exitCode = results.every((g) => g.pass) ? 0 : 1;
