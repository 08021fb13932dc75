// Terraform's JSON configuration syntax (`.tf.json`, `.tofu.json`, `.tfvars.json`) mapped onto the
// same syntax tree as the native syntax, so every later layer reads one model.
//
// References: Terraform "JSON Configuration Syntax"
// (https://developer.hashicorp.com/terraform/language/syntax/json) and HCL's JSON specification
// (https://github.com/hashicorp/hcl/blob/main/json/spec.md).
//
// What JSON cannot tell us on its own is whether a property is an argument or a nested block: HCL
// decides that with the provider schema, which we do not have. We decide it with fixed tables
// (JSON_TOP_LEVEL_BLOCKS, JSON_NESTED_BLOCKS and the per-block rules below) plus the value's shape.
//
// Strings are read in one of three ways, as Terraform does:
// - template (the default): the unescaped string is parsed as an HCL template by `parseTemplate`;
// - literal: the string is taken as it is, `${` included (variable defaults, descriptions, module
//   sources, the whole `terraform` block, `.tfvars.json` values);
// - expression: the string holds a native expression such as a reference or a type
//   (JSON_EXPRESSION_ATTRS), parsed by `parseExpression`.
// Template and expression parts come back with spans relative to the unescaped string; they are
// remapped through the JSON escapes so every span points at what the user wrote in the file.
//
// Span choices:
// - Attribute.name.span, Block.type.span and Label.span are the whole property-name token,
//   quotes included (a JSON property name is always quoted; this matches Label.span).
// - Attribute.equals is the `:` token; Attribute.span runs from the property name to the end of
//   the value.
// - Block.span runs from the block-type property name to the closing brace of the innermost body
//   object; open/close are that object's braces. Blocks given as an array share the type token.

import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type {
  Attribute,
  Block,
  Body,
  BodyItem,
  Comment,
  Expr,
  HclDiagnostic,
  Label,
  LiteralExpr,
  ObjectItem,
  ParseResult,
  TemplateExpr,
  TemplatePart,
} from './ast';
import { MAX_DEPTH, parseExpression, parseTemplate } from './parser';
import { LineIndex, type Span } from './source';

// ---------------------------------------------------------------------------
// Tables

/** The top-level block types of a Terraform configuration and how many labels each takes. */
export const JSON_TOP_LEVEL_BLOCKS: ReadonlyMap<string, number> = new Map([
  ['resource', 2],
  ['data', 2],
  ['ephemeral', 2],
  ['module', 1],
  ['variable', 1],
  ['output', 1],
  ['provider', 1],
  ['locals', 0],
  ['terraform', 0],
  ['moved', 0],
  ['import', 0],
  ['check', 1],
  ['removed', 0],
]);

/**
 * Property names read as nested blocks (name → label count) inside `resource`, `data`,
 * `ephemeral` and `provider` bodies and the blocks nested in them.
 *
 * Why this table exists: in JSON syntax a nested block and an object-valued argument look the
 * same (`"vpc_config": {...}`). Terraform tells them apart with the provider's schema, which a
 * linter does not have. We list Terraform's meta-blocks and the provider blocks that matter for
 * Lambda networking (functions, capacity providers, IAM policy documents, security groups, route
 * tables, endpoints, load balancers, data-source filters, provider settings). A listed name whose
 * value is an object or a non-empty array of objects becomes block(s); everything else, listed or
 * not, is an attribute. `tags` is deliberately absent: it is an argument (a map).
 * `content` is a block only inside `dynamic` (see FIXED_BLOCKS).
 */
