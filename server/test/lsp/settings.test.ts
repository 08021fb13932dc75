// In-process tests of the effective configuration (server/src/lsp/settings.ts): the editor's
// `lambdaVpcLint` settings merged over the nearest .lambda-vpc-lint.json. A value present in the
// settings wins, also when it equals the default; null or absent leaves the file's value.
import * as assert from 'node:assert/strict';
import { effectiveConfig } from '../../src/lsp/settings';

const FILE = {
  path: '/w/.lambda-vpc-lint.json',
  text: JSON.stringify({
    minAzs: 3,
    eniBudget: 100,
    reportUnusedIgnores: true,
    rules: { hcl_syntax: 'warning', aws_lambda_vpc_single_az: { severity: 'error', minAzs: 4 } },
    ignorePaths: ['legacy'],
  }),
};

describe('lsp: effective configuration (file + settings)', function () {
  it('keeps the file where the settings say nothing (absent, null, or not an object)', function () {
    for (const settings of [undefined, null, 'x', [], {}, { minAzs: null, eniBudget: undefined, reportUnusedIgnores: null, rules: null }]) {
      const c = effectiveConfig(FILE, settings, '/w');
      assert.equal(c.options.minAzs, 3, JSON.stringify(settings));
      assert.equal(c.options.eniBudget, 100);
      assert.equal(c.options.reportUnusedIgnores, true);
      assert.deepEqual(c.options.rules, { hcl_syntax: 'warning', aws_lambda_vpc_single_az: { severity: 'error', minAzs: 4 } });
      assert.deepEqual(c.problems, []);
    }
  });

  it('lets a setting equal to the default override the file', function () {
    const c = effectiveConfig(FILE, { minAzs: 2, eniBudget: 350, reportUnusedIgnores: false }, '/w');
    assert.deepEqual([c.options.minAzs, c.options.eniBudget, c.options.reportUnusedIgnores], [2, 350, false]);
    assert.deepEqual(c.problems, []);
  });

  it('merges rules per rule (a default severity in the settings wins over the file\'s), and adds ignorePaths', function () {
    const c = effectiveConfig(FILE, { rules: { hcl_syntax: 'error', aws_lambda_vpc_single_az: { minAzs: 2 } }, ignorePaths: [] }, '/w');
    assert.deepEqual(c.options.rules, { hcl_syntax: 'error', aws_lambda_vpc_single_az: { severity: 'error', minAzs: 2 } });
    // Empty lists and objects in the settings change nothing: they add to the file's.
    assert.equal(c.isIgnored('/w/legacy/old.tf'), true);
    assert.equal(effectiveConfig(FILE, { rules: {} }, '/w').options.rules?.['hcl_syntax'], 'warning');
  });

  it('applies the settings over the defaults when there is no file, and ignores client-only keys', function () {
    const c = effectiveConfig(undefined, { minAzs: 3, trace: { server: 'verbose' } }, '/w');
    assert.equal(c.options.minAzs, 3);
    assert.deepEqual(c.problems, []);
  });

  it('reports invalid settings and keeps the file', function () {
    const c = effectiveConfig(FILE, { minAzs: 'two' }, '/w');
    assert.equal(c.options.minAzs, 3);
    assert.equal(c.problems.length, 1);
    assert.match(c.problems[0]!, /minAzs/);
    assert.match(c.problems[0]!, /settings are ignored/);
  });
});
