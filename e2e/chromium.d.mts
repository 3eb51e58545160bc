export type ChromiumLookup = { path: string; from: string; error?: undefined } | { path?: undefined; error: string }
export function findChromium(env?: NodeJS.ProcessEnv): ChromiumLookup
export function ensureChromium(options?: { env?: NodeJS.ProcessEnv; log?: (line: string) => void }): ChromiumLookup
