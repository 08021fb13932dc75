// Shared pieces of `npm run bench`: the section contract, timing helpers and table printing.
//
// Each benchmark section lives in its own module (bench/<section>.ts) and exports a
// `BenchSection`. bench/run.ts runs them in order and writes one JSON report. Goals are ratios
// against baselines measured in the same run, never absolute times: absolute numbers depend on
// the machine, ratios much less so.

import { performance } from 'node:perf_hooks';

export interface BenchOptions {
  /** `--quick`: fewer repeats and smaller slices for slow baselines. */
  quick: boolean;
}

/**
 * A performance goal: `actual` must be at least `atLeast`, or at most `atMost` (exactly one of the
 * two is set). `unit` is how the numbers read: `x` for a ratio (the default), or `MB`, `ms`.
 */
export interface Goal {
  name: string;
  atLeast?: number;
  atMost?: number;
  unit?: string;
  actual: number;
  met: boolean;
}

export interface SectionResult {
  /** Machine-readable measurements (throughputs in MB/s, times in ms, sizes in bytes). */
  metrics: Record<string, number | string | boolean>;
  goals: Goal[];
  /** Human-readable caveats printed under the table and kept in the JSON. */
  notes: string[];
  /** Rows to print; the first row is the header. */
  table: string[][];
}

export interface BenchSection {
  /** Short id used as the key in bench/results/latest.json. */
  id: string;
  title: string;
  run(opts: BenchOptions): Promise<SectionResult>;
}

export function goal(name: string, atLeast: number, actual: number): Goal {
  return { name, atLeast, actual, met: Number.isFinite(actual) && actual >= atLeast };
}

/** A goal with an upper bound (a scaling ratio, a memory ceiling). */
export function goalAtMost(name: string, atMost: number, actual: number, unit = 'x'): Goal {
  return { name, atMost, unit, actual, met: Number.isFinite(actual) && actual <= atMost };
}

/** `>= 50x`, `<= 300 MB`: the goal's bound as text. */
export function goalBound(g: Goal): string {
  const unit = g.unit ?? 'x';
  const n = g.atMost ?? g.atLeast ?? NaN;
  return `${g.atMost !== undefined ? '<=' : '>='} ${fmt(n, n < 10 ? 2 : 1)}${unit === 'x' ? 'x' : ` ${unit}`}`;
}

/** The goal's measured value with its unit. */
export function goalActual(g: Goal): string {
  const unit = g.unit ?? 'x';
  return Number.isFinite(g.actual) ? `${fmt(g.actual, g.actual < 10 ? 2 : 1)}${unit === 'x' ? 'x' : ` ${unit}`}` : 'n/a';
}

export interface Sample {
  wallMs: number;
  /** Process CPU time (user + system, all threads), less sensitive to other load on the machine. */
  cpuMs: number;
}

/** Times one call of `fn` (awaited when async). */
export async function sample(fn: () => unknown): Promise<Sample> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wallMs, cpuMs: (c.user + c.system) / 1000 };
}

export interface Timing {
  /** Median wall time of the measured samples, in milliseconds. */
  medianMs: number;
  /** Median CPU time of the measured samples, in milliseconds. */
  medianCpuMs: number;
  samples: Sample[];
}

export function summarize(samples: Sample[]): Timing {
  return { medianMs: median(samples.map((s) => s.wallMs)), medianCpuMs: median(samples.map((s) => s.cpuMs)), samples };
}

/** Runs `fn` `warmup` times unmeasured, then `repeats` times measured, and reports the medians. */
export async function measure(fn: () => unknown, warmup: number, repeats: number): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: Sample[] = [];
  for (let i = 0; i < repeats; i++) samples.push(await sample(fn));
  return summarize(samples);
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Throughput in MB/s (1 MB = 1,000,000 bytes). */
export function mbPerSec(bytes: number, ms: number): number {
  return bytes / 1e6 / (ms / 1000);
}

export function fmt(x: number, digits = 1): string {
  if (!Number.isFinite(x)) return 'n/a';
  return x >= 100 ? x.toFixed(0) : x.toFixed(digits);
}

/** A number, with an optional bound before it and unit after it (`>= 20.0x`, `<= 300 MB`, `1.58`). */
const NUMERIC_CELL = /^(?:[<>]=? ?)?-?\d[\d.,]*(?: ?(?:x|ms|MB|%))?$/;

/** Renders rows as a GitHub markdown table (first row is the header); columns of numbers are right-aligned. */
export function renderMarkdownTable(rows: string[][]): string {
  const cell = (c: string | undefined): string => (c ?? '').replace(/\|/g, '\\|');
  const line = (r: string[]): string => `| ${rows[0].map((_, c) => cell(r[c])).join(' | ')} |`;
  const numeric = rows[0].map((_, c) => rows.slice(1).every((r) => (r[c] ?? '') === '' || NUMERIC_CELL.test(r[c])));
  const rule = `|${numeric.map((n) => (n ? ' ---: ' : ' --- ')).join('|')}|`;
  return [line(rows[0]), rule, ...rows.slice(1).map(line)].join('\n');
}

/** Renders rows as an aligned plain-text table (first row is the header). */
export function renderTable(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]): string => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
