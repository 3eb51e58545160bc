export function buildDemo(options?: { outDir?: string }): Promise<void>
