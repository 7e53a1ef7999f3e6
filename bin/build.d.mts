// Types for bin/build.mjs (imported by the vitest global setup and bench).
export declare const ROOT: string;
export declare const DIST: string;
/** `scan`: the modification times this check saw under src/ (folders and sources, relative to src/), for bin/sources-stamp.mjs. */
export declare function staleSources(): { sources: string[]; stale: string[]; orphans: string[]; scan: { dirs: Record<string, number>; files: Record<string, number> } };
/** `seeded`: V8's compiled code of TypeScript's compiler was stored for a first `metrics` (seedCodeCache). */
export declare function build(opts?: { all?: boolean }): { written: number; removed: number; seeded: boolean };
/** Store V8's compiled code of TypeScript's compiler under dist/.code-cache/ when it is missing or stale; whether it did. */
export declare function seedCodeCache(): boolean;
