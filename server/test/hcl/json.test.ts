// Terraform JSON syntax onto the shared syntax tree: golden dumps of test-fixtures/json, span
// remapping through JSON escapes, the block/attribute tables, `"//"` comments, errors with
// positions, `.tfvars.json`, and agreement with the native parser on equivalent configurations.
//
// Goldens: `UPDATE=1 npx mocha server/test/hcl/json.test.ts` rewrites test-fixtures/json/*.dump.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { Attribute, Block, Body, Expr, ParseResult, TemplateExpr } from '../../src/hcl/ast';
import { parseFile } from '../../src/hcl/index';
import { JSON_NESTED_BLOCKS, parseJsonConfig } from '../../src/hcl/json';
import { parseNative } from '../../src/hcl/parser';
import type { Span } from '../../src/hcl/source';

const FIXTURES = path.resolve(__dirname, '../../../test-fixtures/json');

// ---------------------------------------------------------------------------
// Helpers

function parse(text: string, file = 'main.tf.json'): ParseResult {
  return parseJsonConfig(text, `/ws/${file}`);
}

function at(text: string, s: Span): string {
  return text.slice(s.start, s.end);
}

function blockAt(body: Body, ...path: string[]): Block {
  let b: Body = body;
  let found: Block | undefined;
  for (const t of path) {
    found = b.items.find((i): i is Block => i.kind === 'Block' && i.type.name === t);
    assert.ok(found, `no block ${t} in path ${path.join('.')}`);
    b = found.body;
  }
  assert.ok(found);
  return found;
}

function attr(body: Body, name: string): Attribute {
  const a = body.items.find((i): i is Attribute => i.kind === 'Attribute' && i.name.name === name);
  assert.ok(a, `no attribute ${name}`);
  return a;
}

function template(e: Expr): TemplateExpr {
  assert.equal(e.kind, 'Template');
  return e as TemplateExpr;
}

/** Every span in a tree (found structurally, as the mapper finds them). */
function allSpans(node: unknown, out: Span[] = []): Span[] {
  if (Array.isArray(node)) for (const n of node) allSpans(n, out);
  else if (node !== null && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (Object.keys(o).length === 2 && typeof o.start === 'number' && typeof o.end === 'number') out.push(o as unknown as Span);
    else for (const [k, v] of Object.entries(o)) if (k !== 'lineIndex' && k !== 'text') allSpans(v, out);
  }
  return out;
}

/** Nodes of a given kind anywhere in a tree. */
function nodesOfKind<T>(node: unknown, kind: string, out: T[] = []): T[] {
  if (Array.isArray(node)) for (const n of node) nodesOfKind(n, kind, out);
  else if (node !== null && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.kind === kind) out.push(o as T);
    for (const [k, v] of Object.entries(o)) if (k !== 'lineIndex') nodesOfKind(v, kind, out);
  }
  return out;
}

/** The tree without spans and other position fields: what both syntaxes must agree on. */
function shape(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(shape);
  if (node === null || typeof node !== 'object') return node;
  const o = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 2 && 'start' in v && 'end' in v) continue;
    if (k === 'open' || k === 'close' || k === 'equals' || k === 'sep' || k === 'quoted' || k === 'raw') continue;
    out[k] = shape(v);
  }
  return out;
}

// ---------------------------------------------------------------------------
// A readable dump for the golden files: one node a line, with 1-based positions and the source
// text each span covers, so a reviewer sees that spans point at what the user wrote.

