// End to end in a real VS Code: code-server 4.139.1 (VS Code in the browser) with our packaged .vsix,
// driven through headless chromium by playwright-core (scripts/e2e/code-server.ts) on a copy of
// test-fixtures/e2e/vscode/: a small module (VPC, private subnets in two zones behind a NAT gateway, a
// database) whose function's role cannot create ENIs (aws_lambda_vpc_eni_permissions in orders.tf), and a
// syntax error in main.tf. The first run installs Node 24, code-server and playwright-core into
// ~/.cache/lambda-vpc-lint-e2e (a few minutes); later runs reuse them. Screenshots:
// ~/.cache/lambda-vpc-lint-e2e/output/code-server-{problem,fixed,picture,clean}.png (newest run) and the run folder.
import * as assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import {
  CODE_SERVER_FIXTURE,
  HOVER_FIXED,
  LATEST_SCREENSHOTS,
  PICTURE_FUNCTION,
  RULE_FILE,
  RULE_FIX_TITLE,
  RULE_FUNCTION,
  RULE_ID,
  RULE_ROLE,
  SYNTAX_FIX_TITLE,
  runCodeServer,
  type CodeServerResult,
} from '../../../scripts/e2e/code-server';
import { vpcAccessAttachment, withVpcAccessAttachment } from '../../../scripts/e2e/expected';

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

  it(`shows the squiggle and ${RULE_ID} in the Problems panel (${CODE_SERVER_FIXTURE}/${RULE_FILE})`, function () {
    assert.ok(seen(r.squiggles, 'squiggle') >= 1);
    const rows = seen(r.problemsBefore, 'Problems panel');
    // The Problems panel renders the message, the source and the code (the rule id), and the position.
    const rule = rows.find((row) => row.includes(RULE_ID));
    assert.ok(rule, `no ${RULE_ID} row in ${JSON.stringify(rows)}`);
    assert.match(rule, /lambda-vpc-lint/);
    assert.ok(rule.includes(`${RULE_FUNCTION} is attached to a VPC`), rule);
    assert.match(rule, /\[Ln 30, Col 3\]/, 'on the function\'s role line');
    assert.ok(rows.some((row) => row.includes('hcl_syntax')), `the syntax error of main.tf is listed too: ${JSON.stringify(rows)}`);
  });

  it('counts both errors in the status bar', function () {
    const status = seen(r.statusBefore, 'status bar');
    assert.match(status, /Lambda VPC/);
    assert.match(status, /running, 2 error\(s\), 0 warning/);
  });

  it("offers the rule's quick fix in the light-bulb menu (Ctrl+.) and applies it", function () {
    const titles = seen(r.quickFixTitles, 'quick-fix menu');
    assert.ok(titles.some((t) => t.includes(RULE_FIX_TITLE)), JSON.stringify(titles));
    assert.ok(titles.some((t) => t.includes(`Ignore ${RULE_ID} for this line`)), JSON.stringify(titles));
    assert.ok(seen(r.appliedTitle, 'quick fix').includes(RULE_FIX_TITLE), r.appliedTitle);
  });

  it(`saves ${RULE_FILE} with the policy attachment added after the role, nothing else changed`, function () {
    const after = seen(r.fileAfter, 'saved file');
    assert.ok(after.includes(vpcAccessAttachment(RULE_ROLE)), `no attachment in:\n${after}`);
    assert.equal(after, withVpcAccessAttachment(r.fileBefore, RULE_ROLE));
  });

  it('the problem leaves the Problems panel and the status bar counts one error (the syntax error)', function () {
    const rows = seen(r.problemsAfterFix, 'Problems panel after the fix');
    assert.ok(!rows.some((row) => row.includes(RULE_ID)), JSON.stringify(rows));
    assert.ok(rows.some((row) => row.includes('hcl_syntax')), `the panel still lists the syntax error: ${JSON.stringify(rows)}`);
    assert.match(seen(r.statusAfterFix, 'status bar after the fix'), /running, 1 error\(s\)/);
  });

  it('applies "Ignore hcl_syntax for this line" to the syntax error: a comment naming the rule, the line kept', function () {
    assert.ok(seen(r.syntaxQuickFixTitles, 'quick-fix menu of the syntax error').some((t) => t.includes(SYNTAX_FIX_TITLE)), JSON.stringify(r.syntaxQuickFixTitles));
    assert.ok(seen(r.syntaxAppliedTitle, 'ignore quick fix').includes(SYNTAX_FIX_TITLE));
    const after = seen(r.syntaxFileAfter, 'saved main.tf');
    const added = after.split('\n').filter((l) => !r.syntaxFileBefore.split('\n').includes(l));
    assert.ok(added.some((l) => /(#|\/\/)[^\n]*hcl_syntax/.test(l)), `inserted lines: ${JSON.stringify(added)}`);
    assert.ok(after.includes('name = "demo" "extra"'), 'the broken line itself is kept');
  });

  it('runs "Show Network Picture of Function" from the palette (no function at the cursor here)', function () {
    assert.match(seen(r.pictureNotice, 'palette command'), /no Lambda function at the cursor/);
  });

  it("hovers the fixed function: its network picture, two zones, ENI permissions granted", function () {
    const hover = seen(r.hover, 'hover');
    assert.ok(hover.includes(RULE_FUNCTION), hover);
    assert.match(hover, /attached to a VPC/i);
    assert.match(hover, /Availability Zones: 2\b/);
    assert.match(hover, HOVER_FIXED);
  });

  it('opens the network picture of the function at the cursor as a markdown document', function () {
    const md = seen(r.pictureMarkdown, 'network picture');
    assert.ok(md.includes(PICTURE_FUNCTION), md);
  });

  it('ends with no problem of ours and the status bar counting zero', function () {
    assert.ok(!seen(r.problemsAfter, 'Problems panel at the end').some((row) => row.includes('lambda-vpc-lint')), JSON.stringify(r.problemsAfter));
    assert.match(seen(r.statusAfter, 'status bar at the end'), /running, 0 error/);
  });

  it('saves screenshots', function () {
    assert.equal(r.error, undefined, `the run stopped early: ${r.error}`);
    for (const p of [...r.screenshots, ...Object.values(LATEST_SCREENSHOTS)]) {
      assert.ok(existsSync(p) && statSync(p).size > 1000, `missing screenshot ${p}`);
    }
  });
});
