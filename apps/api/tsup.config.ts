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
  // Bundled CommonJS (react-dom/server, which @promptnx/emails renders with)
  // requires Node built-ins; an ES module has no `require` unless given one.
  banner: {
    js: "import { createRequire as __promptnxCreateRequire } from 'node:module'; const require = __promptnxCreateRequire(import.meta.url);",
  },
});
