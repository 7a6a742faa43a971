import { defineConfig } from 'vite';

/**
 * Production build of the workspace (run by scripts/build-web.mjs). No React plugin: Vite's
 * own transform (Oxc) compiles TSX with the automatic JSX runtime. Pages are loaded lazily, so
 * each route is its own chunk; React, Ant Design and react-intl go to shared chunks that every
 * route reuses from the browser's cache.
 */
export default defineConfig({
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    modulePreload: { polyfill: false },
    rolldownOptions: {
      // Ant Design marks its modules "use client" (for React Server Components); meaningless in a browser bundle.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});
