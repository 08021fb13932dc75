// The extension's answer to `workspace/configuration` (client/src/settings.ts), without VS Code: `inspect`
// results are plain objects shaped like `WorkspaceConfiguration.inspect`, and the keys come from the real
// package.json.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { answerConfiguration, contributedKeys, explicitSettings, type Inspect, type InspectedSetting } from '../../../client/src/settings';
import { CONFIG_SECTION } from '../../../client/src/ids';

const PACKAGE_JSON: unknown = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));

/** An `inspect` over a table of key → levels; every contributed key exists (with its default, which must not leak). */
function inspectFrom(table: Record<string, InspectedSetting>, defaults: Record<string, unknown> = {}): Inspect {
  return (key) => ({ key: `${CONFIG_SECTION}.${key}`, defaultValue: defaults[key], ...table[key] }) as InspectedSetting;
}

describe('client: explicit settings for workspace/configuration', function () {
  const keys = contributedKeys(PACKAGE_JSON, CONFIG_SECTION);

  it('lists the contributed lambdaVpcLint settings by their keys in the section', function () {
    for (const k of ['rules', 'minAzs', 'eniBudget', 'varFiles', 'variables', 'ignorePaths', 'reportUnusedIgnores', 'trace.server']) {
      assert.ok(keys.includes(k), `${k} in ${keys.join(', ')}`);
    }
    assert.ok(keys.every((k) => !k.startsWith(`${CONFIG_SECTION}.`)));
    assert.deepEqual(contributedKeys({ contributes: { configuration: { properties: { 'other.x': {}, [`${CONFIG_SECTION}.a.b`]: {} } } } }, CONFIG_SECTION), ['a.b']);
    for (const odd of [undefined, null, 42, [], { contributes: [] }, { contributes: { configuration: { properties: 'x' } } }]) {
      assert.deepEqual(contributedKeys(odd, CONFIG_SECTION), []);
    }
  });

  it('leaves out every setting nobody set, whatever its default', function () {
    const defaults = { minAzs: 2, eniBudget: 350, rules: {}, varFiles: [], reportUnusedIgnores: false, 'trace.server': 'off' };
    assert.deepEqual(explicitSettings(keys, inspectFrom({}, defaults)), {});
    // A key VS Code does not know (inspect answers undefined) is left out too.
    assert.deepEqual(explicitSettings(['gone'], () => undefined), {});
  });

  it('keeps an explicit value equal to the default', function () {
    const inspect = inspectFrom({ minAzs: { workspaceValue: 2 }, reportUnusedIgnores: { globalValue: false } }, { minAzs: 2, reportUnusedIgnores: false });
    assert.deepEqual(explicitSettings(keys, inspect), { minAzs: 2, reportUnusedIgnores: false });
  });

  it('takes the folder value over the workspace value over the user value, and language values over those', function () {
    assert.deepEqual(explicitSettings(['minAzs'], inspectFrom({ minAzs: { globalValue: 1, workspaceValue: 3, workspaceFolderValue: 4 } })), { minAzs: 4 });
    assert.deepEqual(explicitSettings(['minAzs'], inspectFrom({ minAzs: { globalValue: 1, workspaceValue: 3 } })), { minAzs: 3 });
    assert.deepEqual(explicitSettings(['minAzs'], inspectFrom({ minAzs: { globalValue: 1 } })), { minAzs: 1 });
    // VS Code's order: a user-level language value beats a folder value.
    assert.deepEqual(explicitSettings(['minAzs'], inspectFrom({ minAzs: { workspaceFolderValue: 4, globalLanguageValue: 5 } })), { minAzs: 5 });
    assert.deepEqual(
      explicitSettings(['minAzs'], inspectFrom({ minAzs: { globalLanguageValue: 5, workspaceLanguageValue: 6, workspaceFolderLanguageValue: 7 } })),
      { minAzs: 7 },
    );
  });

  it('merges object values across levels like VS Code, replaces arrays, and copies what it returns', function () {
    const user = { aws_lambda_vpc_unneeded: 'off', aws_lambda_vpc_single_az: { severity: 'error', minAzs: 3 } };
    const folder = { aws_lambda_vpc_single_az: { minAzs: 2 }, hcl_syntax: 'warning' };
    const inspect = inspectFrom({
      rules: { globalValue: user, workspaceFolderValue: folder },
      ignorePaths: { globalValue: ['a/**'], workspaceValue: ['b/**'] },
    });
    const got = explicitSettings(keys, inspect);
    assert.deepEqual(got, {
      rules: { aws_lambda_vpc_unneeded: 'off', aws_lambda_vpc_single_az: { severity: 'error', minAzs: 2 }, hcl_syntax: 'warning' },
      ignorePaths: ['b/**'],
    });
    // The inputs are untouched and not shared with the answer.
    assert.deepEqual(user, { aws_lambda_vpc_unneeded: 'off', aws_lambda_vpc_single_az: { severity: 'error', minAzs: 3 } });
    (got['ignorePaths'] as string[]).push('c');
    (got['rules'] as Record<string, unknown>)['x'] = 'off';
    assert.deepEqual(explicitSettings(keys, inspect)['ignorePaths'], ['b/**']);
    assert.equal('x' in (explicitSettings(keys, inspect)['rules'] as object), false);
  });

  it('treats null as "not set": it hides values below it and is itself left out', function () {
    assert.deepEqual(explicitSettings(['minAzs'], inspectFrom({ minAzs: { globalValue: 3, workspaceValue: null } })), {});
    assert.deepEqual(explicitSettings(['minAzs'], inspectFrom({ minAzs: { globalValue: null, workspaceValue: 3 } })), { minAzs: 3 });
  });

  it('nests dotted keys as VS Code does, and keeps a variable named __proto__ as an own property', function () {
    const got = explicitSettings(keys, inspectFrom({ 'trace.server': { globalValue: 'verbose' }, variables: { workspaceValue: JSON.parse('{"__proto__": 1, "env": "prod"}') } }));
    assert.deepEqual(got['trace'], { server: 'verbose' });
    assert.deepEqual(Object.keys(got['variables'] as object).sort(), ['__proto__', 'env']);
    assert.equal(JSON.stringify(got['variables']), '{"__proto__":1,"env":"prod"}');
  });

  it('answers items for the section (or a part of it) with explicit values, and other items with VS Code\'s answers', function () {
    const scopes: (string | undefined)[] = [];
    const explicit = (scopeUri: string | undefined): Record<string, unknown> => {
      scopes.push(scopeUri);
      return scopeUri === 'file:///w/a' ? { minAzs: 2, trace: { server: 'verbose' } } : {};
    };
    const items = [
      { scopeUri: 'file:///w/a', section: CONFIG_SECTION },
      { scopeUri: 'file:///w/b', section: CONFIG_SECTION },
      { section: 'editor' },
      { scopeUri: 'file:///w/a', section: `${CONFIG_SECTION}.trace.server` },
      { scopeUri: 'file:///w/a', section: `${CONFIG_SECTION}.eniBudget` },
      { scopeUri: null, section: null },
    ];
    const defaults = [{ minAzs: 2, eniBudget: 350 }, { minAzs: 2, eniBudget: 350 }, { tabSize: 4 }, 'off', 350, { everything: true }];
    assert.deepEqual(answerConfiguration(items, defaults, CONFIG_SECTION, explicit), [
      { minAzs: 2, trace: { server: 'verbose' } },
      {},
      { tabSize: 4 },
      'verbose',
      null,
      { everything: true },
    ]);
    assert.deepEqual(scopes, ['file:///w/a', 'file:///w/b', 'file:///w/a', 'file:///w/a']);
    // A section that merely starts with ours is someone else's.
    assert.deepEqual(answerConfiguration([{ section: `${CONFIG_SECTION}Extra` }], [7], CONFIG_SECTION, explicit), [7]);
  });
});
