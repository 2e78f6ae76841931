// Reader for a JSON chain: the long CSV's metadata keys at top level plus `contracts: [{...}]` with the same
// fields (see long-csv.ts). Parsed by a small position-tracking JSON parser so errors name line and column.
import { ChainError, type Chain, type ReadOptions } from './model.js';
import { CONTRACT_FIELDS, METADATA_KEYS, contractFromRow, metadataValue, type RawValue, type RowAccess } from './fields.js';

interface Pos { line: number; col: number }
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** JSON.parse plus the position of every object member's value (WeakMap: object -> key -> position). */
function parseJsonWithPositions(text: string, source: string): { value: Json; positions: WeakMap<object, Map<string, Pos>> } {
  const positions = new WeakMap<object, Map<string, Pos>>();
  let i = 0;
  let line = 1, lineStart = 0;
  const pos = (): Pos => ({ line, col: i - lineStart + 1 });
  const fail = (problem: string): never => {
    const p = pos();
    throw new ChainError(source, p.line, String(p.col), text.slice(i, i + 20), `invalid JSON: ${problem}`);
  };
  const ws = (): void => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 10) { i++; line++; lineStart = i; } else if (c === 32 || c === 9 || c === 13) i++;
      else break;
    }
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const str = (): string => {
    i++; // opening quote
    let out = '';
    for (;;) {
      if (i >= text.length) fail('unterminated string');
      const c = text[i];
      if (c === '"') { i++; return out; }
      if (c === '\n') fail('newline in string');
      if (c === '\\') {
        const e = text[i + 1];
        const map: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e === 'u') {
          const h = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(h)) fail('bad \\u escape');
          out += String.fromCharCode(parseInt(h, 16));
          i += 6;
        } else if (e in map) { out += map[e]; i += 2; } else fail('bad escape');
      } else { out += c; i++; }
    }
  };
  const value = (): Json => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: { [k: string]: Json } = {};
      const where = new Map<string, Pos>();
      positions.set(obj, where);
      ws();
      if (text[i] === '}') { i++; return obj; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a member name in double quotes');
        const k = str();
        ws();
        if (text[i] !== ':') fail('expected ":"');
        i++;
        ws();
        where.set(k, pos());
        obj[k] = value();
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return obj; }
        fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      i++;
      const arr: Json[] = [];
      const where = new Map<string, Pos>();
      positions.set(arr, where);
      ws();
      if (text[i] === ']') { i++; return arr; }
      for (;;) {
        ws();
        where.set(String(arr.length), pos());
        arr.push(value());
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return arr; }
        fail('expected "," or "]"');
      }
    }
    if (c === '"') return str();
    if (text.startsWith('true', i)) { i += 4; return true; }
    if (text.startsWith('false', i)) { i += 5; return false; }
    if (text.startsWith('null', i)) { i += 4; return null; }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m) { i += m[0].length; return Number(m[0]); }
    return fail('unexpected character');
  };
  const v = value();
  ws();
  if (i < text.length) fail('text after the JSON value');
  return { value: v, positions };
}

/** Whether text looks like a JSON chain. */
export function looksLikeJson(text: string): boolean {
  return /^\s*\{/.test(text);
}

export function readChainJson(text: string, options: ReadOptions = {}): Chain {
  const source = options.source ?? 'chain.json';
  const { value: doc, positions } = parseJsonWithPositions(text, source);
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new ChainError(source, 1, '1', text.slice(0, 20), 'a JSON chain is an object with a "contracts" array');
  }
  const top = positions.get(doc)!;
  const chain: Chain = {
    source, underlying: '', spot: NaN, asOf: null, rate: NaN, dividend: NaN, contracts: [], skipped: {},
  };
  for (const key of Object.keys(doc)) {
    if (key === 'contracts') continue;
    const p = top.get(key)!;
    const fail = (problem: string): never => {
      throw new ChainError(source, p.line, `${p.col} (${key})`, JSON.stringify(doc[key]) ?? '', problem);
    };
    if (!(METADATA_KEYS as readonly string[]).includes(key)) fail(`unknown top-level key "${key}" (known: ${METADATA_KEYS.join(', ')}, contracts)`);
    const { key: k, value } = metadataValue(key, doc[key] as RawValue, fail);
    (chain as unknown as Record<string, unknown>)[k] = value;
  }
  const list = doc.contracts;
  if (!Array.isArray(list)) {
    const p = top.get('contracts') ?? { line: 1, col: 1 };
    throw new ChainError(source, p.line, `${p.col} (contracts)`, JSON.stringify(list) ?? '', 'missing "contracts" array');
  }
  const listPos = positions.get(list)!;
  const expiries = new Map<string, number>();
  for (let n = 0; n < list.length; n++) {
    const item = list[n];
    const ip = listPos.get(String(n))!;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      throw new ChainError(source, ip.line, `${ip.col} (contracts[${n}])`, JSON.stringify(item), 'a contract must be an object');
    }
    const where = positions.get(item)!;
    for (const k of Object.keys(item)) {
      if (!(CONTRACT_FIELDS as readonly string[]).includes(k)) {
        const p = where.get(k)!;
        throw new ChainError(source, p.line, `${p.col} (contracts[${n}].${k})`, JSON.stringify(item[k]), `unknown field (known: ${CONTRACT_FIELDS.join(', ')})`);
      }
    }
    if ('oi' in item && 'openInterest' in item) {
      const p = where.get('oi')!;
      throw new ChainError(source, p.line, `${p.col} (contracts[${n}].oi)`, JSON.stringify(item.oi), 'both "openInterest" and its alias "oi"');
    }
    const row: RowAccess = {
      get: (name) => item[name] as RawValue,
      has: (name) => name in item,
      fail: (name, value, problem) => {
        const p = where.get(name) ?? ip;
        throw new ChainError(source, p.line, `${p.col} (contracts[${n}].${name})`, value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value), problem);
      },
    };
    const c = contractFromRow(row, ip.line, chain.underlying, chain.skipped, expiries);
    if (c) chain.contracts.push(c);
  }
  return chain;
}
