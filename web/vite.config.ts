import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { assetHeadersFile } from '../worker/src/securityHeaders';

/** Workers static assets read `_headers`: the worker's security headers on every asset too. */
const securityHeaders = (): Plugin => ({
  name: 'codesync-security-headers',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: '_headers', source: assetHeadersFile() });
  },
});

// The worker serves web/dist as static assets on the same origin as the API. In
// `npm run dev` the Vite server (port 5173) also serves the app with hot reload and
// passes the API and the room sockets through to the worker on 8787.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), securityHeaders()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    // `npm run dev` passes the worker's port when it is not 8787.
    proxy: { '/api': { target: `http://127.0.0.1:${process.env.CODESYNC_API_PORT ?? 8787}`, ws: true } },
  },
});
