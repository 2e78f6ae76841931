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

/** A strict decimal number (what Number() accepts minus hex, blanks and Infinity); null when it is not one. */
export function parseNumber(text: string): number | null {
  const t = text.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return null;
  return Number(t);
}
