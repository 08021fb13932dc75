// The bundled examples/: one root module per rule that fires that rule once and nothing else, and a clean module.
// Each example's own .lambda-vpc-lint.json (when present) applies, as the CLI would find it.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseConfig, toAnalysisOptions } from '../../src/config';
import { allRules } from '../../src/rules/registry';
import { lint, readTree, REPO } from './harness';

const EXAMPLES = path.join(REPO, 'examples');

/** The rule each example shows, by directory name. */
const SHOWS: Record<string, string | null> = {
  clean: null,
  'single-az': 'aws_lambda_vpc_single_az',
  'no-egress': 'aws_lambda_vpc_no_egress',
  'public-subnet': 'aws_lambda_vpc_public_subnet',
  unneeded: 'aws_lambda_vpc_unneeded',
  required: 'aws_lambda_vpc_required',
  'eni-quota': 'aws_lambda_vpc_eni_quota',
  'eni-permissions': 'aws_lambda_vpc_eni_permissions',
  'syntax-error': 'hcl_syntax',
  'unused-ignore': 'unused_ignore',
};

function findingsOf(name: string): string[] {
  const dir = path.join(EXAMPLES, name).split(path.sep).join('/');
  const configPath = path.join(dir, '.lambda-vpc-lint.json');
  let options = {};
  if (existsSync(configPath)) {
    const parsed = parseConfig(readFileSync(configPath, 'utf8'), configPath);
    assert.ok('config' in parsed, `${configPath}: ${'error' in parsed ? parsed.error : ''}`);
    options = toAnalysisOptions(parsed.config);
  }
  return lint(readTree(dir), dir, options).map((f) => f.rule);
}

describe('examples/', () => {
  const dirs = readdirSync(EXAMPLES).filter((n) => statSync(path.join(EXAMPLES, n)).isDirectory()).sort();

  it('has one example per rule and a clean one', () => {
    assert.deepEqual(dirs, Object.keys(SHOWS).sort());
    assert.deepEqual(
      Object.values(SHOWS).filter((r): r is string => r !== null).sort(),
      allRules.map((r) => r.id).sort(),
    );
  });

  for (const name of Object.keys(SHOWS)) {
    it(`${name} shows ${SHOWS[name] ?? 'no finding'}`, () => {
      const rule = SHOWS[name];
      assert.deepEqual(findingsOf(name), rule ? [rule] : []);
    });
  }
});
