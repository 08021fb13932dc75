// Golden scenarios of the command line: test-fixtures/cli/<scenario>/.
//
// A scenario folder holds Terraform files and:
//   args.json        the arguments: ["--check", ...] or
//                    { "argv": [...], "cwd": "sub/dir", "env": { "NAME": "value" }, "spawn": true }
//                    (cwd is relative to the scenario; spawn also runs it through the built
//                    server/out/main.js, to prove the bin works)
//   expected.stdout  stdout, with the scenario's absolute path as <SCENARIO> and the version as <VERSION>
//   expected.exit    the exit status
//   expected.stderr  (optional) stderr, normalised the same way
//   <file>.fixed     (optional) <file>'s content after the run; every file without one must be unchanged
// Each run works on a copy of the folder in a temporary directory (which holds a .git, so the
// configuration search stops there). UPDATE=1 rewrites the expected files.

import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCli } from '../../src/cli/main';
import { Capture, copyTree, REPO, scratchDir, UPDATE } from './helpers';

const SCENARIOS = path.join(REPO, 'test-fixtures/cli');
const BIN = path.join(REPO, 'server/out/main.js');
const VERSION: string = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version;
const EXPECTED = /^expected\.(stdout|stderr|exit)$/;

interface Spec {
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  spawn: boolean;
}

interface Outcome {
  stdout: string;
  stderr: string;
  exit: number;
}

function readSpec(dir: string): Spec {
  const raw = JSON.parse(fs.readFileSync(path.join(dir, 'args.json'), 'utf8'));
  if (Array.isArray(raw)) return { argv: raw, cwd: '.', env: {}, spawn: false };
  return { argv: raw.argv, cwd: raw.cwd ?? '.', env: raw.env ?? {}, spawn: raw.spawn === true };
}

/** Files of the scenario itself (not its expectations), relative, sorted. */
function scenarioFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...scenarioFiles(dir, r));
    else if (!isExpectation(r)) out.push(r);
  }
  return out.sort();
}

function isExpectation(rel: string): boolean {
  return rel === 'args.json' || EXPECTED.test(rel) || rel.endsWith('.fixed');
}

/** A working copy of the scenario: returns its absolute path. */
function workingCopy(name: string): string {
  const work = path.join(scratchDir('lvl-scenario-'), name);
  copyTree(path.join(SCENARIOS, name), work, isExpectation);
  return work;
}

function normalise(text: string, work: string): string {
  const url = pathToFileURL(work).href;
  return text.split(url).join('file://<SCENARIO>').split(work).join('<SCENARIO>').split(VERSION).join('<VERSION>');
}

async function runInProcess(spec: Spec, work: string): Promise<Outcome> {
  const stdout = new Capture();
  const stderr = new Capture();
  const exit = await runCli(spec.argv, { cwd: path.join(work, spec.cwd), env: { ...spec.env }, stdout, stderr });
  return { stdout: stdout.text, stderr: stderr.text, exit };
}

