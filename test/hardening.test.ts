// Hardening (issue 9): bad input is exit 2 with one line, writes stay inside their folder and are
// all-or-nothing, output does not depend on the locale, the CLI follows the usual conventions.
// Each test fails on the code before the hardening branch.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { BudgetError, ScenarioError } from '../src/harness/domain.ts';
import { runScenario } from '../src/harness/runner.ts';
import { insideRoot, writeAllOrNothing } from '../src/harness/atomic-write.ts';
import { parseJsonStrict } from '../src/harness/json.ts';
import { oneLine, shown } from '../src/harness/text.ts';
import { parseScenarioText } from '../src/cli/scenarios.ts';
import { colorEnabled, domain, GOLDEN, ROOT } from '../src/cli/context.ts';
import { approve, checkReason, loadApproved } from '../src/cli/approvals.ts';
import { main } from '../src/cli/main.ts';
import { writePatches } from '../src/patches/generate.ts';
import { propagate, PropagateError } from '../src/patches/propagate.ts';
import { BISECT_RUN, exportGit, ExportError } from '../src/export/git-export.ts';
import { loadTreeStage } from '../src/export/tree-stage.ts';
import { rfc } from '../src/series/rfc/index.ts';

const stages = rfc.stages;
const BIN = join(ROOT, 'bin', 'slabseries.mjs');
const temps: string[] = [];
function temp(prefix = 'slabseries-hard-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  temps.push(d);
  return d;
}
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

/** Parse the text as the file `name.json` and run it on stage NN, with a small budget. */
function load(body: object, name = 'r') {
  return parseScenarioText(JSON.stringify({ name, description: '', ...body }), `${name}.json`, stages);
}
function outcome(body: object, stage = 0): { kind: 'ok' | 'refused' | 'budget' | 'internal'; msg: string; text?: string } {
  try {
    const obs = runScenario(domain, stages[stage], load(body), { budget: { ops: 20_000, bytes: 64 << 20, ms: 10_000 } });
    return { kind: 'ok', msg: '', text: domain.render.observation(obs) };
  } catch (e) {
    const msg = (e as Error).message;
    if (e instanceof BudgetError) return { kind: 'budget', msg };
    if (e instanceof ScenarioError) return { kind: 'refused', msg };
    return { kind: 'internal', msg: `${(e as Error).constructor.name}: ${msg}` };
  }
}

