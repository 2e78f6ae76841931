import { defineConfig } from 'tsup';

// Library entries are platform-neutral (browser-safe); the file readers are Node-only; the CLI is one ESM file.
export default defineConfig([
  {
    entry: { index: 'src/index.ts', pure: 'src/pure.ts', charts: 'src/charts/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    platform: 'neutral',
    target: 'es2022',
    clean: false,
    sourcemap: true,
  },
  {
    entry: { node: 'src/node.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    platform: 'node',
    target: 'node20',
    clean: false,
    sourcemap: true,
    external: ['echarts'],
  },
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    clean: false,
    sourcemap: true,
    external: ['echarts'],
  },
]);
