import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The service serves the build under /admin/ (src/Nejat.Cms.Api/Features/Desk); the output is committed
// there so the README's two commands need no npm.
export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  build: {
    outDir: '../src/Nejat.Cms.Api/Features/Desk/wwwroot',
    emptyOutDir: true,
    assetsDir: 'assets',
    // The CSP has no 'unsafe-inline' for scripts: never inline the module preload polyfill.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 600,
  },
});
