// The built-in model of cloudposse/label/null (terraform-null-label 0.25.0): `enabled`, the
// label id and tags, and the `context` that Cloud Posse modules hand down to their children.
import * as assert from 'node:assert/strict';
import { reasonsOf, type ModuleInstance, type Value, type Workspace } from '../../src/terraform';
import { canonicalSource } from '../../src/terraform/registry-models';
import { constraintAllows } from '../../src/terraform/registry-models/version';
import { known, plain, unknownBecause, workspace } from './helpers';

/** A root module with `module "this"` (the label) called with `args`, plus `extra` configuration. */
function label(args: string, extra = ''): Workspace {
  return workspace({
    'main.tf': `
module "this" {
  source  = "cloudposse/label/null"
  version = "0.25.0"
${args}
}
${extra}`,
  });
}

function child(ws: Workspace, name = 'this'): ModuleInstance {
  const m = ws.roots[0].children().find((c) => c.call?.name === name);
  assert.ok(m, `module.${name} not found`);
  return m;
}

const out = (ws: Workspace, name: string, module = 'this'): Value => child(ws, module).output(name);

/** A module's context.tf in the Cloud Posse style: the label call with the module's own inputs and `var.context` (a subset). */
const CONTEXT_TF = `
module "this" {
  source  = "cloudposse/label/null"
  version = "0.25.0"

  enabled        = var.enabled
  namespace      = var.namespace
  environment    = var.environment
  stage          = var.stage
  name           = var.name
  attributes     = var.attributes
  tags           = var.tags
  labels_as_tags = var.labels_as_tags

  context = var.context
}

variable "context" {
  type = any
  default = {
    enabled             = true
    namespace           = null
    tenant              = null
    environment         = null
    stage               = null
    name                = null
    delimiter           = null
    attributes          = []
    tags                = {}
    additional_tag_map  = {}
    regex_replace_chars = null
    label_order         = []
    id_length_limit     = null
    label_key_case      = null
    label_value_case    = null
    descriptor_formats  = {}
    labels_as_tags      = ["unset"]
  }
}

variable "enabled" {
  type    = bool
  default = null
}
variable "namespace" {
  type    = string
  default = null
}
variable "environment" {
  type    = string
  default = null
}
variable "stage" {
  type    = string
  default = null
}
variable "name" {
  type    = string
  default = null
}
variable "attributes" {
  type    = list(string)
  default = []
}
variable "tags" {
  type    = map(string)
  default = {}
}
variable "labels_as_tags" {
  type    = set(string)
  default = ["default"]
}
`;

