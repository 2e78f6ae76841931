// PLACEHOLDER until the gex command lands.
import type { CommandIo } from './io.js';
export const help = 'gammawall gex: not built yet\n';
export async function run(_argv: string[], io: CommandIo): Promise<number> {
  io.stderr.write('gammawall gex: not built yet\n');
  return 1;
}
