// The CLI as a user meets it: a real process, exit codes, one-line errors, --json.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inProcess } from './support/cli.ts';

const ROOT = join(import.meta.dirname, '..');
const cli = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin', 'slabseries.mjs'), ...args], { cwd: ROOT, encoding: 'utf8' });
const fixture = join(ROOT, 'fixtures', 'scenarios', 'kmalloc-fastpath.json');

describe('slabseries CLI', () => {
  it('runs a scenario and prints its observation as JSON', () => {
    const r = cli('run', fixture, '--stage', '00', '--json');
    expect(r.status).toBe(0);
    const obs = JSON.parse(r.stdout);
    expect(obs.stage).toBe('00-baseline');
    expect(obs.ops[0].result).toBe('object');
    expect(obs.ops[0].objects[0].bytes.requested).toBe(40);
  });
  it('rejects a malformed scenario with one line on stderr and exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slabseries-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ name: 'b', description: '', ops: [{ op: 'kmalloc', size: 8, gfp: 'GFP_KERNAL' }] }));
    const r = cli('run', bad);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/bad\.json: ops\[0\]\.gfp: unknown gfp name "GFP_KERNAL"/);
  });
  it('rejects invalid JSON and a missing file with exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slabseries-'));
    writeFileSync(join(dir, 'x.json'), '{ nope');
    expect(cli('run', join(dir, 'x.json')).status).toBe(2);
    const r = cli('run', join(dir, 'missing.json'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot read file/);
  });
  it('rejects a stage out of range with exit 2', () => {
    const r = cli('run', fixture, '--stage', '42');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/stage "42" is out of range/);
    // A list or a word is not "out of range": the message says what a stage looks like.
    const list = cli('check', '--scenario', 'bulk-basic', '--stage', '05,06');
    expect([list.status, list.stderr.trim().split('\n').length]).toEqual([2, 1]);
    expect(list.stderr).toMatch(/stage "05,06" is not a stage: expected its number, 00\.\.15, or its slug \(e\.g\. 05-alloc-flags-in-context\); one stage here \(explore --stage takes a list\)$/m);
  });
  it('has --help on every command', () => {
    for (const c of ['run', 'check', 'golden', 'list', 'scenarios']) {
      const r = cli(c, '--help');
      expect(r.status, c).toBe(0);
      expect(r.stdout, c).toMatch(/Usage: slabseries/);
    }
  });
  it('golden compares scenario files by their names, and --update refuses one that is not the shipped content', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slabseries-'));
    const shipped = JSON.parse(readFileSync(fixture, 'utf8'));
    // A verbatim copy of a shipped fixture, anywhere: compared with that fixture's golden file.
    writeFileSync(join(dir, 'kmalloc-fastpath.json'), JSON.stringify(shipped));
    const same = await inProcess('golden', join(dir, 'kmalloc-fastpath.json'), '--stage', '03');
    expect([same.status, same.stdout]).toEqual([0, '0 golden file(s) differ or are missing\n']);
    // The same name with an operation fewer: the golden file differs; --update would leave a golden
    // file no fixture explains, so it is refused before anything runs.
    const edited = join(dir, 'edited', 'kmalloc-fastpath.json');
    mkdirSync(join(dir, 'edited'));
    writeFileSync(edited, JSON.stringify({ ...shipped, ops: shipped.ops.slice(0, -1) }));
    const differs = await inProcess('golden', '--scenario', edited, '--stage', '03');
    expect(differs.status).toBe(1);
    expect(differs.stdout).toMatch(/^differs 03-introduce-slab-alloc-context\/kmalloc-fastpath\.txt: line \d+/m);
    const refused = await inProcess('golden', '--update', edited, '--stage', '03');
    expect([refused.status, refused.stdout]).toEqual([2, '']);
    expect(refused.stderr).toMatch(/^slabseries: error: "kmalloc-fastpath" differs from fixtures\/scenarios\/kmalloc-fastpath\.json: --update writes golden files only for the shipped content/);
    // A scenario never shipped: no golden files, said once; --update is refused and writes nothing.
    writeFileSync(join(dir, 'mine.json'), JSON.stringify({ ...shipped, name: 'mine' }));
    const mine = await inProcess('golden', join(dir, 'mine.json'), '--stage', '03', '--json');
    expect(mine.status).toBe(1);
    expect(JSON.parse(mine.stdout)).toEqual({ update: false, files: [{ file: '03-introduce-slab-alloc-context/mine.txt', status: 'missing', action: 'none' }], unshipped: ['mine'] });
    const update = await inProcess('golden', '--update', join(dir, 'mine.json'), '--stage', '03');
    expect(update.status).toBe(2);
    expect(update.stderr).toMatch(/"mine" is not a shipped scenario: --update writes golden files only for fixtures\/scenarios\/ \(ship it with `slabseries add-scenario FILE`\)$/m);
    expect(existsSync(join(ROOT, 'test', 'golden', '03-introduce-slab-alloc-context', 'mine.txt'))).toBe(false);
  });
  it('bisect takes its scenario as an argument or as --scenario, never two, never none', async () => {
    const positional = await inProcess('bisect', fixture, '--json');
    const option = await inProcess('bisect', '--scenario', fixture, '--json');
    expect(positional.status).toBe(0);
    expect(positional).toEqual(option);
    // kmalloc-fastpath's first change is RFC 01's requested-size zeroing (series-rfc.md, patch 01).
    expect(JSON.parse(positional.stdout).first).toBe(1);
    const two = await inProcess('bisect', 'kmalloc-fastpath', '--scenario', 'bulk-basic');
    expect([two.status, two.stdout, two.stderr]).toEqual([2, '', 'slabseries: error: bisect: two scenarios given ("kmalloc-fastpath" and --scenario "bulk-basic"); give one\n']);
    const none = await inProcess('bisect');
    expect([none.status, none.stderr]).toEqual([2, 'slabseries: error: bisect needs a scenario: bisect FILE|NAME (or --scenario FILE|NAME)\n']);
    // bisect-run aborts git bisect on bad input (exit 128), as for any other usage error of it.
    expect((await inProcess('bisect-run', '--tree', ROOT)).status).toBe(128);
  });
  it('check --stage NN shows the same cell as that column of the whole matrix, and the JSON calls only stage 00 the base', async () => {
    // A scenario whose verdicts differ from step to step (and from its contract state). In this
    // process (what is printed is the question, not the process): nine commands.
    const sc = 'rfc08-kfence-pick-moves-krealloc-growth-stale';
    const row = (out: string) => out.split('\n').find((l) => l.startsWith(sc))!.slice(sc.length).trim().match(/.{1,2}(\s|$)/g)!.map((x) => x.trim());
    const full = await inProcess('check', '--scenario', sc);
    const cells = row(full.stdout);
    expect(cells).toHaveLength(16);
    for (const nn of ['00', '04', '08', '14']) {
      const one = await inProcess('check', '--scenario', sc, '--stage', nn);
      expect(row(one.stdout), nn).toEqual([cells[Number(nn)]]);
      const json = JSON.parse((await inProcess('check', '--scenario', sc, '--stage', nn, '--json')).stdout);
      expect(json.stages[0].checks[0].description.startsWith('base'), nn).toBe(nn === '00');
    }
  });
});