export const JSON_NESTED_BLOCKS: ReadonlyMap<string, number> = new Map([
  // Terraform meta-blocks.
  ['lifecycle', 0],
  ['precondition', 0],
  ['postcondition', 0],
  ['provisioner', 1],
  ['connection', 0],
  ['dynamic', 1],
  ['timeouts', 0],
  // aws_lambda_function
  ['vpc_config', 0],
  ['environment', 0],
  ['file_system_config', 0],
  ['dead_letter_config', 0],
  ['tracing_config', 0],
  ['ephemeral_storage', 0],
  ['logging_config', 0],
  ['image_config', 0],
  ['snap_start', 0],
  ['capacity_provider_config', 0],
  ['lambda_managed_instances_capacity_provider_config', 0],
  // aws_lambda_capacity_provider
  ['instance_requirements', 0],
  ['permissions_config', 0],
  ['capacity_provider_scaling_config', 0],
  ['scaling_policies', 0],
  // aws_lambda_event_source_mapping
  ['filter_criteria', 0],
  ['source_access_configuration', 0],
  ['self_managed_event_source', 0],
  ['scaling_config', 0],
  ['destination_config', 0],
  ['on_failure', 0],
  ['amazon_managed_kafka_event_source_config', 0],
  ['self_managed_kafka_event_source_config', 0],
  ['provisioned_poller_config', 0],
  ['metrics_config', 0],
  // aws_iam_policy_document, aws_iam_role
  ['statement', 0],
  ['principals', 0],
  ['not_principals', 0],
  ['condition', 0],
  ['inline_policy', 0],
  // aws_security_group, aws_network_acl, aws_route_table (attributes-as-blocks in the provider)
  ['ingress', 0],
  ['egress', 0],
  ['route', 0],
  // aws_vpc_endpoint, aws_lb, data sources such as aws_subnets
  ['dns_options', 0],
  ['subnet_configuration', 0],
  ['subnet_mapping', 0],
  ['filter', 0],
  // Managed services reached over the VPC (OpenSearch/Elasticsearch, MSK, ECS)
  ['vpc_options', 0],
  ['broker_node_group_info', 0],
  ['network_configuration', 0],
  // provider "aws"
  ['assume_role', 0],
  ['assume_role_with_web_identity', 0],
  ['default_tags', 0],
  ['ignore_tags', 0],
  ['endpoints', 0],
]);

/**
 * Arguments whose JSON string holds a native expression (a reference, keyword or type), not a
 * template, by the type of the block they are in. In arrays and objects (depends_on,
 * ignore_changes, module `providers`) every string element, key and value is an expression.
 */
export const JSON_EXPRESSION_ATTRS: Readonly<Record<string, readonly string[]>> = {
  resource: ['depends_on', 'provider'],
  data: ['depends_on', 'provider'],
  ephemeral: ['depends_on', 'provider'],
  module: ['depends_on', 'providers'],
  output: ['depends_on'],
  variable: ['type'],
  lifecycle: ['ignore_changes', 'replace_triggered_by'],
  provisioner: ['when', 'on_failure'],
  dynamic: ['iterator'],
  moved: ['from', 'to'],
  removed: ['from'],
  import: ['to', 'provider'],
  terraform: ['experiments'],
};

/**
 * Arguments Terraform reads literally (strings are not templates, `${` stays as written), by block
 * type. Bodies that are literal as a whole (`terraform` and its sub-blocks, `.tfvars.json`) are not
 * listed; see LITERAL_BODIES.
 */
export const JSON_LITERAL_ATTRS: Readonly<Record<string, readonly string[]>> = {
  variable: ['default', 'description'],
  output: ['description'],
  module: ['source', 'version'],
  provider: ['alias', 'version'],
  connection: ['type'],
};

// ---------------------------------------------------------------------------
// Body rules

/** How the strings of a value are read (see the file comment). */
type ValueMode = 'template' | 'literal' | 'expression';

/**
 * What a body is, which decides its nested blocks and how its values are read. Most kinds are the
 * block type itself; 'schema' is a provider-defined nested block (vpc_config, statement, ...),
 * 'condition' a validation/precondition/postcondition/assert, 'settings' a literal-only body inside
 * `terraform` (required_providers, backend, provider_meta, workspaces).
 */
type BodyKind =
  | 'root'
  | 'tfvars'
  | 'resource'
  | 'data'
  | 'ephemeral'
  | 'module'
  | 'variable'
  | 'output'
  | 'provider'
  | 'locals'
  | 'terraform'
  | 'moved'
  | 'import'
  | 'check'
  | 'removed'
  | 'lifecycle'
  | 'provisioner'
  | 'connection'
  | 'dynamic'
  | 'condition'
  | 'schema'
  | 'cloud'
  | 'settings';

