// The engine: one kernel backend (wasm or its TS twin) over one linear memory, with the batch entry points.
import { CHUNK, GREEKS, GREEK_COUNT, SCRATCH_BYTES, type GreekName, type Heap } from './abi.js';
import { Arena, type LinearMemory } from './memory.js';
import { batchLength, stageField, validateFields, GammawallInputError, type NumberInput, type OptionTypeInput } from './inputs.js';

export type BackendName = 'wasm' | 'js';

/** A kernel backend: functions taking byte offsets into `memory` (src/engine/abi.ts). */
export interface Backend {
  name: BackendName;
  memory: LinearMemory;
  heapBase: number;
  exports: Record<string, (...args: number[]) => number | void>;
}

export interface GreeksInput {
  type: OptionTypeInput;
  spot: NumberInput;
  strike: NumberInput;
  /** Years to expiry (ACT/365). */
  time: NumberInput;
  vol: NumberInput;
  /** Continuously compounded, default 0. */
  rate?: NumberInput;
  /** Continuous dividend yield, default 0. */
  dividend?: NumberInput;
}

export interface GreeksOptions<G extends GreekName = GreekName> {
  /** Which quantities to compute (default: all 17). Fewer costs less. */
  greeks?: readonly G[];
  /** Preallocated outputs (length n); arrays living in engine memory are written in place. */
  out?: Partial<Record<G, Float64Array>>;
  /** Throw a GammawallInputError naming field, index and value instead of returning NaN rows. */
  validate?: boolean;
}

export interface ImpliedVolInput {
  type: OptionTypeInput;
  price: NumberInput;
  spot: NumberInput;
  strike: NumberInput;
  time: NumberInput;
  rate?: NumberInput;
  dividend?: NumberInput;
}

export interface ImpliedVolResult {
  /** Implied volatility, NaN where status is not ok. */
  vol: Float64Array;
  /** IV_STATUS code per row (see IV_STATUS_NAMES). */
  status: Uint8Array;
}

const GREEK_INPUTS = ['type', 'spot', 'strike', 'time', 'vol', 'rate', 'dividend'] as const;
const IV_INPUTS = ['type', 'price', 'spot', 'strike', 'time', 'rate', 'dividend'] as const;
// Staging: CHUNK options x (7 inputs + 17 outputs) f64, then the 17-entry output address table.
const STAGE_SLOTS = 7 + GREEK_COUNT;

export class Engine {
  /** Which kernel runs: 'wasm' (WebAssembly SIMD) or 'js' (the TypeScript twin). */
  readonly backend: BackendName;
  private readonly arena: Arena;
  private readonly k: Backend['exports'];
  private readonly scratch: number;
  private readonly stage: number;
  private readonly outTable: number;

  constructor(b: Backend) {
    this.backend = b.name;
    this.k = b.exports;
    this.arena = new Arena(b.memory, b.heapBase);
    this.scratch = this.arena.alloc(SCRATCH_BYTES);
    this.stage = this.arena.alloc(CHUNK * STAGE_SLOTS * 8);
    this.outTable = this.arena.alloc(GREEK_COUNT * 4);
  }

  /** Prices and greeks for a batch; numbers broadcast. Invalid rows are NaN unless `validate` is set. */
  greeks<G extends GreekName = GreekName>(input: GreeksInput, options: GreeksOptions<G> = {}): Record<G, Float64Array> {
    const names = (options.greeks ?? GREEKS) as unknown as readonly G[];
    const fields = pick(input, GREEK_INPUTS);
    const n = batchLength(fields);
    if (options.validate) validateFields(fields, n);
    const out = {} as Record<G, Float64Array>;
    const slot = new Array<number>(GREEK_COUNT).fill(-1);
    for (const name of names) {
      const k = GREEKS.indexOf(name);
      if (k < 0) throw new GammawallInputError(`unknown greek ${JSON.stringify(name)} (known: ${GREEKS.join(', ')})`, 'greeks', undefined, name);
      const given = options.out?.[name];
      if (given && given.length !== n) throw new GammawallInputError(`out.${name} has ${given.length} elements, expected ${n}`, `out.${name}`, undefined, given.length);
      out[name] = given ?? new Float64Array(n);
      slot[k] = k;
    }
    const heap = this.arena.heap();
    for (let from = 0; from < n; from += CHUNK) {
      const m = Math.min(CHUNK, n - from);
      const ptr = GREEK_INPUTS.map((f, j) => this.place(heap, fields[f], j, from, m, f === 'type'));
      for (let k = 0; k < GREEK_COUNT; k++) {
        heap.u32[(this.outTable >> 2) + k] = slot[k] < 0 ? 0 : this.outPtr(out[GREEKS[k] as G], 7 + k, from);
      }
      this.k.greeks(m, ptr[0], ptr[1], ptr[2], ptr[3], ptr[4], ptr[5], ptr[6], this.outTable, this.scratch);
      for (let k = 0; k < GREEK_COUNT; k++) {
        if (slot[k] >= 0) this.copyOut(heap, out[GREEKS[k] as G], 7 + k, from, m);
      }
    }
    return out;
  }

