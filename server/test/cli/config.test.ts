import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import * as fc from 'fast-check';
import {
  configSchema,
  defaultConfig,
  ignoreMatcher,
  mergeConfig,
  parseConfig,
  ruleConfigSchema,
  toAnalysisOptions,
  type LintConfig,
} from '../../src/config';
import { allRules } from '../../src/rules/registry';
import { REPO, UPDATE } from './helpers';

const FILE = '/repo/.lambda-vpc-lint.json';

function config(text: string): LintConfig {
  const r = parseConfig(text, FILE, '.lambda-vpc-lint.json');
  if ('error' in r) throw new Error(r.error);
  return r.config;
}

function error(text: string): string {
  const r = parseConfig(text, FILE, '.lambda-vpc-lint.json');
  assert.ok('error' in r, `expected an error for ${text}`);
  return r.error;
}

describe('config', () => {
  it('an empty object is the defaults', () => {
    assert.deepEqual(config('{}'), defaultConfig);
  });

  it('reads every setting and resolves paths against the file', () => {
    const c = config(
      JSON.stringify({
        $schema: './schema.json',
        rules: { hcl_syntax: 'warning' },
        minAzs: 3,
        eniBudget: 500,
        varFiles: ['env/prod.tfvars', '/abs/x.tfvars', '../up.tfvars.json'],
        variables: { region: 'eu-west-1', count: 2, tags: { a: 'b' } },
        ignorePaths: ['legacy', 'modules/old/**', './examples/'],
        reportUnusedIgnores: true,
      }),
    );
    assert.deepEqual(c.rules, { hcl_syntax: 'warning' });
    assert.equal(c.minAzs, 3);
    assert.equal(c.eniBudget, 500);
    assert.deepEqual(c.varFiles, ['/repo/env/prod.tfvars', '/abs/x.tfvars', '/up.tfvars.json']);
    assert.deepEqual(c.variables, { region: 'eu-west-1', count: 2, tags: { a: 'b' } });
    assert.deepEqual(c.ignorePaths, ['/repo/**/legacy', '/repo/modules/old/**', '/repo/examples']);
    assert.equal(c.reportUnusedIgnores, true);
  });

  it('keeps a BOM out of the way', () => {
    assert.equal(config('\ufeff{"minAzs": 4}').minAzs, 4);
  });

  it('names the file, the JSON path and what was expected', () => {
    assert.equal(
      error('{"rules": {"aws_lambda_vpc_single_az": "fatal"}}'),
      '.lambda-vpc-lint.json: /rules/aws_lambda_vpc_single_az: must be one of off, info, warning, error',
    );
    assert.equal(error('{"rules": {"hcl_syntax": 3}}'), '.lambda-vpc-lint.json: /rules/hcl_syntax: must be one of off, info, warning, error');
    assert.equal(
      error('{"rules": {"hcl_syntax": {"severity": "loud"}}}'),
      '.lambda-vpc-lint.json: /rules/hcl_syntax/severity: must be one of off, info, warning, error',
    );
    assert.equal(
      error('{"rules": {"hcl_syntax": {"severity": "info", "limit": 3}}}'),
      '.lambda-vpc-lint.json: /rules/hcl_syntax/limit: unknown property (expected one of severity)',
    );
    assert.match(error('{"minAz": 3}'), /^\.lambda-vpc-lint\.json: \/minAz: unknown property \(expected one of \$schema, rules, minAzs, /);
    assert.equal(error('{"minAzs": 0}'), '.lambda-vpc-lint.json: /minAzs: must be >= 1');
    assert.equal(error('{"eniBudget": 2.5}'), '.lambda-vpc-lint.json: /eniBudget: must be integer');
    assert.equal(error('{"varFiles": "x.tfvars"}'), '.lambda-vpc-lint.json: /varFiles: must be array');
    assert.equal(error('{"varFiles": [""]}'), '.lambda-vpc-lint.json: /varFiles/0: must not be empty');
    assert.equal(error('{"reportUnusedIgnores": "yes"}'), '.lambda-vpc-lint.json: /reportUnusedIgnores: must be boolean');
    assert.match(error('{"variables": {"bad name": 1}}'), /\/variables: invalid name "bad name"/);
    assert.match(error('{"rules": {"Not-An-Id": "off"}}'), /\/rules: invalid name "Not-An-Id"/);
    assert.equal(error('[]'), '.lambda-vpc-lint.json: /: must be object');
  });

  it('reports JSON syntax errors with line:col', () => {
    assert.equal(error('{\n  "minAzs": 2\n  "eniBudget": 3\n}'), ".lambda-vpc-lint.json:3:3: invalid JSON: expected ',' or '}'");
    assert.equal(error('{\n  "minAzs": 2,\n}'), '.lambda-vpc-lint.json:3:1: invalid JSON: trailing comma');
    assert.equal(error('{"a": [1, 2,]}'), '.lambda-vpc-lint.json:1:13: invalid JSON: trailing comma');
    assert.equal(error(''), '.lambda-vpc-lint.json:1:1: invalid JSON: unexpected end of file, expected a value');
    assert.equal(error('// note\n{}'), '.lambda-vpc-lint.json:1:1: invalid JSON: comments are not allowed in JSON');
    assert.equal(error('{"a": "x'), '.lambda-vpc-lint.json:1:7: invalid JSON: unterminated string');
    assert.equal(error('{"a": 01}'), '.lambda-vpc-lint.json:1:7: invalid JSON: invalid number');
    assert.equal(error("{'a': 1}"), '.lambda-vpc-lint.json:1:2: invalid JSON: expected a property name in double quotes');
    assert.equal(error('{} {}'), '.lambda-vpc-lint.json:1:4: invalid JSON: unexpected text after the value');
    // Columns count UTF-16 code units after a BOM-less start.
    assert.equal(error('{"é😀": tru}'), '.lambda-vpc-lint.json:1:9: invalid JSON: expected a value');
  });

  it('the syntax check agrees with JSON.parse on arbitrary input and never throws', () => {
    const jsonish = fc.oneof(
      fc.json(),
      fc.string(),
      fc.json().chain((j) => fc.tuple(fc.nat(j.length), fc.constantFrom('', ',', '}', ']', '"', ':', '/', '\\', '0', '-', ' ')).map(([k, s]) => j.slice(0, k) + s + j.slice(k + 1))),
    );
    fc.assert(
      fc.property(jsonish, (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        const r = parseConfig(text, FILE);
        const syntaxError = 'error' in r && /invalid JSON/.test(r.error);
        assert.equal(syntaxError, !valid, `${JSON.stringify(text)} → ${JSON.stringify(r)}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('deep nesting is an ordinary result, not a stack overflow', () => {
    const deep = '['.repeat(200000) + ']'.repeat(200000);
    assert.match(error(deep), /\/: must be object/);
    assert.match(error('['.repeat(200000)), /invalid JSON: unexpected end of file/);
  });

  it('warns about unknown rule ids, suggesting a close one', () => {
    const r = parseConfig('{"rules": {"hcl_syntx": "off", "checkov_ckv_aws_117": "warning"}}', FILE, 'cfg.json');
    assert.ok('config' in r);
    assert.deepEqual(r.warnings, [
      'cfg.json: /rules/hcl_syntx: unknown rule "hcl_syntx" (did you mean "hcl_syntax"?)',
      'cfg.json: /rules/checkov_ckv_aws_117: unknown rule "checkov_ckv_aws_117"',
    ]);
  });

  it('mergeConfig: flags override the file', () => {
    const base = config('{"rules": {"a_rule": {"severity": "error", "limit": 3}, "b_rule": "info"}, "minAzs": 3, "varFiles": ["a.tfvars"], "variables": {"x": "1", "y": "2"}}');
    const merged = mergeConfig(base, {
      rules: { a_rule: 'warning', b_rule: 'off', c_rule: 'error' },
      minAzs: 2,
      varFiles: ['/cli/b.tfvars'],
      variables: { y: 'cli' },
    });
    assert.deepEqual(merged.rules, { a_rule: { severity: 'warning', limit: 3 }, b_rule: 'off', c_rule: 'error' });
    assert.equal(merged.minAzs, 2);
    assert.equal(merged.eniBudget, 350);
    assert.deepEqual(merged.varFiles, ['/repo/a.tfvars', '/cli/b.tfvars']);
    assert.deepEqual(merged.variables, { x: '1', y: 'cli' });
    assert.deepEqual(mergeConfig(defaultConfig, {}), defaultConfig);
  });

  it('toAnalysisOptions passes everything, variables as -var strings', () => {
    const c = config('{"variables": {"s": "text", "n": 2, "l": ["a"], "o": {"k": true}}, "minAzs": 3}');
    const o = toAnalysisOptions(c);
    assert.deepEqual(o.variables, { s: 'text', n: '2', l: '["a"]', o: '{"k":true}' });
    assert.equal(o.minAzs, 3);
    assert.equal(o.eniBudget, 350);
    assert.deepEqual(o.varFiles, []);
    assert.equal(o.reportUnusedIgnores, false);
  });

  it('ignoreMatcher: globs relative to the config directory, directories cover their contents', () => {
    const c = config('{"ignorePaths": ["legacy", "modules/old/**", "envs/*/scratch.tf", "{a,b}/x?.tf", "/top"]}');
    const ignored = ignoreMatcher(c.ignorePaths);
    assert.ok(ignored('/repo/legacy'));
    assert.ok(ignored('/repo/deep/down/legacy/main.tf'));
    assert.ok(ignored('/repo/modules/old'));
    assert.ok(ignored('/repo/modules/old/x/main.tf'));
    assert.ok(!ignored('/repo/modules/older/main.tf'));
    assert.ok(ignored('/repo/envs/prod/scratch.tf'));
    assert.ok(!ignored('/repo/envs/prod/sub/scratch.tf'));
    assert.ok(ignored('/repo/a/x1.tf'));
    assert.ok(ignored('/repo/b/xy.tf'));
    assert.ok(!ignored('/repo/c/x1.tf'));
    assert.ok(ignored('/repo/top/main.tf'));
    assert.ok(!ignored('/repo/sub/top/main.tf'));
    assert.ok(!ignored('/other/legacy'));
    assert.ok(!ignoreMatcher([])('/repo/legacy'));
  });

  it('ignoreMatcher: glob characters in the config directory are literal', () => {
    const r = parseConfig('{"ignorePaths": ["x"]}', '/we*ird [dir]/.lambda-vpc-lint.json');
    assert.ok('config' in r);
    const ignored = ignoreMatcher(r.config.ignorePaths);
    assert.ok(ignored('/we*ird [dir]/x'));
    assert.ok(!ignored('/weXird [dir]/x'));
  });
});

describe('schema/config.schema.json', () => {
  const file = path.join(REPO, 'schema/config.schema.json');

  it('is the schema config.ts validates with', () => {
    assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), configSchema);
  });

  it('is a plain draft-07 schema: every property has a description and a default', () => {
    assert.equal(configSchema.$schema, 'http://json-schema.org/draft-07/schema#');
    new Ajv({ strict: true }).compile(configSchema);
    const props = configSchema.properties as Record<string, { description?: string; default?: unknown }>;
    for (const [name, p] of Object.entries(props)) {
      assert.ok(p.description, `${name} has no description`);
      assert.ok('default' in p, `${name} has no default`);
    }
    const rules = (props.rules as { properties: Record<string, { description?: string; default?: unknown }> }).properties;
    for (const [id, p] of Object.entries(rules)) {
      assert.ok(p.description && 'default' in p, `rule ${id} lacks description or default`);
    }
  });

  it('its defaults are defaultConfig', () => {
    const props = configSchema.properties as Record<string, { default?: unknown }>;
    for (const [key, value] of Object.entries(defaultConfig)) assert.deepEqual(props[key].default, value, key);
  });

  it('lists every registered rule (UPDATE=1 regenerates)', () => {
    const schema = JSON.parse(fs.readFileSync(file, 'utf8'));
    const expected = Object.fromEntries(allRules.map((r) => [r.id, ruleConfigSchema(r)]));
    if (UPDATE) {
      schema.properties.rules.properties = expected;
      fs.writeFileSync(file, JSON.stringify(schema, null, 2) + '\n');
    }
    assert.deepEqual(schema.properties.rules.properties, expected);
  });
});