interface BlockRule {
  labels: number;
  body: BodyKind;
}

/** Body kinds whose nested blocks come from JSON_NESTED_BLOCKS. */
const SCHEMA_BODIES: ReadonlySet<BodyKind> = new Set<BodyKind>(['resource', 'data', 'ephemeral', 'provider', 'schema']);

/** Body kinds whose strings are all literal. */
const LITERAL_BODIES: ReadonlySet<BodyKind> = new Set<BodyKind>(['tfvars', 'terraform', 'cloud', 'settings']);

/** Nested blocks of the bodies that do not use JSON_NESTED_BLOCKS, by body kind. */
const FIXED_BLOCKS: Partial<Record<BodyKind, Readonly<Record<string, BlockRule>>>> = {
  variable: { validation: { labels: 0, body: 'condition' } },
  output: { precondition: { labels: 0, body: 'condition' } },
  check: { data: { labels: 2, body: 'data' }, assert: { labels: 0, body: 'condition' } },
  removed: {
    lifecycle: { labels: 0, body: 'lifecycle' },
    provisioner: { labels: 1, body: 'provisioner' },
    connection: { labels: 0, body: 'connection' },
  },
  lifecycle: { precondition: { labels: 0, body: 'condition' }, postcondition: { labels: 0, body: 'condition' } },
  provisioner: { connection: { labels: 0, body: 'connection' } },
  dynamic: { content: { labels: 0, body: 'schema' } },
  terraform: {
    required_providers: { labels: 0, body: 'settings' },
    backend: { labels: 1, body: 'settings' },
    cloud: { labels: 0, body: 'cloud' },
    provider_meta: { labels: 1, body: 'settings' },
  },
  cloud: { workspaces: { labels: 0, body: 'settings' } },
};

/** Body kinds of the JSON_NESTED_BLOCKS entries that have their own rules. */
const NESTED_BODY_KINDS: Readonly<Record<string, BodyKind>> = {
  lifecycle: 'lifecycle',
  provisioner: 'provisioner',
  connection: 'connection',
  dynamic: 'dynamic',
  precondition: 'condition',
  postcondition: 'condition',
};

function nestedBlock(kind: BodyKind, name: string): BlockRule | undefined {
  if (kind === 'root') {
    const labels = JSON_TOP_LEVEL_BLOCKS.get(name);
    return labels === undefined ? undefined : { labels, body: name as BodyKind };
  }
  if (SCHEMA_BODIES.has(kind)) {
    const labels = JSON_NESTED_BLOCKS.get(name);
    return labels === undefined ? undefined : { labels, body: Object.hasOwn(NESTED_BODY_KINDS, name) ? NESTED_BODY_KINDS[name] : 'schema' };
  }
  // Own properties only: a user's property named `constructor` or `__proto__` is no block.
  const fixed = FIXED_BLOCKS[kind];
  return fixed && Object.hasOwn(fixed, name) ? fixed[name] : undefined;
}

function attributeMode(kind: BodyKind, name: string): ValueMode {
  if (LITERAL_BODIES.has(kind)) return JSON_EXPRESSION_ATTRS[kind]?.includes(name) ? 'expression' : 'literal';
  if (JSON_EXPRESSION_ATTRS[kind]?.includes(name)) return 'expression';
  if (JSON_LITERAL_ATTRS[kind]?.includes(name)) return 'literal';
  return 'template';
}

// ---------------------------------------------------------------------------
// JSON syntax errors

const ESCAPE_DETAIL = 'JSON allows only the escapes \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX.';
const UNICODE_ESCAPE_DETAIL = 'A \\u escape takes exactly four hexadecimal digits.';

