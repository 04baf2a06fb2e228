import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const commonSrc = fileURLToPath(new URL('../common/src/', import.meta.url));

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: [{ find: /^@jinguo\/common\/(.*)$/, replacement: `${commonSrc}$1` }],
  },
  server: {
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      treeshake: {
        moduleSideEffects: (id: string) => !id.startsWith(commonSrc),
        // common/ is plain source with its zod schemas built at module top; the web needs only its plain helpers,
        // so unused common modules and schemas are dropped, and zod with them
        manualPureFunctions: ['z'],
      },
      output: {
        codeSplitting: {
          groups: [
            // loaded only when the dashboard draws a chart
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 10 },
            // needed by every page and rarely changed: cached across releases
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack)[\\/]/, priority: 5 },
          ],
        },
      },
    },
  },
});
