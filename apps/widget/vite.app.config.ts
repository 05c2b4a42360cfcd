import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The chat app the loader frames: served by the API under /widget/, same origin as the API. */
export default defineConfig({
  base: '/widget/',
  publicDir: false,
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  resolve: {
    alias: { '@omnichannel/contracts': fileURLToPath(new URL('../../libs/contracts/src/index.ts', import.meta.url)) },
  },
  build: {
    outDir: 'dist/app',
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
    // The frame's CSP allows only same-origin scripts; one small chunk is all the frame needs.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
