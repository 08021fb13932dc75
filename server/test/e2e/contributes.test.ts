// package.json's `contributes` is generated (scripts/gen-contributes.ts); the VS Code settings mirror
// schema/config.schema.json. These tests keep the three in step and check the files the manifest points at.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CLIENT_ONLY_SETTINGS, REPO_ROOT, SCHEMA_PATH, buildContributes, readJson } from '../../../scripts/gen-contributes';
import { CONFIG_SECTION, Commands, Languages } from '../../../client/src/ids';

type Obj = Record<string, unknown>;

describe('e2e: package.json contributes', function () {
  const pkg = readJson('package.json');
  const schema = readJson(SCHEMA_PATH);
  const contributes = pkg['contributes'] as Obj;

  it('equals what scripts/gen-contributes.ts generates from the schema (else run `npm run gen:contributes`)', function () {
    assert.deepEqual(contributes, buildContributes(schema));
  });

  it('has one lambdaVpcLint.* setting per schema property, same type, default and description', function () {
    const settings = (contributes['configuration'] as Obj)['properties'] as Record<string, Obj>;
    const props = schema['properties'] as Record<string, Obj>;
    const expected = Object.keys(props).filter((k) => k !== '$schema');
    assert.ok(expected.length >= 7, `schema properties: ${expected.join(', ')}`);
    for (const name of expected) {
      const s = settings[`${CONFIG_SECTION}.${name}`];
      assert.ok(s, `missing setting ${CONFIG_SECTION}.${name}`);
      const p = props[name]!;
      if (p['default'] !== undefined) {
        assert.deepEqual(s['type'], p['type'], name);
        assert.deepEqual(s['default'], p['default'], name);
      } else {
        // No default in the schema: null stands for "not set", so VS Code's implicit defaults never reach the server.
        assert.equal(s['default'], null, name);
      }
      assert.equal(s['description'], p['description'], name);
      for (const k of ['minimum', 'maximum', 'enum'] as const) assert.deepEqual(s[k], p[k], `${name}.${k}`);
      assert.equal(s['scope'], 'resource', `${name}: settable per folder`);
    }
    const extra = Object.keys(settings).filter((k) => !expected.includes(k.slice(CONFIG_SECTION.length + 1)));
    assert.deepEqual(extra.sort(), Object.keys(CLIENT_ONLY_SETTINGS).sort(), 'only the client-only settings are not in the schema');
  });

  it('inlines every $ref (VS Code settings do not resolve them)', function () {
    assert.ok(!JSON.stringify(contributes['configuration']).includes('"$ref"'));
  });

  it('declares the extension commands with palette titles', function () {
    const commands = (contributes['commands'] as Obj[]).map((c) => c['command']);
    assert.deepEqual(commands, Object.values(Commands));
    for (const c of contributes['commands'] as Obj[]) {
      assert.equal(c['category'], 'Lambda VPC Lint');
      assert.ok(typeof c['title'] === 'string' && c['title'].length > 0);
    }
  });

  it('contributes the terraform and terraform-vars languages with an existing grammar and language configuration', function () {
    const languages = contributes['languages'] as Obj[];
    assert.deepEqual(languages.map((l) => l['id']), [Languages.terraform, Languages.terraformVars]);
    assert.deepEqual(languages[0]!['extensions'], ['.tf', '.tofu']);
    assert.deepEqual(languages[1]!['extensions'], ['.tfvars']);
    const files = new Set<string>();
    for (const l of languages) files.add(l['configuration'] as string);
    for (const g of contributes['grammars'] as Obj[]) files.add(g['path'] as string);
    for (const f of files) {
      const full = path.join(REPO_ROOT, f);
      assert.ok(existsSync(full), `${f} exists`);
      assert.doesNotThrow(() => JSON.parse(readFileSync(full, 'utf8')), `${f} is JSON`);
    }
  });

  it('has language-configuration regexes that compile', function () {
    const conf = JSON.parse(readFileSync(path.join(REPO_ROOT, 'syntaxes', 'language-configuration.json'), 'utf8')) as {
      wordPattern: string;
      indentationRules: Record<string, string>;
      folding: { markers: Record<string, string> };
    };
    const patterns = [conf.wordPattern, ...Object.values(conf.indentationRules), ...Object.values(conf.folding.markers)];
    for (const p of patterns) assert.doesNotThrow(() => new RegExp(p), p);
    const word = new RegExp(conf.wordPattern, 'g');
    assert.deepEqual('aws_lambda_function.fn var.subnet-ids'.match(word), ['aws_lambda_function', 'fn', 'var', 'subnet-ids']);
  });

  it('validates .lambda-vpc-lint.json with the schema', function () {
    const v = (contributes['jsonValidation'] as Obj[])[0]!;
    assert.equal(v['fileMatch'], '.lambda-vpc-lint.json');
    assert.ok(existsSync(path.join(REPO_ROOT, v['url'] as string)));
  });

  it('points the manifest at the bundled extension and activates on Terraform files', function () {
    assert.equal(pkg['main'], './client/out/extension.js');
    const events = pkg['activationEvents'] as string[];
    for (const e of ['onLanguage:terraform', 'workspaceContains:**/*.tf', 'workspaceContains:**/*.tf.json', 'workspaceContains:**/*.tofu']) {
      assert.ok(events.includes(e), e);
    }
  });
});
