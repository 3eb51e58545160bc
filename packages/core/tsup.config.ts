import { defineConfig, type Options } from 'tsup'
import { stripDescriptionsPlugin } from './build/strip-descriptions'

/**
 * The default HTTP adapter is the platform's: the built files import `#default-http`, which package.json `imports`
 * resolves per platform (the `node` condition: `dist/default-http-node`, the node:http adapter; anything else:
 * `dist/default-http`, fetch), so `node:http` never reaches a browser bundle. The sources import `./http/default`
 * (fetch), which is what bundles of the sources and the tests get.
 */
const platformDefault: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'platform-default-http',
  setup(build) {
    build.onResolve({ filter: /^\.\/http\/default$/ }, () => ({ path: '#default-http', external: true }))
  },
}

const shared = {
  entry: {
    index: 'src/index.ts',
    tabs: 'src/tabs/index.ts',
    record: 'src/record/index.ts',
    node: 'src/node/index.ts',
    ofetch: 'src/ofetch/index.ts',
    attention: 'src/attention/index.ts',
    persistence: 'src/persistence/index.ts',
    // The default HTTP adapter per platform (package.json `imports`), internal: no declarations.
    'default-http': 'src/http/default.ts',
    'default-http-node': 'src/http/default-node.ts',
  },
  dts: { entry: { index: 'src/index.ts', tabs: 'src/tabs/index.ts', record: 'src/record/index.ts', node: 'src/node/index.ts', ofetch: 'src/ofetch/index.ts', attention: 'src/attention/index.ts', persistence: 'src/persistence/index.ts' } },
  esbuildPlugins: [platformDefault],
  sourcemap: true,
  target: 'es2022',
  treeshake: true,
} satisfies Options

/**
 * Dependencies that a require() may reach as ES modules only. The ESM build imports them; the CJS build bundles them,
 * so `require('@gws-chat/core')` works where require() cannot load an ES module (Jest, Node without require(esm)).
 * `@xstate/store` ships ESM only. `ofetch` (and its node-fetch-native) has a CommonJS build for the `node` condition
 * but answers the `browser` condition, which Jest's jsdom environment uses, with ESM. xstate and valibot have
 * CommonJS builds for every condition and stay external. ofetch is bundled from its universal build (global fetch,
 * which Node >= 20 has) rather than its Node one, whose node-fetch-native would add some 200 kB of fetch polyfill.
 */
export const ESM_ONLY = ['@xstate/store', 'ofetch']

/**
 * The shipped builds carry the machines without their state descriptions (prose for the inspector and the statechart,
 * some 0.8 kB gzipped of every visitor's download). The `development` export condition, which Vite and webpack set in
 * development, picks `dist/dev/`: the same ESM build with the descriptions, so the Stately inspector shows them.
 */
const production = { ...shared, esbuildPlugins: [platformDefault, stripDescriptionsPlugin] } satisfies Options

// Three builds writing into one dist: each cleans only its own files (the others run at the same time).
export default defineConfig([
  { ...production, format: ['esm'], clean: ['!**/*.cjs', '!**/*.cjs.map', '!dev/**'] },
  { ...shared, format: ['esm'], dts: false, outDir: 'dist/dev', clean: true },
  {
    ...production,
    format: ['cjs'],
    clean: ['!**/*.js', '!**/*.js.map'],
    noExternal: ESM_ONLY,
    // 'worker' picks ofetch's universal build (its exports list `worker` before `node`); no other bundled package has it.
    esbuildOptions: (options) => {
      options.conditions = ['worker']
    },
  },
])
