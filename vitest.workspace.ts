import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/**
 * The list of test projects. vitest 4 ignores this file on its own, so
 * `vitest.config.ts` imports it as `test.projects`.
 *
 * Tests import the workspace packages from source (the alias below), so a
 * change in one package is seen by the others without a rebuild.
 */
const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url))

export const alias = [
  { find: /^@gws-chat\/core$/, replacement: here('./packages/core/src/index.ts') },
  { find: /^@gws-chat\/core\/(.*)$/, replacement: here('./packages/core/src/$1/index.ts') },
  { find: /^@gws-chat\/simulator$/, replacement: here('./packages/simulator/src/index.ts') },
  { find: /^@gws-chat\/simulator\/handler$/, replacement: here('./packages/simulator/src/handler-entry.ts') },
  { find: /^@gws-chat\/testing$/, replacement: here('./packages/testing/src/index.ts') },
  { find: /^@gws-chat\/testing\/(fixtures|msw|playwright)$/, replacement: here('./packages/testing/src/$1.ts') },
  { find: /^@gws-chat\/react$/, replacement: here('./packages/adapters/react/src/index.ts') },
  { find: /^@gws-chat\/vue$/, replacement: here('./packages/adapters/vue/src/index.ts') },
  { find: /^@gws-chat\/dom$/, replacement: here('./packages/adapters/dom/src/index.ts') },
]

interface ProjectSpec {
  name: string
  dir: string
  environment?: 'node' | 'jsdom'
  /** Test files, when not the usual `src/`, `test/` and top-level ones. */
  include?: string[]
}

const specs: ProjectSpec[] = [
  { name: 'core', dir: 'packages/core' },
  { name: 'simulator', dir: 'packages/simulator' },
  { name: 'testing', dir: 'packages/testing' },
  { name: 'react', dir: 'packages/adapters/react', environment: 'jsdom' },
  { name: 'vue', dir: 'packages/adapters/vue', environment: 'jsdom' },
  { name: 'dom', dir: 'packages/adapters/dom', environment: 'jsdom' },
  { name: 'e2e', dir: 'e2e' },
  { name: 'examples', dir: 'examples', environment: 'jsdom', include: ['testing/*.test.{ts,tsx}'] },
]

export default specs
  .filter((spec) => existsSync(here(`./${spec.dir}`)))
  .map((spec) => ({
    resolve: { alias },
    test: {
      name: spec.name,
      root: here(`./${spec.dir}`),
      include: spec.include ?? ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}', '*.test.ts'],
      environment: spec.environment ?? 'node',
      typecheck: { enabled: true, include: ['src/**/*.test-d.ts', 'test/**/*.test-d.ts'] },
    },
  }))
