// Shared helpers: the machine a benchmark ran on, tables, statistics, result files.
import os from 'node:os'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const BENCH_DIR = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
export const REPO_DIR = path.dirname(BENCH_DIR)
export const RESULTS_DIR = path.join(BENCH_DIR, 'results')

export function machine() {
  const cpus = os.cpus()
  return {
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    cpu: (cpus[0]?.model ?? 'unknown').trim(),
    cores: cpus.length,
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    node: process.version,
  }
}

export function machineLine(m = machine()) {
  return `${m.os}, ${m.cpu}, ${m.cores} cores, ${m.memory}, Node ${m.node}`
}

/** A Markdown table; `rows` are arrays of cells, numbers right-aligned. */
export function table(headers, rows) {
  const cells = rows.map((row) => row.map((cell) => (cell === null || cell === undefined ? '–' : String(cell))))
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i]?.length ?? 0)))
  const numeric = headers.map((_, i) => cells.length > 0 && cells.every((row) => /^[-+]?[\d.,]+( ?[%×a-zA-Z/]+)?$|^–$/.test(row[i] ?? '')))
  const pad = (text, i) => (numeric[i] ? text.padStart(widths[i]) : text.padEnd(widths[i]))
  const line = (row) => `| ${row.map((c, i) => pad(c, i)).join(' | ')} |`
  const rule = `|${widths.map((w, i) => (numeric[i] ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|')}|`
  return [line(headers), rule, ...cells.map(line)].join('\n')
}

export function quantile(values, q) {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const at = (sorted.length - 1) * q
  const lo = Math.floor(at)
  const hi = Math.ceil(at)
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo)
}

export const median = (values) => quantile(values, 0.5)

export function fmt(value, digits = 1) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–'
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
}

/** kB = 1000 bytes, as size-limit and bundlephobia count. */
export const kB = (bytes) => (bytes === null || bytes === undefined ? '–' : `${fmt(bytes / 1000, 2)}`)

export function saveResult(name, data) {
  fs.mkdirSync(RESULTS_DIR, { recursive: true })
  const file = path.join(RESULTS_DIR, `${name}.json`)
  fs.writeFileSync(file, JSON.stringify({ name, machine: machine(), date: new Date().toISOString(), ...data }, null, 2) + '\n')
  return file
}

export function header(title) {
  console.log(`\n## ${title}\n`)
  console.log(`Machine: ${machineLine()}\n`)
}