/** Summary and detail for each jsonc-parser error code (by its printed name). */
const JSON_ERROR_TEXT: Readonly<Record<string, [string, string]>> = {
  InvalidSymbol: [
    'Invalid JSON token',
    'Expected a JSON value: an object, an array, a double-quoted string, a number, true, false or null.',
  ],
  InvalidNumberFormat: ['Invalid JSON number', 'JSON numbers are decimal, with an optional fraction and exponent.'],
  PropertyNameExpected: ['Missing property name', 'A JSON property name is a double-quoted string.'],
  ValueExpected: ['Missing JSON value', 'Expected a value: an object, an array, a string, a number, true, false or null.'],
  ColonExpected: ["Missing ':'", "A JSON property name is followed by ':' and its value."],
  CommaExpected: ["Missing ','", "Properties and array elements are separated by ','."],
  CloseBraceExpected: ["Missing '}'", "The file ends, or another token follows, where '}' should close the object."],
  CloseBracketExpected: ["Missing ']'", "The file ends, or another token follows, where ']' should close the array."],
  EndOfFileExpected: ['Extra content after the JSON value', 'A Terraform JSON file holds exactly one JSON object.'],
  InvalidCommentToken: [
    'Comments are not allowed in JSON',
    'Terraform JSON files have no comment syntax; use a "//" property inside an object instead.',
  ],
  UnexpectedEndOfComment: [
    'Comments are not allowed in JSON',
    'Terraform JSON files have no comment syntax; use a "//" property inside an object instead.',
  ],
  UnexpectedEndOfString: ['Unterminated string', 'A JSON string ends with \'"\' on the same line; write a line break as \\n.'],
  UnexpectedEndOfNumber: ['Invalid JSON number', 'The number ends too early.'],
  InvalidUnicode: ['Invalid escape sequence', UNICODE_ESCAPE_DETAIL],
  InvalidEscapeCharacter: ['Invalid escape sequence', ESCAPE_DETAIL],
  InvalidCharacter: ['Invalid character in string', 'Control characters in a JSON string must be escaped (\\t, \\n, \\u0000).'],
};

const SPACE = /[ \t\r\n]/;

function jsonErrorDiagnostic(src: string, e: ParseError): HclDiagnostic {
  const code = printParseErrorCode(e.error);
  // jsonc-parser can report an unterminated comment as reaching past the end of the text.
  const span = { start: Math.min(e.offset, src.length), end: Math.min(e.offset + e.length, src.length) };
  // jsonc-parser reports a trailing comma as a missing name/value at the closing bracket.
  if (code === 'PropertyNameExpected' || code === 'ValueExpected') {
    const at = src[e.offset];
    let p = e.offset - 1;
    while (p >= 0 && SPACE.test(src[p])) p--;
    if ((at === '}' || at === ']') && src[p] === ',') {
      return {
        severity: 'error',
        summary: 'Trailing comma',
        detail: `JSON allows no ',' after the last ${at === '}' ? 'property of an object' : 'element of an array'}.`,
        span: { start: p, end: p + 1 },
      };
    }
  }
  if (code === 'ValueExpected' && src.trim() === '') {
    return {
      severity: 'error',
      summary: 'Empty JSON file',
      detail: 'A Terraform JSON file holds one JSON object.',
      span,
    };
  }
  const [summary, detail] = JSON_ERROR_TEXT[code] ?? ['Invalid JSON', code];
  return { severity: 'error', summary, detail, span };
}

// ---------------------------------------------------------------------------
// Strings: unescaping with an offset map back to the file

