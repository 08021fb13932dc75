// Language server benchmark: the built server (server/out/main.js --stdio) driven over JSON-RPC by
// the protocol tests' client, on deterministic generated Terraform written to a temporary folder.
//
// - Edit latency: a module of 200 files, one file open; ~50 edits (debounce 0, so the debounce is not
//   measured), each timed from sending `didChange` to the `publishDiagnostics` carrying its version.
//   Baseline in the same run: `analyze()` in process on the same module after the same edit, with a
//   warm parse cache (the work the server cannot avoid).
// - Cold start: a workspace of `files` files (2,000 by default) in module directories of 20 files;
//   from spawning the server to the first diagnostics, and to diagnostics for every file. Baseline:
//   `analyze()` in process over every module directory, fresh cache, files read from disk.
// - Memory: the server's peak resident set (VmHWM in /proc/<pid>/status; NaN where there is none).
//
// `benchLsp` returns plain numbers and prints nothing; `lspSection` wraps it for bench/run.ts.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyze, ParseCache } from '../server/src/analysis';
import { MemoryHost, type DirEntry, type FileHost } from '../server/src/core/host';
import { generateHclFile } from '../server/test/support/generate-hcl';
import { ensureBuilt, fileUri, TestClient } from '../server/test/lsp/client';
import { fmt, goal, median, type BenchOptions, type BenchSection, type SectionResult } from './harness';

export interface LspBenchOptions {
  /** Files of the cold-start workspace (2,000 for the reference numbers). */
  files: number;
  /** Fewer edits. */
  quick: boolean;
}

export interface LspBenchResult {
  moduleFiles: number;
  edits: number;
  editP50Ms: number;
  editP95Ms: number;
  /** In-process `analyze()` of the edited module, warm cache: the floor of the edit latency. */
  analyzeP50Ms: number;
  workspaceFiles: number;
  workspaceModules: number;
  coldStartFirstMs: number;
  coldStartAllMs: number;
  /** In-process `analyze()` of every module of the workspace from disk, fresh cache. */
  checkAllInProcessMs: number;
  /** Peak resident set of the server, in MB: after the edits / after the cold start. */
  editPeakRssMB: number;
  coldStartPeakRssMB: number;
}

const MODULE_FILES = 200;
const FILES_PER_MODULE = 20;
const FILE_BYTES = 3000;
const SEED = 20251128;
/** A wait for diagnostics that takes longer than this fails the benchmark (a hang guard). */
const WAIT_MS = 600_000;

/** Writes `count` generated files into `dir`; returns their paths. */
function writeModule(dir: string, count: number, seed: number): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const p = path.join(dir, `file_${String(i).padStart(4, '0')}.tf`);
    fs.writeFileSync(p, generateHclFile(seed + i, { targetBytes: FILE_BYTES }).text);
    out.push(p);
  }
  return out;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

