// Types for bin/build.mjs (imported by the vitest global setup and bench).
export declare const ROOT: string;
export declare const DIST: string;
export declare function staleSources(): { sources: string[]; stale: string[]; orphans: string[] };
export declare function build(opts?: { all?: boolean }): { written: number; removed: number };
