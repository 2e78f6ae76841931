// PLACEHOLDER until the iv command lands.
import type { CommandIo } from './io.js';
export const help = 'gammawall iv: not built yet\n';
export async function run(_argv: string[], io: CommandIo): Promise<number> {
  io.stderr.write('gammawall iv: not built yet\n');
  return 1;
}
