import { writeFile } from 'node:fs/promises'
import { defineConfig } from 'tsup'
import { defaultStyles } from './src/styles'

export default defineConfig([
  // The npm entry: @gws-chat/core external, registers nothing on import.
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    // Keep the script-tag files, which the other build writes into the same folder at the same time.
    clean: ['!gws-chat.*'],
    sourcemap: true,
    target: 'es2022',
    treeshake: true,
    // `@gws-chat/dom/styles.css`: the same text the widget adopts (src/styles.ts is its one source).
    onSuccess: () => writeFile('dist/styles.css', `/* @gws-chat/dom: the widget's default stylesheet (see docs/dom.md) */\n${defaultStyles}`),
  },
  // The script-tag build, for pages without a bundler: core and every dependency inside, `<gws-chat>` registered on
  // load. dist/gws-chat.browser.js for <script type="module">, dist/gws-chat.iife.js for a classic <script>
  // (the `GwsChat` global).
  {
    entry: { 'gws-chat': 'src/browser.ts' },
    format: ['esm', 'iife'],
    outExtension: ({ format }) => ({ js: format === 'iife' ? '.iife.js' : '.browser.js' }),
    globalName: 'GwsChat',
    platform: 'browser',
    target: 'es2020',
    noExternal: [/.*/],
    env: { NODE_ENV: 'production' },
    minify: true,
    sourcemap: true,
    clean: false,
    dts: false,
  },
])
