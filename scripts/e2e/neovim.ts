// Harness of the Neovim end-to-end test: copies a fixture workspace to a private folder, runs
// scripts/e2e/neovim.lua in a headless Neovim 0.7+ against the built server, and returns what it observed.
// Standalone: `node --import tsx scripts/e2e/neovim.ts` prints the result as JSON.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO, buildBundles, ensureAptPackage, freshDir, log, serverEntry, which } from './env';
import { ENI_RULE, eniFixTitle } from './expected';

/** A diagnostic as the server published it (LSP shape, 0-based positions). */
export interface LspDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity?: number;
  code?: string | number;
  source?: string;
  message: string;
}

export interface NeovimStep {
  name: 'initialized' | 'open' | 'codeActions' | 'fixed' | 'broken' | 'ignored';
  ok: boolean;
  diagnostics?: LspDiagnostic[];
  actions?: { title: string; kind?: string; isPreferred?: boolean; edit?: unknown }[];
  /** The quick fix applied (null: none with an edit was offered). */
  title?: string | null;
  /** The buffer's text after the step (lines joined by \n, no final newline). */
  text?: string;
  /** How many diagnostics Neovim itself holds for the buffer (vim.diagnostic.get). */
  nvimDiagnosticCount?: number;
}

export interface NeovimResult {
  nvimVersion: string;
  uri: string;
  published: number;
  steps: NeovimStep[];
  serverInfo?: { name: string; version?: string };
  error?: string;
  /** Neovim's LSP log (the server's stderr lands there), for failure messages. */
  log: string;
  /** The folder the run used (fixture copy, plan, result, log). */
  dir: string;
}

export interface NeovimPlan {
  /** Fixture folder under the repo, copied before the run. */
  fixture: string;
  /** File inside the fixture to open. */
  file: string;
  /**
   * The rule finding expected when the file is opened (0-based line), and the title of its quick fix, which
   * the scenario applies as the editor would; that must withdraw the finding.
   */
  finding: { rule: string; line: number; fixTitle: string };
  /** 0-based line (in the fixed file) before which `text` is inserted, which breaks the file. */
  breakAt: { line: number; text: string };
  timeoutMs?: number;
}

export const NEOVIM_FIXTURE = 'test-fixtures/e2e/neovim';
/** The role in the fixture's main.tf that lacks ENI permissions. */
export const NEOVIM_ROLE = 'api';

/** The scenario neovim.test.ts runs; the fixture's comments say the same. */
export const DEFAULT_PLAN: NeovimPlan = {
  fixture: NEOVIM_FIXTURE,
  file: 'main.tf',
  finding: { rule: ENI_RULE, line: 26, fixTitle: eniFixTitle(NEOVIM_ROLE) },
  breakAt: { line: 3, text: 'output "broken" { value = }' },
};

export function ensureNeovim(): string {
  ensureAptPackage('neovim', 'neovim', () => which('nvim') !== undefined);
  const nvim = which('nvim')!;
  const version = spawnSync(nvim, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0] ?? '';
  const m = /NVIM v(\d+)\.(\d+)/.exec(version);
  if (!m || (Number(m[1]) === 0 && Number(m[2]) < 7)) throw new Error(`Neovim 0.7 or newer is needed, found "${version}" at ${nvim}`);
  log('neovim', `${version} at ${nvim}`);
  return nvim;
}

export function runNeovim(plan: NeovimPlan = DEFAULT_PLAN, opts: { build?: boolean } = {}): NeovimResult {
  const nvim = ensureNeovim();
  if (opts.build !== false) buildBundles('neovim');
  const dir = freshDir('neovim');
  const root = path.join(dir, 'workspace');
  cpSync(path.join(REPO, plan.fixture), root, { recursive: true });
  const resultPath = path.join(dir, 'result.json');
  const planPath = path.join(dir, 'plan.json');
  const timeoutMs = plan.timeoutMs ?? 20000;
  writeFileSync(
    planPath,
    JSON.stringify({ node: process.execPath, server: serverEntry(), root, file: path.join(root, plan.file), result: resultPath, timeoutMs, finding: plan.finding, breakAt: plan.breakAt }),
  );
  // Every Neovim state folder is private to the run (the LSP log lands in XDG_CACHE_HOME).
  const xdg = Object.fromEntries(['CONFIG', 'DATA', 'CACHE', 'STATE'].map((k) => [`XDG_${k}_HOME`, path.join(dir, `xdg-${k.toLowerCase()}`)]));
  for (const d of Object.values(xdg)) mkdirSync(d, { recursive: true });
  log('neovim', `running ${path.relative(REPO, path.join(__dirname, 'neovim.lua'))} on ${path.join(root, plan.file)}`);
  const r = spawnSync(nvim, ['--headless', '--clean', '-u', 'NONE', '-c', `luafile ${path.join(__dirname, 'neovim.lua')}`], {
    cwd: root,
    env: { ...process.env, ...xdg, LVL_PLAN: planPath },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    // Eight waits (and requests) of at most timeoutMs each, plus start-up; a hung Neovim is killed.
    timeout: timeoutMs * 8 + 30000,
  });
  if (!existsSync(resultPath)) {
    throw new Error(`Neovim wrote no result (status ${r.status ?? r.signal}, error ${r.error?.message ?? 'none'}):\n${r.stderr.slice(-3000)}`);
  }
  const result = JSON.parse(readFileSync(resultPath, 'utf8')) as Omit<NeovimResult, 'log' | 'dir'> & { logPath?: string };
  const logText = result.logPath && existsSync(result.logPath) ? readFileSync(result.logPath, 'utf8') : '';
  for (const s of result.steps) log('neovim', `step ${s.name}: ${s.ok ? 'ok' : 'FAILED'}${s.diagnostics ? ` (${s.diagnostics.length} diagnostics)` : ''}`);
  return { ...result, log: logText.slice(-6000), dir };
}

if (require.main === module) {
  process.stdout.write(JSON.stringify(runNeovim(), null, 2) + '\n');
}
