// A UTF-8 file as one flat string: one decode of the whole buffer (readFile with 'utf8' decodes in chunks and joins
// them into a rope, which V8 scans more slowly).
import { readFile } from 'node:fs/promises';

export async function readTextFile(path: string): Promise<string> {
  return (await readFile(path)).toString('utf8');
}
