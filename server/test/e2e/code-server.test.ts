// End to end in a real VS Code: code-server 4.139.1 (VS Code in the browser) with our packaged .vsix,
// driven through headless chromium by playwright-core (scripts/e2e/code-server.ts) on a copy of
// test-fixtures/e2e/vscode/. The first run installs Node 24, code-server and playwright-core into
// ~/.cache/lambda-vpc-lint-e2e (a few minutes); later runs reuse them. Screenshots:
// ~/.cache/lambda-vpc-lint-e2e/output/code-server-{problem,fixed,picture}.png (newest run) and the run folder.
import * as assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { CODE_SERVER_FIXTURE, LATEST_SCREENSHOTS, PICTURE_FUNCTION, runCodeServer, type CodeServerResult } from '../../../scripts/e2e/code-server';

describe('e2e: VS Code (code-server) with the packaged extension', function () {
  this.timeout(900_000);
  let r: CodeServerResult;

  before(async function () {
    r = await runCodeServer();
  });

  /** The value a step recorded; when the run stopped before it, fails with the step that broke. */
  function seen<T>(value: T | undefined, what: string): T {
    assert.ok(value !== undefined, `${what}: not reached; the run stopped at: ${r.error}\n(run folder ${r.dir}, code-server log ${r.serverLog})`);
    return value;
  }

  it('installs the .vsix offline', function () {
    assert.ok(r.installedExtensions.includes('lambda-vpc-lint.lambda-vpc-lint'), `installed: ${r.installedExtensions.join(', ')}`);
  });

  it(`shows the error squiggle and the rule id in the Problems panel (${CODE_SERVER_FIXTURE})`, function () {
    assert.ok(seen(r.squiggles, 'squiggle') >= 1);
    const ours = seen(r.problemsBefore, 'Problems panel').filter((row) => row.includes('lambda-vpc-lint'));
    assert.ok(ours.length >= 1, JSON.stringify(r.problemsBefore));
    // The Problems panel renders the source and the code (the rule id) beside the message.
    assert.ok(ours.some((row) => row.includes('hcl_syntax')), `no rule id in ${JSON.stringify(ours)}`);
  });

  it('counts the error in the status bar', function () {
    const status = seen(r.statusBefore, 'status bar');
    assert.match(status, /Lambda VPC/);
    assert.match(status, /running, 1 error/);
  });

  it('offers and applies the ignore quick fix from the light-bulb menu (Ctrl+.)', function () {
    assert.ok(seen(r.quickFixTitles, 'quick-fix menu').some((t) => /Ignore hcl_syntax/i.test(t)), JSON.stringify(r.quickFixTitles));
    assert.match(seen(r.appliedTitle, 'quick fix'), /Ignore hcl_syntax/i);
  });

  it('saves the changed file: an ignore comment naming the rule, the broken line kept', function () {
    const after = seen(r.fileAfter, 'saved file');
    const added = after.split('\n').filter((l) => !r.fileBefore.split('\n').includes(l));
    assert.ok(added.some((l) => /(#|\/\/)[^\n]*hcl_syntax/.test(l)), `inserted lines: ${JSON.stringify(added)}`);
    assert.ok(after.includes('name = "demo" "extra"'), 'the broken line itself is kept');
  });

  it('runs "Show Network Picture of Function" from the palette (no function at the cursor here)', function () {
    assert.match(seen(r.pictureNotice, 'palette command'), /no Lambda function at the cursor/);
  });

  it('the problem goes away and the status bar counts zero', function () {
    assert.ok(!seen(r.problemsAfter, 'Problems panel after the fix').some((row) => row.includes('lambda-vpc-lint')), JSON.stringify(r.problemsAfter));
    assert.match(seen(r.statusAfter, 'status bar after the fix'), /running, 0 error/);
  });

  it('opens the network picture of the function at the cursor as a markdown document', function () {
    const md = seen(r.pictureMarkdown, 'network picture');
    assert.ok(md.includes(PICTURE_FUNCTION), md);
  });

  it('saves screenshots', function () {
    assert.equal(r.error, undefined, `the run stopped early: ${r.error}`);
    for (const p of [...r.screenshots, ...Object.values(LATEST_SCREENSHOTS)]) {
      assert.ok(existsSync(p) && statSync(p).size > 1000, `missing screenshot ${p}`);
    }
  });
});
