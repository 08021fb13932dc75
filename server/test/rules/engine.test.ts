// The rule engine: isolation of failing rules, severities and options from the configuration, merging of
// count/for_each instances, and the order of the report.
import * as assert from 'node:assert/strict';
import { parseFile } from '../../src/hcl';
import type { FunctionPicture } from '../../src/network/types';
import { perFunction, type Draft, type Rule, type RuleContext } from '../../src/rules/context';
import { lintWorkspace, resolveOptions, runRules, severityOf, sortFindings } from '../../src/rules/engine';
import { allRules, ruleById } from '../../src/rules/registry';
import { docsUrl, type Finding, type RuleMeta } from '../../src/rules/types';
import { lint, REPO, readTree } from './harness';

const FILE = '/ws/main.tf';
const parsed = [parseFile(FILE, 'a = 1\nb = 2\n')];

function meta(id: string, defaultSeverity: RuleMeta['defaultSeverity'] = 'warning'): RuleMeta {
  return { id, defaultSeverity, summary: id, description: id, docsUrl: docsUrl(id), messages: { default: id }, fixable: 'none' };
}

function draft(rule: string, message: string, start: number, resource?: string): Draft {
  const d: Draft = { rule, message, file: FILE, span: { start, end: start + 1 }, related: [{ file: FILE, span: { start: 0, end: 1 }, message: `evidence of ${resource ?? message}` }], fixes: [] };
  if (resource !== undefined) d.resource = resource;
  return d;
}

function rule(id: string, check: (ctx: RuleContext) => Draft[], defaultSeverity: RuleMeta['defaultSeverity'] = 'warning'): Rule {
  return { meta: meta(id, defaultSeverity), check };
}

