// Tiny HTML helpers for the static site: escaping, a page frame, relative links.

const SPECIAL = /[&<>"]/;

export function esc(s: string): string {
  // Most text of a site (observation lines, names) has nothing to escape: one scan instead of four.
  if (!SPECIAL.test(s)) return s;
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Tag helper: h('td', { class: 'x' }, 'text already escaped'). Attributes are escaped. */
export function h(tag: string, attrs: Record<string, string | undefined>, ...children: string[]): string {
  // A plain loop: the site calls this hundreds of thousands of times (report's profile: 4 % of it).
  let a = '';
  for (const k in attrs) {
    const v = attrs[k];
    if (v !== undefined) a += ` ${k}="${esc(v)}"`;
  }
  return `<${tag}${a}>${children.join('')}</${tag}>`;
}

/** A safe fragment id from arbitrary text. */
export function anchor(...parts: string[]): string {
  return parts.map((p) => p.replace(/[^A-Za-z0-9_-]+/g, '-')).join('--');
}

/** The relative prefix from a page at `path` back to the site root. */
export function rootOf(path: string): string {
  const depth = path.split('/').length - 1;
  return depth ? '../'.repeat(depth) : './';
}

export function page(path: string, title: string, body: string, extraCss: string[] = []): string {
  const root = rootOf(path);
  const css = ['assets/site.css', ...extraCss].map((c) => `<link rel="stylesheet" href="${root}${c}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
${css}
</head>
<body>
<nav><a href="${root}index.html">slabseries review</a></nav>
<main>
${body}
</main>
</body>
</html>
`;
}

export const SITE_CSS = `body { font-family: system-ui, sans-serif; margin: 0; color: #222; background: #fff; }
nav { background: #263238; padding: .5em 1em; }
nav a { color: #fff; text-decoration: none; font-weight: bold; }
main { padding: 1em 2em; max-width: 110em; }
h1 { font-size: 1.5em; } h2 { font-size: 1.25em; margin-top: 1.6em; border-bottom: 1px solid #ddd; } h3 { font-size: 1.05em; }
pre, code { font-family: ui-monospace, monospace; font-size: 12.5px; }
pre { background: #f6f8fa; padding: .6em; overflow-x: auto; }
table { border-collapse: collapse; }
td, th { padding: 2px 6px; vertical-align: top; }
table.list td, table.list th { border-bottom: 1px solid #eee; text-align: left; }
.grid th.sc { writing-mode: vertical-rl; transform: rotate(180deg); font-weight: normal; font-size: 11px; white-space: nowrap; padding: 4px 0; }
.grid td.v { width: 1.4em; text-align: center; font-family: ui-monospace, monospace; font-weight: bold; padding: 1px; border: 1px solid #fff; }
.grid td.v a { color: inherit; text-decoration: none; display: block; }
.grid td.patch { white-space: nowrap; font-size: 13px; }
.v-equivalent { background: #eceff1; color: #607d8b; }
.v-changed { background: #fff3c4; color: #8a6d00; }
.v-improved { background: #c8e6c9; color: #1b5e20; }
.v-regressed { background: #ffcdd2; color: #b71c1c; }
.v-na { background: #fafafa; color: #bbb; }
.v-base { background: #f5f5f5; color: #999; }
.v-base.contract { background: #ffcdd2; color: #b71c1c; }
.state { font-weight: bold; white-space: nowrap; }
.state-pass { color: #2e7d32; } .state-warning { color: #b26a00; } .state-fail { color: #c62828; }
.new { color: #c62828; font-weight: bold; }
.chart svg { max-width: 100%; height: auto; }
table.sbs { width: 100%; table-layout: fixed; margin: .4em 0 1em; }
table.sbs th { background: #eceff1; text-align: left; }
table.sbs td { font-family: ui-monospace, monospace; font-size: 12px; white-space: pre-wrap; border: 1px solid #e0e0e0; }
table.sbs td .line { display: block; min-height: 1em; } table.sbs td .gone { background: #ffebee; } table.sbs td .came { background: #e8f5e9; }
pre .gone { background: #ffebee; } pre .came { background: #e8f5e9; }
.timeline td { width: 2em; text-align: center; font-family: ui-monospace, monospace; }
.timeline td.cp { outline: 2px solid #1565c0; }
.cp-label { color: #1565c0; font-weight: bold; }
.legend span { display: inline-block; padding: 0 .4em; margin-right: .5em; }
details > summary { cursor: pointer; }
`;