function runBin(spec: Spec, work: string): Outcome {
  const r = spawnSync(process.execPath, [BIN, ...spec.argv], {
    cwd: path.join(work, spec.cwd),
    env: { PATH: process.env.PATH ?? '', ...spec.env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  return { stdout: r.stdout, stderr: r.stderr, exit: r.status ?? -1 };
}

function compareOrUpdate(file: string, actual: string, optional = false): void {
  if (UPDATE) {
    if (actual !== '' || !optional || fs.existsSync(file)) fs.writeFileSync(file, actual);
    return;
  }
  if (!fs.existsSync(file)) {
    if (optional) assert.equal(actual, '', `unexpected output (no ${path.basename(file)}; UPDATE=1 records it)`);
    else assert.fail(`${file} is missing (UPDATE=1 records it)`);
    return;
  }
  assert.equal(actual, fs.readFileSync(file, 'utf8'), `${path.basename(file)} differs (UPDATE=1 regenerates)`);
}

/** Every file must be unchanged unless a `.fixed` expectation says what it becomes. */
function checkFiles(name: string, work: string, update = UPDATE): void {
  const fixture = path.join(SCENARIOS, name);
  const files = new Set([...scenarioFiles(fixture), ...scenarioFiles(work).filter((f) => !f.startsWith('.git/'))]);
  for (const rel of files) {
    const before = path.join(fixture, rel);
    const after = path.join(work, rel);
    const expected = path.join(fixture, `${rel}.fixed`);
    const now = fs.existsSync(after) ? fs.readFileSync(after) : undefined;
    const original = fs.existsSync(before) ? fs.readFileSync(before) : undefined;
    if (update) {
      if (now && !(original && now.equals(original))) fs.writeFileSync(expected, now);
      else if (fs.existsSync(expected)) fs.rmSync(expected);
      continue;
    }
    const want = fs.existsSync(expected) ? fs.readFileSync(expected) : original;
    assert.ok(now !== undefined && want !== undefined && now.equals(want), `${rel} is not as expected after the run`);
  }
}

function check(name: string, outcome: Outcome, work: string): void {
  const dir = path.join(SCENARIOS, name);
  compareOrUpdate(path.join(dir, 'expected.stdout'), normalise(outcome.stdout, work));
  compareOrUpdate(path.join(dir, 'expected.stderr'), normalise(outcome.stderr, work), true);
  compareOrUpdate(path.join(dir, 'expected.exit'), `${outcome.exit}\n`);
}

const scenarios = fs.existsSync(SCENARIOS)
  ? fs
      .readdirSync(SCENARIOS, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort()
  : [];

describe('cli scenarios (test-fixtures/cli)', function () {
  this.timeout(120_000);

  it('there are scenarios, each with args.json', () => {
    assert.ok(scenarios.length > 0, `no scenarios in ${SCENARIOS}`);
    for (const name of scenarios) assert.ok(fs.existsSync(path.join(SCENARIOS, name, 'args.json')), `${name} has no args.json`);
  });

  for (const name of scenarios) {
    it(name, async () => {
      const work = workingCopy(name);
      const spec = readSpec(path.join(SCENARIOS, name));
      check(name, await runInProcess(spec, work), work);
      checkFiles(name, work);
    });
  }

  describe('through the built bin (node server/out/main.js)', () => {
    const spawned = scenarios.filter((name) => readSpec(path.join(SCENARIOS, name)).spawn);

    before(function () {
      this.timeout(300_000);
      // Build now, so that the bin under test is the code under test.
      try {
        execFileSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, stdio: 'pipe' });
      } catch (err) {
        const detail = err instanceof Error && 'stderr' in err ? String((err as { stderr: unknown }).stderr) : String(err);
        throw new Error(`the build (node esbuild.mjs) failed, so the bin cannot be tested:\n${detail}`);
      }
    });

    it('some scenarios run through the bin', () => {
      assert.ok(spawned.length >= 3, 'mark a few scenarios with "spawn": true');
    });

    for (const name of spawned) {
      it(name, () => {
        const work = workingCopy(name);
        const outcome = runBin(readSpec(path.join(SCENARIOS, name)), work);
        // The expectations are those of the in-process run (already rewritten under UPDATE=1):
        // the bin must behave the same.
        const dir = path.join(SCENARIOS, name);
        assert.equal(normalise(outcome.stdout, work), fs.readFileSync(path.join(dir, 'expected.stdout'), 'utf8'));
        const stderrFile = path.join(dir, 'expected.stderr');
        assert.equal(normalise(outcome.stderr, work), fs.existsSync(stderrFile) ? fs.readFileSync(stderrFile, 'utf8') : '');
        assert.equal(`${outcome.exit}\n`, fs.readFileSync(path.join(dir, 'expected.exit'), 'utf8'));
        checkFiles(name, work, false);
      });
    }
  });
});