describe('rules/engine', () => {
  it('logs a rule that throws and still reports the others', () => {
    const logged: string[] = [];
    const findings = runRules([], {
      files: parsed,
      log: (m) => logged.push(m),
      rules: [
        rule('boom', () => {
          throw new Error('kaput');
        }),
        rule('fine', () => [draft('fine', 'ok', 0)]),
      ],
    });
    assert.deepEqual(findings.map((f) => f.rule), ['fine']);
    assert.equal(logged.length, 1);
    assert.match(logged[0], /^rule boom failed: Error: kaput/);
  });

  it('isolates a failure on one function: the rule still reports the other functions', () => {
    const pics = [{ id: 'aws_lambda_function.bad' }, { id: 'aws_lambda_function.good' }] as unknown as FunctionPicture[];
    const logged: string[] = [];
    const findings = runRules(pics, {
      files: parsed,
      log: (m) => logged.push(m),
      rules: [
        rule('r', (ctx) =>
          perFunction(ctx, 'r', (pic) => {
            if (pic.id.endsWith('bad')) throw new TypeError('no subnets');
            return [draft('r', `about ${pic.id}`, 0, pic.id)];
          }),
        ),
      ],
    });
    assert.deepEqual(findings.map((f) => f.message), ['about aws_lambda_function.good']);
    assert.match(logged.join('\n'), /^rule r failed on aws_lambda_function\.bad: TypeError: no subnets/);
  });

  it('applies configured severities: a bare setting, an object, off, and the default', () => {
    const rules = [rule('a', () => [draft('a', 'a', 0)]), rule('b', () => [draft('b', 'b', 0)]), rule('c', () => [draft('c', 'c', 0)], 'error'), rule('d', () => [draft('d', 'd', 0)])];
    const findings = runRules([], { files: parsed, rules, options: { rules: { a: 'info', b: { severity: 'error' }, d: 'off' } } });
    assert.deepEqual(findings.map((f) => [f.rule, f.severity]), [
      ['a', 'info'],
      ['b', 'error'],
      ['c', 'error'],
    ]);
    assert.equal(severityOf({ rules: { x: { minAzs: 3 } } }, meta('x', 'error')), 'error');
  });

  it('takes rule options from the rule, then the top level, then the default; bad values fall back', () => {
    assert.deepEqual(resolveOptions({}), { minAzs: 2, eniBudget: 350 });
    assert.deepEqual(resolveOptions({ minAzs: 3, eniBudget: 100 }), { minAzs: 3, eniBudget: 100 });
    assert.deepEqual(
      resolveOptions({ minAzs: 3, rules: { aws_lambda_vpc_single_az: { minAzs: 4 }, aws_lambda_vpc_eni_quota: { severity: 'error', eniBudget: 500 } } }),
      { minAzs: 4, eniBudget: 500 },
    );
    assert.deepEqual(resolveOptions({ minAzs: 0, eniBudget: 2.5, rules: { aws_lambda_vpc_single_az: { minAzs: 'x' } } }), { minAzs: 2, eniBudget: 350 });
  });

  it('merges the instances of one block that give the same finding at the same place', () => {
    const findings = runRules([], {
      files: parsed,
      rules: [
        rule('r', () => [
          draft('r', 'same', 2, 'aws_lambda_function.f[0]'),
          draft('r', 'same', 2, 'aws_lambda_function.f[1]'),
          draft('r', 'same', 2, 'aws_lambda_function.f[2]'),
          draft('r', 'different', 2, 'aws_lambda_function.f[3]'),
          draft('r', 'single', 4, 'aws_lambda_function.g'),
        ]),
      ],
    });
    assert.deepEqual(
      findings.map((f) => [f.message, f.resource, f.instances, f.related.length]),
      [
        ['same (3 instances)', 'aws_lambda_function.f', 3, 3],
        ['different (instance aws_lambda_function.f[3])', 'aws_lambda_function.f[3]', undefined, 1],
        ['single', 'aws_lambda_function.g', undefined, 1],
      ],
    );
  });

  it('keeps a merged fix only when every instance proposes the same edits', () => {
    const withFix = (resource: string, newText: string): Draft => ({
      ...draft('r', 'm', 2, resource),
      fixes: [{ title: 'fix', safe: true, edits: [{ file: FILE, span: { start: 0, end: 0 }, newText }] }],
    });
    const same = runRules([], { files: parsed, rules: [rule('r', () => [withFix('x.f[0]', 'a'), withFix('x.f[1]', 'a')])] });
    assert.equal(same[0].fixes.length, 1);
    const differ = runRules([], { files: parsed, rules: [rule('r', () => [withFix('x.f[0]', 'a'), withFix('x.f[1]', 'b')])] });
    assert.equal(differ[0].fixes.length, 0);
  });

  it('sorts findings by file, position, rule and message', () => {
    const f = (file: string, start: number, r: string, message: string): Finding => ({ rule: r, severity: 'info', message, file, span: { start, end: start }, related: [], fixes: [] });
    const sorted = sortFindings([f('/b', 0, 'a', 'x'), f('/a', 5, 'a', 'x'), f('/a', 1, 'b', 'x'), f('/a', 1, 'a', 'y'), f('/a', 1, 'a', 'x')]);
    assert.deepEqual(sorted.map((x) => `${x.file}:${x.span.start}:${x.rule}:${x.message}`), ['/a:1:a:x', '/a:1:a:y', '/a:1:b:x', '/a:5:a:x', '/b:0:a:x']);
  });

  it('lintWorkspace reports syntax errors of the files it is given, with suppression applied', () => {
    const broken = parseFile('/ws/broken.tf', '# lambda-vpc-lint-ignore-file: aws_lambda_vpc_single_az\nresource "a" "b" {\n');
    const findings = lintWorkspace({ pictures: [], files: [broken] }, { reportUnusedIgnores: true });
    assert.deepEqual(findings.map((f) => f.rule), ['unused_ignore', 'hcl_syntax']);
  });

  it('runs every registered rule: the registry lists each rule once, by a snake_case id', () => {
    const ids = allRules.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) {
      assert.match(id, /^[a-z][a-z0-9_]*$/);
      assert.equal(ruleById(id)?.docsUrl, docsUrl(id));
    }
    assert.deepEqual(ids, [
      'aws_lambda_vpc_single_az',
      'aws_lambda_vpc_no_egress',
      'aws_lambda_vpc_public_subnet',
      'aws_lambda_vpc_unneeded',
      'aws_lambda_vpc_required',
      'aws_lambda_vpc_eni_quota',
      'aws_lambda_vpc_eni_permissions',
      'hcl_syntax',
      'unused_ignore',
    ]);
  });

  it('an analysis over a real module does not log anything', () => {
    const dir = `${REPO}/test-fixtures/rules/aws_lambda_vpc_single_az/invalid-child-module`;
    const logged: string[] = [];
    const findings = lint(readTree(dir), dir, {}, (m) => logged.push(m));
    assert.deepEqual(logged, []);
    assert.ok(findings.length > 0);
  });
});
