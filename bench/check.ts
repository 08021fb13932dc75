// The whole check as CI runs it, and its start-up as a pre-commit hook runs it.
//
// `check`: generated workspaces of 250, 500, 1,000 and 2,000 files (bench/workspace.ts; 250 and
// 500 with --quick) written to a temporary directory. Each is checked by a spawned
// `node server/out/main.js --check --recursive <ws> --format json`, so start-up, discovery, reading,
// parsing, analysis and output are all in the time. Baseline in the same run: @cdktf/hcl2json
// parsing the same files in this process (parse only: no reading, no analysis), awaited file by
// file as in bench/parse.ts. The two run interleaved, round by round, across sizes, so a burst of
// load elsewhere slows all alike. Also: the scaling ratio (time at 2x the files over time at 1x)
// and the check's peak RSS, which a preloaded probe script reads from `process.resourceUsage()` as
// the check exits (with its CPU time).
//
// Before measuring, each workspace is checked once with --explain and the output is compared with
// what the generator predicts: every function found (pictures), every root module, no syntax
// error, and the predicted rules firing. A workspace where nothing resolves would measure nothing,
// so a failed sanity check fails the section.
//
// `startup`: `node server/out/main.js --check --recursive examples` (the bundled examples, as a
// pre-commit hook would run it) against `node -e 0`, with `--version` (loading the bundle and
// nothing else) in between.

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureBuilt } from '../server/test/lsp/client';
import { fmt, goal, goalAtMost, median, sample, type BenchOptions, type BenchSection, type Goal, type Sample, type SectionResult } from './harness';
import { generateWorkspace, writeWorkspace, type GeneratedWorkspace, type PredictedRule } from './workspace';

const REPO = path.resolve(__dirname, '..');
const MAIN_JS = path.join(REPO, 'server', 'out', 'main.js');
const SEED = 20251201;
const SIZES = [250, 500, 1000, 2000];
const QUICK_SIZES = [250, 500];
/** Issue 7's goals. */
const CHECK_VS_HCL2JSON = 20;
const SCALING_MAX = 2.2;
const RSS_MAX_MB = 300;
const RSS_AT_FILES = 2000;
/** A pre-commit hook should cost a handful of node start-ups (our own goal; issue 5 asks to measure it). */
const STARTUP_MAX = 10;
/** A spawned run that takes longer than this is killed and fails the section (a hang guard). */
const RUN_TIMEOUT_MS = 600_000;

const requireHere = createRequire(__filename);

interface Hcl2Json {
  parse(fileName: string, text: string): Promise<unknown>;
}

/** One spawned node process, timed from spawn to exit. */
interface RunResult {
  wallMs: number;
  /** User + system CPU time of the child, from the probe (NaN without it). */
  cpuMs: number;
  /** Peak resident set of the child in MB (KiB / 1024, as bench/lsp.ts), from the probe (NaN without it). */
  peakRssMB: number;
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The probe preloaded (`--require`) into measured children: at exit it writes the process's own
 * peak RSS and CPU time to the file named by LVL_BENCH_PROBE_OUT. Written to the temporary directory
 * at run time; it costs the child one small `require`. The peak comes from VmHWM in
 * /proc/self/status: `process.resourceUsage().maxRSS` (getrusage) is not reset by exec on Linux,
 * so a child spawned from this big process would report this process's size. Where there is no
 * /proc, maxRSS is the fallback.
 */
const PROBE_SOURCE = `'use strict';
const out = process.env.LVL_BENCH_PROBE_OUT;
if (out) {
  process.on('exit', () => {
    const fs = require('fs');
    const u = process.resourceUsage();
    let kib = u.maxRSS;
    try {
      const m = /^VmHWM:\\s+(\\d+) kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
      if (m) kib = Number(m[1]);
    } catch {}
    fs.writeFileSync(out, JSON.stringify({ maxRssKiB: kib, cpuUs: u.userCPUTime + u.systemCPUTime }));
  });
}
`;

class Runner {
  private n = 0;
  readonly probe: string;

  constructor(private readonly tmp: string) {
    this.probe = path.join(tmp, 'probe.cjs');
    fs.writeFileSync(this.probe, PROBE_SOURCE);
  }