interface JsonString {
  /** The unescaped value. */
  value: string;
  /** The whole token, quotes included. */
  span: Span;
  /** Between the quotes (to the end of the token when the closing quote is missing). */
  content: Span;
  /**
   * File offsets where the source of each UTF-16 unit of `value` starts and ends; null when the
   * string has no escapes, so unit i sits at content.start + i.
   */
  starts: number[] | null;
  ends: number[] | null;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** Maps a span of an unescaped string (offsets into `value`) to file offsets. */
function fileSpan(s: JsonString, rel: Span): Span {
  const n = s.value.length;
  const from = Math.max(0, Math.min(rel.start, n));
  const to = Math.max(0, Math.min(rel.end, n));
  if (!s.starts || !s.ends) return { start: s.content.start + from, end: s.content.start + Math.max(from, to) };
  const start = from < n ? s.starts[from] : s.content.end;
  // An end offset is exclusive: it maps to where the source of the last covered unit ends.
  return { start, end: to > from ? s.ends[to - 1] : start };
}

function isSpan(o: object): o is Span {
  const keys = Object.keys(o);
  return keys.length === 2 && typeof (o as Span).start === 'number' && typeof (o as Span).end === 'number';
}

/**
 * A copy of a subtree from the native parser with every span (found structurally: an object with
 * exactly `start` and `end` numbers) mapped through `map`. Copying keeps shared span objects from
 * being mapped twice.
 */
function remapSpans<T>(node: T, map: (s: Span) => Span): T {
  if (Array.isArray(node)) return node.map((n: unknown) => remapSpans(n, map)) as T;
  if (node === null || typeof node !== 'object') return node;
  if (isSpan(node)) return map(node) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = remapSpans(v, map);
  return out as T;
}

// ---------------------------------------------------------------------------
// The mapper

class JsonMapper {
  readonly diagnostics: HclDiagnostic[] = [];
  readonly comments: Comment[] = [];
  /** Spans of string tokens whose escapes we reported precisely (see parseJsonConfig). */
  readonly escapeErrorsIn: Span[] = [];

  constructor(private readonly src: string) {}

  error(span: Span, summary: string, detail: string): void {
    this.diagnostics.push({ severity: 'error', summary, detail, span });
  }

  /** Unescapes a string node; bad escapes are reported at their exact place and kept as written. */
  str(node: JsonNode): JsonString {
    const src = this.src;
    const tokenEnd = node.offset + node.length;
    const start = node.offset + 1;
    // Most strings have no escapes: their value is the source text, offsets map one to one.
    let plainEnd = start;
    while (plainEnd < tokenEnd && src[plainEnd] !== '"' && src[plainEnd] !== '\\') plainEnd++;
    if (plainEnd === tokenEnd || src[plainEnd] === '"') {
      const content = { start, end: plainEnd };
      return { value: src.slice(start, plainEnd), span: { start: node.offset, end: tokenEnd }, content, starts: null, ends: null };
    }
    let value = '';
    const starts: number[] = [];
    const ends: number[] = [];
    const push = (chars: string, from: number, to: number): void => {
      for (let k = 0; k < chars.length; k++) {
        starts.push(from);
        ends.push(to);
      }
      value += chars;
    };
    let i = start;
    let closed = false;
    while (i < tokenEnd) {
      const c = src[i];
      if (c === '"') {
        closed = true;
        break;
      }
      if (c !== '\\') {
        push(c, i, i + 1);
        i++;
        continue;
      }
      const e = i + 1 < tokenEnd ? src[i + 1] : '';
      const hex = e === 'u' ? (/^[0-9a-fA-F]{0,4}/.exec(src.slice(i + 2, Math.min(i + 6, tokenEnd))) ?? [''])[0] : '';
      if (Object.hasOwn(SIMPLE_ESCAPES, e)) {
        push(SIMPLE_ESCAPES[e], i, i + 2);
        i += 2;
      } else if (hex.length === 4) {
        push(String.fromCharCode(parseInt(hex, 16)), i, i + 6);
        i += 6;
      } else {
        // Keep the bad escape as written: the backslash, its letter and any hex digits.
        const len = e === '' ? 1 : 2 + hex.length;
        this.error({ start: i, end: i + len }, 'Invalid escape sequence', e === 'u' ? UNICODE_ESCAPE_DETAIL : ESCAPE_DETAIL);
        this.escapeErrorsIn.push({ start: node.offset, end: tokenEnd });
        push(src.slice(i, i + len), i, i + len);
        i += len;
      }
    }
    return {
      value,
      span: { start: node.offset, end: tokenEnd },
      content: { start, end: closed ? i : tokenEnd },
      starts,
      ends,
    };
  }

  // -- bodies --------------------------------------------------------------

