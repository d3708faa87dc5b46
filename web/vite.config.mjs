// Builds the dashboard into dist/web (served by src/dashboard/static.ts). No inline script or style is emitted:
// the page must run under `script-src 'self'; style-src 'self'` (the gateway's Content-Security-Policy).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  logLevel: 'warn',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // Inlined assets would be data: URLs, which the CSP refuses; nothing is small enough to matter anyway.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
});