  /** Runs `node [--require probe] ...args` in `cwd`; keeps stdout only when asked (it can be large). */
  run(args: string[], cwd: string, opts: { probe?: boolean; keepStdout?: boolean } = {}): Promise<RunResult> {
    const probeOut = path.join(this.tmp, `probe-${this.n++}.json`);
    const env: NodeJS.ProcessEnv = { ...process.env, LVL_BENCH_PROBE_OUT: probeOut };
    // The children run exactly the command line given, whatever options this process was started with.
    delete env.NODE_OPTIONS;
    const argv = opts.probe ? ['--require', this.probe, ...args] : args;
    return new Promise((resolve, reject) => {
      const t0 = performance.now();
      const child = spawn(process.execPath, argv, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (d: Buffer) => {
        if (opts.keepStdout) out.push(d);
      });
      child.stderr.on('data', (d: Buffer) => err.push(d));
      const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
      child.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      child.on('close', (code, signal) => {
        const wallMs = performance.now() - t0;
        clearTimeout(timer);
        if (signal !== null) {
          reject(new Error(`node ${args.join(' ')}: killed by ${signal}${signal === 'SIGKILL' ? ` (no exit within ${RUN_TIMEOUT_MS / 1000} s)` : ''}`));
          return;
        }
        let cpuMs = NaN;
        let peakRssMB = NaN;
        if (opts.probe) {
          try {
            const p = JSON.parse(fs.readFileSync(probeOut, 'utf8')) as { maxRssKiB: number; cpuUs: number };
            cpuMs = p.cpuUs / 1000;
            peakRssMB = p.maxRssKiB / 1024;
            fs.rmSync(probeOut);
          } catch {
            // No report (the child died before its exit handlers ran): the numbers stay NaN.
          }
        }
        resolve({ wallMs, cpuMs, peakRssMB, exitCode: code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
      });
    });
  }
}

/** A check ends with 0 (nothing to report) or 2 (findings); anything else means it could not do its job. */
function assertChecked(r: RunResult, what: string): void {
  if (r.exitCode !== 0 && r.exitCode !== 2) {
    throw new Error(`${what}: exit code ${r.exitCode}: ${r.stderr.trim().split('\n').slice(0, 5).join(' | ')}`);
  }
}

// ---------------------------------------------------------------------------
// Sanity of a generated workspace

interface JsonReport {
  findings: Array<{ rule: string }>;
  pictures?: Array<{ root: string; attachment?: { status?: string } }>;
}

interface Sanity {
  functions: number;
  attached: number;
  findings: number;
  byRule: Record<string, number>;
  notes: string[];
}

/** Checks the workspace once with --explain and compares with the generator's predictions; throws when the run measured nothing real. */
async function sanityCheck(runner: Runner, ws: GeneratedWorkspace, dir: string): Promise<Sanity> {
  const r = await runner.run([MAIN_JS, '--check', '--recursive', dir, '--format', 'json', '--explain'], dir, { keepStdout: true });
  assertChecked(r, `check of the ${ws.files.length}-file workspace`);
  const report = JSON.parse(r.stdout) as JsonReport;
  const pictures = report.pictures ?? [];
  const byRule: Record<string, number> = {};
  for (const f of report.findings) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
  const problems: string[] = [];
  const notes: string[] = [];
  if (pictures.length !== ws.functions) problems.push(`${pictures.length} function pictures, ${ws.functions} functions generated`);
  // A picture's root is absolute or relative to the working directory (the workspace): either way, relative to `dir` here.
  const roots = new Set(pictures.map((p) => path.relative(dir, path.resolve(dir, p.root)).split(path.sep).join('/')));
  const missingRoots = ws.rootModules.filter((m) => !roots.has(m));
  if (missingRoots.length > 0) problems.push(`no function found in root module(s) ${missingRoots.slice(0, 3).join(', ')}${missingRoots.length > 3 ? ', ...' : ''}`);
  if ((byRule.hcl_syntax ?? 0) > 0) problems.push(`${byRule.hcl_syntax} syntax errors in generated files`);
  for (const [rule, expected] of Object.entries(ws.expected) as Array<[PredictedRule, number]>) {
    const found = byRule[rule] ?? 0;
    if (expected > 0 && found === 0) problems.push(`${rule}: ${expected} findings predicted, none found`);
    else if (found !== expected) notes.push(`${ws.files.length} files: ${rule} found ${found} times, predicted ${expected}`);
  }
  if (problems.length > 0) throw new Error(`the generated ${ws.files.length}-file workspace does not resolve as generated: ${problems.join('; ')}`);
  const attached = pictures.filter((p) => p.attachment?.status === 'attached').length;
  return { functions: pictures.length, attached, findings: report.findings.length, byRule, notes };
}

// ---------------------------------------------------------------------------
// The `check` section

interface SizeState {
  files: number;
  dir: string;
  ws: GeneratedWorkspace;
  sanity: Sanity;
  checks: RunResult[];
  hcl2json: Sample[];
}

export const checkSection: BenchSection = {
  id: 'check',
  title: 'Whole check: spawned `--check --recursive --format json` vs hcl2json parse only (median over interleaved rounds)',

  async run(opts: BenchOptions): Promise<SectionResult> {
    ensureBuilt();
    const sizes = opts.quick ? QUICK_SIZES : SIZES;
    const rounds = opts.quick ? 3 : 5;
    const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'lvl-bench-check-')));
    try {
      const runner = new Runner(tmp);
      const hcl2json = requireHere('@cdktf/hcl2json') as Hcl2Json;
      const states: SizeState[] = [];
      for (const files of sizes) {
        const ws = generateWorkspace(files, SEED);
        const dir = path.join(tmp, `ws-${files}`);
        writeWorkspace(dir, ws.files);
        // The sanity run doubles as the check's warm-up (the files are in the file system cache).
        const sanity = await sanityCheck(runner, ws, dir);
        states.push({ files, dir, ws, sanity, checks: [], hcl2json: [] });
      }
      // hcl2json warm-up: WASM compilation and JIT, on the smallest workspace.
      for (const f of states[0].ws.files) await hcl2json.parse(f.path, f.text);

      for (let r = 0; r < rounds; r++) {
        for (const s of states) {
          const run = await runner.run([MAIN_JS, '--check', '--recursive', s.dir, '--format', 'json'], s.dir, { probe: true });
          assertChecked(run, `check of the ${s.files}-file workspace`);
          s.checks.push(run);
          s.hcl2json.push(
            await sample(async () => {
              for (const f of s.ws.files) await hcl2json.parse(f.path, f.text);
            }),
          );
        }
      }
      return report(states, rounds);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  },
};

function report(states: SizeState[], rounds: number): SectionResult {
  const metrics: Record<string, number> = { seed: SEED, rounds };
  const goals: Goal[] = [];
  const notes: string[] = [];
  const table: string[][] = [
    ['files', 'MB', 'roots', 'functions', 'findings', 'check ms', 'check CPU ms', 'hcl2json parse ms', 'hcl2json / check', 'vs half the files', 'peak RSS MB'],
  ];
  const checkMs = new Map<number, number>();
  const checkCpuMs = new Map<number, number>();
  for (const s of states) {
    const wall = median(s.checks.map((c) => c.wallMs));
    const cpu = median(s.checks.map((c) => c.cpuMs));
    const rss = Math.max(...s.checks.map((c) => c.peakRssMB));
    const h2j = median(s.hcl2json.map((h) => h.wallMs));
    const h2jCpu = median(s.hcl2json.map((h) => h.cpuMs));
    const ratio = h2j / wall;
    checkMs.set(s.files, wall);
    checkCpuMs.set(s.files, cpu);
    const half = checkMs.get(s.files / 2);
    const scaling = half === undefined ? NaN : wall / half;
    const scalingCpu = half === undefined ? NaN : cpu / (checkCpuMs.get(s.files / 2) as number);
    const n = s.files;
    Object.assign(metrics, {
      [`bytes_${n}`]: s.ws.bytes,
      [`rootModules_${n}`]: s.ws.rootModules.length,
      [`functions_${n}`]: s.sanity.functions,
      [`attachedFunctions_${n}`]: s.sanity.attached,
      [`findings_${n}`]: s.sanity.findings,
      [`checkMs_${n}`]: wall,
      [`checkCpuMs_${n}`]: cpu,
      [`hcl2jsonMs_${n}`]: h2j,
      [`hcl2jsonCpuMs_${n}`]: h2jCpu,
      [`ratioHcl2jsonToCheck_${n}`]: ratio,
      [`peakRssMB_${n}`]: rss,
    });
    if (half !== undefined) {
      metrics[`scaling_${n}`] = scaling;
      metrics[`scalingCpu_${n}`] = scalingCpu;
    }
    goals.push(goal(`${n} files: hcl2json parse / whole check`, CHECK_VS_HCL2JSON, ratio));
    if (half !== undefined) goals.push(goalAtMost(`${n} files: check time / time at ${n / 2} files`, SCALING_MAX, scaling));
    if (n === RSS_AT_FILES) goals.push(goalAtMost(`${n} files: peak RSS of the check`, RSS_MAX_MB, rss, 'MB'));
    table.push([
      String(n),
      fmt(s.ws.bytes / 1e6, 2),
      String(s.ws.rootModules.length),
      String(s.sanity.functions),
      String(s.sanity.findings),
      fmt(wall),
      fmt(cpu),
      fmt(h2j),
      fmt(ratio),
      Number.isFinite(scaling) ? scaling.toFixed(2) : '',
      fmt(rss),
    ]);
    notes.push(...s.sanity.notes);
    const cpuScaling = half === undefined ? '' : `, time vs half the files ${scalingCpu.toFixed(2)}`;
    notes.push(`${n} files: by CPU time hcl2json / check ${fmt(h2jCpu / cpu)}x${cpuScaling}; findings by rule ${JSON.stringify(s.sanity.byRule)}`);
  }
  if (!states.some((s) => s.files === RSS_AT_FILES)) notes.push(`--quick: no ${RSS_AT_FILES}-file workspace, so no RSS goal (peak RSS is still reported)`);
  notes.push(`each workspace: ${states[0].ws.rootModules.length} root modules per ${states[0].files} files with a shared local module and one local network module per root; ${rounds} rounds`);
  return { metrics, goals, notes, table };
}

// ---------------------------------------------------------------------------
// The `startup` section

export const startupSection: BenchSection = {
  id: 'startup',
  title: 'Start-up: `--check --recursive examples` (pre-commit hook) vs `node -e 0` (median over interleaved rounds)',

  async run(opts: BenchOptions): Promise<SectionResult> {
    ensureBuilt();
    const rounds = opts.quick ? 8 : 20;
    const warmup = 2;
    const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'lvl-bench-startup-')));
    try {
      const runner = new Runner(tmp);
      const commands: Array<{ name: string; args: string[] }> = [
        { name: 'node -e 0', args: ['-e', '0'] },
        { name: 'lambda-vpc-lint --version', args: [MAIN_JS, '--version'] },
        { name: 'lambda-vpc-lint --check --recursive examples', args: [MAIN_JS, '--check', '--recursive', 'examples'] },
      ];
      const times = commands.map(() => [] as number[]);
      const rss = commands.map(() => [] as number[]);
      for (let r = 0; r < warmup + rounds; r++) {
        for (const [i, c] of commands.entries()) {
          const run = await runner.run(c.args, REPO, { probe: true });
          assertChecked(run, c.name);
          if (r < warmup) continue;
          times[i].push(run.wallMs);
          rss[i].push(run.peakRssMB);
        }
      }
      const med = times.map(median);
      const [base, version, check] = med;
      const exampleFiles = fs.readdirSync(path.join(REPO, 'examples'), { recursive: true }).filter((f) => /\.(tf|tofu)(\.json)?$/.test(String(f))).length;
      return {
        metrics: {
          rounds,
          exampleFiles,
          nodeBaselineMs: base,
          versionMs: version,
          checkExamplesMs: check,
          checkExamplesPeakRssMB: Math.max(...rss[2]),
          ratioCheckToNode: check / base,
          ratioVersionToNode: version / base,
        },
        goals: [goalAtMost('check of examples/ / node -e 0', STARTUP_MAX, check / base)],
        notes: [
          `examples/ holds ${exampleFiles} Terraform files; the check costs ${fmt(check - base)} ms over a bare node start-up, of which loading the bundle (--version) ${fmt(version - base)} ms`,
          `the goal (at most ${STARTUP_MAX} node start-ups) is ours: issue 5 asks that start-up plus the check stay small enough for a pre-commit hook`,
        ],
        table: [
          ['command', 'median ms', 'x node -e 0', 'peak RSS MB'],
          ...commands.map((c, i) => [c.name, fmt(med[i]), fmt(med[i] / base, 2), fmt(Math.max(...rss[i]))]),
        ],
      };
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  },
};