describe('1. input the kernel model cannot take: exit 2 or a valid run, never a hang or an internal error', () => {
  it('kmalloc, kvmalloc, kzalloc and prefill_sheaf above 1 GiB return NULL (kmalloc above KMALLOC_MAX_SIZE warns, as in the kernel)', () => {
    const r = outcome({
      ops: [
        { op: 'kmalloc', size: 1073741825, gfp: 'GFP_KERNEL' },
        { op: 'kvmalloc', size: 1073741825, gfp: 'GFP_KERNEL' },
        { op: 'kzalloc', size: 2 ** 40, gfp: 'GFP_KERNEL' },
        { op: 'kmalloc', size: (4 << 20) + 1, gfp: 'GFP_KERNEL|__GFP_NOWARN' },
        { op: 'kmem_cache_prefill_sheaf', cache: 'kmalloc-64', gfp: 'GFP_KERNEL', size: 1073741825 },
      ],
    });
    expect(r.kind, r.msg).toBe('ok');
    expect(r.text).toMatch(/\[0\] kmalloc -> NULL/);
    expect(r.text).toMatch(/WARN_ON_ONCE_GFP\(order > MAX_PAGE_ORDER\)/);
    expect(r.text).toMatch(/\[3\] kmalloc -> NULL/);
  });
  it('KMALLOC_MAX_SIZE itself still succeeds', () => {
    const r = outcome({ ops: [{ op: 'kmalloc', size: 4 << 20, gfp: 'GFP_KERNEL' }] });
    expect(r.text).toMatch(/\[0\] kmalloc -> object/);
  });
  it.each([
    ['hold_lock on node -1', { ops: [{ op: 'hold_lock', lock: 'zone', node: -1, cpu: 1 }] }, /ops\[0\]\.node: expected a node number below 2 \(hold_lock needs a real node/],
    ['set_watermarks on node -1', { ops: [{ op: 'set_watermarks', node: -1, free: 3 }] }, /ops\[0\]\.node/],
    ['fail_page_allocs on node -1', { ops: [{ op: 'fail_page_allocs', node: -1, count: 3 }] }, /ops\[0\]\.node/],
    ['bulk of 200000', { ops: [{ op: 'kmem_cache_alloc_bulk', cache: 'kmalloc-64', gfp: 'GFP_KERNEL', count: 200000 }] }, /ops\[0\]\.count: expected an integer 0\.\.4096/],
    ['slubDebug.caches: [1]', { config: { slubDebug: { flags: ['F'], caches: [1] } }, ops: [{ op: 'irq_work' }] }, /config\.slubDebug\.caches/],
    ['an op named constructor', { ops: [{ op: 'constructor' }] }, /ops\[0\]\.op: unknown operation "constructor"/],
    ['a write past 4 MiB', { ops: [{ op: 'kmalloc', size: 8, gfp: 'GFP_KERNEL', as: 'p' }, { op: 'write', obj: 'p', offset: 1 << 30, length: 1, value: 1 }] }, /ops\[1\]\.offset/],
    ['a size that is not a safe integer', { ops: [{ op: 'kmalloc', size: 2 ** 60, gfp: 'GFP_KERNEL' }] }, /ops\[0\]\.size: expected an integer/],
  ])('%s is refused (exit 2) naming the field', (_n, body, re) => {
    const r = outcome(body);
    expect(r.kind, r.msg).toBe('refused');
    expect(r.msg).toMatch(re);
  });
  it('inject nesting deeper than 8 is refused; 900 levels need no native stack', () => {
    let op: object = { op: 'kmalloc_nolock', size: 8, gfp: '0' };
    for (let i = 0; i < 900; i++) op = { op: 'kmalloc', size: 8, gfp: 'GFP_KERNEL', inject: [{ at: 'pcs_locked', context: 'nmi', ops: [op] }] };
    const deep = parseJsonStrict.bind(null, JSON.stringify({ name: 'r', description: '', ops: [op] }));
    expect(deep).toThrow(/nested deeper than 64 levels/);
    let eight: object = { op: 'kmalloc_nolock', size: 8, gfp: '0' };
    for (let i = 0; i < 9; i++) eight = { op: 'kmalloc', size: 8, gfp: 'GFP_KERNEL', inject: [{ at: 'pcs_locked', context: 'nmi', ops: [eight] }] };
    expect(outcome({ ops: [eight] }).msg).toMatch(/injections nested deeper than 8 levels/);
  });
  it('a write beyond the object page is n/a, not an internal error', () => {
    const r = outcome({ ops: [{ op: 'kmalloc', size: 8, gfp: 'GFP_KERNEL', as: 'p' }, { op: 'write', obj: 'p', offset: 8000, length: 200, value: 1 }] });
    expect(r.kind, r.msg).toBe('ok');
    expect(r.text).toMatch(/\[1\] write -> n\/a.*leaves the memory/);
  });
  it('8 x 1 GiB vmalloc with __GFP_NOFAIL on a 256 GiB machine ends with "scenario exceeds budget"', () => {
    const r = outcome({ config: { pagesPerNode: 1 << 24, nodes: 4 }, ops: Array.from({ length: 8 }, () => ({ op: 'kvmalloc', size: 1 << 30, gfp: 'GFP_KERNEL|__GFP_NOFAIL' })) });
    expect(r.kind, r.msg).toBe('budget');
    expect(r.msg).toMatch(/scenario exceeds budget: more than \d+ bytes of memory backed/);
  });
  // Wall time jumps when the process is stopped (Ctrl-Z, SIGSTOP) and resumed: an explore stopped for
  // a minute ended with "internal error: ... ran longer than 60000 ms". The budget is CPU time.
  it("a run's time is the CPU time it used: stopped past its budget (Ctrl-Z) it goes on, having spent it it is stopped", () => {
    const body = { ops: [{ op: 'kmalloc', size: 64, gfp: 'GFP_KERNEL', as: 'a' }, { op: 'kfree', obj: 'a' }, { op: 'kmalloc', size: 64, gfp: 'GFP_KERNEL' }] };
    const before = outcome(body);
    expect(before.kind, before.msg).toBe('ok');
    // Every reading of the wall clock a minute and more after the one before: a process stopped
    // between the operations, using no CPU meanwhile.
    const realNow = Date.now;
    let jumps = 0;
    const now = vi.spyOn(Date, 'now').mockImplementation(() => realNow() + 70_000 * ++jumps);
    try {
      const stopped = outcome(body);
      expect(jumps).toBeGreaterThan(2);
      expect([stopped.kind, stopped.text]).toEqual(['ok', before.text]);
      // The same with the CPU time spent too (11 s more at every reading than at the run's start).
      const realCpu = process.cpuUsage.bind(process);
      let readings = 0;
      const cpu = vi.spyOn(process, 'cpuUsage').mockImplementation(() => {
        const u = realCpu();
        return { user: u.user + 11_000_000 * readings++, system: u.system };
      });
      try {
        const spun = outcome(body);
        expect(spun.kind, spun.msg).toBe('budget');
        expect(spun.msg).toMatch(/scenario exceeds budget: ran longer than 10000 ms of CPU time, at ops\[0\]/);
      } finally {
        cpu.mockRestore();
      }
    } finally {
      now.mockRestore();
    }
  });
  it('an injection that fires itself over and over ends with "scenario exceeds budget" or runs, never overflows the stack', () => {
    const inner = { op: 'kmalloc', size: 64, gfp: 'GFP_ATOMIC', inject: [{ at: 'page_alloc', context: 'nmi', count: 64, ops: [{ op: 'kmalloc_nolock', size: 64, gfp: '0' }] }] };
    const r = outcome({ ops: [{ op: 'kmalloc', size: 8000, gfp: 'GFP_KERNEL', inject: [{ at: 'page_alloc', context: 'nmi', count: 64, ops: [inner, inner] }] }] });
    expect(['ok', 'budget']).toContain(r.kind);
  });
  it('a sheaf used with another cache than its own is n/a, not an internal error (found by the fuzzer)', () => {
    const r = outcome({ config: { memcg: true }, ops: [{ op: 'kmem_cache_prefill_sheaf', cache: 'kmalloc-rcl-8k', gfp: 'GFP_KERNEL', size: 8, as: 's' }, { op: 'kmem_cache_alloc_from_sheaf', cache: 'kmalloc-cg-1k', gfp: 'GFP_KERNEL', sheaf: 's' }] }, 14);
    expect(r.kind, r.msg).toBe('ok');
    expect(r.text).toMatch(/\[1\] kmem_cache_alloc_from_sheaf -> n\/a.*prefilled from kmalloc-rcl-8k/);
  });
  it('freeing to the wrong cache is n/a, not an internal error', () => {
    const r = outcome({ ops: [{ op: 'kmalloc', size: 24, gfp: 'GFP_KERNEL', as: 'p' }, { op: 'kmem_cache_free_bulk', cache: 'kmalloc-8', obj: 'p' }] }, 14);
    expect(r.kind, r.msg).toBe('ok');
    expect(r.text).toMatch(/Wrong slab cache/);
  });
});

describe('2. loader strictness', () => {
  const ok = { ops: [{ op: 'kmalloc', size: 8, gfp: 'GFP_KERNEL' }] };
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('an unknown field named %s is refused (own-property checks)', (k) => {
    const op = JSON.parse(`{"op":"kmalloc","size":8,"gfp":"GFP_KERNEL",${JSON.stringify(k)}:1}`);
    expect(() => load({ ops: [op] })).toThrow(new RegExp(`ops\\[0\\]\\.${k.replace(/_/g, '_')}: unknown field for kmalloc`));
    const config = JSON.parse(`{${JSON.stringify(k)}:1}`);
    expect(() => load({ config, ...ok })).toThrow(/config\.\S+: unknown config field/);
  });
  it('duplicate JSON keys are refused', () => {
    expect(() => parseScenarioText('{"name":"r","description":"","ops":[{"op":"kmalloc","op":"kfree","size":8,"gfp":"GFP_KERNEL"}]}', 'r.json', stages)).toThrow(/r\.json: duplicate key "op" \(at line 1, column \d+\)/);
  });
  it('a UTF-8 BOM is refused', () => {
    expect(() => parseScenarioText('\ufeff' + JSON.stringify({ name: 'r', description: '', ...ok }), 'r.json', stages)).toThrow(/byte-order mark/);
  });
  it.each(['../../x', 'a\u0000b', 'Upper', 'has space'])('name %j is refused: kebab-case only', (name) => {
    expect(() => parseScenarioText(JSON.stringify({ name, description: '', ...ok }), 'x.json', stages)).toThrow(ScenarioError);
  });
  it('name must equal the file name', () => {
    expect(() => parseScenarioText(JSON.stringify({ name: 'other', description: '', ...ok }), 'dir/r.json', stages)).toThrow(/"other" must be the file name without \.json \("r"\)/);
    expect(load(ok).name).toBe('r');
  });
  it('messages are one line, escaped and short: no forged line, no colour, no 5 MB echo', () => {
    const forged = 'GFP_KERNEL|\u001b[31m\nslabseries: all good\u001b[0m' + 'x'.repeat(5_000_000);
    let msg = '';
    try {
      load({ ops: [{ op: 'kmalloc', size: 8, gfp: forged }] });
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toMatch(/ops\[0\]\.gfp/);
    expect(msg).not.toMatch(/[\u0000-\u001f]/);
    expect(msg.length).toBeLessThanOrEqual(200);
    expect(oneLine('a\nb\u001b[31m' + 'y'.repeat(500))).toMatch(/^a b\\u001b\[31my+…$/);
    expect(oneLine('x'.repeat(500)).length).toBe(200);
    expect(shown('\u009b31m')).toBe('"\\u009b31m"');
  });
  it.each([
    [{ ops: [{ op: 'kmaloc', size: 8, gfp: 'GFP_KERNEL' }] }, /unknown operation "kmaloc" \(did you mean "kmalloc"\?\)/],
    [{ ops: [{ op: 'kmalloc', size: 8, gfp: 'GFP_KERNL' }] }, /unknown gfp name "GFP_KERNL" \(did you mean "GFP_KERNEL"\?\)/],
    [{ ops: [{ op: 'kmalloc', sizze: 8, gfp: 'GFP_KERNEL' }] }, /ops\[0\]\.sizze: unknown field for kmalloc \(did you mean "size"\?\)/],
    [{ ops: [{ op: 'kmem_cache_alloc', cache: 'kmalloc-65', gfp: 'GFP_KERNEL' }] }, /unknown cache "kmalloc-65" \(did you mean "kmalloc-64"\?\)/],
    [{ config: { nodez: 2 }, ops: [{ op: 'irq_work' }] }, /config\.nodez: unknown config field \(did you mean "nodes"\?\)/],
  ])('unknown names get a "did you mean" (%#)', (body, re) => {
    expect(() => load(body)).toThrow(re);
  });
});

describe('3. writes stay inside the project and are all-or-nothing', () => {
  it('insideRoot refuses paths that leave their folder (golden --update, patches)', () => {
    expect(() => insideRoot(GOLDEN, '00-baseline/../../../../outside/x.txt')).toThrow(/outside/);
    expect(() => insideRoot(GOLDEN, '/etc/passwd')).toThrow(/outside/);
    expect(insideRoot(GOLDEN, '00-baseline/x.txt')).toBe(join(GOLDEN, '00-baseline', 'x.txt'));
  });
  it('writeAllOrNothing restores every file when a move fails midway', () => {
    const d = temp();
    for (const f of ['a', 'b', 'c']) writeFileSync(join(d, f), `old ${f}`);
    const writes = ['a', 'b', 'c', 'new'].map((f) => ({ path: join(d, f), content: `new ${f}` }));
    expect(() => writeAllOrNothing(d, writes, { beforeMove: (i) => { if (i === 2) throw new Error('disk full'); } })).toThrow(/disk full/);
    expect(['a', 'b', 'c'].map((f) => readFileSync(join(d, f), 'utf8'))).toEqual(['old a', 'old b', 'old c']);
    expect(readdirSync(d).sort()).toEqual(['a', 'b', 'c']);
    writeAllOrNothing(d, writes);
    expect(readFileSync(join(d, 'new'), 'utf8')).toBe('new new');
  });
  it('patches --write: a crafted series line deletes nothing outside patches/', () => {
    const d = temp();
    const victim = join(d, 'x.patch');
    writeFileSync(victim, 'precious');
    mkdirSync(join(d, 'patches'));
    writeFileSync(join(d, 'patches', 'series'), '0001-/../../x.patch\n0001-/../x.patch\n');
    writePatches(join(d, 'patches'), [{ name: 'series', content: '0001-a.patch\n' }, { name: '0001-a.patch', content: 'x' }]);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
  });
  it('propagate: a write failure at a later stage changes nothing (not only conflicts)', () => {
    const repo = temp();
    const git = (...a: string[]) => spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...a], { cwd: repo, encoding: 'utf8' });
    git('init', '-q');
    const st = join(repo, 'stages');
    for (const s of ['00-a', '01-b', '02-c']) mkdirSync(join(st, s), { recursive: true });
    for (const s of ['00-a', '01-b', '02-c']) writeFileSync(join(st, s, 'x.ts'), 'x\n');
    mkdirSync(join(st, '01-b', 'sub'));
    writeFileSync(join(st, '01-b', 'sub', 'keep.ts'), 'k\n');
    writeFileSync(join(st, '02-c', 'sub'), 'a file where stage 00 has a folder\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    mkdirSync(join(st, '00-a', 'sub'));
    writeFileSync(join(st, '00-a', 'sub', 'new.ts'), 'new\n');
    expect(() => propagate(repo, st, ['00-a', '01-b', '02-c'], '00-a')).toThrow(PropagateError);
    expect(existsSync(join(st, '01-b', 'sub', 'new.ts'))).toBe(false);
    expect(readdirSync(join(st, '01-b', 'sub'))).toEqual(['keep.ts']);
    rmSync(join(st, '02-c', 'sub'));
    const r = propagate(repo, st, ['00-a', '01-b', '02-c'], '00-a');
    expect(r.updates.map((u) => `${u.stage}/${u.file}`)).toEqual(['01-b/sub/new.ts', '02-c/sub/new.ts']);
    expect(readFileSync(join(st, '02-c', 'sub', 'new.ts'), 'utf8')).toBe('new\n');
    expect(readdirSync(join(st, '01-b', 'sub')).sort()).toEqual(['keep.ts', 'new.ts']);
  });
  it('export-git: a file path as target is exit 2 (ExportError), not an internal error', async () => {
    const d = temp();
    writeFileSync(join(d, 'file'), 'x');
    await expect(exportGit(join(d, 'file'), rfc)).rejects.toBeInstanceOf(ExportError);
    await expect(exportGit(join(d, 'file', 'sub'), rfc)).rejects.toBeInstanceOf(ExportError);
  });
  it('export-git: a file that appears in the empty target meanwhile is kept, the export refused, no temporary left; progress is reported', async () => {
    const d = temp();
    const target = join(d, 'repo');
    mkdirSync(target);
    const seen: number[] = [];
    // The base and the first two patches: the refusal happens at the final rename, whatever the
    // length of the history (the whole series is exported by export-git.test).
    const short = { ...rfc, stages: rfc.stages.slice(0, 3) };
    const run = exportGit(target, short, (done) => {
      seen.push(done);
      if (done === 1) writeFileSync(join(target, 'notes.txt'), 'mine');
    });
    await expect(run).rejects.toThrow(/no longer empty/);
    expect(readFileSync(join(target, 'notes.txt'), 'utf8')).toBe('mine');
    expect(readdirSync(d)).toEqual(['repo']);
    expect(seen).toEqual(Array.from({ length: short.stages.length }, (_, i) => i + 1));
  }, 120_000);
  it('export-git: SIGINT leaves no hidden .NAME.tmp-* behind', async () => {
    const d = temp();
    const p = spawn(process.execPath, [BIN, 'export-git', join(d, 'repo')], { stdio: 'ignore' });
    const closed = new Promise<number | null>((r) => p.on('close', (code) => r(code)));
    // Interrupt while the export is under way: once its temporary repository exists (a fixed delay
    // raced with an export that finished first on a quiet machine) and git init has run in it:
    // exportGit creates the directory a moment before it installs its signal handlers, and on a
    // loaded machine a SIGINT sent in between met Node's default action (exit by signal, no 130).
    const tmpOf = () => readdirSync(d).filter((n) => n.startsWith('.repo.tmp-'));
    const started = () => tmpOf().some((n) => existsSync(join(d, n, '.git')));
    for (let i = 0; i < 600 && !started(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(tmpOf().length).toBe(1);
    p.kill('SIGINT');
    expect(await closed).toBe(130);
    expect(readdirSync(d)).toEqual([]);
  }, 60_000);
  it('bisect-run: loading a tree leaves no slabseries-tree-* directory', async () => {
    const t = temp();
    const prev = process.env.TMPDIR;
    process.env.TMPDIR = t;
    try {
      const st = await loadTreeStage(join(ROOT, 'src', 'stages', '00-baseline'), { kernel: join(ROOT, 'src', 'kernel'), slab: join(ROOT, 'src', 'slab') });
      expect(st).not.toBeNull();
    } finally {
      if (prev === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = prev;
    }
    expect(readdirSync(t)).toEqual([]);
  }, 60_000);
  it('check --approve --reason: one non-blank line', () => {
    for (const bad of ['   ', '', 'two\nlines', 'a\u001b[31mb']) expect(() => checkReason(bad)).toThrow(/--reason/);
    expect(checkReason('  a reason  ')).toBe('a reason');
    // A reason without --approve would be dropped unrecorded: refused instead.
    expect(() => checkReason('a reason', false)).toThrow(/--reason is the reason of an approval: use it with --approve/);
    const path = join(temp(), 'approved.json');
    const report = { stages: [], scenarios: [], cells: [], findings: [], newFindings: [{ stage: '05', scenario: 's', finding: 'regressed' as const, signatures: ['05 regressed x'] }], vanished: [], staleExamples: [] };
    expect(() => approve(path, report, [], '   ')).toThrow(/non-blank/);
    expect(() => approve(path, report, [], 'line one\nline two')).toThrow(/one line/);
    expect(existsSync(path)).toBe(false);
  });
  it('check --approve moves a stale example to the first place that shows its approval now, needing no --reason, and keeps the reason', () => {
    const path = join(temp(), 'approved.json');
    const stale = { signature: '05 regressed x @* [*]', reason: 'known', example: { stage: '05', scenario: 'gone' } };
    const kept = { signature: '06 regressed y', reason: 'still shown', example: { stage: '06', scenario: 'b' } };
    const findings = [
      { stage: '06', scenario: 'b', finding: 'regressed' as const, signatures: ['06 regressed y'] },
      { stage: '05', scenario: 'c', finding: 'regressed' as const, signatures: ['05 regressed x @kmalloc [task reclaim kmalloc]'] },
    ];
    const report = { stages: [], scenarios: [], cells: [], findings, newFindings: [], vanished: [], staleExamples: [stale] };
    expect(approve(path, report, [stale, kept], undefined)).toEqual({ added: 0, dropped: 0, moved: 1 });
    expect(loadApproved(path)).toEqual([{ ...stale, example: { stage: '05', scenario: 'c' } }, kept]);
  });
  it('check --approve keeps the file in its order and puts a new approval after the last one of its step', () => {
    const path = join(temp(), 'approved.json');
    const given = ['06 regressed z', '05 regressed y', '05 regressed a', '13 undeclared q'].map((signature) => ({ signature, reason: 'known' }));
    const newFindings = [
      { stage: '05', scenario: 's', finding: 'regressed' as const, signatures: ['05 regressed m'] },
      { stage: '07', scenario: 's', finding: 'regressed' as const, signatures: ['07 regressed n'] },
    ];
    const report = { stages: [], scenarios: [], cells: [], findings: newFindings, newFindings, vanished: [], staleExamples: [] };
    expect(approve(path, report, given, 'new ones')).toEqual({ added: 2, dropped: 0, moved: 0 });
    expect(loadApproved(path).map((a) => a.signature)).toEqual(['06 regressed z', '05 regressed y', '05 regressed a', '05 regressed m', '13 undeclared q', '07 regressed n']);
  });
  it("check --base --approve: a base's file gets only what the series' approvals leave open; a bad file is named in its error", () => {
    const path = join(temp(), 'approved-mm-unstable.json');
    const report = { stages: [], scenarios: [], cells: [], findings: [], newFindings: [{ stage: '13', scenario: 's', finding: 'undeclared' as const, signatures: ['13 undeclared a', '13 undeclared b'] }], vanished: [], staleExamples: [] };
    const series = [{ signature: '13 undeclared a', reason: 'the series approves it' }];
    expect(approve(path, report, [], 'only the base shows b', series)).toEqual({ added: 1, dropped: 0, moved: 0 });
    expect(loadApproved(path).map((a) => a.signature)).toEqual(['13 undeclared b']);
    writeFileSync(path, '{');
    expect(() => loadApproved(path)).toThrow(/^findings\/approved-mm-unstable\.json: not valid JSON/);
    writeFileSync(path, '[{"signature": "x"}]');
    expect(() => loadApproved(path)).toThrow('findings/approved-mm-unstable.json: [0].reason: expected a non-empty string');
    writeFileSync(path, JSON.stringify([{ signature: '13 undeclared a', reason: 'one' }, { signature: '13 undeclared b', reason: 'two' }, { signature: '13 undeclared a', reason: 'again' }]));
    expect(() => loadApproved(path)).toThrow('findings/approved-mm-unstable.json: [2].signature: the same signature as [0] (one approval per signature)');
  });
});

describe('4. determinism across locales', () => {
  const LOCALES = ['lt_LT.UTF-8', 'da_DK.UTF-8', 'C'];
  it('metrics sorts by code unit under every locale', () => {
    // The compiled module (global-setup builds dist/ from src/ before the tests): no TypeScript
    // loader to start in each process.
    const script = `import { publicApiOf } from ${JSON.stringify(join(ROOT, 'dist', 'metrics', 'stage.js'))};
const names = ['y_fn', 'i_fn', 'j_fn', 'aa_fn', 'z_fn', 'Z_fn', 'ch_fn', 'h_fn'];
const f = { path: 'x', functions: [], decls: names.map((name) => ({ name, kind: 'const', exported: true, text: '', members: [] })), identifiers: {}, topLevelCalls: [] };
console.log(publicApiOf(f).map((e) => e.name).join(','));`;
    const out = LOCALES.map((l) => spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LANG: l, LC_ALL: l } }));
    for (const o of out) expect(o.status, o.stderr).toBe(0);
    expect(out.map((o) => o.stdout.trim())).toEqual(LOCALES.map(() => 'Z_fn,aa_fn,ch_fn,h_fn,i_fn,j_fn,y_fn,z_fn'));
  }, 60_000);
  it('run --json: allocation-tag sites in the same order under lt_LT and da_DK', () => {
    const d = temp();
    const sites = ['y-site', 'i-site', 'aa-site', 'z-site', 'Z-site', 'ch-site', 'h-site'];
    writeFileSync(join(d, 'tags.json'), JSON.stringify({ name: 'tags', description: '', config: { profiling: true }, ops: sites.map((site) => ({ op: 'kmalloc', size: 64, gfp: 'GFP_KERNEL', site })) }));
    const out = LOCALES.slice(0, 2).map((l) => spawnSync(process.execPath, [BIN, 'run', 'tags.json', '--json'], { cwd: d, encoding: 'utf8', env: { ...process.env, LANG: l, LC_ALL: l } }));
    for (const o of out) expect(o.status, o.stderr).toBe(0);
    expect(out[0].stdout).toBe(out[1].stdout);
    const tags = Object.keys(JSON.parse(out[0].stdout).end.tags);
    expect(tags).toEqual([...sites].sort());
  }, 60_000);
});

describe('5. CLI conventions', () => {
  const quiet = () => {
    const o = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const e = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    return () => {
      const out = o.mock.calls.map((c) => String(c[0])).join('');
      const err = e.mock.calls.map((c) => String(c[0])).join('');
      o.mockRestore();
      e.mockRestore();
      return { out, err };
    };
  };
  it('bisect-run: a mistyped scenario or a usage error exits >= 128, so that git bisect run aborts', async () => {
    let done = quiet();
    expect(await main(['bisect-run', '--tree', ROOT, '--scenario', 'no-such-scenario'])).toBeGreaterThanOrEqual(128);
    expect(done().err).toMatch(/no scenario named "no-such-scenario"/);
    done = quiet();
    expect(await main(['bisect-run', '--tree', ROOT])).toBeGreaterThanOrEqual(128);
    done();
  });
  it('the exported bisect-run script stops git bisect (255) when slabseries cannot be run, instead of blaming the commit', () => {
    const d = temp();
    spawnSync('git', ['init', '-q'], { cwd: d });
    writeFileSync(join(d, 'bisect-run'), BISECT_RUN, { mode: 0o755 });
    const r = spawnSync('./bisect-run', ['some-scenario'], { cwd: d, encoding: 'utf8', env: { ...process.env, SLABSERIES: 'no-such-command-slabseries' } });
    expect(r.status).toBe(255);
    expect(r.stderr).toMatch(/set SLABSERIES/);
  });
  // export-git's try: line naming this installation: test/export-git.test.ts, on the export it makes
  // afresh through the command anyway (a whole export here cost seven seconds).
  it('NO_COLOR and FORCE_COLOR are honoured (on a terminal too)', () => {
    expect(colorEnabled({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled({ isTTY: true }, { NO_COLOR: '1', FORCE_COLOR: '1' })).toBe(false);
    expect(colorEnabled({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
    expect(colorEnabled({ isTTY: true }, { FORCE_COLOR: '0' })).toBe(false);
    expect(colorEnabled({ isTTY: true }, {})).toBe(true);
    expect(colorEnabled({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
    expect(colorEnabled({ isTTY: false }, {})).toBe(false);
  });
  it('a closed stdout (| head -1) ends quietly, without an EPIPE stack trace', async () => {
    const p = spawn(process.execPath, [BIN, 'scenarios'], { stdio: ['ignore', 'pipe', 'pipe'] });
    p.stdout.destroy();
    let err = '';
    p.stderr.on('data', (d) => (err += d));
    const code = await new Promise((r) => p.on('close', r));
    expect(err).not.toMatch(/EPIPE|at .*\(/);
    expect(code).toBe(0);
  }, 60_000);
  it('--version prints the package version', async () => {
    const done = quiet();
    expect(await main(['--version'])).toBe(0);
    expect(done().out.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });
  it('errors print one safe line', async () => {
    const d = temp();
    const f = join(d, 'evil\nslabseries: ok\u001b[32m.json');
    writeFileSync(f, '{');
    const done = quiet();
    expect(await main(['run', f])).toBe(2);
    const { err } = done();
    expect(err.split('\n').filter(Boolean)).toHaveLength(1);
    expect(err).not.toMatch(/\u001b/);
  });
});
