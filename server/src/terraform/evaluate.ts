// The expression evaluator: HCL expressions → three-valued Values.
//
// It knows the language (operators, conditionals, `for`, splats, templates, function calls,
// try/can) and asks its `ModuleScope` for everything module-level (var, local, module,
// resources, path). Each evaluation counts against a step budget and a nesting bound
// shared by the whole workspace, so no input can make it hang or overflow the stack.
// Failures that Terraform would report as errors become unknowns with code 'invalid'.

import type { Expr, ForExpr, FunctionCallExpr, TemplatePart } from '../hcl/ast';
import { parseTemplate } from '../hcl/parser';
import { toBool, toNum, toStr } from './convert';
import { callFunction, type FnContext } from './functions';
import type { RegexBudget } from './functions/re2';
import type { Limits } from './model';
import {
  FALSE,
  TRUE,
  asList,
  asMap,
  bool,
  equals,
  isWhollyKnown,
  nullValue,
  num,
  object,
  reasonsOf,
  str,
  tuple,
  unknown,
  unknownWith,
  type SourceLocation,
  type TypeHint,
  type UnknownOptions,
  type UnknownValue,
  type Value,
} from './values';

/** Module-level names an expression can reach. Implemented by the module instance. */
export interface ModuleScope {
  /** `var.<name>` */
  variable(name: string, at: SourceLocation): Value;
  /** `local.<name>` */
  local(name: string, at: SourceLocation): Value;
  /** `module.<name>`: a module object, a tuple/object of them (count/for_each), or unknown. */
  moduleCall(name: string, at: SourceLocation): Value;
  /** `<type>.<name>` / `data.<type>.<name>`; undefined when no such resource is declared. */
  resource(mode: 'managed' | 'data', type: string, name: string, at: SourceLocation): Value | undefined;
  /** `path.module`, `path.root`, `path.cwd`. */
  path(which: 'module' | 'root' | 'cwd'): Value;
}

/** State shared by every evaluation in a workspace: limits, budget, file access. */
export interface EvalShared {
  readonly limits: Readonly<Limits>;
  /** Expression evaluations so far. */
  steps: number;
  /** What is left of `limits.maxRegexWork`, shared by every regular expression match. */
  readonly regexBudget: RegexBudget;
  /** Current nesting of evaluations (across locals, outputs, modules). */
  depth: number;
  /** file() & co. (see FnContext); relative paths resolve against `cwd`. */
  readFile(cwd: string, path: string, at: SourceLocation): { path: string; text: string } | Value;
  fileExists(cwd: string, path: string): boolean | undefined;
  /** fileset(): the regular files below `path` (see FnContext.listFiles). */
  listFiles(cwd: string, path: string, at: SourceLocation): { files: string[] } | Value;
  /** The syntax error reported inside `span` of `file`, if any (values of broken syntax are not trusted). */
  syntaxError(file: string, span: { start: number; end: number }): string | undefined;
}

/** Where an expression is evaluated: the module, the file, and bound names (count, each, for variables...). */
export interface Env {
  readonly shared: EvalShared;
  /** Undefined for templatefile() templates, which see only their variables. */
  readonly scope: ModuleScope | undefined;
  readonly file: string;
  /** The working directory for relative file() paths: the root module's directory. */
  readonly cwd: string;
  readonly vars?: ReadonlyMap<string, Value>;
  readonly parent?: Env;
}

/** A child environment binding more names. */
export function bind(env: Env, vars: ReadonlyMap<string, Value>): Env {
  return { shared: env.shared, scope: env.scope, file: env.file, cwd: env.cwd, vars, parent: env };
}

