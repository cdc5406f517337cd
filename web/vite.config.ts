import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The worker serves web/dist as static assets on the same origin as the API.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
