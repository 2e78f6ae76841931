// Types of scripts/gen-sample.mjs, for the tests that regenerate the sample in memory.
export declare const SAMPLE: { underlying: string; spot: number; asOf: string; rate: number; dividend: number; seed: number };
export declare const SAMPLE_PATH: string;
export declare function generateSample(): string;
export declare function sfc32(seed: number): () => number;
export declare function smileVol(k: number, T: number): number;
export declare function listStrikes(spot: number): number[];
export declare function listExpiries(): { date: Date; root: string; settle: string; kind: string; expiry: string }[];
