// Test helper: converts our syntax tree to exactly the JSON that @cdktf/hcl2json returns for
// the same file (tmccombs/hcl2json's convert.go with Simplify off, on hashicorp/hcl's tree).
// Comparing the two checks our acceptance, our tree shape, our literal values (escapes,
// strip markers, heredoc indentation) and every span, since unevaluated expressions are
// reproduced from their source text: `"${" + source + "}"`.
//
// convert.go's rules, restated:
// - a body: its blocks first, then its attributes (an attribute replaces a block of its name);
// - a block: nested objects by type then labels, ending in an array of bodies; a path that
//   mixes blocks with and without (or with fewer) labels is an error;
// - literals as JSON; `-`/`!` on a literal folded (an error if the operand is the wrong type);
// - tuples and objects element-wise; object keys that are traversals become their source
//   text, other keys are rendered like template parts;
// - a string literal template becomes its value with `${`/`%{` escaped as `$${`/`%%{`; a
//   template that is one interpolation converts the wrapped expression; other templates
//   render their parts, with `%{if}`/`%{for}` re-rendered and conditionals in
//   interpolations rendered as `%{if}` directives;
// - anything else is `"${" + source + "}"`, where the source range is extended by one
//   character when the next character is `)` (a quirk of convert.go's rangeSource).

import type { Block, Body, ConfigFile, Expr, TemplatePart } from '../../src/hcl/ast';

/** convert.go reported an error: hcl2json rejects the file. */
export class ShapeError extends Error {}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** The JSON @cdktf/hcl2json would return for `file`; throws ShapeError where it would fail. */
export function toHcl2JsonShape(file: ConfigFile): unknown {
  return new Converter(file.text).body(file.body);
}

