// PLACEHOLDER until the greeks command lands.
import type { CommandIo } from './io.js';
export const help = 'gammawall greeks: not built yet\n';
export async function run(_argv: string[], io: CommandIo): Promise<number> {
  io.stderr.write('gammawall greeks: not built yet\n');
  return 1;
}
