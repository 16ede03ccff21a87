import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Brotli copies (name.br) of the scripts and style sheets, made once here at the best level, so the service
 * never compresses them. After writing: only then is each chunk's code final.
 */
function brotli(): Plugin {
  return {
    name: 'nejat-desk-brotli',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const fileName of Object.keys(bundle)) {
        if (!/\.(js|css)$/.test(fileName)) continue;
        const path = join(options.dir!, fileName);
        writeFileSync(`${path}.br`, brotliCompressSync(readFileSync(path), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
    },
  };
}

// The service serves the build under /admin/ (src/Nejat.Cms.Api/Features/Desk); the output is committed
// there so the README's two commands need no npm.
export default defineConfig({
  base: '/admin/',
  plugins: [react(), brotli()],
  build: {
    outDir: '../src/Nejat.Cms.Api/Features/Desk/wwwroot',
    emptyOutDir: true,
    assetsDir: 'assets',
    // The CSP has no 'unsafe-inline' for scripts: never inline the module preload polyfill.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 600,
  },
});
