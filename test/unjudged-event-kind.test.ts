// An event kind without a judging rule cannot go unnoticed: EventRules<T> (src/harness/domain.ts)
// requires one rule per kind, so a domain whose rules table lacks a kind does not compile. The
// fixtures (test/fixtures/*.ts.txt, outside the project's tsconfig) are compiled with the project's
// compiler options in a scratch directory: the one lacking a rule for the toy's "underflow" and for
// SLUB's "oom" must fail with errors naming exactly those kinds; the control, identical but for the
// missing rules, must compile.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const TSC = join(ROOT, 'node_modules', 'typescript', 'lib', 'tsc.js');

interface TscResult {
  status: number | null;
  errors: { file: string; line: number; code: string; message: string }[];
  output: string;
  source: string[];
}

async function compileFixture(name: string): Promise<TscResult> {
  const dir = mkdtempSync(join(tmpdir(), 'slabseries-tsc-'));
  const source = readFileSync(join(ROOT, 'test', 'fixtures', name), 'utf8').replaceAll('@ROOT@', ROOT);
  writeFileSync(join(dir, 'fixture.ts'), source);
  // An ES module, as every file of the project is (package.json "type": "module").
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  // The project's compiler options (strict, NodeNext, …); only the files and where @types live differ.
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ extends: join(ROOT, 'tsconfig.json'), compilerOptions: { typeRoots: [join(ROOT, 'node_modules', '@types')] }, include: [], files: ['fixture.ts'] }),
  );
  const r = await new Promise<{ status: number | null; out: string }>((done) => {
    const p = spawn(process.execPath, [TSC, '-p', join(dir, 'tsconfig.json'), '--pretty', 'false'], { cwd: dir });
    let out = '';
    p.stdout.on('data', (b) => (out += b));
    p.stderr.on('data', (b) => (out += b));
    p.on('close', (status) => done({ status, out }));
  });
  const output = r.out;
  const errors = [...output.matchAll(/^(.*?)\((\d+),\d+\): error (TS\d+): (.*)$/gm)].map((m) => ({ file: m[1], line: Number(m[2]), code: m[3], message: m[4] }));
  return { status: r.status, errors, output, source: source.split('\n') };
}

const lineOf = (r: TscResult, text: string) => r.source.findIndex((l) => l.includes(text)) + 1;

describe('an event kind without a rule', () => {
  // Both compilations run at once (each takes a few seconds).
  let broken: TscResult;
  let control: TscResult;
  beforeAll(async () => {
    [broken, control] = await Promise.all([compileFixture('unjudged-event-kind.ts.txt'), compileFixture('all-event-kinds-judged.ts.txt')]);
  }, 60_000);

  it('does not compile: tsc names the missing kind of each domain, and nothing else', () => {
    const r = broken;
    expect(r.status, r.output).not.toBe(0);
    // Only the fixture's two rule tables are refused (the project code it imports compiles).
    expect(r.errors.map((e) => e.file), r.output).toEqual(['fixture.ts', 'fixture.ts']);
    const toy = r.errors.find((e) => e.line === lineOf(r, 'export const toyRules'));
    const slub = r.errors.find((e) => e.line === lineOf(r, 'export const slubRules'));
    expect(toy?.message, r.output).toMatch(/Property 'underflow' is missing/);
    expect(slub?.message, r.output).toMatch(/Property 'oom' is missing/);
  });

  it('the control, with every kind judged, compiles', () => {
    const r = control;
    expect(r.errors, r.output).toEqual([]);
    expect(r.status, r.output).toBe(0);
  });
});