function lookup(env: Env | undefined, name: string): Value | undefined {
  for (let e = env; e; e = e.parent) {
    const v = e.vars?.get(name);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** The name under which the splat element placeholder (AnonSymbol) is bound. */
const ANON = '\0anon';

/**
 * Evaluates an expression. Never throws on user input: errors, limits and everything unknown
 * come back as UnknownValues with reasons.
 */
export function evaluate(expr: Expr, env: Env): Value {
  const sh = env.shared;
  const at: SourceLocation = { file: env.file, span: expr.span };
  if (++sh.steps > sh.limits.maxSteps) return unknown('limit', `evaluation budget of ${sh.limits.maxSteps} steps exhausted`, at);
  if (sh.depth >= sh.limits.maxExprDepth) return unknown('limit', `expression nesting deeper than ${sh.limits.maxExprDepth}`, at);
  const broken = sh.syntaxError(env.file, expr.span);
  if (broken !== undefined) return unknown('invalid', `the expression has a syntax error: ${broken}`, at);
  sh.depth++;
  try {
    return evalInner(expr, env, at);
  } catch (e) {
    // The last line of defence against pathological input (e.g. stack exhaustion in a
    // deeply nested structure): report a limit rather than crash.
    if (e instanceof RangeError) return unknown('limit', 'expression too complex to evaluate', at);
    throw e;
  } finally {
    sh.depth--;
  }
}

function evalInner(expr: Expr, env: Env, at: SourceLocation): Value {
  switch (expr.kind) {
    case 'Literal':
      if (expr.value === null) return nullValue([at]);
      if (typeof expr.value === 'boolean') return bool(expr.value, [at]);
      return num(expr.value, [at]);
    case 'Template':
      return evalTemplate(expr.parts, env, at, true);
    case 'Tuple': {
      const out: Value[] = [];
      for (const e of expr.elements) out.push(evaluate(e, env));
      return tuple(out, [at]);
    }
    case 'Object':
      return evalObject(expr, env, at);
    case 'Variable': {
      const v = lookup(env, expr.name);
      if (v !== undefined) return v;
      return evalTraversal(expr, env, at);
    }
    case 'GetAttr':
    case 'Index':
      return evalTraversal(expr, env, at);
    case 'AnonSymbol':
      return lookup(env, ANON) ?? unknown('invalid', 'splat placeholder outside a splat', at);
    case 'Splat':
      return evalSplat(expr, env, at);
    case 'FunctionCall':
      return evalCall(expr, env, at);
    case 'Conditional':
      return evalConditional(expr, env, at);
    case 'Binary':
      return evalBinary(expr.op, expr.left, expr.right, env, at);
    case 'Unary': {
      const v = evaluate(expr.operand, env);
      if (expr.op === '!') {
        const b = toBool(v, at);
        if (b.kind === 'bool') return bool(!b.value);
        return b.kind === 'null' ? unknown('invalid', 'operand of ! must not be null', at, { type: 'bool' }) : asTyped(b, 'bool');
      }
      const n = toNum(v, at);
      if (n.kind === 'number') return num(-n.value);
      return n.kind === 'null' ? unknown('invalid', 'operand of - must not be null', at, { type: 'number' }) : asTyped(n, 'number');
    }
    case 'Parens':
      return evaluate(expr.expr, env);
    case 'For':
      return evalFor(expr, env, at);
    case 'Invalid':
      return unknown('invalid', 'the expression has a syntax error', at);
  }
}

function asTyped(v: Value, type: TypeHint): Value {
  return v.kind === 'unknown' ? unknownWith(v.reasons, { type }) : v;
}

// ---------------------------------------------------------------------------
// Templates

function evalTemplate(parts: TemplatePart[], env: Env, at: SourceLocation, unwrap: boolean): Value {
  // "${x}" alone yields x itself (any type), as in HCL.
  if (unwrap && parts.length === 1 && parts[0].kind === 'TemplateInterp') return evaluate(parts[0].expr, env);
  const r: Rendering = { pieces: [], unknowns: [], opaque: false };
  const failure = renderParts(parts, env, r, 0);
  if (failure) return failure;
  if (r.unknowns.length > 0) {
    const opts: UnknownOptions = { type: 'string', origins: [at] };
    if (!r.opaque && r.pieces.length <= MAX_TEMPLATE_PARTS) opts.parts = mergeText(r.pieces);
    return unknownWith(reasonsOf(tuple(r.unknowns)), opts);
  }
  const s = (r.pieces as string[]).join('');
  if (s.length > env.shared.limits.maxStringLength) return unknown('limit', 'template result too long', at, { type: 'string' });
  return str(s, [at]);
}

/** A template being rendered: its text and unknown interpolations in order, and every unknown met. */
interface Rendering {
  pieces: (string | UnknownValue)[];
  unknowns: Value[];
  /** An `%{if}` / `%{for}` over an unknown: the pieces no longer describe the result. */
  opaque: boolean;
}

/** Templates with more pieces than this keep no `parts` (they are not small texts anyone reads the structure of). */
const MAX_TEMPLATE_PARTS = 10_000;

/** Adjacent known text joined into one string. */
function mergeText(pieces: (string | UnknownValue)[]): (string | UnknownValue)[] {
  const out: (string | UnknownValue)[] = [];
  for (const p of pieces) {
    const last = out[out.length - 1];
    if (typeof p === 'string' && typeof last === 'string') out[out.length - 1] = last + p;
    else if (p !== '') out.push(p);
  }
  return out;
}

/** Appends the rendering of `parts`; returns a Value only on failure (invalid / limit). */
function renderParts(parts: TemplatePart[], env: Env, r: Rendering, depth: number): Value | undefined {
  if (depth > 64) return unknown('limit', 'template directives nested too deeply', { file: env.file, span: parts[0]?.span ?? { start: 0, end: 0 } });
  const out = r.pieces;
  for (const p of parts) {
    const at: SourceLocation = { file: env.file, span: p.span };
    switch (p.kind) {
      case 'TemplateLiteral':
        out.push(p.value);
        break;
      case 'TemplateInterp': {
        const v = evaluate(p.expr, env);
        if (v.kind === 'unknown') {
          r.unknowns.push(v);
          out.push(v);
          break;
        }
        if (v.kind === 'null') return unknown('invalid', 'a null value cannot be used in a string template', at, { type: 'string' });
        const s = toStr(v, at);
        if (s.kind === 'string') out.push(s.value);
        else if (s.kind === 'unknown' && isInvalid(s)) return s;
        else {
          r.unknowns.push(s);
          r.opaque = true;
        }
        break;
      }
      case 'TemplateIf': {
        const c = toBool(evaluate(p.cond, env), at);
        if (c.kind === 'bool') {
          const branch = c.value ? p.then : p.else;
          if (branch) {
            const f = renderParts(branch, env, r, depth + 1);
            if (f) return f;
          }
        } else if (c.kind === 'null') {
          return unknown('invalid', 'the if condition must not be null', at, { type: 'string' });
        } else {
          r.unknowns.push(c);
          r.opaque = true;
        }
        break;
      }
      case 'TemplateFor': {
        const coll = evaluate(p.coll, env);
        const pairs = iterate(coll);
        if (!pairs) {
          if (coll.kind === 'unknown') {
            r.unknowns.push(coll);
            r.opaque = true;
          } else return unknown('invalid', `cannot iterate over a ${coll.kind} in a template for`, at, { type: 'string' });
          break;
        }
        if (pairs.length > env.shared.limits.maxCollection) return unknown('limit', 'template for over too many elements', at, { type: 'string' });
        for (const [k, v] of pairs) {
          const vars = new Map<string, Value>([[p.valVar.name, v]]);
          if (p.keyVar) vars.set(p.keyVar.name, k);
          const f = renderParts(p.body, bind(env, vars), r, depth + 1);
          if (f) return f;
          if (out.length > 100_000 && out.filter((x): x is string => typeof x === 'string').join('').length > env.shared.limits.maxStringLength) {
            return unknown('limit', 'template result too long', at, { type: 'string' });
          }
        }
        break;
      }
    }
  }
  return undefined;
}

function isInvalid(v: Value): boolean {
  return reasonsOf(v).some((r) => r.code === 'invalid');
}

/**
 * Key/value pairs of a collection for `for`: lists, tuples (index → element), sets (element →
 * element) and maps/objects (key → value). Undefined when the collection cannot be iterated
 * (unknown, or not a collection).
 */
function iterate(coll: Value): [Value, Value][] | undefined {
  if (coll.kind === 'set') {
    if (coll.uncertain) return undefined;
    return coll.items.map((v) => [v, v]);
  }
  const items = asList(coll);
  if (items) return items.map((v, i) => [num(i), v]);
  const m = asMap(coll);
  if (m) return [...m].map(([k, v]) => [str(k), v]);
  return undefined;
}

// ---------------------------------------------------------------------------
// Objects

function evalObject(expr: Expr & { kind: 'Object' }, env: Env, at: SourceLocation): Value {
  const entries = new Map<string, Value>();
  for (const item of expr.items) {
    let key: string;
    const literal = item.key.kind === 'Variable' ? item.key.name : undefined;
    if (literal !== undefined) {
      key = literal;
    } else {
      const k = toStr(evaluate(item.key, env), { file: env.file, span: item.key.span });
      if (k.kind === 'unknown') return unknownWith(k.reasons, { type: 'object', origins: [at] });
      if (k.kind !== 'string') return unknown('invalid', 'object key must be a string', { file: env.file, span: item.key.span }, { type: 'object' });
      key = k.value;
    }
    entries.set(key, evaluate(item.value, env));
  }
  return object(entries, [at]);
}

// ---------------------------------------------------------------------------
// References

type Step = { kind: 'attr'; name: string; span: { start: number; end: number } } | { kind: 'index'; key: Expr; span: { start: number; end: number } };

/** Resolves `root.a[b].c`: module-level roots through the scope, then generic steps. */
function evalTraversal(expr: Expr, env: Env, at: SourceLocation): Value {
  // Peel the chain down to its root (iteratively: chains can be long).
  const steps: Step[] = [];
  let node: Expr = expr;
  for (;;) {
    if (node.kind === 'GetAttr') {
      steps.push({ kind: 'attr', name: node.name.name, span: node.span });
      node = node.object;
    } else if (node.kind === 'Index') {
      steps.push({ kind: 'index', key: node.key, span: node.span });
      node = node.object;
    } else {
      break;
    }
  }
  steps.reverse();
  let base: Value;
  let used = 0;
  if (node.kind === 'Variable') {
    const name = node.name;
    const bound = lookup(env, name);
    const rootAt: SourceLocation = { file: env.file, span: node.span };
    if (bound !== undefined) {
      base = bound;
    } else {
      const r = resolveRoot(name, steps, env, rootAt);
      base = r.value;
      used = r.used;
    }
  } else {
    base = evaluate(node, env);
  }
  for (let i = used; i < steps.length; i++) {
    const s = steps[i];
    const stepAt: SourceLocation = { file: env.file, span: s.span };
    if (s.kind === 'attr') {
      base = getAttr(base, s.name, stepAt);
    } else {
      base = index(base, evaluate(s.key, env), stepAt);
    }
  }
  return base;
}

function attrStep(steps: Step[], i: number): string | undefined {
  const s = steps[i];
  return s && s.kind === 'attr' ? s.name : undefined;
}

function resolveRoot(name: string, steps: Step[], env: Env, at: SourceLocation): { value: Value; used: number } {
  const scope = env.scope;
  const first = attrStep(steps, 0);
  const whole = (n: number): SourceLocation => ({ file: env.file, span: n > 0 ? steps[n - 1].span : at.span });
  if (!scope) {
    return { value: unknown('invalid', `${name} is not available in a template (only its variables are)`, at), used: 0 };
  }
  switch (name) {
    case 'var':
      if (first === undefined) return { value: unknown('invalid', 'var must be followed by a variable name', at), used: 0 };
      return { value: scope.variable(first, whole(1)), used: 1 };
    case 'local':
      if (first === undefined) return { value: unknown('invalid', 'local must be followed by a name', at), used: 0 };
      return { value: scope.local(first, whole(1)), used: 1 };
    case 'module':
      if (first === undefined) return { value: unknown('invalid', 'module must be followed by a module call name', at), used: 0 };
      return { value: scope.moduleCall(first, whole(1)), used: 1 };
    case 'path':
      if (first === 'module' || first === 'root' || first === 'cwd') return { value: scope.path(first), used: 1 };
      return { value: unknown('invalid', `path.${first ?? ''} is not a valid path reference`, at), used: 0 };
    case 'terraform':
      return {
        value: unknown('unsupported', `terraform.${first ?? ''} depends on the workspace Terraform runs in`, at, { type: 'string' }),
        used: first === undefined ? 0 : 1,
      };
    case 'data': {
      const type = first;
      const rname = attrStep(steps, 1);
      if (type === undefined || rname === undefined) return { value: unknown('invalid', 'data must be followed by a type and a name', at), used: 0 };
      const v = scope.resource('data', type, rname, whole(2));
      return { value: v ?? unknown('invalid', `reference to undeclared data source data.${type}.${rname}`, whole(2)), used: 2 };
    }
    case 'ephemeral':
      return { value: unknown('unsupported', 'ephemeral resources exist only during a Terraform run', at), used: Math.min(steps.length, 2) };
    case 'count':
      return { value: unknown('invalid', 'count.index can only be used in a block that sets count', at), used: 0 };
    case 'each':
      return { value: unknown('invalid', 'each can only be used in a block that sets for_each', at), used: 0 };
    case 'self':
      return { value: unknown('invalid', 'self can only be used in provisioner and connection blocks', at), used: 0 };
    default: {
      if (first === undefined) return { value: unknown('invalid', `unknown name ${name}`, at), used: 0 };
      const v = scope.resource('managed', name, first, whole(1));
      return { value: v ?? unknown('invalid', `reference to undeclared resource ${name}.${first}`, whole(1)), used: 1 };
    }
  }
}

/** `v.name` */
function getAttr(v: Value, name: string, at: SourceLocation): Value {
  switch (v.kind) {
    case 'object':
    case 'map': {
      const e = v.entries.get(name);
      return e ?? unknown('invalid', `${v.kind} has no attribute or key "${name}"`, at);
    }
    case 'resource':
      return v.instance.ref(name);
    case 'module':
      return v.instance.output(name);
    case 'unknown':
      return extendUnknown(v, name, false);
    case 'null':
      return unknown('invalid', `cannot read attribute "${name}" of a null value`, at);
    default:
      return unknown('invalid', `cannot read attribute "${name}" of a ${v.kind}`, at);
  }
}

/** `v[key]` */
function index(v: Value, key: Value, at: SourceLocation): Value {
  if (key.kind === 'null') return unknown('invalid', 'index must not be null', at);
  switch (v.kind) {
    case 'list':
    case 'tuple': {
      if (key.kind === 'unknown') return unknownWith(key.reasons, { type: 'dynamic' });
      const n = toNum(key, at);
      if (n.kind !== 'number') return unknown('invalid', 'list index must be a number', at);
      if (!Number.isInteger(n.value) || n.value < 0 || n.value >= v.items.length) {
        return unknown('invalid', `index ${n.value} out of range for ${v.kind} of length ${v.items.length}`, at);
      }
      return v.items[n.value];
    }
    case 'map':
    case 'object': {
      if (key.kind === 'unknown') return unknownWith(key.reasons, { type: 'dynamic' });
      const k = toStr(key, at);
      if (k.kind !== 'string') return unknown('invalid', 'map key must be a string', at);
      return v.entries.get(k.value) ?? unknown('invalid', `${v.kind} has no key ${JSON.stringify(k.value)}`, at);
    }
    case 'unknown': {
      if (key.kind === 'unknown') return unknownWith([...v.reasons, ...key.reasons], { type: 'dynamic' });
      if (key.kind === 'number' || key.kind === 'string') return extendUnknown(v, key.value, true);
      return unknownWith(v.reasons, { type: 'dynamic' });
    }
    case 'set':
      return unknown('invalid', 'a set cannot be indexed; convert it with tolist() first', at);
    case 'null':
      return unknown('invalid', 'cannot index a null value', at);
    default:
      return unknown('invalid', `cannot index a ${v.kind}`, at);
  }
}

/** An attribute / element of an unknown: keeps its symbolic ref (one level deeper) and reasons. */
function extendUnknown(v: UnknownValue, step: string | number, isIndex: boolean): Value {
  if (!v.ref) return unknownWith(v.reasons, { type: 'dynamic' });
  const ref = v.ref;
  // The representative of an unknown instance set (`aws_subnet.a[*]`) stands for each of its instances.
  if (isIndex && ref.path.length === 0 && ref.address.endsWith('[*]')) return unknownWith(v.reasons, { type: 'dynamic', ref });
  const out = {
    root: ref.root,
    address: ref.address,
    path: [...ref.path, step],
    ...(ref.distinctElements && typeof step === 'number' ? { distinctGroup: `${ref.address}.${ref.path.join('.')}` } : {}),
  };
  return unknownWith(v.reasons, { type: 'dynamic', ref: out, ...(v.origins ? { origins: v.origins } : {}) });
}

// ---------------------------------------------------------------------------
// Splat

function evalSplat(expr: Expr & { kind: 'Splat' }, env: Env, at: SourceLocation): Value {
  const src = evaluate(expr.source, env);
  const each = expr.each;
  const apply = (elem: Value): Value => (each ? evaluate(each, bind(env, new Map([[ANON, elem]]))) : elem);
  if (src.kind === 'null') return tuple([], [at]);
  if (src.kind === 'unknown') {
    const r = apply(src);
    const ref = r.kind === 'unknown' ? r.ref : undefined;
    return unknownWith([...src.reasons], { type: 'list', ...(ref ? { ref } : {}) });
  }
  const items = asList(src);
  if (!items) return tuple([apply(src)]);
  if (src.kind === 'set' && src.uncertain) return unknownWith(reasonsOf(src), { type: 'list' });
  return tuple(items.map(apply));
}

// ---------------------------------------------------------------------------
// Calls

function fnContext(env: Env, at: SourceLocation): FnContext {
  const sh = env.shared;
  return {
    at,
    limits: sh.limits,
    regexBudget: sh.regexBudget,
    readFile: (p) => sh.readFile(env.cwd, p, at),
    fileExists: (p) => sh.fileExists(env.cwd, p),
    listFiles: (p) => sh.listFiles(env.cwd, p, at),
    renderTemplate: (text, path, vars) => renderTemplateFile(text, path, vars, env),
  };
}

function evalCall(expr: FunctionCallExpr, env: Env, at: SourceLocation): Value {
  const name = expr.name.name;
  if (name === 'try') return evalTry(expr, env, at);
  if (name === 'can') {
    if (expr.args.length !== 1) return unknown('invalid', 'can() takes exactly one argument', at, { type: 'bool' });
    const v = evaluate(expr.args[0], env);
    if (isInvalid(v)) return FALSE;
    return isWhollyKnown(v) ? TRUE : unknownWith(reasonsOf(v), { type: 'bool' });
  }
  if (name.includes('::')) {
    return unknown('unsupported-function', `provider function ${name}() is not evaluated`, at);
  }
  let args = expr.args.map((a) => evaluate(a, env));
  if (expr.expandFinal && args.length > 0) {
    const last = args[args.length - 1];
    if (last.kind === 'unknown') return unknownWith(last.reasons, {});
    const spread = asList(last);
    if (!spread) return unknown('invalid', 'the argument before ... must be a list or tuple', at);
    args = [...args.slice(0, -1), ...spread];
  }
  return callFunction(name, args, fnContext(env, at));
}

/** try(a, b, ...): the first argument that evaluates without error (an unknown stops the search). */
function evalTry(expr: FunctionCallExpr, env: Env, at: SourceLocation): Value {
  for (const a of expr.args) {
    const v = evaluate(a, env);
    if (!isInvalid(v)) return v;
  }
  return unknown('invalid', 'no argument of try() could be evaluated without error', at);
}

/** templatefile(): the template sees only `vars` (and functions). */
function renderTemplateFile(text: string, path: string, vars: ReadonlyMap<string, Value>, env: Env): Value {
  const parsed = parseTemplate(text);
  const at: SourceLocation = { file: path, span: { start: 0, end: text.length } };
  if (parsed.diagnostics.some((d) => d.severity === 'error')) {
    return unknown('invalid', `template ${path} has a syntax error`, at, { type: 'string' });
  }
  const tenv: Env = { shared: env.shared, scope: undefined, file: path, cwd: env.cwd, vars };
  return evalTemplate(parsed.parts, tenv, at, false);
}

// ---------------------------------------------------------------------------
// Conditionals and operators

function evalConditional(expr: Expr & { kind: 'Conditional' }, env: Env, at: SourceLocation): Value {
  const c = toBool(evaluate(expr.cond, env), at);
  if (c.kind === 'bool') return evaluate(c.value ? expr.then : expr.else, env);
  if (c.kind === 'null') return unknown('invalid', 'the condition must not be null', at);
  if (c.kind !== 'unknown') return c;
  // Unknown condition: the result is known only when both branches agree.
  const a = evaluate(expr.then, env);
  const b = evaluate(expr.else, env);
  if (equals(a, b) === true) return a;
  const type: TypeHint = a.kind === 'unknown' ? a.type : a.kind === 'resource' || a.kind === 'module' ? 'dynamic' : a.kind === 'null' ? 'dynamic' : a.kind;
  return unknownWith(c.reasons, { type });
}

function evalBinary(op: string, le: Expr, re: Expr, env: Env, at: SourceLocation): Value {
  const l = evaluate(le, env);
  const r = evaluate(re, env);
  switch (op) {
    case '&&':
    case '||': {
      const a = toBool(l, at);
      const b = toBool(r, at);
      if (a.kind === 'null' || b.kind === 'null') return unknown('invalid', `operands of ${op} must not be null`, at, { type: 'bool' });
      const decisive = op === '&&' ? false : true;
      if ((a.kind === 'bool' && a.value === decisive) || (b.kind === 'bool' && b.value === decisive)) return bool(decisive);
      if (a.kind === 'bool' && b.kind === 'bool') return bool(!decisive);
      return unknownWith(reasonsOf(tuple([a, b])), { type: 'bool' });
    }
    case '==':
    case '!=': {
      const eq = equals(l, r);
      if (eq === undefined) return unknownWith(reasonsOf(tuple([l, r])), { type: 'bool' });
      return bool(op === '==' ? eq : !eq);
    }
  }
  const a = toNum(l, at);
  const b = toNum(r, at);
  if (a.kind === 'null' || b.kind === 'null') return unknown('invalid', `operands of ${op} must not be null`, at);
  if (a.kind !== 'number' || b.kind !== 'number') {
    const type: TypeHint = op === '<' || op === '<=' || op === '>' || op === '>=' ? 'bool' : 'number';
    const bad = [a, b].find((x) => x.kind === 'unknown' && isInvalid(x));
    return bad ?? unknownWith(reasonsOf(tuple([a, b])), { type });
  }
  const x = a.value;
  const y = b.value;
  switch (op) {
    case '<':
      return bool(x < y);
    case '<=':
      return bool(x <= y);
    case '>':
      return bool(x > y);
    case '>=':
      return bool(x >= y);
    case '+':
      return num(x + y);
    case '-':
      return num(x - y);
    case '*':
      return num(x * y);
    case '/':
      return y === 0 ? unknown('invalid', 'division by zero', at, { type: 'number' }) : num(x / y);
    case '%':
      return y === 0 ? unknown('invalid', 'modulo by zero', at, { type: 'number' }) : num(x % y);
    default:
      return unknown('unsupported', `operator ${op}`, at);
  }
}

// ---------------------------------------------------------------------------
// for expressions

function evalFor(expr: ForExpr, env: Env, at: SourceLocation): Value {
  const coll = evaluate(expr.coll, env);
  const resultType: TypeHint = expr.isObject ? 'object' : 'tuple';
  if (coll.kind === 'null') return unknown('invalid', 'cannot iterate over a null value', at, { type: resultType });
  const pairs = iterate(coll);
  if (!pairs) {
    if (coll.kind === 'unknown' || (coll.kind === 'set' && coll.uncertain)) return unknownWith(reasonsOf(coll), { type: resultType });
    if (coll.kind === 'resource' || coll.kind === 'module') return unknown('unsupported', 'cannot iterate over a whole resource or module object', at);
    return unknown('invalid', `cannot iterate over a ${coll.kind}`, at, { type: resultType });
  }
  if (pairs.length > env.shared.limits.maxCollection) return unknown('limit', `for expression over ${pairs.length} elements`, at, { type: resultType });
  const listOut: Value[] = [];
  const objOut = new Map<string, Value>();
  const groups = new Map<string, Value[]>();
  for (const [k, v] of pairs) {
    const vars = new Map<string, Value>([[expr.valVar.name, v]]);
    if (expr.keyVar) vars.set(expr.keyVar.name, k);
    const inner = bind(env, vars);
    if (expr.cond) {
      const c = toBool(evaluate(expr.cond, inner), at);
      if (c.kind === 'unknown') return unknownWith(c.reasons, { type: resultType });
      if (c.kind !== 'bool') return unknown('invalid', 'the for condition must be a bool', at, { type: resultType });
      if (!c.value) continue;
    }
    if (!expr.isObject) {
      listOut.push(evaluate(expr.valExpr, inner));
      continue;
    }
    const keyV = toStr(evaluate(expr.keyExpr!, inner), at);
    if (keyV.kind === 'unknown') return unknownWith(keyV.reasons, { type: resultType });
    if (keyV.kind !== 'string') return unknown('invalid', 'for expression keys must be strings', at, { type: resultType });
    const val = evaluate(expr.valExpr, inner);
    if (expr.group) {
      const g = groups.get(keyV.value);
      if (g) g.push(val);
      else groups.set(keyV.value, [val]);
    } else {
      if (objOut.has(keyV.value)) {
        return unknown('invalid', `duplicate key ${JSON.stringify(keyV.value)} in for expression (use ... to group)`, at, { type: resultType });
      }
      objOut.set(keyV.value, val);
    }
  }
  if (!expr.isObject) return tuple(listOut, [at]);
  if (expr.group) return object([...groups].map(([k, vs]) => [k, tuple(vs)] as [string, Value]), [at]);
  return object(objOut, [at]);
}
