import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/main.ts'],
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  outDir: 'dist',
  clean: true,
  sourcemap: true,
  // Workspace packages ship TypeScript source, so they are compiled into the
  // bundle; the worker's own dependencies stay in node_modules.
  noExternal: [/^@promptnx\//],
  // Bundled CommonJS (react-dom/server, which @promptnx/emails renders with)
  // requires Node built-ins; an ES module has no `require` unless given one.
  banner: {
    js: "import { createRequire as __promptnxCreateRequire } from 'node:module'; const require = __promptnxCreateRequire(import.meta.url);",
  },
});