function dump(r: ParseResult): string {
  const { text, lineIndex } = r.file;
  const pos = (o: number): string => {
    const p = lineIndex.position(o);
    return `${p.line + 1}:${p.character + 1}`;
  };
  const fmt = (s: Span): string => {
    const src = at(text, s);
    return `${pos(s.start)}-${pos(s.end)}${src.length <= 60 ? ' ' + JSON.stringify(src) : ''}`;
  };
  const isSpanLike = (v: unknown): v is Span =>
    v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 2 && 'start' in v && 'end' in v;
  const lines: string[] = [];
  const node = (label: string, n: Record<string, unknown>, depth: number): void => {
    const pad = '  '.repeat(depth);
    const head: string[] = [];
    const children: [string, unknown][] = [];
    for (const [k, v] of Object.entries(n)) {
      if (k === 'kind' || k === 'span' || k === 'lineIndex' || k === 'text') continue;
      if (isSpanLike(v)) head.push(`${k}=${pos(v.start)}-${pos(v.end)}`);
      else if (v === null || typeof v !== 'object') head.push(`${k}=${JSON.stringify(v)}`);
      else children.push([k, v]);
    }
    const kind = typeof n.kind === 'string' ? n.kind : '';
    const span = isSpanLike(n.span) ? ` @ ${fmt(n.span)}` : '';
    lines.push(`${pad}${[(label + kind).trim(), ...head].join(' ')}${span}`);
    for (const [k, v] of children) {
      if (Array.isArray(v)) v.forEach((e, i) => node(`${k}[${i}]: `, e as Record<string, unknown>, depth + 1));
      else node(`${k}: `, v as Record<string, unknown>, depth + 1);
    }
  };
  node('', { ...r.file.body } as unknown as Record<string, unknown>, 0);
  for (const c of r.file.comments) lines.push(`comment ${c.style} ${JSON.stringify(c.text)} @ ${fmt(c.span)}`);
  for (const d of r.diagnostics) lines.push(`${d.severity} ${pos(d.span.start)}-${pos(d.span.end)}: ${d.summary}: ${d.detail ?? ''}`);
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------

describe('hcl/json: Terraform JSON syntax', () => {
  describe('golden dumps (test-fixtures/json)', () => {
    const inputs = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));
    it('has fixtures', () => assert.ok(inputs.length >= 5));
    for (const f of inputs) {
      it(f, () => {
        const text = fs.readFileSync(path.join(FIXTURES, f), 'utf8');
        const got = dump(parseJsonConfig(text, `/ws/${f}`));
        const golden = path.join(FIXTURES, `${f}.dump`);
        if (process.env.UPDATE) fs.writeFileSync(golden, got);
        assert.equal(got, fs.readFileSync(golden, 'utf8'));
      });
    }

    it('valid fixtures parse without diagnostics, errors.tf.json with them', () => {
      for (const f of inputs) {
        const r = parseJsonConfig(fs.readFileSync(path.join(FIXTURES, f), 'utf8'), `/ws/${f}`);
        if (f === 'errors.tf.json') assert.ok(r.diagnostics.length > 0);
        else assert.deepEqual(r.diagnostics, [], f);
      }
    });

    it('every span of every fixture lies inside the file and is ordered', () => {
      for (const f of inputs) {
        const r = parseJsonConfig(fs.readFileSync(path.join(FIXTURES, f), 'utf8'), `/ws/${f}`);
        for (const s of allSpans([r.file.body, r.file.comments, r.diagnostics])) {
          assert.ok(0 <= s.start && s.start <= s.end && s.end <= r.file.text.length, `${f}: ${JSON.stringify(s)}`);
        }
      }
    });
  });

  describe('structure', () => {
    it('maps nested label objects to one block per innermost body', () => {
      const text = '{"resource": {"aws_subnet": {"a": {"cidr_block": "10.0.1.0/24"}, "b": {}}}}';
      const { file, diagnostics } = parse(text);
      assert.deepEqual(diagnostics, []);
      const blocks = file.body.items as Block[];
      assert.equal(blocks.length, 2);
      const [a, b] = blocks;
      assert.equal(a.type.name, 'resource');
      assert.equal(at(text, a.type.span), '"resource"');
      assert.deepEqual(a.labels.map((l) => [l.value, at(text, l.span), l.quoted]), [
        ['aws_subnet', '"aws_subnet"', true],
        ['a', '"a"', true],
      ]);
      assert.deepEqual(b.labels.map((l) => l.value), ['aws_subnet', 'b']);
      // Block: from the type name to the closing brace of its own body.
      assert.equal(at(text, a.span), '"resource": {"aws_subnet": {"a": {"cidr_block": "10.0.1.0/24"}');
      assert.equal(at(text, a.open), '{');
      assert.equal(a.open.start, text.indexOf('{"cidr_block"'));
      assert.ok(a.close);
      assert.equal(a.close.start, text.indexOf('}, "b"'));
      assert.equal(at(text, a.body.span), '"cidr_block": "10.0.1.0/24"');
      const cidr = attr(a.body, 'cidr_block');
      assert.equal(at(text, cidr.span), '"cidr_block": "10.0.1.0/24"');
      assert.equal(at(text, cidr.name.span), '"cidr_block"');
      assert.equal(at(text, cidr.equals), ':');
      assert.equal(at(text, cidr.expr.span), '"10.0.1.0/24"');
      assert.equal(b.body.items.length, 0);
    });

    it('accepts arrays at every label level and at the body level', () => {
      const { file, diagnostics } = parse(fs.readFileSync(path.join(FIXTURES, 'labels.tf.json'), 'utf8'));
      assert.deepEqual(diagnostics, []);
      const subnets = (file.body.items as Block[]).filter((b) => b.labels[0]?.value === 'aws_subnet');
      assert.deepEqual(subnets.map((b) => b.labels.map((l) => l.value).join('.')), ['aws_subnet.a', 'aws_subnet.b', 'aws_subnet.b']);
      assert.deepEqual(
        subnets.map((b) => (attr(b.body, 'cidr_block').expr as TemplateExpr).parts.map((p) => (p.kind === 'TemplateLiteral' ? p.value : '?')).join('')),
        ['10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24'],
      );
    });

    it('reads provider arrays as aliased provider blocks', () => {
      const text = '{"provider": {"aws": [{"region": "eu-west-1"}, {"alias": "use1", "region": "us-east-1"}]}}';
      const { file, diagnostics } = parse(text);
      assert.deepEqual(diagnostics, []);
      const providers = file.body.items as Block[];
      assert.equal(providers.length, 2);
      for (const p of providers) {
        assert.equal(p.type.name, 'provider');
        assert.deepEqual(p.labels.map((l) => l.value), ['aws']);
      }
      assert.equal(at(text, providers[1].body.span), '"alias": "use1", "region": "us-east-1"');
      assert.equal(at(text, providers[1].span), text.slice(1, text.lastIndexOf('}]') + 1));
      const alias = template(attr(providers[1].body, 'alias').expr);
      assert.deepEqual(alias.parts.map((p) => p.kind), ['TemplateLiteral']);
    });

    it('reads dynamic blocks with their label and a content block', () => {
      const text = JSON.stringify({
        resource: {
          aws_security_group: {
            sg: {
              dynamic: {
                ingress: { for_each: '${var.ports}', iterator: 'port', content: { from_port: '${port.value}', cidr_blocks: ['10.0.0.0/8'] } },
              },
            },
          },
        },
      });
      const { file, diagnostics } = parse(text);
      assert.deepEqual(diagnostics, []);
      const dyn = blockAt(file.body, 'resource', 'dynamic');
      assert.deepEqual(dyn.labels.map((l) => [l.value, at(text, l.span)]), [['ingress', '"ingress"']]);
      assert.equal(template(attr(dyn.body, 'for_each').expr).parts[0].kind, 'TemplateInterp');
      const iterator = attr(dyn.body, 'iterator').expr;
      assert.equal(iterator.kind, 'Variable');
      assert.equal(at(text, iterator.span), 'port');
      const content = blockAt(dyn.body, 'content');
      assert.deepEqual(content.labels, []);
      assert.deepEqual(content.body.items.map((i) => [i.kind, i.kind === 'Attribute' ? i.name.name : i.type.name]), [
        ['Attribute', 'from_port'],
        ['Attribute', 'cidr_blocks'],
      ]);
    });

    it('decides block or attribute by the table and the value shape', () => {
      const text = JSON.stringify({
        resource: {
          aws_lambda_function: {
            f: {
              vpc_config: { subnet_ids: ['${aws_subnet.a.id}'] },
              environment: [{ variables: { A: '1' } }],
              tags: { Name: 'f' },
              tracing_config: '${var.tracing}',
              ephemeral_storage: [],
              made_up_block: { size: 1 },
            },
          },
        },
        module: { m: { source: './m', vpc_config: { subnet_ids: [] } } },
        locals: { vpc_config: { a: 1 } },
      });
      const { file, diagnostics } = parse(text);
      assert.deepEqual(diagnostics, []);
      const f = blockAt(file.body, 'resource');
      const kinds = Object.fromEntries(f.body.items.map((i) => [i.kind === 'Block' ? i.type.name : i.name.name, i.kind]));
      assert.deepEqual(kinds, {
        vpc_config: 'Block',
        environment: 'Block',
        tags: 'Attribute',
        tracing_config: 'Attribute',
        ephemeral_storage: 'Attribute',
        made_up_block: 'Attribute',
      });
      assert.equal(attr(f.body, 'tags').expr.kind, 'Object');
      assert.equal(attr(f.body, 'ephemeral_storage').expr.kind, 'Tuple');
      // Module inputs and locals are always arguments, whatever their name.
      assert.equal(attr(blockAt(file.body, 'module').body, 'vpc_config').expr.kind, 'Object');
      assert.equal(attr(blockAt(file.body, 'locals').body, 'vpc_config').expr.kind, 'Object');
    });

    it('has a table of nested blocks that includes the meta-blocks and Lambda networking blocks but not tags', () => {
      for (const n of ['lifecycle', 'provisioner', 'connection', 'dynamic', 'vpc_config', 'statement', 'ingress', 'egress', 'route']) {
        assert.ok(JSON_NESTED_BLOCKS.has(n), n);
      }
      assert.equal(JSON_NESTED_BLOCKS.get('provisioner'), 1);
      assert.equal(JSON_NESTED_BLOCKS.get('dynamic'), 1);
      assert.equal(JSON_NESTED_BLOCKS.has('tags'), false);
    });

    it('treats names such as constructor and __proto__ as ordinary names', () => {
      const text = '{"constructor": {}, "variable": {"v": {"constructor": {"a": 1}, "__proto__": {"b": 1}, "toString": {"c": 2}}}}';
      const { file, diagnostics } = parse(text);
      assert.deepEqual(diagnostics, []);
      assert.equal(file.body.items[0].kind, 'Attribute');
      const v = blockAt(file.body, 'variable');
      assert.deepEqual(v.body.items.map((i) => [i.kind, i.kind === 'Attribute' ? i.name.name : i.type.name]), [
        ['Attribute', 'constructor'],
        ['Attribute', '__proto__'],
        ['Attribute', 'toString'],
      ]);
    });

    it('reads every locals property as an attribute and allows locals arrays', () => {
      const text = '{"locals": [{"a": 1, "lifecycle": {"x": 1}}, {"b": "${local.a}"}]}';
      const { file, diagnostics } = parse(text);
      assert.deepEqual(diagnostics, []);
      const locals = file.body.items as Block[];
      assert.equal(locals.length, 2);
      assert.deepEqual(locals.flatMap((b) => b.body.items.map((i) => i.kind)), ['Attribute', 'Attribute', 'Attribute']);
    });

    it('accepts a root array of objects (HCL allows a body as an array)', () => {
      const { file, diagnostics } = parse('[{"locals": {"a": 1}}, {"locals": {"b": 2}}]');
      assert.deepEqual(diagnostics, []);
      assert.equal(file.body.items.length, 2);
    });

    it('maps JSON values to literal, tuple and object expressions', () => {
      const text = '{"locals": {"n": 1.50e2, "neg": -0.5, "big": 12345678901234567890, "t": true, "f": false, "z": null, "l": [1, "a"], "o": {"k${1}": "v"}}}';
      const { file, diagnostics } = parse(text);
      assert.deepEqual(diagnostics, []);
      const body = blockAt(file.body, 'locals').body;
      const lit = (n: string): unknown => {
        const e = attr(body, n).expr;
        assert.equal(e.kind, 'Literal');
        return e.kind === 'Literal' ? [e.value, e.raw] : undefined;
      };
      assert.deepEqual(lit('n'), [150, '1.50e2']);
      assert.deepEqual(lit('neg'), [-0.5, '-0.5']);
      assert.deepEqual(lit('big'), [12345678901234567890, '12345678901234567890']);
      assert.deepEqual(lit('t'), [true, 'true']);
      assert.deepEqual(lit('f'), [false, 'false']);
      assert.deepEqual(lit('z'), [null, 'null']);
      const l = attr(body, 'l').expr;
      assert.equal(l.kind, 'Tuple');
      assert.deepEqual(l.kind === 'Tuple' && l.elements.map((e) => e.kind), ['Literal', 'Template']);
      const o = attr(body, 'o').expr;
      assert.ok(o.kind === 'Object');
      const item = o.items[0];
      assert.equal(at(text, item.key.span), '"k${1}"');
      assert.deepEqual(template(item.key).parts.map((p) => p.kind), ['TemplateLiteral', 'TemplateInterp']);
      assert.equal(at(text, item.sep), ':');
      assert.equal(at(text, item.span), '"k${1}": "v"');
    });
  });

  describe('how strings are read', () => {
    it('parses expression arguments (type, depends_on, provider, ignore_changes) as expressions', () => {
      const text = JSON.stringify({
        variable: { v: { type: 'list(object({ id = string }))' } },
        resource: {
          aws_lambda_function: {
            f: {
              provider: 'aws.use1',
              depends_on: ['aws_iam_role.r', 'module.vpc'],
              lifecycle: { ignore_changes: ['tags["Name"]'], replace_triggered_by: ['null_resource.x.id'] },
            },
          },
        },
        moved: { from: 'aws_instance.a', to: 'aws_instance.b[0]' },
      });
      const { file, diagnostics } = parse(text);
      assert.deepEqual(diagnostics, []);
      const type = attr(blockAt(file.body, 'variable').body, 'type').expr;
      assert.equal(type.kind, 'FunctionCall');
      assert.equal(at(text, type.span), 'list(object({ id = string }))');
      const f = blockAt(file.body, 'resource').body;
      const provider = attr(f, 'provider').expr;
      assert.equal(provider.kind, 'GetAttr');
      assert.equal(at(text, provider.span), 'aws.use1');
      const deps = attr(f, 'depends_on').expr;
      assert.ok(deps.kind === 'Tuple');
      assert.deepEqual(deps.elements.map((e) => [e.kind, at(text, e.span)]), [
        ['GetAttr', 'aws_iam_role.r'],
        ['GetAttr', 'module.vpc'],
      ]);
      const ignore = attr(blockAt(f, 'lifecycle').body, 'ignore_changes').expr;
      assert.ok(ignore.kind === 'Tuple');
      assert.equal(ignore.elements[0].kind, 'Index');
      // The escaped quotes are part of what the user wrote: `tags[\"Name\"]`.
      assert.equal(at(text, ignore.elements[0].span), 'tags[\\"Name\\"]');
      const moved = blockAt(file.body, 'moved').body;
      assert.equal(attr(moved, 'to').expr.kind, 'Index');
    });

    it('reads ignore_changes = "all" as the keyword', () => {
      const { file } = parse('{"resource": {"a": {"b": {"lifecycle": {"ignore_changes": "all"}}}}}');
      const e = attr(blockAt(file.body, 'resource', 'lifecycle').body, 'ignore_changes').expr;
      assert.equal(e.kind, 'Variable');
      assert.equal(e.kind === 'Variable' && e.name, 'all');
    });

    it('keeps literal arguments literal (variable default and description, module source, the terraform block)', () => {
      const text = JSON.stringify({
        variable: { v: { default: { a: '${x}', b: ['${y}'] }, description: 'uses ${z}' } },
        module: { m: { source: './mod-${x}', count: '${var.n}' } },
        terraform: { backend: { s3: { key: '${k}' } } },
      });
      const { file, diagnostics } = parse(text);
      assert.deepEqual(diagnostics, []);
      const templates = nodesOfKind<TemplateExpr>(file.body, 'Template');
      const literalOnly = templates.filter((t) => t.parts.every((p) => p.kind === 'TemplateLiteral'));
      const values = literalOnly.map((t) => t.parts.map((p) => (p.kind === 'TemplateLiteral' ? p.value : '')).join(''));
      for (const v of ['a', '${x}', '${y}', 'uses ${z}', './mod-${x}', '${k}']) assert.ok(values.includes(v), v);
      // ... while ordinary arguments are templates.
      const count = template(attr(blockAt(file.body, 'module').body, 'count').expr);
      assert.deepEqual(count.parts.map((p) => p.kind), ['TemplateInterp']);
    });

    it('reads .tfvars.json: every property an attribute, strings literal, "//" a comment', () => {
      const text = fs.readFileSync(path.join(FIXTURES, 'terraform.tfvars.json'), 'utf8');
      const { file, diagnostics } = parseJsonConfig(text, '/ws/terraform.tfvars.json');
      assert.deepEqual(diagnostics, []);
      assert.ok(file.body.items.every((i) => i.kind === 'Attribute'));
      assert.deepEqual(file.body.items.map((i) => (i.kind === 'Attribute' ? i.name.name : '')), [
        'region',
        'subnet_ids',
        'vpc_config',
        'name_template',
        'ratio',
        'nothing',
      ]);
      assert.equal(attr(file.body, 'vpc_config').expr.kind, 'Object');
      const t = template(attr(file.body, 'name_template').expr);
      assert.deepEqual(t.parts.map((p) => (p.kind === 'TemplateLiteral' ? p.value : p.kind)), ['${not-a-template}']);
      assert.deepEqual(file.comments.map((c) => c.text), ['Values for the orders stack']);
    });

    it('reads an empty string as one empty literal in every mode, as the native syntax does', () => {
      const text = '{"variable": {"v": {"default": ""}}, "locals": {"e": ""}}';
      const { file } = parse(text);
      const native = parseNative('e = ""\n', '/ws/main.tf');
      const nativeParts = template(attr(native.file.body, 'e').expr).parts;
      for (const e of [attr(blockAt(file.body, 'variable').body, 'default').expr, attr(blockAt(file.body, 'locals').body, 'e').expr]) {
        const parts = template(e).parts;
        assert.deepEqual(shape(parts), shape(nativeParts));
        assert.equal(parts.length, 1);
        // Zero-width, between the quotes.
        assert.equal(parts[0].span.start, e.span.start + 1);
        assert.equal(parts[0].span.end, e.span.start + 1);
      }
    });
  });

  describe('span remapping through JSON escapes', () => {
    it('points every template part at what the user wrote', () => {
      const text = fs.readFileSync(path.join(FIXTURES, 'escapes.tf.json'), 'utf8');
      const { file, diagnostics } = parse(text);
      assert.deepEqual(diagnostics, []);
      const body = blockAt(file.body, 'locals').body;
      const parts = (name: string): [string, string][] =>
        template(attr(body, name).expr).parts.map((p) => [p.kind === 'TemplateLiteral' ? p.value : p.kind, at(text, p.span)]);

      assert.deepEqual(parts('quoted'), [
        ['say "hi" to ', 'say \\"hi\\" to '],
        ['TemplateInterp', '${var.who}'],
      ]);
      assert.deepEqual(parts('unicode'), [
        ['TemplateInterp', '\\u0024{var.\\u0061b}'],
        ['-\u{1F600}-', '-\\ud83d\\ude00-'],
        ['TemplateInterp', '${local.x}'],
      ]);
      assert.deepEqual(parts('multiline'), [
        ['line1\nline2\t', 'line1\\nline2\\t'],
        ['TemplateInterp', '${var.tab}'],
      ]);
      assert.deepEqual(parts('raw_emoji'), [
        ['\u{1F600}', '\u{1F600}'],
        ['TemplateInterp', '${var.after_emoji}'],
      ]);
      assert.deepEqual(parts('dollar')[0], ['${literal} ', '$${literal} ']);

      // Inside interpolations too: the traversal's root and attribute name.
      const interp = template(attr(body, 'unicode').expr).parts[0];
      assert.ok(interp.kind === 'TemplateInterp' && interp.expr.kind === 'GetAttr');
      assert.equal(at(text, interp.expr.span), 'var.\\u0061b');
      assert.equal(interp.expr.name.name, 'ab');
      assert.equal(at(text, interp.expr.name.span), '\\u0061b');
      assert.equal(at(text, interp.expr.object.span), 'var');

      // An escaped property name is unescaped; its span is the token as written.
      const key = body.items.find((i): i is Attribute => i.kind === 'Attribute' && i.name.name === 'key');
      assert.ok(key);
      assert.equal(at(text, key.name.span), '"\\u006b\\u0065y"');
    });

    it('remaps spans inside interpolations after escapes (property)', () => {
      // Random template text (no `$`, `%`) with `${var.<name>}` pieces, every character escaped
      // or not at random: the source under each variable name must unescape to that name, and
      // the literal parts must unescape to the literal text.
      const piece = fc.oneof(
        fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '"', '\\', '\n', 'é', '\u{1F600}', '{', '}', '/', '\t'), maxLength: 6 }).map((s) => ({ lit: s })),
        fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/).map((name) => ({ name })),
      );
      const escapeChar = (c: string, mode: number): string => {
        if (mode === 0) return JSON.stringify(c).slice(1, -1);
        return [...c].map((ch) => Array.from({ length: ch.length }, (_, i) => '\\u' + ch.charCodeAt(i).toString(16).padStart(4, '0')).join('')).join('');
      };
      fc.assert(
        fc.property(fc.array(piece, { maxLength: 6 }), fc.array(fc.nat(1), { minLength: 200, maxLength: 200 }), (pieces, modes) => {
          let k = 0;
          const esc = (s: string): string => [...s].map((c) => escapeChar(c, modes[k++ % modes.length])).join('');
          const src = pieces.map((p) => ('lit' in p ? esc(p.lit) : esc('${var.') + esc(p.name) + '}')).join('');
          const text = `{"locals": {"x": "${src}"}}`;
          const r = parse(text);
          assert.deepEqual(r.diagnostics, []);
          const t = template(attr(blockAt(r.file.body, 'locals').body, 'x').expr);
          const unescape = (s: string): string => JSON.parse(`"${s}"`) as string;
          const names = pieces.filter((p) => 'name' in p).map((p) => (p as { name: string }).name);
          const interps = t.parts.filter((p) => p.kind === 'TemplateInterp');
          assert.equal(interps.length, names.length);
          interps.forEach((p, i) => {
            assert.ok(p.kind === 'TemplateInterp' && p.expr.kind === 'GetAttr');
            assert.equal(unescape(at(text, p.expr.name.span)), names[i]);
            assert.equal(unescape(at(text, p.span)), '${var.' + names[i] + '}');
          });
          for (const p of t.parts) if (p.kind === 'TemplateLiteral') assert.equal(unescape(at(text, p.span)), p.value);
          // Adjacent literal pieces form one part; an empty template is one empty literal.
          const literal = src === '' ? [''] : pieces.map((p) => ('lit' in p ? p.lit : '\0')).join('').split('\0').filter((s) => s !== '');
          assert.deepEqual(t.parts.filter((p) => p.kind === 'TemplateLiteral').map((p) => (p.kind === 'TemplateLiteral' ? p.value : '')), literal);
        }),
        { numRuns: 300 },
      );
    });

    it('remaps template diagnostics into the file', () => {
      const text = '{"locals": {"bad": "ok \\u0024{var.a +}"}}';
      const r = parse(text);
      assert.ok(r.diagnostics.length > 0);
      const d = r.diagnostics[0];
      const string = { start: text.indexOf('"ok'), end: text.lastIndexOf('"') + 1 };
      assert.ok(d.span.start > string.start && d.span.end < string.end, JSON.stringify(d));
    });
  });

  describe('"//" comments', () => {
    it('skips "//" properties in bodies and keeps them as comments in source order', () => {
      const text = fs.readFileSync(path.join(FIXTURES, 'lambda-vpc.tf.json'), 'utf8');
      const { file } = parse(text);
      assert.deepEqual(file.comments.map((c) => [c.style, c.text]), [
        ['//', 'Generated by gen-infra.py. lambda-vpc-lint-ignore-file: aws_lambda_vpc_unneeded'],
        ['//', 'locals are attributes'],
        ['//', 'lambda-vpc-lint-ignore: aws_lambda_single_az'],
      ]);
      const c = file.comments[2];
      assert.equal(at(text, c.span), '"//": "lambda-vpc-lint-ignore: aws_lambda_single_az"');
      const names = nodesOfKind<Attribute>(file.body, 'Attribute').map((a) => a.name.name);
      assert.ok(!names.includes('//'));
    });

    it('keeps "//" as an ordinary key inside expression objects', () => {
      const { file, diagnostics } = parse('{"locals": {"m": {"//": "kept"}}}');
      assert.deepEqual(diagnostics, []);
      assert.deepEqual(file.comments, []);
      const m = attr(blockAt(file.body, 'locals').body, 'm').expr;
      assert.ok(m.kind === 'Object');
      assert.equal(m.items.length, 1);
    });
  });

  describe('errors', () => {
    const pos = (r: ParseResult, i = 0): string => {
      const p = r.file.lineIndex.position(r.diagnostics[i].span.start);
      return `${p.line + 1}:${p.character + 1}`;
    };

    it('reports a trailing comma at the comma, and still reads the rest', () => {
      const text = '{\n  "locals": {\n    "a": 1,\n  }\n}';
      const r = parse(text);
      assert.equal(r.diagnostics.length, 1);
      assert.equal(r.diagnostics[0].summary, 'Trailing comma');
      assert.equal(at(text, r.diagnostics[0].span), ',');
      assert.equal(pos(r), '3:11');
      assert.equal(attr(blockAt(r.file.body, 'locals').body, 'a').expr.kind, 'Literal');

      const arr = parse('{"locals": {"a": [1, 2, ]}}');
      assert.deepEqual(arr.diagnostics.map((d) => [d.summary, d.span.start]), [['Trailing comma', 22]]);
    });

    it('reports invalid JSON with clear messages and positions', () => {
      const cases: [string, string, string][] = [
        ['{"a" 1}', "Missing ':'", '1:6'],
        ['{\n  "a": 1\n  "b": 2\n}', "Missing ','", '3:3'],
        ['{"a": tru}', 'Invalid JSON token', '1:7'],
        ["{'a': 1}", 'Invalid JSON token', '1:2'],
        ['// note\n{}', 'Comments are not allowed in JSON', '1:1'],
        ['{"a": "line\nbreak"}', 'Unterminated string', '1:7'],
        ['{"a": 1} {', 'Extra content after the JSON value', '1:10'],
        ['', 'Empty JSON file', '1:1'],
        ['{"a": {"b": 1', "Missing '}'", '1:14'],
      ];
      for (const [text, summary, where] of cases) {
        const r = parse(text);
        assert.ok(r.diagnostics.length > 0, text);
        assert.equal(r.diagnostics[0].summary, summary, text);
        assert.equal(r.diagnostics[0].severity, 'error');
        assert.equal(pos(r), where, text);
      }
    });

    it('reports a bad escape exactly, once', () => {
      const text = '{"locals": {"a": "x\\qy", "b": "\\u12"}}';
      const r = parse(text);
      assert.deepEqual(r.diagnostics.map((d) => [d.summary, at(text, d.span)]), [
        ['Invalid escape sequence', '\\q'],
        ['Invalid escape sequence', '\\u12'],
      ]);
    });

    it('reports wrong value shapes for blocks', () => {
      const text = '{"resource": "x", "data": {"aws_vpc": "y"}, "module": {}, "locals": 3}';
      const r = parse(text);
      assert.deepEqual(r.diagnostics.map((d) => [d.summary, at(text, d.span)]), [
        ['Incorrect JSON value type', '"x"'],
        ['Incorrect JSON value type', '"y"'],
        ['Missing block label', '{'],
        ['Incorrect JSON value type', '3'],
      ]);
      assert.equal(r.file.body.items.length, 0);
    });

    it('rejects a root that is not an object', () => {
      for (const [text, file] of [['"str"', 'main.tf.json'], ['[{"a": 1}]', 'x.tfvars.json'], ['42', 'main.tf.json']]) {
        const r = parse(text, file);
        assert.deepEqual(r.diagnostics.map((d) => d.summary), ['Incorrect JSON value type'], text);
        assert.equal(r.diagnostics[0].span.start, 0);
      }
    });

    it('marks an unclosed body with close = null', () => {
      const text = '{"locals": {"a": 1';
      const r = parse(text);
      const locals = blockAt(r.file.body, 'locals');
      assert.equal(locals.close, null);
      assert.equal(locals.body.span.end, text.length);
      assert.equal(attr(locals.body, 'a').expr.kind, 'Literal');
    });

    it('never throws and keeps spans inside the text, on arbitrary and mutated input', () => {
      const seed = fs.readFileSync(path.join(FIXTURES, 'lambda-vpc.tf.json'), 'utf8');
      const check = (text: string, file: string): void => {
        const r = parseJsonConfig(text, file);
        for (const s of allSpans([r.file.body, r.file.comments, r.diagnostics])) {
          assert.ok(0 <= s.start && s.start <= s.end && s.end <= text.length, JSON.stringify(s));
        }
      };
      fc.assert(
        fc.property(fc.string({ maxLength: 80 }), fc.constantFrom('a.tf.json', 'a.tfvars.json'), (t, f) => check(t, f)),
        { numRuns: 500 },
      );
      fc.assert(
        fc.property(fc.nat(seed.length), fc.nat(40), fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '"', ',', ':', '\\', 'u', '$', '{'), maxLength: 3 }), (i, n, ins) =>
          check(seed.slice(0, i) + ins + seed.slice(i + n), 'main.tf.json'),
        ),
        { numRuns: 500 },
      );
    });
  });

  describe('files', () => {
    it('skips a leading BOM and keeps offsets in the original text', () => {
      const text = '\uFEFF{"locals": {"a": "${var.b}"}}';
      const r = parse(text);
      assert.deepEqual(r.diagnostics, []);
      assert.equal(r.file.text, text);
      assert.equal(r.file.syntax, 'json');
      const a = attr(blockAt(r.file.body, 'locals').body, 'a');
      assert.equal(at(text, a.name.span), '"a"');
      assert.equal(at(text, template(a.expr).parts[0].span), '${var.b}');
    });

    it('is what parseFile uses for .tf.json, .tofu.json and .tfvars.json', () => {
      for (const name of ['main.tf.json', 'main.tofu.json', 'terraform.tfvars.json']) {
        const r = parseFile(`/ws/${name}`, '{"locals": {"a": 1}}');
        assert.equal(r.file.syntax, 'json');
        assert.equal(r.file.path, `/ws/${name}`);
        assert.equal(r.file.body.items[0].kind, name.endsWith('.tfvars.json') ? 'Attribute' : 'Block');
      }
    });
  });

  describe('agrees with the native syntax', () => {
    // The same configuration written both ways gives the same tree, spans aside.
    const pairs: [string, string][] = [
      [
        `resource "aws_lambda_function" "f" {
  function_name = "orders-\${var.env}"
  memory_size   = 512
  publish       = true
  layers        = ["\${aws_lambda_layer_version.l.arn}", "arn:aws:lambda:x"]
  depends_on    = [aws_iam_role.r]
  provider      = aws.use1
  vpc_config {
    subnet_ids         = "\${var.subnet_ids}"
    security_group_ids = ["\${aws_security_group.sg.id}"]
  }
  lifecycle {
    ignore_changes = [tags]
  }
}
`,
        JSON.stringify({
          resource: {
            aws_lambda_function: {
              f: {
                function_name: 'orders-${var.env}',
                memory_size: 512,
                publish: true,
                layers: ['${aws_lambda_layer_version.l.arn}', 'arn:aws:lambda:x'],
                depends_on: ['aws_iam_role.r'],
                provider: 'aws.use1',
                vpc_config: { subnet_ids: '${var.subnet_ids}', security_group_ids: ['${aws_security_group.sg.id}'] },
                lifecycle: { ignore_changes: ['tags'] },
              },
            },
          },
        }),
      ],
      [
        `variable "subnets" {
  type = map(object({ az = string, cidr = string }))
  validation {
    condition     = "\${length(var.subnets) > 1}"
    error_message = "Two or more."
  }
}
provider "aws" {
  region = "eu-west-1"
}
provider "aws" {
  alias  = "use1"
  region = "us-east-1"
}
locals {
  count = "\${length(var.subnets) * 2}"
  t     = "%{ if var.x }yes%{ else }no%{ endif }"
}
`,
        JSON.stringify({
          variable: {
            subnets: {
              type: 'map(object({ az = string, cidr = string }))',
              validation: { condition: '${length(var.subnets) > 1}', error_message: 'Two or more.' },
            },
          },
          provider: { aws: [{ region: 'eu-west-1' }, { alias: 'use1', region: 'us-east-1' }] },
          locals: { count: '${length(var.subnets) * 2}', t: '%{ if var.x }yes%{ else }no%{ endif }' },
        }),
      ],
    ];
    pairs.forEach(([hcl, json], i) => {
      it(`pair ${i + 1}`, () => {
        const native = parseNative(hcl, '/ws/main.tf');
        const fromJson = parse(json);
        assert.deepEqual(native.diagnostics, []);
        assert.deepEqual(fromJson.diagnostics, []);
        assert.deepEqual(shape(fromJson.file.body), shape(native.file.body));
      });
    });
  });
});
