// The engine: one kernel backend (wasm or its TS twin) over one linear memory, with the batch entry points.
import { outputF64, outputU8 } from './alloc.js';
import { CHUNK, GREEKS, GREEK_COUNT, SCRATCH_BYTES, type GreekName, type Heap } from './abi.js';
import { GreeksBatch, ImpliedVolBatch } from './batch.js';
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

/** A surface with one spot: strikes (with their types) x expiries; vol is row-major [expiry][strike]. */
export interface GreeksGridInput {
  spot: number;
  /** Per strike (nK), or one type for every strike. */
  type: OptionTypeInput;
  /** nK strikes. */
  strike: Float64Array | ArrayLike<number>;
  /** nT times to expiry, years. */
  time: Float64Array | ArrayLike<number>;
  /** nT x nK volatilities, row t = expiry t. */
  vol: Float64Array | ArrayLike<number>;
  /** Per expiry (nT) or one number, default 0. */
  rate?: NumberInput;
  dividend?: NumberInput;
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
    const { out, slot } = this.outputs(names, options.out, n);
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

  /**
   * Greeks on a strike x expiry grid with one spot (the surface workload): log(S/K) once per strike, sqrt(T) and
   * discount factors once per expiry. Outputs have nT x nK values, row t = expiry t; each equals `greeks()` on the
   * expanded grid bit for bit.
   */
  greeksGrid<G extends GreekName = GreekName>(input: GreeksGridInput, options: GreeksOptions<G> = {}): Record<G, Float64Array> {
    const names = (options.greeks ?? GREEKS) as unknown as readonly G[];
    const nK = batchLength({ type: input.type, strike: input.strike });
    const nT = batchLength({ time: input.time, rate: input.rate, dividend: input.dividend });
    const n = nK * nT;
    if (input.vol.length !== n) {
      throw new GammawallInputError(`vol has ${input.vol.length} elements, expected ${nT} expiries x ${nK} strikes = ${n}`, 'vol', undefined, input.vol.length);
    }
    if (options.validate) {
      validateFields({ spot: input.spot, type: input.type, strike: input.strike }, nK);
      validateFields({ time: input.time, rate: input.rate, dividend: input.dividend }, nT);
      validateFields({ vol: input.vol }, n);
    }
    const { out, slot } = this.outputs(names, options.out, n);
    // Expiry rows per pass (about CHUNK cells); a temporary block, reused by the arena on the next call.
    const rows = Math.max(1, Math.min(nT, Math.floor(CHUNK / Math.max(nK, 1))));
    const cells = rows * nK;
    // The block below may grow the memory, which detaches every view into it (zero-copy inputs, `out` arrays of a
    // batch): note where such arrays sit, and re-create them on the new buffer afterwards.
    const before = this.arena.heap().f64.buffer;
    const spots = new Map<ArrayBufferView, [number, number]>();
    for (const v of [input.type, input.strike, input.time, input.vol, input.rate, input.dividend, ...Object.values<Float64Array>(out)]) {
      if (ArrayBuffer.isView(v) && v.buffer === before) spots.set(v, [v.byteOffset, (v as Float64Array).length]);
    }
    const block = this.arena.alloc((2 * nK + 3 * rows + (1 + names.length) * cells) * 8);
    const now = this.arena.heap().f64.buffer;
    if (now !== before && spots.size) {
      const again = <T,>(v: T): T => {
        const at = ArrayBuffer.isView(v) ? spots.get(v) : undefined;
        return at ? (new ((v as unknown as Float64Array).constructor as Float64ArrayConstructor)(now, at[0], at[1]) as unknown as T) : v;
      };
      input = { ...input, type: again(input.type), strike: again(input.strike), time: again(input.time), vol: again(input.vol), rate: again(input.rate), dividend: again(input.dividend) };
      for (const name of names) out[name] = again(out[name]);
    }
    try {
      const pType = block, pK = pType + nK * 8, pT = pK + nK * 8, pR = pT + rows * 8, pQ = pR + rows * 8;
      const pVol = pQ + rows * 8, pOut0 = pVol + cells * 8;
      const heap = this.arena.heap();
      stageField(heap.f64, pType >> 3, input.type, 0, nK, true);
      stageField(heap.f64, pK >> 3, input.strike, 0, nK, false);
      for (let k = 0; k < GREEK_COUNT; k++) heap.u32[(this.outTable >> 2) + k] = slot[k] < 0 ? 0 : pOut0 + slot[k] * cells * 8;
      for (let t0 = 0; t0 < nT; t0 += rows) {
        const m = Math.min(rows, nT - t0);
        stageField(heap.f64, pT >> 3, input.time, t0, m, false);
        stageField(heap.f64, pR >> 3, input.rate, t0, m, false);
        stageField(heap.f64, pQ >> 3, input.dividend, t0, m, false);
        stageField(heap.f64, pVol >> 3, input.vol, t0 * nK, m * nK, false);
        this.k.greeksGrid(nK, m, input.spot, pType, pK, pT, pR, pQ, pVol, this.outTable, this.scratch);
        for (let k = 0; k < GREEK_COUNT; k++) {
          if (slot[k] < 0) continue;
          const w = (pOut0 >> 3) + slot[k] * cells;
          out[GREEKS[k] as G].set(heap.f64.subarray(w, w + m * nK), t0 * nK);
        }
      }
    } finally {
      this.arena.release(block);
    }
    return out;
  }

