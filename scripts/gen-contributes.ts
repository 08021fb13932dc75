// Writes package.json's `contributes` (languages, grammars, settings, commands, menus, JSON validation).
// The `lambdaVpcLint.*` settings are generated from schema/config.schema.json, the one definition of the
// configuration; server/test/e2e/contributes.test.ts fails when package.json and this output differ.
//
//   npm run gen:contributes     (node --import tsx scripts/gen-contributes.ts)
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CONFIG_SECTION, CommandTitles, Commands, DISPLAY_NAME, Languages } from '../client/src/ids';

export const REPO_ROOT = path.resolve(__dirname, '..');
export const SCHEMA_PATH = 'schema/config.schema.json';
export const GRAMMAR_PATH = './syntaxes/terraform.tmLanguage.json';
export const LANGUAGE_CONFIGURATION_PATH = './syntaxes/language-configuration.json';
export const GRAMMAR_SCOPE = 'source.terraform';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** JSON Schema keywords VS Code's settings understand; everything else in the config schema is left out. */
const SETTING_KEYWORDS = [
  'type',
  'description',
  'markdownDescription',
  'default',
  'enum',
  'enumDescriptions',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'pattern',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'uniqueItems',
  'items',
  'properties',
  'additionalProperties',
  'patternProperties',
  'propertyNames',
  'required',
  'anyOf',
  'oneOf',
  'allOf',
  'const',
  'examples',
];

/** Settings of the client only (not in the config file), with their definitions. */
export const CLIENT_ONLY_SETTINGS: Record<string, JsonObject> = {
  [`${CONFIG_SECTION}.trace.server`]: {
    type: 'string',
    enum: ['off', 'messages', 'verbose'],
    default: 'off',
    description: 'Traces the communication between VS Code and the Lambda VPC Lint server in the "Lambda VPC Lint" output.',
    scope: 'window',
  },
};

/** The `contributes` object for a given config schema (parsed JSON). Deterministic: same schema, same output. */
export function buildContributes(schema: JsonObject): JsonObject {
  const terraformFiles = `editorLangId == ${Languages.terraform} || resourceFilename =~ /\\.(tf|tofu)\\.json$/`;
  return {
    languages: [
      {
        id: Languages.terraform,
        aliases: ['Terraform', 'OpenTofu', 'terraform'],
        extensions: ['.tf', '.tofu'],
        configuration: LANGUAGE_CONFIGURATION_PATH,
      },
      {
        id: Languages.terraformVars,
        aliases: ['Terraform Variables', 'terraform-vars'],
        extensions: ['.tfvars'],
        configuration: LANGUAGE_CONFIGURATION_PATH,
      },
    ],
    grammars: [
      { language: Languages.terraform, scopeName: GRAMMAR_SCOPE, path: GRAMMAR_PATH },
      { language: Languages.terraformVars, scopeName: GRAMMAR_SCOPE, path: GRAMMAR_PATH },
    ],
    configuration: {
      title: DISPLAY_NAME,
      properties: { ...settingsFromSchema(schema), ...CLIENT_ONLY_SETTINGS },
    },
    commands: Object.values(Commands).map((command) => ({ command, title: CommandTitles[command], category: DISPLAY_NAME })),
    menus: {
      commandPalette: [{ command: Commands.showNetworkPicture, when: terraformFiles }],
      'editor/context': [{ command: Commands.showNetworkPicture, when: terraformFiles, group: 'navigation@90' }],
    },
    jsonValidation: [{ fileMatch: '.lambda-vpc-lint.json', url: `./${SCHEMA_PATH}` }],
  };
}

/**
 * One `lambdaVpcLint.<name>` setting per top-level property of the config schema, with local `$ref`s inlined
 * (VS Code settings do not resolve them). A property without a default gets `null` added to its type and
 * `default: null`, so the server can tell "not set" from VS Code's implicit defaults (0, "", [], {}).
 */
export function settingsFromSchema(schema: JsonObject): JsonObject {
  const properties = asObject(schema['properties']);
  if (!properties) throw new Error(`${SCHEMA_PATH}: no top-level "properties"`);
  const settings: JsonObject = {};
  let order = 0;
  for (const [name, raw] of Object.entries(properties)) {
    if (name === '$schema') continue; // the file's own schema pointer, not a setting
    const prop = asObject(inlineRefs(raw, schema, []));
    if (!prop) throw new Error(`${SCHEMA_PATH}: property "${name}" is not an object schema`);
    const setting: JsonObject = {};
    for (const k of SETTING_KEYWORDS) if (prop[k] !== undefined) setting[k] = prop[k]!;
    if (setting['description'] === undefined && setting['markdownDescription'] === undefined) {
      setting['description'] = typeof prop['title'] === 'string' ? prop['title'] : `"${name}" of .lambda-vpc-lint.json.`;
    }
    if (setting['default'] === undefined) {
      setting['default'] = null;
      setting['type'] = withNull(setting['type']);
    }
    setting['scope'] = 'resource';
    setting['order'] = order++;
    settings[`${CONFIG_SECTION}.${name}`] = setting;
  }
  return settings;
}

function withNull(type: Json | undefined): Json {
  if (type === undefined) return null; // no type: anything goes, null included
  const types = Array.isArray(type) ? type : [type];
  return types.includes('null') ? types : [...types, 'null'];
}

/** Replaces `{ "$ref": "#/..." }` by the referenced schema (recursively; a cycle is an error). */
function inlineRefs(node: Json, root: JsonObject, seen: string[]): Json {
  if (Array.isArray(node)) return node.map((n) => inlineRefs(n, root, seen));
  if (node === null || typeof node !== 'object') return node;
  const ref = node['$ref'];
  if (typeof ref === 'string') {
    if (seen.includes(ref)) throw new Error(`${SCHEMA_PATH}: recursive $ref ${ref} cannot be expressed as a VS Code setting`);
    const { $ref: _omit, ...rest } = node;
    const target = asObject(resolvePointer(root, ref));
    if (!target) throw new Error(`${SCHEMA_PATH}: unresolved $ref ${ref}`);
    return inlineRefs({ ...target, ...rest }, root, [...seen, ref]);
  }
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(node)) out[k] = inlineRefs(v, root, seen);
  return out;
}

function resolvePointer(root: JsonObject, ref: string): Json | undefined {
  if (!ref.startsWith('#')) return undefined; // only local references
  let cur: Json | undefined = root;
  for (const part of ref.slice(1).split('/').filter((p) => p !== '')) {
    const key = decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~');
    const obj: JsonObject | undefined = asObject(cur);
    cur = obj ? obj[key] : undefined;
  }
  return cur;
}

function asObject(v: Json | undefined): JsonObject | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
}

export function readJson(relPath: string): JsonObject {
  const full = path.join(REPO_ROOT, relPath);
  let text: string;
  try {
    text = readFileSync(full, 'utf8');
  } catch {
    throw new Error(`${relPath} does not exist yet: the settings are generated from it`);
  }
  const value = JSON.parse(text) as Json;
  const obj = asObject(value);
  if (!obj) throw new Error(`${relPath}: not a JSON object`);
  return obj;
}

function main(): void {
  const contributes = buildContributes(readJson(SCHEMA_PATH));
  const pkg = readJson('package.json');
  pkg['contributes'] = contributes;
  writeFileSync(path.join(REPO_ROOT, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
  const settings = Object.keys(asObject(asObject(contributes['configuration'])?.['properties']) ?? {});
  process.stderr.write(`package.json: contributes written (${settings.length} settings: ${settings.join(', ')})\n`);
}

if (require.main === module) main();
