// Ignore annotations: parsing, which findings they silence, and the report of annotations that silence nothing.
import * as assert from 'node:assert/strict';
import { parseFile, type ConfigFile } from '../../src/hcl';
import { applyEdits } from '../../src/rules/fixes';
import { annotationsOf, applySuppressions, type SuppressOptions } from '../../src/rules/suppress';
import type { Finding } from '../../src/rules/types';

function file(text: string, path = '/ws/main.tf'): ConfigFile {
  return parseFile(path, text).file;
}

/** A finding of `rule` at the start of line `line` (1-based) of `f`. */
function at(f: ConfigFile, rule: string, line: number): Finding {
  const start = f.lineIndex.lineStart(line - 1);
  return { rule, severity: 'warning', message: `${rule} on line ${line}`, file: f.path, span: { start, end: start + 1 }, related: [], fixes: [] };
}

const ON: SuppressOptions = { reportUnused: true, unusedSeverity: 'info', isOn: () => true };
const OFF: SuppressOptions = { ...ON, reportUnused: false };

describe('rules/suppress', () => {
  it('reads the rule list, the reason, both comment styles and the file scope', () => {
    const f = file(
      [
        '# lambda-vpc-lint-ignore-file: rule_c',
        'a = 1 # lambda-vpc-lint-ignore: rule_a, rule_b # the reason, with rule_x in it',
        '// lambda-vpc-lint-ignore:rule_d // reason',
        '# not an annotation: lambda-vpc-lint-ignore: rule_e',
        'b = 2',
      ].join('\n'),
    );
    const a = annotationsOf(f);
    assert.deepEqual(
      a.map((x) => ({ scope: x.scope, line: x.line, ids: x.tokens.map((t) => t.id), misplaced: x.misplaced ?? false })),
      [
        { scope: 'file', line: 0, ids: ['rule_c'], misplaced: false },
        { scope: 'line', line: 1, ids: ['rule_a', 'rule_b'], misplaced: false },
        { scope: 'line', line: 2, ids: ['rule_d'], misplaced: false },
      ],
    );
    // Token spans point at the ids in the file.
    for (const x of a) for (const t of x.tokens) assert.equal(f.text.slice(t.span!.start, t.span!.end), t.id);
  });

  it('silences findings on the annotation line and the line below, not further', () => {
    const f = file(['x = 1', '# lambda-vpc-lint-ignore: r', 'y = 2', 'z = 3', 'w = 4 # lambda-vpc-lint-ignore: r'].join('\n'));
    const findings = [at(f, 'r', 1), at(f, 'r', 2), at(f, 'r', 3), at(f, 'r', 4), at(f, 'r', 5), at(f, 'other', 3)];
    const { findings: kept } = applySuppressions(findings, [f], OFF);
    assert.deepEqual(kept.map((k) => k.message), ['r on line 1', 'r on line 4', 'other on line 3']);
  });

  it('`all` matches every rule', () => {
    const f = file(['# lambda-vpc-lint-ignore: all', 'y = 2'].join('\n'));
    assert.deepEqual(applySuppressions([at(f, 'a', 2), at(f, 'b', 2)], [f], ON).findings, []);
  });

  it('a file annotation among the leading comments silences the rule in the whole file only', () => {
    const f = file(['# Staging.', '# lambda-vpc-lint-ignore-file: r', '', 'x = 1', 'y = 2'].join('\n'));
    const g = file('x = 1\n', '/ws/other.tf');
    const { findings: kept } = applySuppressions([at(f, 'r', 5), at(f, 's', 5), at(g, 'r', 1)], [f, g], ON);
    assert.deepEqual(kept.map((k) => `${k.file}:${k.message}`), ['/ws/main.tf:s on line 5', '/ws/other.tf:r on line 1']);
  });

  it('a file annotation after the first item applies to nothing and is reported', () => {
    const f = file(['x = 1', '# lambda-vpc-lint-ignore-file: r', 'y = 2'].join('\n'));
    const { findings: kept } = applySuppressions([at(f, 'r', 3)], [f], ON);
    assert.deepEqual(kept.map((k) => k.rule), ['r', 'unused_ignore']);
    assert.match(kept[1].message, /only among the leading comments/);
  });

  it('reads a top-level "//" property of a .tf.json file as a file annotation', () => {
    const f = file('{\n  "resource": {},\n  "//": "lambda-vpc-lint-ignore-file: r"\n}\n', '/ws/main.tf.json');
    const inner = file('{\n  "resource": {\n    "aws_x": { "y": { "//": "lambda-vpc-lint-ignore-file: r" } }\n  }\n}\n', '/ws/inner.tf.json');
    assert.deepEqual(applySuppressions([at(f, 'r', 2)], [f], OFF).findings, []);
    assert.equal(applySuppressions([at(inner, 'r', 2)], [inner], OFF).findings.length, 1);
  });

  it('reports the tokens that matched nothing and unknown rule ids, with a fix that removes them', () => {
    const f = file(['x = 1 # lambda-vpc-lint-ignore: aws_lambda_vpc_single_az, aws_lambda_vpc_public_subnet # why', '# lambda-vpc-lint-ignore: no_such_rule', 'y = 2'].join('\n'));
    const { findings: kept } = applySuppressions([at(f, 'aws_lambda_vpc_single_az', 1)], [f], ON);
    assert.deepEqual(
      kept.map((k) => [k.rule, k.severity, k.message]),
      [
        ['unused_ignore', 'info', 'lambda-vpc-lint-ignore for aws_lambda_vpc_public_subnet matches no finding.'],
        ['unused_ignore', 'info', 'Unknown rule "no_such_rule" in lambda-vpc-lint-ignore.'],
      ],
    );
    const fixed = kept.map((k) => applyEdits(f.text, k.fixes[0].edits));
    assert.equal(fixed[0], f.text.replace('aws_lambda_vpc_single_az, aws_lambda_vpc_public_subnet', 'aws_lambda_vpc_single_az'));
    assert.equal(fixed[1], ['x = 1 # lambda-vpc-lint-ignore: aws_lambda_vpc_single_az, aws_lambda_vpc_public_subnet # why', 'y = 2'].join('\n'));
    assert.ok(kept.every((k) => k.fixes[0].safe));
  });

  it('does not report ignores of rules that are switched off, nor anything when reporting is off', () => {
    const f = file(['# lambda-vpc-lint-ignore: aws_lambda_vpc_single_az', 'x = 1'].join('\n'));
    assert.deepEqual(applySuppressions([], [f], { ...ON, isOn: (id) => id !== 'aws_lambda_vpc_single_az' }).findings, []);
    assert.deepEqual(applySuppressions([], [f], OFF).findings, []);
    assert.deepEqual(applySuppressions([], [f], { ...ON, unusedSeverity: 'off' }).findings, []);
  });

  it('an unused-ignore report is silenced only by a file annotation naming unused_ignore', () => {
    const silenced = file(['# lambda-vpc-lint-ignore-file: unused_ignore', '# lambda-vpc-lint-ignore: aws_lambda_vpc_single_az', 'x = 1'].join('\n'));
    assert.deepEqual(applySuppressions([], [silenced], ON).findings, []);
    const all = file(['# lambda-vpc-lint-ignore: all', 'x = 1'].join('\n'));
    assert.deepEqual(applySuppressions([], [all], ON).findings.map((k) => k.rule), ['unused_ignore']);
  });
});