  /**
   * Implied volatility by Jaeckel's "Let's Be Rational"; failures are NaN with a status, never a number. Inputs and
   * `out` arrays that live in engine memory (impliedVolBatch) are read and written in place.
   */
  impliedVol(input: ImpliedVolInput, options: { out?: Partial<ImpliedVolResult>; validate?: boolean } = {}): ImpliedVolResult {
    const fields = pick(input, IV_INPUTS);
    const n = batchLength(fields);
    if (options.validate) validateFields(fields, n);
    const vol = options.out?.vol ?? outputF64(n);
    const status = options.out?.status ?? outputU8(n);
    if (vol.length !== n || status.length !== n) throw new GammawallInputError(`out arrays must have ${n} elements`, 'out', undefined, vol.length);
    const heap = this.arena.heap();
    const pVol = this.stage + 7 * CHUNK * 8;
    const pStatus = pVol + CHUNK * 8;
    const volInPlace = vol.buffer === heap.f64.buffer, statusInPlace = status.buffer === heap.f64.buffer;
    for (let from = 0; from < n; from += CHUNK) {
      const m = Math.min(CHUNK, n - from);
      const ptr = IV_INPUTS.map((f, j) => this.place(heap, fields[f], j, from, m, f === 'type'));
      const pv = volInPlace ? vol.byteOffset + from * 8 : pVol, ps = statusInPlace ? status.byteOffset + from : pStatus;
      this.k.impliedVol(m, ptr[0], ptr[1], ptr[2], ptr[3], ptr[4], ptr[5], ptr[6], pv, ps, this.scratch);
      if (!volInPlace) vol.set(heap.f64.subarray(pVol >> 3, (pVol >> 3) + m), from);
      if (!statusInPlace) status.set(heap.u8.subarray(pStatus, pStatus + m), from);
    }
    return { vol, status };
  }

  /** Zero-copy batch: inputs and outputs live in engine memory; fill the views, then run(). */
  batch<G extends GreekName = GreekName>(n: number, greeks: readonly G[] = GREEKS as unknown as readonly G[]): GreeksBatch<G> {
    return new GreeksBatch<G>(this, this.arena, n, greeks);
  }

  /** Zero-copy implied vol: the seven inputs, vol and status of n options in engine memory; fill, run(), read. */
  impliedVolBatch(n: number): ImpliedVolBatch {
    return new ImpliedVolBatch(this, this.arena, n);
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

  /** Output arrays (given or new) and, per greek k, its position among the requested ones (-1: not requested). */
  private outputs<G extends GreekName>(names: readonly G[], given: Partial<Record<G, Float64Array>> | undefined, n: number) {
    const out = {} as Record<G, Float64Array>;
    const slot = new Array<number>(GREEK_COUNT).fill(-1);
    names.forEach((name, j) => {
      const k = GREEKS.indexOf(name);
      if (k < 0) throw new GammawallInputError(`unknown greek ${JSON.stringify(name)} (known: ${GREEKS.join(', ')})`, 'greeks', undefined, name);
      const a = given?.[name];
      if (a && a.length !== n) throw new GammawallInputError(`out.${name} has ${a.length} elements, expected ${n}`, `out.${name}`, undefined, a.length);
      out[name] = a ?? outputF64(n);
      slot[k] = j;
    });
    return { out, slot };
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
