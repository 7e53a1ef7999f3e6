// The C preprocessor's conditionals, as far as the base and candidate overlays need them: lines
// `// #ifdef NAME`, `// #ifndef NAME`, `// #else`, `// #endif` select what a configuration compiles.
// Dropped lines become empty, so compiler messages keep their line numbers.

export function preprocess(text: string, defined: ReadonlySet<string>): string {
  const stack: { on: boolean; parentOn: boolean }[] = [];
  const on = () => stack.every((f) => f.on);
  return text
    .split('\n')
    .map((line) => {
      const m = /^\s*\/\/ #(ifdef|ifndef|else|endif)\b\s*(\w+)?/.exec(line);
      if (m) {
        if (m[1] === 'ifdef' || m[1] === 'ifndef') {
          const parentOn = on();
          stack.push({ on: m[1] === 'ifdef' ? defined.has(m[2] ?? '') : !defined.has(m[2] ?? ''), parentOn });
        } else if (m[1] === 'else') {
          const top = stack[stack.length - 1];
          if (top) top.on = !top.on;
        } else stack.pop();
        return '';
      }
      return on() ? line : '';
    })
    .join('\n');
}

/** The configurations whose build is checked: the thread says only the DEBUG one breaks. */
export const BUILD_CONFIGS: readonly { name: string; defines: ReadonlySet<string> }[] = [
  { name: 'CONFIG_MEM_ALLOC_PROFILING_DEBUG=y', defines: new Set(['CONFIG_MEM_ALLOC_PROFILING', 'CONFIG_MEM_ALLOC_PROFILING_DEBUG']) },
  { name: 'CONFIG_MEM_ALLOC_PROFILING_DEBUG=n', defines: new Set(['CONFIG_MEM_ALLOC_PROFILING']) },
];
