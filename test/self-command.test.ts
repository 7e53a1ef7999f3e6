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
});