  /** Adds the items of one JSON object representing a body of the given kind. */
  bodyItems(obj: JsonNode, kind: BodyKind, items: BodyItem[]): void {
    for (const prop of obj.children ?? []) {
      const [keyNode, valueNode] = prop.children ?? [];
      if (!keyNode || keyNode.type !== 'string') continue;
      const key = this.str(keyNode);
      if (key.value === '//') {
        // Terraform ignores "//" properties in bodies; we keep string ones as comments.
        if (valueNode?.type === 'string') {
          const text = this.str(valueNode).value;
          this.comments.push({ kind: 'Comment', span: propertySpan(prop), style: '//', text });
        }
        continue;
      }
      if (!valueNode) continue; // The JSON syntax error is already reported.
      const rule = nestedBlock(kind, key.value);
      // At the root an empty array is zero blocks; elsewhere it may be an empty list argument
      // (`"route": []` clears an attributes-as-blocks list), so it stays an attribute.
      if (rule && (isBlockShape(valueNode) || (kind === 'root' && isEmptyArray(valueNode)))) {
        this.block(key, valueNode, rule, [], items);
      } else if (rule && kind === 'root') {
        this.error(
          startSpan(valueNode),
          'Incorrect JSON value type',
          `The value of "${key.value}" must be a JSON object (or an array of objects) defining ${key.value} blocks.`,
        );
      } else {
        items.push(this.attribute(prop, key, valueNode, attributeMode(kind, key.value)));
      }
    }
  }

  /** Peels label levels off `v` (objects or arrays of objects, per HCL) and adds the blocks. */
  block(type: JsonString, v: JsonNode, rule: BlockRule, labels: Label[], out: BodyItem[]): void {
    if (labels.length < rule.labels) {
      const labelProps: JsonNode[] = [];
      const needLabels = `labels for this ${type.value} block`;
      if (v.type === 'object') labelProps.push(...(v.children ?? []));
      else if (v.type === 'array') {
        for (const el of v.children ?? []) {
          if (el.type === 'object') labelProps.push(...(el.children ?? []));
          else this.error(startSpan(el), 'Incorrect JSON value type', `A JSON object is required here, giving the ${needLabels}.`);
        }
      } else {
        this.error(startSpan(v), 'Incorrect JSON value type', `A JSON object (or array of objects) is required here, giving the ${needLabels}.`);
        return;
      }
      if (labelProps.length === 0) {
        this.error(
          startSpan(v),
          'Missing block label',
          `A ${type.value} block needs ${rule.labels} label${rule.labels === 1 ? '' : 's'}: add a property whose name is the next label.`,
        );
        return;
      }
      for (const prop of labelProps) {
        const [keyNode, valueNode] = prop.children ?? [];
        if (!keyNode || keyNode.type !== 'string' || !valueNode) continue;
        const k = this.str(keyNode);
        this.block(type, valueNode, rule, [...labels, { value: k.value, span: k.span, quoted: true }], out);
      }
      return;
    }
    if (v.type === 'object') {
      out.push(this.blockFromBody(type, labels, v, rule.body));
    } else if (v.type === 'array') {
      for (const el of v.children ?? []) {
        if (el.type === 'object') out.push(this.blockFromBody(type, labels, el, rule.body));
        else this.error(startSpan(el), 'Incorrect JSON value type', `A JSON object is required here, giving the body of a ${type.value} block.`);
      }
    } else {
      this.error(startSpan(v), 'Incorrect JSON value type', `A JSON object (or array of objects) is required here, giving the body of a ${type.value} block.`);
    }
  }

  blockFromBody(type: JsonString, labels: Label[], obj: JsonNode, kind: BodyKind): Block {
    const end = obj.offset + obj.length;
    const closed = isClosed(this.src, obj);
    const open = { start: obj.offset, end: obj.offset + 1 };
    const items: BodyItem[] = [];
    this.bodyItems(obj, kind, items);
    return {
      kind: 'Block',
      span: { start: type.span.start, end },
      // Blocks that share a type or label token get their own copies: no node is shared.
      type: { name: type.value, span: { ...type.span } },
      labels: labels.map((l) => ({ ...l, span: { ...l.span } })),
      open,
      close: closed ? { start: end - 1, end } : null,
      body: { kind: 'Body', span: { start: open.end, end: closed ? end - 1 : end }, items },
    };
  }

