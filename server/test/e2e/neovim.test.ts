// End to end with a real LSP client other than VS Code: Neovim 0.7 headless runs scripts/e2e/neovim.lua
// against the built server (server/out/main.js --stdio) on test-fixtures/e2e/neovim/ and reports what it saw:
// a rule finding (aws_lambda_vpc_eni_permissions) and its quick fix, then a syntax error and its ignore fix.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ENI_RULE, vpcAccessAttachment, withVpcAccessAttachment } from '../../../scripts/e2e/expected';
import { DEFAULT_PLAN, NEOVIM_ROLE, runNeovim, type NeovimResult, type NeovimStep } from '../../../scripts/e2e/neovim';

const REPO = path.resolve(__dirname, '..', '..', '..');

describe('e2e: Neovim as LSP client', function () {
  this.timeout(240_000);
  let result: NeovimResult;
  /** The fixture file as opened (the buffer's text has no final newline). */
  const original = readFileSync(path.join(REPO, DEFAULT_PLAN.fixture, DEFAULT_PLAN.file), 'utf8').replace(/\n$/, '');

  before(function () {
    result = runNeovim(DEFAULT_PLAN);
  });

  function stepOf(name: NeovimStep['name']): NeovimStep {
    const s = result.steps.find((x) => x.name === name);
    assert.ok(s, `Neovim never reached step "${name}" (error: ${result.error ?? 'none'}); run folder ${result.dir}\nLSP log:\n${result.log}`);
    return s;
  }

  it('starts the server and finishes initialize', function () {
    assert.equal(result.error, undefined, `the Lua scenario failed: ${result.error}\nLSP log:\n${result.log}`);
    assert.ok(stepOf('initialized').ok);
    assert.equal(result.serverInfo?.name, 'lambda-vpc-lint');
  });

  it(`publishes ${ENI_RULE} on the function's role line when the file is opened`, function () {
    const open = stepOf('open');
    assert.ok(open.ok, `no ${ENI_RULE} diagnostic arrived: ${JSON.stringify(open.diagnostics)}`);
    const d = open.diagnostics ?? [];
    // The fixture is otherwise clean: exactly the one finding, from our server.
    assert.deepEqual(
      d.map((x) => ({ code: x.code, source: x.source, line: x.range.start.line, severity: x.severity })),
      [{ code: ENI_RULE, source: 'lambda-vpc-lint', line: DEFAULT_PLAN.finding.line, severity: 1 }],
    );
    assert.match(d[0]!.message, new RegExp(`aws_iam_role\\.${NEOVIM_ROLE}\\b.*AWSLambdaVPCAccessExecutionRole`));
    assert.equal(open.nvimDiagnosticCount, 1, 'Neovim itself holds the diagnostic');
  });

  it("offers the rule's quick fix (preferred) and an ignore action", function () {
    const actions = stepOf('codeActions').actions ?? [];
    const titles = JSON.stringify(actions.map((a) => a.title));
    const fix = actions.find((a) => a.title === DEFAULT_PLAN.finding.fixTitle);
    assert.ok(fix, `no "${DEFAULT_PLAN.finding.fixTitle}" among ${titles}`);
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.isPreferred, true, 'the one safe fix is preferred');
    assert.ok(fix.edit, 'the fix carries its edit');
    assert.ok(actions.some((a) => a.title === `Ignore ${ENI_RULE} for this line`), titles);
  });

  it('applying the quick fix adds the policy attachment and withdraws the finding', function () {
    const fixed = stepOf('fixed');
    assert.equal(fixed.title, DEFAULT_PLAN.finding.fixTitle);
    assert.ok(fixed.ok, `the finding remained after the fix: ${JSON.stringify(fixed.diagnostics)}`);
    assert.deepEqual(fixed.diagnostics, []);
    assert.equal(fixed.nvimDiagnosticCount, 0);
    assert.ok(fixed.text?.includes(vpcAccessAttachment(NEOVIM_ROLE)), `no attachment in:\n${fixed.text}`);
    assert.equal(fixed.text, withVpcAccessAttachment(original, NEOVIM_ROLE), 'the fix inserted exactly the attachment after the role');
  });

  it('reports hcl_syntax after an edit breaks a line', function () {
    const broken = stepOf('broken');
    assert.ok(broken.ok, 'no diagnostics after breaking the file');
    const d = broken.diagnostics ?? [];
    assert.ok(d.every((x) => x.source === 'lambda-vpc-lint'), JSON.stringify(d));
    const syntax = d.filter((x) => x.code === 'hcl_syntax');
    assert.ok(
      syntax.some((x) => x.range.start.line === DEFAULT_PLAN.breakAt.line),
      `expected hcl_syntax on line ${DEFAULT_PLAN.breakAt.line + 1}: ${JSON.stringify(d)}`,
    );
    assert.equal(syntax[0]!.severity, 1, 'hcl_syntax is an error');
    assert.ok(!d.some((x) => x.code === ENI_RULE), 'the fixed finding stays fixed');
  });

  it('applying the ignore quick fix edits the buffer and silences the syntax error', function () {
    const ignored = stepOf('ignored');
    assert.ok(ignored.title, 'no ignore quick fix with an edit was offered for the new error');
    assert.match(ignored.title, /Ignore hcl_syntax/i);
    assert.ok(ignored.ok, `diagnostics remained after the quick fix: ${JSON.stringify(ignored.diagnostics)}`);
    const lines = (ignored.text ?? '').split('\n');
    const brokenAt = lines.indexOf(DEFAULT_PLAN.breakAt.text);
    assert.ok(brokenAt >= 0, 'the broken line itself must be kept');
    const before = stepOf('broken').text ?? '';
    assert.notEqual(ignored.text, before, 'the quick fix changed nothing');
    // The annotation's exact syntax belongs to the suppression layer; it is a comment naming the rule, at or above the line.
    assert.match(lines.slice(Math.max(0, brokenAt - 1), brokenAt + 1).join('\n'), /(#|\/\/|\/\*)[^\n]*hcl_syntax/, 'an ignore comment naming the rule was inserted');
  });
});
