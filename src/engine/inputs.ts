// Input fields of the batch entry points: broadcasting, length checks and validation with errors that name
// the field, the index and the value.

/** +1 call / -1 put per option (Int8Array or Float64Array), or one type for the whole batch. */
export type OptionTypeInput = Int8Array | Float64Array | ArrayLike<number> | 'call' | 'put' | 1 | -1;
/** One value per option, or one number broadcast to every option. */
export type NumberInput = Float64Array | ArrayLike<number> | number;

/** Thrown for bad input by the validating entry points and for malformed calls (length mismatch). */
export class GammawallInputError extends Error {
  constructor(
    message: string,
    readonly field: string,
    readonly index: number | undefined,
    readonly value: unknown,
  ) {
    super(message);
    this.name = 'GammawallInputError';
  }
}

/** The common length of the array fields (1 when every field is a scalar); throws on a mismatch. */
export function batchLength(fields: Record<string, unknown>): number {
  let n = -1;
  let first = '';
  for (const [name, v] of Object.entries(fields)) {
    if (v === undefined || typeof v === 'number' || typeof v === 'string') continue;
    const len = (v as ArrayLike<number>).length;
    if (typeof len !== 'number') throw new GammawallInputError(`${name} must be a number or an array of numbers`, name, undefined, v);
    if (n < 0) {
      n = len;
      first = name;
    } else if (len !== n) {
      throw new GammawallInputError(`length mismatch: ${first} has ${n} elements but ${name} has ${len}`, name, undefined, len);
    }
  }
  return n < 0 ? 1 : n;
}

/** Maps a type to the kernel's +1/-1 (NaN for anything else, which yields a NaN row). */
export function typeCode(t: unknown): number {
  if (t === 1 || t === 'call' || t === 'c' || t === 'C') return 1;
  if (t === -1 || t === 'put' || t === 'p' || t === 'P') return -1;
  return NaN;
}

const describe = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : String(v));

function fail(field: string, index: number, value: unknown, rule: string): never {
  throw new GammawallInputError(`invalid ${field} at index ${index}: ${describe(value)} (${rule})`, field, index, value);
}

/** Rules of DESIGN.md section 1; `rule` returns the violated requirement or undefined. */
export const RULES: Record<string, (x: number) => string | undefined> = {
  spot: (x) => (x > 0 && x < Infinity ? undefined : 'must be a finite number > 0'),
  strike: (x) => (x > 0 && x < Infinity ? undefined : 'must be a finite number > 0'),
  time: (x) => (x >= 0 && x < Infinity ? undefined : 'must be a finite number >= 0 (years)'),
  vol: (x) => (x >= 0 && x < Infinity ? undefined : 'must be a finite number >= 0'),
  rate: (x) => (Number.isFinite(x) ? undefined : 'must be a finite number'),
  dividend: (x) => (Number.isFinite(x) ? undefined : 'must be a finite number'),
  price: (x) => (Number.isFinite(x) ? undefined : 'must be a finite number'),
};

/** Throws a GammawallInputError for the first invalid value (field order as given). */
export function validateFields(fields: Record<string, unknown>, n: number): void {
  for (const [name, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    if (name === 'type') {
      if (typeof v === 'string' || typeof v === 'number') {
        if (Number.isNaN(typeCode(v))) fail('type', 0, v, "must be 'call', 'put', 1 or -1");
      } else {
        const a = v as ArrayLike<number>;
        for (let i = 0; i < n; i++) if (a[i] !== 1 && a[i] !== -1) fail('type', i, a[i], 'must be 1 (call) or -1 (put)');
      }
      continue;
    }
    const rule = RULES[name];
    if (!rule) continue;
    if (typeof v === 'number') {
      const why = rule(v);
      if (why) fail(name, 0, v, why);
    } else {
      const a = v as ArrayLike<number>;
      for (let i = 0; i < n; i++) {
        const why = rule(a[i]);
        if (why) fail(name, i, a[i], why);
      }
    }
  }
}

/** Writes elements [from, from+m) of an input field into f64 memory at word index w. */
export function stageField(f64: Float64Array, w: number, v: unknown, from: number, m: number, isType: boolean): void {
  if (typeof v === 'number' || typeof v === 'string' || v === undefined) {
    const x = v === undefined ? 0 : isType ? typeCode(v) : (v as number);
    f64.fill(x, w, w + m);
  } else if (v instanceof Float64Array) {
    f64.set(v.subarray(from, from + m), w);
  } else {
    const a = v as ArrayLike<number>;
    for (let i = 0; i < m; i++) f64[w + i] = isType ? typeCode(a[from + i]) : +a[from + i];
  }
}
