// Shared by the hostile-input and security tests: the built CLI run on a scratch workspace, with the
// outcome every hostile input must have (exit 0 or 2, a valid JSON report on stdout).

import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO, scratchDir, writeTree } from '../cli/helpers';

export { REPO, scratchDir, writeTree };

export const BIN = path.join(REPO, 'server/out/main.js');

/** Builds server/out/main.js (node esbuild.mjs), so that the bin under test is the code under test. */
export function buildBin(): void {
  try {
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, stdio: 'pipe' });
  } catch (err) {
    const detail = err instanceof Error && 'stderr' in err ? String((err as { stderr: unknown }).stderr) : String(err);
    throw new Error(`the build (node esbuild.mjs) failed, so the bin cannot be tested:\n${detail}`);
  }
}

export interface JsonFinding {
  rule: string;
  severity: string;
  message: string;
  file: string;
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
  resource: string | null;
}

export interface JsonReport {
  findings: JsonFinding[];
  pictures?: Record<string, unknown>[];
}

export interface CheckOutcome {
  exit: number;
  report: JsonReport;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node server/out/main.js --check <args> --format json` in `cwd` and asserts what every hostile input must
 * give: it ends (within the spawn timeout, generous), with exit status 0 or 2, and stdout is one JSON report.
 */
export function checkWithBin(cwd: string, args: string[], timeoutMs = 300_000): CheckOutcome {
  const r = spawnSync(process.execPath, [BIN, '--check', ...args, '--format', 'json'], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    timeout: timeoutMs,
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (r.error) throw r.error;
  assert.ok(r.status === 0 || r.status === 2, `exit status ${r.status} (signal ${r.signal}); stderr:\n${r.stderr.slice(0, 2000)}`);
  let report: JsonReport;
  try {
    report = JSON.parse(r.stdout) as JsonReport;
  } catch (err) {
    throw new Error(`stdout is not JSON (${(err as Error).message}): ${r.stdout.slice(0, 500)}`);
  }
  assert.ok(Array.isArray(report.findings), 'the report has findings');
  return { exit: r.status, report, stdout: r.stdout, stderr: r.stderr };
}

/** A scratch repository (it holds `.git`) with `files` written in it. */
export function workspaceWith(files: Record<string, string | Uint8Array>): string {
  const dir = scratchDir('lvl-hostile-');
  writeTree(dir, files);
  return dir;
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Deterministic bytes (xorshift32), so a failure is the same on every run. */
export function pseudoRandomBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}
