import { defineConfig } from 'tsup';

// Library entries are platform-neutral (browser-safe); the CLI and file readers target Node.
export default defineConfig([
  {
    entry: { index: 'src/index.ts', pure: 'src/pure.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    platform: 'neutral',
    target: 'es2022',
    clean: false,
    sourcemap: true,
  },
  {
    entry: { node: 'src/node.ts', cli: 'src/cli/main.ts' },
    format: ['esm', 'cjs'],
    dts: { entry: { node: 'src/node.ts' } },
    platform: 'node',
    target: 'node20',
    clean: false,
    sourcemap: true,
    external: ['echarts'],
  },
]);
