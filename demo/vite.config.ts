import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))

// The pages use the workspace packages from source, so the demo needs no package build.
export default defineConfig({
  root: here('.'),
  base: './',
  plugins: [vue()],
  resolve: {
    alias: {
      // Before '@gws-chat/core', which would otherwise match it as a prefix.
      '@gws-chat/core/tabs': here('../packages/core/src/tabs/index.ts'),
      '@gws-chat/core/persistence': here('../packages/core/src/persistence/index.ts'),
      '@gws-chat/core': here('../packages/core/src/index.ts'),
      '@gws-chat/dom': here('../packages/adapters/dom/src/index.ts'),
      '@gws-chat/react': here('../packages/adapters/react/src/index.ts'),
      '@gws-chat/vue': here('../packages/adapters/vue/src/index.ts'),
      '@gws-chat/testing/fixtures': here('../packages/testing/src/fixtures.ts'),
      '@gws-chat/testing': here('../packages/testing/src/index.ts'),
    },
    dedupe: ['react', 'react-dom', 'vue'],
  },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: {
        index: here('index.html'),
        dom: here('dom/index.html'),
        react: here('react/index.html'),
        vue: here('vue/index.html'),
        tabs: here('tabs/index.html'),
        element: here('element/index.html'),
        gallery: here('gallery/index.html'),
        widget: here('widget/index.html'),
      },
    },
  },
  logLevel: 'warn',
})
