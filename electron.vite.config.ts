import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import { chunkModulesPlugin } from './scripts/chunk-modules'

const alias = { '@shared': resolve(__dirname, 'src-shared') }

// main + preload come out as CJS (no "type": "module"); the sandboxed preload cannot require() packages,
// so its dependencies (zod) are bundled. The renderer is a plain Vite build of src-renderer into out/renderer.
export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(__dirname, 'src-main/electron/main.ts') } },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/electron/preload.ts'),
          // the password/PIN window's own minimal preload (crypto area)
          pinDialog: resolve(__dirname, 'src-main/electron/pin-dialog/preload.ts'),
        },
        external: ['electron'],
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    resolve: { alias },
    plugins: [react(), chunkModulesPlugin()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      emptyOutDir: true,
      // A production build ships minified; the login screen's chunk set is checked by scripts/build-report.ts.
      minify: true,
      manifest: true,
      rollupOptions: { input: resolve(__dirname, 'src-renderer/index.html') },
    },
  },
})
