import { defineConfig } from 'tsup';

// Workspace packages ship TypeScript source, so they are bundled in; packages
// from the registry stay external and load from node_modules.
export default defineConfig({
  entry: ['src/server.ts'],
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  clean: true,
  sourcemap: true,
  noExternal: [/^@promptnx\//],
});
