// A native-syntax file rendered in Terraform's JSON syntax, so that the fuzzer can feed the `.tf.json`
// path (hcl/json.ts and the evaluator's JSON rules) with the same structures it feeds the native path.
//
// Faithful enough for fuzzing, not a converter for users: attributes become JSON properties; a literal
// number, bool, null, plain string, tuple or object of such becomes the JSON value; any other expression
// becomes the template string "${<its source text>}". Blocks become nested objects keyed by type and
// labels, with an array when the same key repeats. Comments become "//" properties. A broken file gives
// JSON of whatever its (recovered) tree holds.

import type { Body, ConfigFile, Expr, TemplateExpr } from '../server/src/hcl/ast';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function toTfJson(file: ConfigFile): string {
  return JSON.stringify(bodyJson(file, file.body, true), null, 2) + '\n';
}

function bodyJson(file: ConfigFile, body: Body, top: boolean): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  // Put the comments of this body (top level: of the whole file) first, as JSON syntax allows.
  if (top && file.comments.length > 0) out['//'] = file.comments.map((c) => c.text).join('\n');
  for (const item of body.items) {
    if (item.kind === 'Attribute') {
      add(out, [item.name.name], exprJson(file, item.expr));
    } else {
      add(out, [item.type.name, ...item.labels.map((l) => l.value)], bodyJson(file, item.body, false));
    }
  }
  return out;
}

/** Sets `path` (keys from the outside in) to `value`; a repeated leaf key collects an array. */
function add(obj: { [key: string]: Json }, path: string[], value: Json): void {
  let o = obj;
  for (const key of path.slice(0, -1)) {
    const next = o[key];
    if (typeof next === 'object' && next !== null && !Array.isArray(next)) {
      o = next;
    } else {
      const fresh: { [key: string]: Json } = {};
      o[key] = fresh;
      o = fresh;
    }
  }
  const leaf = path[path.length - 1];
  const existing = o[leaf];
  if (existing === undefined) o[leaf] = value;
  else if (Array.isArray(existing) && typeof value === 'object' && value !== null && !Array.isArray(value)) existing.push(value);
  else o[leaf] = [existing, value];
}

function exprJson(file: ConfigFile, e: Expr): Json {
  switch (e.kind) {
    case 'Literal':
      return typeof e.value === 'number' && !Number.isFinite(e.value) ? interpolation(file, e) : e.value;
    case 'Template': {
      const literal = plainString(e);
      return literal !== undefined ? escapeTemplate(literal) : interpolation(file, e);
    }
    case 'Tuple':
      return e.elements.map((x) => exprJson(file, x));
    case 'Object': {
      const o: { [key: string]: Json } = {};
      for (const item of e.items) {
        const key = item.key.kind === 'Variable' ? item.key.name : item.key.kind === 'Template' ? plainString(item.key) : undefined;
        if (key === undefined) return interpolation(file, e);
        o[key] = exprJson(file, item.value);
      }
      return o;
    }
    default:
      return interpolation(file, e);
  }
}

/** The value of a quoted string without interpolations or directives. */
function plainString(e: TemplateExpr): string | undefined {
  if (e.heredoc) return undefined;
  let s = '';
  for (const p of e.parts) {
    if (p.kind !== 'TemplateLiteral') return undefined;
    s += p.value;
  }
  return s;
}

/** A JSON string is a template: `${` and `%{` written literally are escaped as `$${` and `%%{`. */
function escapeTemplate(s: string): string {
  return s.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

function interpolation(file: ConfigFile, e: Expr): string {
  return '${' + file.text.slice(e.span.start, e.span.end) + '}';
}
