import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Relative asset paths: the server serves the bundle from the jar at the site root.
export default defineConfig({
  base: './',
  plugins: [react()],
  build: { chunkSizeWarningLimit: 1500, sourcemap: false },
  server: { proxy: { '/api': 'http://127.0.0.1:8765' } },
});
