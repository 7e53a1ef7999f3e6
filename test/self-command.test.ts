// The commands slabseries prints (reproduce lines, hints) call its launcher directly, not through
// npx (issue 14: npx resolves the package again on every call), and they run as printed.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { selfCommand } from '../src/cli/context.ts';

const ROOT = join(import.meta.dirname, '..');

describe('selfCommand', () => {
  it('is the launcher relative to the current directory', () => {
    expect(selfCommand(ROOT)).toBe('bin/slabseries.mjs');
    expect(selfCommand(join(ROOT, 'fixtures', 'scenarios'))).toBe('../../bin/slabseries.mjs');
    expect(selfCommand(join(ROOT, 'bin'))).toBe('./slabseries.mjs');
  });

  it("bisect's reproduce line has no npx and runs as printed, from the project root and from elsewhere", () => {
    for (const cwd of [ROOT, join(ROOT, 'fixtures')]) {
      const file = join(ROOT, 'fixtures', 'scenarios', 'no-reclaim-trynode-kswapd.json');
      const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'slabseries.mjs'), 'bisect', '--scenario', file], { cwd, encoding: 'utf8' });
      expect(r.status).toBe(0);
      const line = /reproduce: (.*)/.exec(r.stdout)?.[1];
      expect(line).toBeDefined();
      expect(line).not.toMatch(/npx/);
      const again = spawnSync('sh', ['-c', line!], { cwd, encoding: 'utf8' });
      expect(again.status).toBe(0);
      expect(again.stdout).toContain('no-reclaim-trynode-kswapd');
    }
  });

  // A command printed for a series other than the default names it: without --series the line would
  // run the RFC's stage of the same number, another kernel.
  it('a v3 reproduce line names --series v3 and runs v3, not the RFC, as printed; an RFC line stays without it', () => {
    const file = join(ROOT, 'fixtures', 'scenarios', 'v3-06-trynode-no-kswapd-later-nolock-fails.json');
    const cli = (...a: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin', 'slabseries.mjs'), ...a], { cwd: ROOT, encoding: 'utf8' });
    const b = cli('bisect', '--scenario', file, '--series', 'v3');
    expect(b.status, b.stderr).toBe(0);
    const line = /reproduce: (.*)/.exec(b.stdout)?.[1];
    expect(line).toMatch(/ --series v3$/);
    expect(b.stdout).toMatch(/\(slabseries diff \d\d --scenario v3-06-trynode-no-kswapd-later-nolock-fails --series v3\):/);
    const stage = /--stage (\d\d)/.exec(line!)![1];
    const printed = spawnSync('sh', ['-c', line!], { cwd: ROOT, encoding: 'utf8' }).stdout;
    expect(printed).toBe(cli('run', file, '--stage', stage, '--series', 'v3').stdout);
    // The same stage number of the RFC is another kernel: a line without --series would show that.
    expect(printed).not.toBe(cli('run', file, '--stage', stage).stdout);
    // check and diff print the option too, once per command to run; the RFC's lines have none.
    // Its finding is at v3 06 (the step its name gives).
    const check = cli('check', '--series', 'v3', file, '--stage', '06');
    expect(check.stdout).toMatch(/reproduce: \S+ run \S+ --stage 06 --series v3\n/);
    const diff = cli('diff', stage, '--series', 'v3', '--scenario', file);
    expect(diff.stdout).toMatch(new RegExp(`reproduce: \\S+ run \\S+ --stage \\d\\d --series v3; \\S+ run \\S+ --stage ${stage} --series v3\n`));
    const rfcCheck = cli('check', join(ROOT, 'fixtures', 'scenarios', 'no-reclaim-trynode-kswapd.json'), '--stage', '05');
    expect(rfcCheck.stdout).toMatch(/reproduce: \S+ run \S+ --stage 05\n/);
  });
});
