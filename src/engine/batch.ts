// Zero-copy batches: the inputs and outputs of n options in one block of engine memory, exposed as typed-array
// views that are rebuilt when the memory grows (growth detaches the old buffer).
import { GREEKS, type GreekName } from './abi.js';
import type { Engine, ImpliedVolResult } from './engine.js';
import { GammawallInputError } from './inputs.js';
import type { Arena } from './memory.js';

/** One engine-memory block and views over it, made by `views(buffer, ptr)` and re-made after growth. */
abstract class EngineBlock<V> {
  private ptr: number;
  private cached?: { buffer: ArrayBuffer; views: V };

  constructor(protected readonly arena: Arena, bytes: number) {
    this.ptr = arena.alloc(bytes);
  }

  protected abstract views(buffer: ArrayBuffer, ptr: number): V;

  protected get v(): V {
    if (this.ptr < 0) throw new Error('batch used after free()');
    const buffer = this.arena.heap().f64.buffer as ArrayBuffer;
    if (!this.cached || this.cached.buffer !== buffer) this.cached = { buffer, views: this.views(buffer, this.ptr) };
    return this.cached.views;
  }

  /** Returns the memory to the engine. */
  free(): void {
    this.arena.release(this.ptr);
    this.ptr = -1;
    this.cached = undefined;
  }
}

/** Inputs and requested outputs of n options in engine memory (engine.batch). */
export class GreeksBatch<G extends GreekName = GreekName> extends EngineBlock<{ inputs: Float64Array[]; out: Record<G, Float64Array> }> {
  constructor(
    private readonly engine: Engine,
    arena: Arena,
    readonly length: number,
    readonly greeks: readonly G[],
  ) {
    for (const g of greeks) if (!GREEKS.includes(g)) throw new GammawallInputError(`unknown greek ${JSON.stringify(g)}`, 'greeks', undefined, g);
    super(arena, (7 + greeks.length) * length * 8);
  }

  protected views(buffer: ArrayBuffer, ptr: number) {
    const at = (j: number) => new Float64Array(buffer, ptr + j * this.length * 8, this.length);
    const out = {} as Record<G, Float64Array>;
    this.greeks.forEach((g, j) => (out[g] = at(7 + j)));
    return { inputs: [0, 1, 2, 3, 4, 5, 6].map(at), out };
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
}

/** The seven implied-vol inputs, vol and status of n options in engine memory (engine.impliedVolBatch). */
export class ImpliedVolBatch extends EngineBlock<{ inputs: Float64Array[]; vol: Float64Array; status: Uint8Array }> {
  constructor(
    private readonly engine: Engine,
    arena: Arena,
    readonly length: number,
  ) {
    super(arena, 8 * length * 8 + length); // 7 inputs and vol (f64), then status (u8)
  }

  protected views(buffer: ArrayBuffer, ptr: number) {
    const at = (j: number) => new Float64Array(buffer, ptr + j * this.length * 8, this.length);
    return { inputs: [0, 1, 2, 3, 4, 5, 6].map(at), vol: at(7), status: new Uint8Array(buffer, ptr + 8 * this.length * 8, this.length) };
  }

  /** +1 call / -1 put. */
  get type() { return this.v.inputs[0]; }
  /** Option prices (the same currency as spot and strike). */
  get price() { return this.v.inputs[1]; }
  get spot() { return this.v.inputs[2]; }
  get strike() { return this.v.inputs[3]; }
  get time() { return this.v.inputs[4]; }
  get rate() { return this.v.inputs[5]; }
  get dividend() { return this.v.inputs[6]; }
  /** Implied volatilities (NaN where status is not ok). */
  get vol(): Float64Array { return this.v.vol; }
  /** IV_STATUS codes. */
  get status(): Uint8Array { return this.v.status; }

  /** Solves in place (no copies): vol and status are written into the batch's own views. */
  run(): ImpliedVolResult {
    const v = this.v, i = v.inputs;
    return this.engine.impliedVol(
      { type: i[0], price: i[1], spot: i[2], strike: i[3], time: i[4], rate: i[5], dividend: i[6] },
      { out: { vol: v.vol, status: v.status } },
    );
  }
}