/** Own, enumerable property even for keys like `__proto__` (as JSON.parse creates them). */
function setKey(obj: JsonObject, key: string, value: Json): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function has(obj: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

function escapeLiteral(s: string): string {
  return s.split('${').join('$${').split('%{').join('%%{');
}

/**
 * The decimal text of a number literal as go-cty prints it (big.Float Text('f', -1)): plain
 * notation, no exponent, no redundant zeros.
 */
export function ctyNumberString(raw: string): string {
  const m = /^(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(raw);
  if (!m) throw new ShapeError(`not a number literal: ${raw}`);
  const digits = m[1] + (m[2] ?? '');
  const exp = Number(m[3] ?? '0') - (m[2] ?? '').length;
  const trimmed = digits.replace(/^0+/, '');
  if (trimmed === '') return '0';
  // value = trimmed × 10^exp
  let intPart: string;
  let frac: string;
  if (exp >= 0) {
    intPart = trimmed + '0'.repeat(exp);
    frac = '';
  } else if (-exp < trimmed.length) {
    intPart = trimmed.slice(0, trimmed.length + exp);
    frac = trimmed.slice(trimmed.length + exp);
  } else {
    intPart = '0';
    frac = '0'.repeat(-exp - trimmed.length) + trimmed;
  }
  frac = frac.replace(/0+$/, '');
  return frac === '' ? intPart : `${intPart}.${frac}`;
}

class Converter {
  constructor(private readonly text: string) {}

  body(body: Body): JsonObject {
    const out: JsonObject = {};
    for (const item of body.items) if (item.kind === 'Block') this.block(item, out);
    for (const item of body.items) if (item.kind === 'Attribute') setKey(out, item.name.name, this.expr(item.expr));
    return out;
  }

  private block(block: Block, into: JsonObject): void {
    let out = into;
    let key = block.type.name;
    for (const label of block.labels) {
      if (has(out, key)) {
        const next = out[key];
        if (next === null || typeof next !== 'object' || Array.isArray(next)) {
          throw new ShapeError(`Unable to convert Block to JSON: ${block.type.name}.${block.labels.map((l) => l.value).join('.')}`);
        }
        out = next;
      } else {
        const next: JsonObject = {};
        setKey(out, key, next);
        out = next;
      }
      key = label.value;
    }
    const value = this.body(block.body);
    if (has(out, key)) {
      const current = out[key];
      if (!Array.isArray(current)) {
        throw new ShapeError(`invalid HCL detected for "${key}" block, cannot have blocks with and without labels`);
      }
      current.push(value);
    } else {
      setKey(out, key, [value]);
    }
  }

  private expr(e: Expr): Json {
    switch (e.kind) {
      case 'Literal':
        return e.value;
      case 'Unary':
        if (e.operand.kind !== 'Literal') return this.wrap(e);
        if (e.op === '-') {
          if (typeof e.operand.value !== 'number') throw new ShapeError('Invalid operand for unary minus');
          return -e.operand.value;
        }
        if (typeof e.operand.value !== 'boolean') throw new ShapeError('Invalid operand for logical not');
        return !e.operand.value;
      case 'Template':
        if (isTemplateWrap(e.parts)) return this.expr((e.parts[0] as { expr: Expr }).expr);
        return this.template(e.parts);
      case 'Tuple':
        return e.elements.map((x) => this.expr(x));
      case 'Object': {
        const out: JsonObject = {};
        for (const item of e.items) setKey(out, this.key(item.key), this.expr(item.value));
        return out;
      }
      case 'Invalid':
        throw new ShapeError('invalid expression');
      default:
        return this.wrap(e);
    }
  }

  private template(parts: TemplatePart[]): string {
    if (parts.length === 1 && parts[0].kind === 'TemplateLiteral') return escapeLiteral(parts[0].value);
    let out = '';
    for (const p of parts) {
      switch (p.kind) {
        case 'TemplateLiteral':
          out += escapeLiteral(p.value);
          break;
        case 'TemplateInterp':
          out += this.stringPart(p.expr);
          break;
        case 'TemplateIf': {
          const elseText = p.else === null ? '' : this.subTemplate(p.else);
          out += `%{if ${this.source(p.cond)}}${this.subTemplate(p.then)}${elseText ? `%{else}${elseText}` : ''}%{endif}`;
          break;
        }
        case 'TemplateFor':
          out += `%{for ${p.keyVar ? `${p.keyVar.name}, ` : ''}${p.valVar.name} in ${this.source(p.coll)}}${this.subTemplate(p.body)}%{endfor}`;
          break;
      }
    }
    return out;
  }

  /** A directive's body: HCL makes it a template of its own (an empty one holds an empty literal). */
  private subTemplate(parts: TemplatePart[]): string {
    return parts.length === 0 ? '' : this.template(parts);
  }

  /** convert.go's convertStringPart: an expression rendered inside a string. */
  private stringPart(e: Expr): string {
    switch (e.kind) {
      case 'Literal':
        if (e.value === null) return 'null';
        if (typeof e.value === 'boolean') return String(e.value);
        return ctyNumberString(e.raw);
      case 'Template':
        if (isTemplateWrap(e.parts)) return this.stringPart((e.parts[0] as { expr: Expr }).expr);
        return this.template(e.parts);
      case 'Conditional': {
        const elseText = this.stringPart(e.else);
        return `%{if ${this.source(e.cond)}}${this.stringPart(e.then)}${elseText ? `%{else}${elseText}` : ''}%{endif}`;
      }
      case 'Invalid':
        throw new ShapeError('invalid expression');
      default:
        return this.wrap(e);
    }
  }

  private key(e: Expr): string {
    return isTraversal(e) ? this.source(e) : this.stringPart(e);
  }

  private source(e: Expr): string {
    let end = e.span.end;
    if (end < this.text.length && this.text.charCodeAt(end) === 41) end++;
    return this.text.slice(e.span.start, end);
  }

  private wrap(e: Expr): string {
    return '${' + this.source(e) + '}';
  }
}

/** HCL's TemplateWrapExpr: a template that is exactly one interpolation. */
function isTemplateWrap(parts: TemplatePart[]): boolean {
  return parts.length === 1 && parts[0].kind === 'TemplateInterp';
}

/** HCL's ScopeTraversalExpr: a variable with attribute and constant-index steps. */
function isTraversal(e: Expr): boolean {
  for (;;) {
    if (e.kind === 'Variable') return true;
    if (e.kind === 'GetAttr') {
      e = e.object;
      continue;
    }
    if (e.kind === 'Index') {
      const k = e.key;
      const constant =
        e.legacy ||
        k.kind === 'Literal' ||
        (k.kind === 'Template' && k.parts.length === 1 && k.parts[0].kind === 'TemplateLiteral');
      if (!constant) return false;
      e = e.object;
      continue;
    }
    return false;
  }
}
