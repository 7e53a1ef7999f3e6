// `slabseries report DIR`: the static review site, opened in a real browser (Debian's chromium,
// driven by playwright-core; no browser download). A missing browser is a failure, not a skip.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { rfc } from '../src/series/rfc/index.ts';
import { messageIdOf } from '../src/site/model.ts';
import { inProcess } from './support/cli.ts';

const ROOT = join(import.meta.dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const cli = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin', 'slabseries.mjs'), ...args], { cwd: ROOT, encoding: 'utf8' });
const SCENARIO_COUNT = readdirSync(join(ROOT, 'fixtures', 'scenarios')).filter((f) => f.endsWith('.json')).length;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)])).sort();
}

let site: string;
let shots: string;
let browser: Browser;

beforeAll(() => {
  const tmp = mkdtempSync(join(tmpdir(), 'slabseries-site-'));
  site = join(tmp, 'site');
  shots = join(tmp, 'screenshots');
  mkdirSync(shots);
  const r = cli('report', site);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

describe('slabseries report DIR', () => {
  it('writes index, one page per series, per patch and per scenario, and local stylesheets', () => {
    const files = walk(site).map((f) => relative(site, f));
    expect(files).toContain('index.html');
    expect(files).toContain('rfc/index.html');
    for (const e of rfc.entries) expect(files).toContain(`rfc/patch-${String(e.number).padStart(2, '0')}.html`);
    expect(files.filter((f) => /^rfc\/scenario-.*\.html$/.test(f))).toHaveLength(SCENARIO_COUNT);
    expect(files).toContain('assets/diff2html.min.css');
    // A v3 page's reproduce lines name the series (without it they would run the RFC's stages);
    // the RFC's, the default, do not.
    const v3page = readFileSync(join(site, 'v3', 'patch-06.html'), 'utf8');
    const v3lines = [...v3page.matchAll(/<code class="reproduce">([^<]*)<\/code>/g)].map((m) => m[1]);
    expect(v3lines.length).toBeGreaterThan(0);
    for (const l of v3lines) expect(l).toMatch(/ --series v3$/);
    const rfcLines = [...readFileSync(join(site, 'rfc', 'patch-05.html'), 'utf8').matchAll(/<code class="reproduce">([^<]*)<\/code>/g)].map((m) => m[1]);
    expect(rfcLines.length).toBeGreaterThan(0);
    for (const l of rfcLines) expect(l).not.toContain('--series');
  });

  it('needs no network and no server: no scripts, every local link resolves inside the site', () => {
    for (const f of walk(site).filter((x) => x.endsWith('.html'))) {
      const html = readFileSync(f, 'utf8');
      expect(html, f).not.toMatch(/<script/i);
      // stylesheets and images only from the site itself
      for (const m of html.matchAll(/<(?:link|img)[^>]*(?:href|src)="([^"]+)"/g)) expect(m[1], `${f}: ${m[1]}`).not.toMatch(/^[a-z]+:/i);
      for (const m of html.matchAll(/<a [^>]*href="([^"#][^"]*?)(#[^"]*)?"/g)) {
        if (/^https?:/.test(m[1])) {
          expect(m[1], f).toMatch(/^https:\/\/lore\.kernel\.org\//); // the original mails only
          continue;
        }
        expect(existsSync(resolve(dirname(f), m[1])), `${relative(site, f)} links to ${m[1]}`).toBe(true);
      }
    }
  });

  it('the patch page names the real C patch by its Message-ID and link, the files and functions it touches', () => {
    const e = rfc.entries.find((x) => x.number === 5)!;
    const html = readFileSync(join(site, 'rfc', 'patch-05.html'), 'utf8');
    // b4 and lore identify a mail by Message-ID; the manifest's link is lore's /all/<Message-ID>
    expect(messageIdOf(e.link)).toBe('20260609-slab_alloc_flags-v1-5-2bf4a4b9b526@kernel.org');
    expect(html).toContain(`href="${e.link}"`);
    expect(html).toContain('&lt;20260609-slab_alloc_flags-v1-5-2bf4a4b9b526@kernel.org&gt;');
    for (const f of e.kernelFiles) expect(html).toContain(`<code>${f}</code>`);
    for (const fn of e.functions) expect(html).toContain(`<code>${fn.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</code>`);
    expect(html).toContain('[PATCH 05/15] mm/slab: add alloc_flags to slab_alloc_context');
  });

  it('refuses a non-empty directory with exit 2 and one line, like export-git', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slabseries-site-'));
    writeFileSync(join(dir, 'keep'), 'x');
    const r = await inProcess('report', dir);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/is not empty/);
    expect(readdirSync(dir)).toEqual(['keep']);
    // A file where the directory should be, and a missing parent: the same one line, nothing written
    // (a file once gave 'internal error: ENOTDIR' and exit 3).
    for (const [target, msg] of [[join(dir, 'keep'), /keep is not a directory; choose a new or empty directory$/], [join(dir, 'no', 'site'), /no does not exist or is not a directory/]] as const) {
      const f = await inProcess('report', target);
      expect([f.status, f.stderr.trim().split('\n').length], target).toEqual([2, 1]);
      expect(f.stderr.trim()).toMatch(msg);
    }
    expect(readdirSync(dir)).toEqual(['keep']);
  });

  it('is deterministic: the command run again, on one thread, gives the same files, byte for byte', () => {
    // `report DIR` covers every registered series (rfc, v3), in registry order. A second run in
    // another process, from the run's result cache as the first left it (the observations and the
    // judged cells: that a cached judgement equals a fresh one is cache.test's), so this compares
    // what is built from them (`report` keeps no stored output of its own). It once ran the generator
    // in this process instead: the same check, 14.6 s of a full `npm test` against 6.6 s for this
    // second command in a run of this file alone.
    // The first run built v3 on a worker thread beside the RFC (on a machine with two cores, as CI's);
    // this one builds both on this thread (--jobs 1): the pages must not depend on where they were built.
    const again = join(dirname(site), 'site-again');
    const r = cli('report', again, '--jobs', '1');
    expect([r.status, r.stderr]).toEqual([0, '']);
    const files = walk(again).map((f) => relative(again, f));
    expect(files).toEqual(walk(site).map((f) => relative(site, f)));
    for (const f of files) expect(readFileSync(join(again, f), 'utf8'), f).toBe(readFileSync(join(site, f), 'utf8'));
  }, 300_000);

  it('in a real browser: the grid, the charts, a finding followed to its patch page with both stages side by side', async () => {
    expect(existsSync(CHROMIUM), `no browser at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium), as .ci/run does`).toBe(true);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const remote: string[] = [];
    page.on('request', (rq) => {
      if (!rq.url().startsWith('file://')) remote.push(rq.url());
    });
    await page.goto(pathToFileURL(join(site, 'index.html')).href);
    // one row per stage of the series (the base and each patch), one column per scenario
    const rows = page.locator('table.grid').first().locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(rfc.stages.length);
    expect(await page.locator('table.grid').first().locator('thead th.sc').count()).toBe(SCENARIO_COUNT);
    // the README's first finding: RFC 05 wakes kswapd for a no-reclaim caller (gone at 07)
    expect(await page.locator('#row-05 td.state, #row-05 .state').first().textContent()).toMatch(/warning|fail/);
    // the charts are SVG with drawn marks
    const charts = page.locator('.chart svg');
    expect(await charts.count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('.chart svg path').count()).toBeGreaterThan(0);
    expect(await page.locator('.chart').first().textContent()).toContain('gfp-based spin tests');

    const link = page.locator('a.finding-link[href$="patch-05.html#finding-no-reclaim-trynode-kswapd--regressed"]');
    expect(await link.count()).toBe(1);
    await link.first().click();
    await page.waitForURL(/rfc\/patch-05\.html#finding-no-reclaim-trynode-kswapd--regressed$/);
    const section = page.locator('section.finding', { has: page.locator('#finding-no-reclaim-trynode-kswapd--regressed') });
    expect(await section.count()).toBe(1);
    const sbs = section.locator('table.sbs').first();
    expect(await sbs.locator('th').allTextContents()).toEqual(['stage 04', 'stage 05']);
    // kswapd is woken at stage 05 only: the event is in the "after" column, marked as new there
    expect(await sbs.locator('td.after .came').allTextContents()).toContainEqual(expect.stringMatching(/kswapd wake/));
    expect(await sbs.locator('td.before').textContent()).not.toMatch(/kswapd wake/);
    expect(await section.locator('code.reproduce').first().textContent()).toBe('bin/slabseries.mjs run fixtures/scenarios/no-reclaim-trynode-kswapd.json --stage 04');
    await sbs.scrollIntoViewIfNeeded();
    const shot = join(shots, 'patch-05-finding.png');
    await page.screenshot({ path: shot });
    expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');

    // the TypeScript patch side by side (diff2html), and a verdict for every scenario
    expect(await page.locator('.ts-patch .d2h-file-side-diff').count()).toBeGreaterThan(0);
    expect(await page.locator('table.verdicts tbody tr').count()).toBe(SCENARIO_COUNT);

    // the scenario page marks its change points: 05 (regressed) and 07 (fixed again)
    await page.goto(pathToFileURL(join(site, 'rfc', 'scenario-no-reclaim-trynode-kswapd.html')).href);
    const cps = await page.locator('table.timeline td.cp').evaluateAll((tds) => tds.map((td) => td.getAttribute('title')!.slice(0, 2)));
    expect(cps).toEqual(expect.arrayContaining(['05', '07']));
    expect(cps).not.toContain('00');
    expect(remote).toEqual([]);
  });
});
