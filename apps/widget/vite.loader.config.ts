import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The loader: one classic IIFE script with no imports, served at /widget.js and pasted into any site.
 * Built first, straight into dist/ without emptying it, so it never removes the chat app in dist/app.
 */
export default defineConfig({
  publicDir: false,
  resolve: {
    alias: { '@omnichannel/contracts': fileURLToPath(new URL('../../libs/contracts/src/index.ts', import.meta.url)) },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2018',
    sourcemap: false,
    copyPublicDir: false,
    modulePreload: false,
    rollupOptions: {
      input: fileURLToPath(new URL('src/loader/main.ts', import.meta.url)),
      output: {
        format: 'iife',
        entryFileNames: 'widget.js',
        inlineDynamicImports: true,
      },
    },
  },
});
