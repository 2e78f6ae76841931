// Minimal RFC 4180 line splitting with the character column of each field (for error messages).

export interface CsvField {
  text: string;
  /** 1-based character column where the field starts. */
  col: number;
}

/** Split one CSV line (no embedded newlines): quoted fields may hold commas and doubled quotes. */
export function splitCsvLine(line: string): CsvField[] | null {
  const out: CsvField[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    const col = i + 1;
    if (line[i] === '"') {
      let text = '';
      i++;
      for (;;) {
        if (i >= n) return null; // unterminated quote
        const c = line[i];
        if (c === '"') {
          if (line[i + 1] === '"') { text += '"'; i += 2; continue; }
          i++;
          break;
        }
        text += c;
        i++;
      }
      if (i < n && line[i] !== ',') return null; // text after a closing quote
      out.push({ text, col });
    } else {
      const j = line.indexOf(',', i);
      const end = j < 0 ? n : j;
      out.push({ text: line.slice(i, end), col });
      i = end;
    }
    if (i >= n) break;
    i++; // the comma
    if (i === n) { out.push({ text: '', col: i + 1 }); break; }
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
