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
      // common/ is plain source without a sideEffects flag: its unused schemas (and zod with them) may be dropped
      treeshake: {
        moduleSideEffects: (id: string) => !id.startsWith(commonSrc),
        // common/ builds its zod schemas at module top; the web uses only its plain helpers, so drop the schemas (and zod)
        manualPureFunctions: ['z'],
      },
      output: {
        codeSplitting: {
          groups: [{ name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 10 }],
        },
      },
    },
  },
});