  attribute(prop: JsonNode, key: JsonString, valueNode: JsonNode, mode: ValueMode): Attribute {
    return {
      kind: 'Attribute',
      span: propertySpan(prop),
      name: { name: key.value, span: key.span },
      equals: colonSpan(prop),
      expr: this.expr(valueNode, mode),
    };
  }

  // -- expressions ---------------------------------------------------------

  expr(node: JsonNode, mode: ValueMode): Expr {
    const span = { start: node.offset, end: node.offset + node.length };
    switch (node.type) {
      case 'string':
        return this.stringExpr(this.str(node), mode);
      case 'number':
      case 'boolean':
      case 'null':
        return this.literal(node, span);
      case 'array':
        return { kind: 'Tuple', span, elements: (node.children ?? []).map((c) => this.expr(c, mode)) };
      case 'object': {
        const items: ObjectItem[] = [];
        for (const prop of node.children ?? []) {
          const [keyNode, valueNode] = prop.children ?? [];
          if (!keyNode || keyNode.type !== 'string' || !valueNode) continue;
          items.push({
            key: this.stringExpr(this.str(keyNode), mode),
            value: this.expr(valueNode, mode),
            sep: colonSpan(prop),
            span: propertySpan(prop),
          });
        }
        return { kind: 'Object', span, items };
      }
      default:
        return { kind: 'Invalid', span };
    }
  }

  literal(node: JsonNode, span: Span): LiteralExpr {
    const raw = this.src.slice(span.start, span.end);
    const value = node.type === 'number' ? Number(raw) : node.type === 'boolean' ? raw === 'true' : null;
    return { kind: 'Literal', span, value, raw };
  }

