// End to end with a real LSP client other than VS Code: Neovim 0.7 headless runs scripts/e2e/neovim.lua
// against the built server (server/out/main.js --stdio) on test-fixtures/e2e/neovim/ and reports what it saw.
import * as assert from 'node:assert/strict';
import { DEFAULT_PLAN, runNeovim, type NeovimResult, type NeovimStep } from '../../../scripts/e2e/neovim';

describe('e2e: Neovim as LSP client', function () {
  this.timeout(240_000);
  let result: NeovimResult;

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

  it('publishes hcl_syntax for the broken line when the file is opened', function () {
    const open = stepOf('open');
    assert.ok(open.ok, 'no diagnostics arrived');
    const d = open.diagnostics ?? [];
    assert.ok(d.length >= 1);
    assert.ok(d.every((x) => x.source === 'lambda-vpc-lint'), JSON.stringify(d));
    const syntax = d.filter((x) => x.code === 'hcl_syntax');
    assert.ok(syntax.length >= 1, JSON.stringify(d));
    assert.ok(
      syntax.some((x) => x.range.start.line === DEFAULT_PLAN.fix.line),
      `expected an hcl_syntax diagnostic on line ${DEFAULT_PLAN.fix.line + 1}: ${JSON.stringify(syntax)}`,
    );
    assert.equal(syntax[0]!.severity, 1, 'hcl_syntax is an error');
  });

  it('offers an "ignore" quick fix for the diagnostic', function () {
    const actions = stepOf('codeActions').actions ?? [];
    const ignore = actions.find((a) => /ignore/i.test(a.title) && a.title.includes('hcl_syntax'));
    assert.ok(ignore, `no "Ignore hcl_syntax ..." action among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(ignore.kind, 'quickfix');
  });

  it('withdraws the diagnostics when an edit repairs the file', function () {
    const fixed = stepOf('fixed');
    assert.ok(fixed.ok, `diagnostics remained after the repair: ${JSON.stringify(fixed.diagnostics)}`);
    assert.deepEqual(fixed.diagnostics, []);
  });

  it('reports the new error after an edit breaks another line', function () {
    const broken = stepOf('broken');
    assert.ok(broken.ok, 'no diagnostics after breaking the file again');
    const lines = (broken.diagnostics ?? []).map((d) => d.range.start.line);
    assert.ok(lines.includes(DEFAULT_PLAN.breakAt.line), `expected a diagnostic on line ${DEFAULT_PLAN.breakAt.line + 1}, got lines ${lines.map((l) => l + 1)}`);
    assert.ok(!lines.includes(DEFAULT_PLAN.fix.line), 'the repaired line must stay clean');
  });

  it('applying the ignore quick fix edits the buffer and silences the finding', function () {
    const ignored = stepOf('ignored');
    assert.ok(ignored.title, 'no ignore quick fix with an edit was offered for the new error');
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
