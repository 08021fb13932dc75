// `npm run test:vscode` (client/src/test/runTest.ts) needs a VS Code download. Where none can be obtained it
// must say so loudly and exit 0, or 1 under --require-vscode. With internet access it runs the suite and exits 0.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { REPO, log } from '../../../scripts/e2e/env';

const BANNER = 'NO VS CODE COULD BE OBTAINED';

function runner(args: string[]): { status: number | null; stderr: string } {
  log('test:vscode', `$ node --import tsx client/src/test/runTest.ts ${args.join(' ')}`);
  const env = { ...process.env };
  delete env['LAMBDA_VPC_LINT_REQUIRE_VSCODE'];
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'client', 'src', 'test', 'runTest.ts'), ...args], {
    cwd: REPO,
    env,
    encoding: 'utf8',
    timeout: 600_000,
  });
  return { status: r.status, stderr: r.stderr };
}

describe('e2e: the @vscode/test-electron runner', function () {
  this.timeout(1_300_000);
  let first: { status: number | null; stderr: string };

  before(function () {
    first = runner([]);
  });

  it('exits 0: the suite passed, or no VS Code could be obtained and it said so loudly', function () {
    assert.equal(first.status, 0, first.stderr.slice(-3000));
    if (first.stderr.includes(BANNER)) {
      assert.match(first.stderr, /!!! Reason: /);
      assert.match(first.stderr, /code-server/, 'names the test that covers the same ground');
      log('test:vscode', 'no VS Code could be obtained here (the runner said so); the code-server test covers the scenario');
    }
  });

  it('fails under --require-vscode when no VS Code can be obtained', function () {
    if (!first.stderr.includes(BANNER)) {
      // VS Code was obtained and the suite ran and passed above: there is no failure to provoke.
      assert.doesNotMatch(first.stderr, new RegExp(BANNER));
      return;
    }
    const r = runner(['--require-vscode']);
    assert.equal(r.status, 1, r.stderr.slice(-3000));
    assert.ok(r.stderr.includes(BANNER));
    assert.match(r.stderr, /--require-vscode/);
  });
});