function peakRssMB(pid: number | undefined): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** A FileHost over node:fs for the in-process baselines. */
const diskHost: FileHost = {
  readFile(p) {
    try {
      return fs.readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  },
  readDir(p) {
    try {
      return fs.readdirSync(p, { withFileTypes: true }).map((d): DirEntry => ({ name: d.name, kind: d.isDirectory() ? 'dir' : d.isFile() ? 'file' : 'other' }));
    } catch {
      return undefined;
    }
  },
};

/** The edit of round `i`: a comment line inserted at the top, or taken out again. */
function editOf(i: number): { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string } {
  return i % 2 === 0
    ? { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: `# edit ${i}\n` }
    : { range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, text: '' };
}

async function benchEdits(root: string, edits: number): Promise<Pick<LspBenchResult, 'moduleFiles' | 'edits' | 'editP50Ms' | 'editP95Ms' | 'analyzeP50Ms' | 'editPeakRssMB'>> {
  const dir = path.join(root, 'module');
  const files = writeModule(dir, MODULE_FILES, SEED);
  const { client } = await TestClient.start({ folders: [dir], initializationOptions: { debounceMs: 0 } });
  client.waitMs = WAIT_MS;
  try {
    const target = files[0];
    const text = fs.readFileSync(target, 'utf8');
    const uri = await client.open(target, text);
    // Wait for the module's first full publish.
    await client.diagnostics(uri, (p) => p.version === 1);
    await Promise.all(files.map((f) => client.diagnostics(fileUri(f))));
    const latencies: number[] = [];
    for (let i = 0; i < edits; i++) {
      const mark = client.published.length;
      const t0 = performance.now();
      const version = await client.change(uri, [editOf(i)]);
      await client.diagnostics(uri, (p) => p.version === version, mark);
      latencies.push(performance.now() - t0);
      // The other files keep their diagnostics, so the server sends nothing for them (the next edit's time
      // includes any work still under way).
    }
    const editPeakRssMB = peakRssMB(client.child.pid);

    // Baseline: the same analysis in process, warm cache, one file changed per run.
    const host = new MemoryHost(new Map(files.map((f) => [f, fs.readFileSync(f, 'utf8')])));
    const cache = new ParseCache();
    analyze(host, [dir], {}, cache);
    const times: number[] = [];
    let current = text;
    for (let i = 0; i < edits; i++) {
      current = i % 2 === 0 ? `# edit ${i}\n` + current : current.slice(current.indexOf('\n') + 1);
      host.files.set(target, current);
      const t0 = performance.now();
      analyze(host, [dir], {}, cache);
      times.push(performance.now() - t0);
    }
    return { moduleFiles: MODULE_FILES, edits, editP50Ms: median(latencies), editP95Ms: percentile(latencies, 95), analyzeP50Ms: median(times), editPeakRssMB };
  } finally {
    await client.stop();
  }
}

async function benchColdStart(root: string, files: number): Promise<Pick<LspBenchResult, 'workspaceFiles' | 'workspaceModules' | 'coldStartFirstMs' | 'coldStartAllMs' | 'checkAllInProcessMs' | 'coldStartPeakRssMB'>> {
  const ws = path.join(root, 'workspace');
  const all: string[] = [];
  const dirs: string[] = [];
  for (let m = 0; all.length < files; m++) {
    const dir = path.join(ws, `stack-${String(m).padStart(3, '0')}`);
    dirs.push(dir);
    all.push(...writeModule(dir, Math.min(FILES_PER_MODULE, files - all.length), SEED + 1000 * (m + 1)));
  }
  const t0 = performance.now();
  const { client } = await TestClient.start({ folders: [ws], initializationOptions: { debounceMs: 0 } });
  client.waitMs = WAIT_MS;
  try {
    const first = await new Promise<number>((resolve) => {
      const poll = (): void => {
        if (client.published.length > 0) resolve(performance.now() - t0);
        else setImmediate(poll);
      };
      poll();
    });
    await Promise.all(all.map((f) => client.diagnostics(fileUri(f))));
    const allMs = performance.now() - t0;
    const coldStartPeakRssMB = peakRssMB(client.child.pid);

    const t1 = performance.now();
    const cache = new ParseCache();
    for (const d of dirs) analyze(diskHost, [d], {}, cache);
    const checkAllInProcessMs = performance.now() - t1;
    return { workspaceFiles: all.length, workspaceModules: dirs.length, coldStartFirstMs: first, coldStartAllMs: allMs, checkAllInProcessMs, coldStartPeakRssMB };
  } finally {
    await client.stop();
  }
}

/** Runs the language server benchmark; prints nothing. */
export async function benchLsp(opts: LspBenchOptions): Promise<LspBenchResult> {
  ensureBuilt();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lvl-bench-lsp-'));
  try {
    const edits = await benchEdits(root, opts.quick ? 20 : 50);
    const cold = await benchColdStart(root, opts.files);
    return { ...edits, ...cold };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** The `lsp` section of `npm run bench`. */
export const lspSection: BenchSection = {
  id: 'lsp',
  title: 'Language server: edit latency, cold start, memory',
  async run(opts: BenchOptions): Promise<SectionResult> {
    const r = await benchLsp({ files: 2000, quick: opts.quick });
    const metrics: Record<string, number> = { ...r };
    return {
      metrics,
      goals: [
        // The server's own cost (protocol, conversion, publishing every file of the module) at most 4x the analysis.
        goal('edit: in-process analyze / LSP edit p50', 0.25, r.analyzeP50Ms / r.editP50Ms),
        goal('cold start: in-process check / LSP all diagnostics', 0.25, r.checkAllInProcessMs / r.coldStartAllMs),
      ],
      notes: [`edit latency over ${r.edits} edits in a ${r.moduleFiles}-file module, debounce 0; cold start on ${r.workspaceFiles} files in ${r.workspaceModules} modules`],
      table: [
        ['measure', 'value'],
        ['edit → diagnostics p50 (ms)', fmt(r.editP50Ms)],
        ['edit → diagnostics p95 (ms)', fmt(r.editP95Ms)],
        ['in-process analyze of the module p50 (ms)', fmt(r.analyzeP50Ms)],
        ['cold start → first diagnostics (ms)', fmt(r.coldStartFirstMs)],
        ['cold start → all diagnostics (ms)', fmt(r.coldStartAllMs)],
        ['in-process check of the workspace (ms)', fmt(r.checkAllInProcessMs)],
        ['server peak RSS after edits (MB)', fmt(r.editPeakRssMB)],
        ['server peak RSS after cold start (MB)', fmt(r.coldStartPeakRssMB)],
      ],
    };
  },
};