  /** Implied volatility by Jaeckel's "Let's Be Rational"; failures are NaN with a status, never a number. */
  impliedVol(input: ImpliedVolInput, options: { out?: Partial<ImpliedVolResult>; validate?: boolean } = {}): ImpliedVolResult {
    const fields = pick(input, IV_INPUTS);
    const n = batchLength(fields);
    if (options.validate) validateFields(fields, n);
    const vol = options.out?.vol ?? new Float64Array(n);
    const status = options.out?.status ?? new Uint8Array(n);
    if (vol.length !== n || status.length !== n) throw new GammawallInputError(`out arrays must have ${n} elements`, 'out', undefined, vol.length);
    const heap = this.arena.heap();
    const pVol = this.stage + 7 * CHUNK * 8;
    const pStatus = pVol + CHUNK * 8;
    for (let from = 0; from < n; from += CHUNK) {
      const m = Math.min(CHUNK, n - from);
      const ptr = IV_INPUTS.map((f, j) => this.place(heap, fields[f], j, from, m, f === 'type'));
      this.k.impliedVol(m, ptr[0], ptr[1], ptr[2], ptr[3], ptr[4], ptr[5], ptr[6], pVol, pStatus, this.scratch);
      vol.set(heap.f64.subarray(pVol >> 3, (pVol >> 3) + m), from);
      status.set(heap.u8.subarray(pStatus, pStatus + m), from);
    }
    return { vol, status };
  }

  /** Zero-copy batch: inputs and outputs live in engine memory; fill the views, then run(). */
  batch<G extends GreekName = GreekName>(n: number, greeks: readonly G[] = GREEKS as unknown as readonly G[]): GreeksBatch<G> {
    return new GreeksBatch<G>(this, this.arena, n, greeks);
  }

  /** Advanced: the kernel exports and memory, for kernels beyond greeks and implied vol. */
  get raw(): RawAccess {
    const arena = this.arena;
    return {
      exports: this.k,
      heap: () => arena.heap(),
      alloc: (bytes: number) => arena.alloc(bytes),
      free: (ptr: number) => arena.release(ptr),
      scratch: this.scratch,
      memoryBytes: () => arena.byteLength,
    };
  }

  /** Address of chunk data for field slot j: the caller's own array when it lives in engine memory, else staged. */
  private place(heap: Heap, v: unknown, j: number, from: number, m: number, isType: boolean): number {
    if (v instanceof Float64Array && v.buffer === heap.f64.buffer) return v.byteOffset + from * 8;
    const p = this.stage + j * CHUNK * 8;
    stageField(heap.f64, p >> 3, v, from, m, isType);
    return p;
  }

  private outPtr(a: Float64Array, j: number, from: number): number {
    return a.buffer === this.arena.heap().f64.buffer ? a.byteOffset + from * 8 : this.stage + j * CHUNK * 8;
  }

  private copyOut(heap: Heap, a: Float64Array, j: number, from: number, m: number): void {
    if (a.buffer === heap.f64.buffer) return;
    const w = (this.stage >> 3) + j * CHUNK;
    a.set(heap.f64.subarray(w, w + m), from);
  }
}

export interface RawAccess {
  exports: Backend['exports'];
  heap(): Heap;
  alloc(bytes: number): number;
  free(ptr: number): void;
  scratch: number;
  memoryBytes(): number;
}

function pick<K extends string>(input: object, keys: readonly K[]): Record<K, unknown> {
  const o = input as Record<string, unknown>;
  const r = {} as Record<K, unknown>;
  for (const k of keys) r[k] = o[k];
  return r;
}

/** Inputs and requested outputs of n options in engine memory; views are rebuilt after memory growth. */
export class GreeksBatch<G extends GreekName = GreekName> {
  private ptr: number;
  private views?: { buffer: ArrayBuffer; inputs: Float64Array[]; out: Record<G, Float64Array> };

  constructor(
    private readonly engine: Engine,
    private readonly arena: Arena,
    readonly length: number,
    readonly greeks: readonly G[],
  ) {
    for (const g of greeks) if (!GREEKS.includes(g)) throw new GammawallInputError(`unknown greek ${JSON.stringify(g)}`, 'greeks', undefined, g);
    this.ptr = arena.alloc((7 + greeks.length) * length * 8);
  }

  private get v() {
    if (this.ptr < 0) throw new Error('batch used after free()');
    const buffer = this.arena.heap().f64.buffer as ArrayBuffer;
    if (!this.views || this.views.buffer !== buffer) {
      const at = (j: number) => new Float64Array(buffer, this.ptr + j * this.length * 8, this.length);
      const out = {} as Record<G, Float64Array>;
      this.greeks.forEach((g, j) => (out[g] = at(7 + j)));
      this.views = { buffer, inputs: [0, 1, 2, 3, 4, 5, 6].map(at), out };
    }
    return this.views;
  }

  /** +1 call / -1 put. */
  get type() { return this.v.inputs[0]; }
  get spot() { return this.v.inputs[1]; }
  get strike() { return this.v.inputs[2]; }
  get time() { return this.v.inputs[3]; }
  get vol() { return this.v.inputs[4]; }
  get rate() { return this.v.inputs[5]; }
  get dividend() { return this.v.inputs[6]; }
  /** Output views, one per requested greek. */
  get out(): Record<G, Float64Array> { return this.v.out; }

  /** Computes the requested greeks in place (no copies). */
  run(): Record<G, Float64Array> {
    const v = this.v;
    return this.engine.greeks(
      { type: v.inputs[0], spot: v.inputs[1], strike: v.inputs[2], time: v.inputs[3], vol: v.inputs[4], rate: v.inputs[5], dividend: v.inputs[6] },
      { greeks: this.greeks, out: v.out },
    );
  }

  /** Returns the memory to the engine. */
  free(): void {
    this.arena.release(this.ptr);
    this.ptr = -1;
    this.views = undefined;
  }
}