  stringExpr(s: JsonString, mode: ValueMode): Expr {
    const toFile = (rel: Span): Span => fileSpan(s, rel);
    if (mode === 'expression') {
      const r = parseExpression(s.value);
      for (const d of r.diagnostics) this.diagnostics.push(remapSpans(d, toFile));
      return remapSpans(r.expr, toFile);
    }
    let parts: TemplatePart[];
    // Without `${` or `%{` a template is one literal (`$${` and `%%{` contain them): skip the parser.
    if (mode === 'literal' || (!s.value.includes('${') && !s.value.includes('%{'))) {
      // One literal part, empty or not, as the native parser gives for a quoted string.
      parts = [{ kind: 'TemplateLiteral', span: { ...s.content }, value: s.value }];
    } else {
      const r = parseTemplate(s.value);
      for (const d of r.diagnostics) this.diagnostics.push(remapSpans(d, toFile));
      parts = remapSpans(r.parts, toFile);
    }
    const t: TemplateExpr = { kind: 'Template', span: s.span, parts };
    return t;
  }
}

// ---------------------------------------------------------------------------
// Small JSON-tree helpers

function propertySpan(prop: JsonNode): Span {
  return { start: prop.offset, end: prop.offset + prop.length };
}

function colonSpan(prop: JsonNode): Span {
  const c = prop.colonOffset ?? prop.offset;
  return { start: c, end: c + 1 };
}

/** The first character of a value: where a wrong-type error points. */
function startSpan(node: JsonNode): Span {
  const len = node.type === 'object' || node.type === 'array' ? 1 : node.length;
  return { start: node.offset, end: node.offset + len };
}

function isBlockShape(v: JsonNode): boolean {
  if (v.type === 'object') return true;
  return v.type === 'array' && (v.children?.length ?? 0) > 0 && (v.children ?? []).every((c) => c.type === 'object');
}

function isEmptyArray(v: JsonNode): boolean {
  return v.type === 'array' && (v.children?.length ?? 0) === 0;
}

/** Whether an object node ends with its own `}` (jsonc-parser extends unclosed objects to where it stopped). */
function isClosed(src: string, obj: JsonNode): boolean {
  const end = obj.offset + obj.length;
  if (obj.length < 2 || src[end - 1] !== '}') return false;
  const last = obj.children?.[obj.children.length - 1];
  return !last || last.offset + last.length < end;
}

// ---------------------------------------------------------------------------
// Entry point

/**
 * Parses a Terraform JSON file (`.tf.json`, `.tofu.json`, or `.tfvars.json` when `path` ends so)
 * into the shared syntax tree. Never throws: JSON errors become diagnostics with exact spans and
 * the tree holds what could be read.
 */
export function parseJsonConfig(text: string, path: string): ParseResult {
  // A BOM becomes a space for jsonc-parser, which keeps every offset as it is in `text`.
  const src = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  // jsonc-parser and the mapper below recurse once per level: a file nested thousands of levels deep would
  // exhaust the stack, so it is refused as a whole, as the native parser refuses such nesting.
  const tooDeep = nestingTooDeep(src);
  if (tooDeep !== undefined) {
    const diagnostic: HclDiagnostic = {
      severity: 'error',
      summary: 'Nesting too deep',
      detail: `This configuration nests JSON arrays and objects more than ${MAX_DEPTH} levels deep, which is not supported.`,
      span: { start: tooDeep, end: tooDeep + 1 },
    };
    const body: Body = { kind: 'Body', span: { start: 0, end: text.length }, items: [] };
    return { file: { kind: 'File', path, text, syntax: 'json', body, comments: [], lineIndex: new LineIndex(text) }, diagnostics: [diagnostic] };
  }
  const errors: ParseError[] = [];
  const root = parseTree(src, errors, { allowTrailingComma: false, disallowComments: true });
  const m = new JsonMapper(src);
  const items: BodyItem[] = [];
  const tfvars = path.endsWith('.tfvars.json');

  if (root?.type === 'object') {
    m.bodyItems(root, tfvars ? 'tfvars' : 'root', items);
  } else if (root?.type === 'array' && !tfvars) {
    // HCL allows a body to be an array of objects, read one after another.
    for (const el of root.children ?? []) {
      if (el.type === 'object') m.bodyItems(el, 'root', items);
      else m.error(startSpan(el), 'Incorrect JSON value type', 'A JSON object is required here, defining blocks of the configuration.');
    }
  } else if (root) {
    m.error(
      startSpan(root),
      'Incorrect JSON value type',
      tfvars
        ? 'The root of a .tfvars.json file must be a JSON object whose properties are variable values.'
        : 'The root of a Terraform JSON file must be a JSON object whose properties are block types.',
    );
  }

  // jsonc-parser marks a bad escape with the whole string; keep its error only where we did not
  // report the exact escape ourselves.
  const precise = (e: ParseError): boolean =>
    (printParseErrorCode(e.error) === 'InvalidEscapeCharacter' || printParseErrorCode(e.error) === 'InvalidUnicode') &&
    m.escapeErrorsIn.some((s) => e.offset >= s.start && e.offset < s.end);
  const syntax = errors.filter((e) => !precise(e)).map((e) => jsonErrorDiagnostic(src, e));
  // One syntax message per place: jsonc-parser often reports the same stop twice.
  const seen = new Set<string>();
  const once = (key: string): boolean => {
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
  const diagnostics = [
    ...syntax.filter((d) => once(`${d.span.start}`)),
    ...m.diagnostics.filter((d) => once(`${d.span.start}:${d.span.end}:${d.summary}`)),
  ];
  diagnostics.sort((a, b) => a.span.start - b.span.start);
  m.comments.sort((a, b) => a.span.start - b.span.start);

  const body: Body = { kind: 'Body', span: { start: 0, end: text.length }, items };
  return {
    file: { kind: 'File', path, text, syntax: 'json', body, comments: m.comments, lineIndex: new LineIndex(text) },
    diagnostics,
  };
}

/** The offset of the first `[` or `{` nested deeper than MAX_DEPTH (outside strings), if any. */
function nestingTooDeep(src: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c === 0x22) {
      // Skip the string: up to the next unescaped quote or the end of the line (an unterminated string).
      for (i++; i < src.length; i++) {
        const d = src.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22 || d === 0x0a) break;
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_DEPTH) return i;
    } else if (c === 0x5d || c === 0x7d) {
      if (depth > 0) depth--;
    }
  }
  return undefined;
}
