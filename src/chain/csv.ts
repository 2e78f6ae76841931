// Minimal RFC 4180 line splitting with the character column of each field (for error messages).

/** Split one CSV line (no embedded newlines) into fields: quoted fields may hold commas and doubled quotes.
 *  Null for a malformed line (unterminated quote, text after a closing quote). */
export function splitCsvLine(line: string): string[] | null {
  if (line.indexOf('"') < 0) return line.split(','); // the common case, without per-character work
  const out: string[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    if (line[i] === '"') {
      let text = '';
      i++;
      for (;;) {
        if (i >= n) return null;
        const c = line[i];
        if (c === '"') {
          if (line[i + 1] === '"') { text += '"'; i += 2; continue; }
          i++;
          break;
        }
        text += c;
        i++;
      }
      if (i < n && line[i] !== ',') return null;
      out.push(text);
    } else {
      const j = line.indexOf(',', i);
      const end = j < 0 ? n : j;
      out.push(line.slice(i, end));
      i = end;
    }
    if (i >= n) break;
    i++; // the comma
    if (i === n) { out.push(''); break; }
  }
  return out;
}

/** Split text into lines, accepting LF and CRLF. */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) if (lines[i].endsWith('\r')) lines[i] = lines[i].slice(0, -1);
  return lines;
}

/** A strict decimal number: digits, sign, point and exponent only (no hex, no Infinity, not blank); null when
 *  the text is not one. Checked character by character, then converted by Number(). */
export function parseNumber(text: string): number | null {
  let t = text;
  if (t.length === 0) return null;
  if (t.charCodeAt(0) === 32 || t.charCodeAt(t.length - 1) === 32) {
    t = t.trim();
    if (t.length === 0) return null;
  }
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    // 0-9 . + - e E
    if (!((c >= 48 && c <= 57) || c === 46 || c === 43 || c === 45 || c === 101 || c === 69)) return null;
  }
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

// 10^0 .. 10^22: every one exact in f64 (10^22 = 2^22 * 5^22 and 5^22 < 2^53).
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/**
 * parseNumber(s.slice(from, to)) without making the slice in the common case: plain digits with at most one point
 * and at most 15 digits give m / 10^k with m and 10^k both exact, so the one correctly rounded division yields the
 * same double as Number() (Clinger's fast path, "How to read floating point numbers accurately", PLDI 1990).
 * Anything else (sign, exponent, blanks, longer digit strings, malformed text) goes through parseNumber.
 */
export function parseNumberAt(s: string, from: number, to: number): number | null {
  let m = 0, digits = 0, point = -1;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) { m = m * 10 + (c - 48); digits++; }
    else if (c === 46 && point < 0) point = i;
    else return parseNumber(s.slice(from, to));
  }
  if (digits === 0 || digits > 15) return parseNumber(s.slice(from, to));
  return point < 0 ? m : m / POW10[to - point - 1];
}