describe('terraform/registry-models: cloudposse/label/null', () => {
  it('matches the registry and GitHub sources', () => {
    assert.equal(canonicalSource('cloudposse/label/null'), 'cloudposse/label/null');
    assert.equal(canonicalSource('git::https://github.com/cloudposse/terraform-null-label.git?ref=tags/0.25.0'), 'cloudposse/label/null');
    const ws = label('name = "app"');
    assert.equal(child(ws).source.kind, 'model');
    assert.deepEqual(ws.resources(), []);
  });

  it('enabled by default; outputs of an empty label', () => {
    const ws = label('');
    known(out(ws, 'enabled'), true);
    known(out(ws, 'id'), '');
    known(out(ws, 'tags'), {});
    known(out(ws, 'attributes'), []);
    known(out(ws, 'delimiter'), '-');
    known(out(ws, 'label_order'), ['namespace', 'environment', 'stage', 'name', 'attributes']);
    known(out(ws, 'context'), {
      additional_tag_map: {},
      attributes: [],
      delimiter: null,
      descriptor_formats: {},
      enabled: true,
      environment: null,
      id_length_limit: null,
      label_key_case: null,
      label_order: [],
      label_value_case: null,
      labels_as_tags: ['default'],
      name: null,
      namespace: null,
      regex_replace_chars: null,
      stage: null,
      tags: {},
      tenant: null,
    });
  });

  it('id, tags and normalized labels for common inputs', () => {
    const ws = label(`
  namespace   = "eg"
  environment = "ue1"
  stage       = "Prod"
  name        = "my_app"
  attributes  = ["Worker", "", "worker", "blue"]
  tags        = { Team = "payments", Stage = "override" }
`);
    known(out(ws, 'id'), 'eg-ue1-prod-myapp-worker-blue');
    known(out(ws, 'id_full'), 'eg-ue1-prod-myapp-worker-blue');
    known(out(ws, 'name'), 'myapp');
    known(out(ws, 'stage'), 'prod');
    // "Worker" and "worker" are distinct inputs; both lower-case to "worker", kept once.
    known(out(ws, 'attributes'), ['worker', 'blue']);
    known(out(ws, 'tags'), {
      Attributes: 'worker-blue',
      Environment: 'ue1',
      Name: 'eg-ue1-prod-myapp-worker-blue',
      Namespace: 'eg',
      Stage: 'override',
      Team: 'payments',
    });
    // The context hands down the inputs as given (not normalized); normalized_context the values used.
    const c = plain(out(ws, 'context')) as Record<string, unknown>;
    assert.equal(c.stage, 'Prod');
    assert.deepEqual(c.attributes, ['Worker', 'worker', 'blue']);
    const n = plain(out(ws, 'normalized_context')) as Record<string, unknown>;
    assert.equal(n.stage, 'prod');
    assert.equal(n.delimiter, '-');
    assert.equal(n.label_value_case, 'lower');
  });

  it('delimiter, label_order (with tenant), letter cases, labels_as_tags, custom regex_replace_chars', () => {
    known(out(label('namespace = "eg"\n  tenant = "acme"\n  name = "app"\n  delimiter = "_"\n  label_order = ["name", "tenant", "namespace"]'), 'id'), 'app_acme_eg');
    known(out(label('namespace = "eg"\n  name = "my app"\n  label_value_case = "title"\n  delimiter = ""'), 'id'), 'EgMyapp');
    known(out(label('namespace = "eg"\n  name = "app"\n  label_value_case = "upper"'), 'id'), 'EG-APP');
    known(out(label('namespace = "Eg"\n  name = "App.1"\n  label_value_case = "none"'), 'id'), 'Eg-App1');
    known(out(label('namespace = "eg"\n  name = "my_app.v2"\n  regex_replace_chars = "/[^a-zA-Z0-9_]/"'), 'id'), 'eg-my_appv2');
    known(out(label('namespace = "eg"\n  name = "app"\n  labels_as_tags = ["name"]\n  label_key_case = "upper"'), 'tags'), { NAME: 'eg-app' });
    known(out(label('namespace = "eg"\n  name = "app"\n  labels_as_tags = []'), 'tags'), {});
  });

  it('enabled = false: empty outputs, and a context that disables the children', () => {
    const ws = label(
      'enabled = false\n  namespace = "eg"\n  name = "app"',
      `
module "child" {
  source     = "cloudposse/label/null"
  attributes = ["x"]
  context    = module.this.context
}
module "grandchild" {
  source  = "cloudposse/label/null"
  context = module.child.context
}
module "reenabled" {
  source  = "cloudposse/label/null"
  enabled = true
  context = module.this.context
}
`,
    );
    known(out(ws, 'enabled'), false);
    known(out(ws, 'id'), '');
    known(out(ws, 'name'), '');
    known(out(ws, 'tags'), {});
    known(out(ws, 'attributes'), []);
    known(out(ws, 'enabled', 'child'), false);
    known(out(ws, 'enabled', 'grandchild'), false);
    known(out(ws, 'enabled', 'reenabled'), true);
    // The context carries the labels down even when disabled.
    known(out(ws, 'id', 'reenabled'), 'eg-app');
  });

  it('context passed down two levels through context.tf modules gates their resources', () => {
    const ws = workspace({
      'main.tf': `
module "svc" {
  source    = "./modules/svc"
  namespace = "eg"
  stage     = "dev"
  name      = "svc"
}
module "off" {
  source  = "./modules/svc"
  enabled = false
  name    = "off"
}
`,
      'modules/svc/context.tf': CONTEXT_TF,
      'modules/svc/main.tf': `
module "fn" {
  source     = "../fn"
  attributes = ["fn"]
  context    = module.this.context
}
`,
      'modules/fn/context.tf': CONTEXT_TF,
      'modules/fn/main.tf': `
resource "aws_sqs_queue" "q" {
  count = module.this.enabled ? 1 : 0
  name  = module.this.id
  tags  = module.this.tags
}
`,
    });
    const qs = ws.resources({ type: 'aws_sqs_queue' });
    assert.deepEqual(
      qs.map((q) => q.address),
      ['module.svc.module.fn.aws_sqs_queue.q[0]'],
    );
    known(qs[0].attr('name'), 'eg-dev-svc-fn');
    known(qs[0].attr('tags'), { Attributes: 'fn', Name: 'eg-dev-svc-fn', Namespace: 'eg', Stage: 'dev' });
  });

  it('unknown inputs give unknown outputs, and only those that depend on them', () => {
    const ws = label('enabled = var.on\n  name = "app"', 'variable "on" {\n  type = bool\n}\n');
    unknownBecause(out(ws, 'enabled'), 'unset-variable');
    unknownBecause(out(ws, 'id'), 'unset-variable');
    unknownBecause(out(ws, 'tags'), 'unset-variable');
    // The labels themselves do not depend on enabled.
    const n = plain(out(ws, 'normalized_context')) as Record<string, unknown>;
    assert.equal(n.name, 'app');
    assert.equal((n.tags as Record<string, unknown>).Name, 'app');

    const ws2 = label('name = var.name\n  namespace = "eg"', 'variable "name" {\n  type = string\n}\n');
    known(out(ws2, 'enabled'), true);
    unknownBecause(out(ws2, 'id'), 'unset-variable');
    unknownBecause(out(ws2, 'name'), 'unset-variable');
    known(out(ws2, 'namespace'), 'eg');
    // A partly known context: enabled is known inside it, so children still know theirs.
    const ctx = out(ws2, 'context');
    assert.equal(ctx.kind, 'object');
    assert.ok(reasonsOf(ctx).some((r) => r.code === 'unset-variable'));
    const ws3 = label(
      'name = var.name',
      'variable "name" {\n  type = string\n}\nmodule "child" {\n  source = "cloudposse/label/null"\n  context = module.this.context\n}\n',
    );
    known(out(ws3, 'enabled', 'child'), true);
    unknownBecause(out(ws3, 'id', 'child'), 'unset-variable');

    // A wholly unknown context.
    const ws4 = label('context = var.ctx', 'variable "ctx" {}\n');
    unknownBecause(out(ws4, 'enabled'), 'unset-variable');
    unknownBecause(out(ws4, 'context'), 'unset-variable');
  });

  it('what is not reproduced is unknown: md5-shortened ids, the case of non-ASCII labels', () => {
    const ws = label('namespace = "eg"\n  name = "a-rather-long-name"\n  id_length_limit = 10');
    unknownBecause(out(ws, 'id'), 'unsupported', 'md5');
    known(out(ws, 'id_full'), 'eg-a-rather-long-name');
    known(out(ws, 'enabled'), true);
    known(out(label('name = "app"\n  id_length_limit = 10'), 'id'), 'app');
    const ws2 = label('name = "Ärger_1"\n  regex_replace_chars = "/[_0-9]/"');
    unknownBecause(out(ws2, 'id'), 'unsupported', 'non-ASCII');
    known(out(label('name = "Ärger_1"\n  regex_replace_chars = "/[_0-9]/"\n  label_value_case = "none"'), 'id'), 'Ärger');
  });

  it('what Terraform rejects leaves every output unknown', () => {
    const missing = label('context = { enabled = true }');
    unknownBecause(out(missing, 'enabled'), 'invalid', 'namespace');
    unknownBecause(out(missing, 'context'), 'invalid');
    unknownBecause(out(label('context = null'), 'enabled'), 'invalid');
    unknownBecause(out(label('label_value_case = "camel"'), 'enabled'), 'invalid', 'label_value_case');
    unknownBecause(out(label('id_length_limit = 3'), 'id'), 'invalid', 'id_length_limit');
    unknownBecause(out(label('name = "x"\n  label_order = ["name", "region"]'), 'enabled'), 'invalid', 'region');
    unknownBecause(out(label('regex_replace_chars = "/[a-/"'), 'enabled'), 'invalid', 'regular expression');
  });

  it('outputs the model does not provide are unknown', () => {
    unknownBecause(out(label('name = "app"'), 'descriptors'), 'unsupported', 'does not provide');
  });

  it('a version that does not admit 0.25.0 keeps only enabled known (in the outputs and in the context handed down)', () => {
    for (const version of ['0.24.1', '~> 0.22.0', '< 0.25', '>= 0.19, < 0.25.0']) {
      const ws = workspace({
        'main.tf': `
module "this" {
  source    = "cloudposse/label/null"
  version   = "${version}"
  enabled   = false
  namespace = "eg"
  name      = "app"
}
module "child" {
  source  = "cloudposse/label/null"
  context = module.this.context
}
`,
      });
      known(out(ws, 'enabled'), false);
      unknownBecause(out(ws, 'id'), 'unsupported', 'does not admit 0.25.0');
      unknownBecause(out(ws, 'tags'), 'unsupported', 'does not admit 0.25.0');
      // The child (0.25.0: no version) still reads enabled from the context it is given.
      known(out(ws, 'enabled', 'child'), false);
    }
    // Constraints that admit 0.25.0 (the newest release, so the one installed) are modelled.
    for (const version of ['0.25.0', '~> 0.25', '~> 0.25.0', '>= 0.19', '>= 0.19.0, < 1.0.0', '!= 0.24.0', '= 0.25.0']) {
      const ws = workspace({
        'main.tf': `module "this" {\n  source = "cloudposse/label/null"\n  version = "${version}"\n  namespace = "eg"\n  name = "app"\n}\n`,
      });
      known(out(ws, 'id'), 'eg-app');
    }
  });

  it('version constraints: =, !=, >, >=, <, <=, ~> with one to three parts; what is not understood admits nothing', () => {
    const cases: [string, string, boolean][] = [
      ['0.25.0', '0.25.0', true],
      ['= 0.25.0', '0.25.0', true],
      ['v0.25.0', '0.25.0', true],
      ['0.25', '0.25.0', true],
      ['0.24.1', '0.25.0', false],
      ['!= 0.25.0', '0.25.0', false],
      ['> 0.24', '0.25.0', true],
      ['> 0.25.0', '0.25.0', false],
      ['>= 0.25.0, < 0.26.0', '0.25.0', true],
      ['<= 0.24.9', '0.25.0', false],
      ['~> 0.25', '0.25.0', true],
      ['~> 0.24', '0.25.0', true],
      ['~> 0.24.0', '0.25.0', false],
      ['~> 0.25.0', '0.25.1', true],
      ['~> 1.2.3', '1.3.0', false],
      ['~> 1.2', '1.9.0', true],
      ['~> 1.2', '2.0.0', false],
      ['~> 1', '7.0.0', true],
      ['0.25.0-beta', '0.25.0', false],
      ['latest', '0.25.0', false],
      ['', '0.25.0', false],
    ];
    for (const [constraint, version, expected] of cases) assert.equal(constraintAllows(constraint, version), expected, `${constraint} admits ${version}`);
  });
});
