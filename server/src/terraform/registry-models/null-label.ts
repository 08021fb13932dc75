// Model of cloudposse/label/null (terraform-null-label), as of its release 0.25.0 (the latest,
// and the version the `context.tf` of every Cloud Posse module pins). The module creates no
// resources: it merges its inputs with `var.context` and derives a label `id` and tags. Cloud
// Posse modules gate their resources on `module.this.enabled` and pass `module.this.context` to
// their children, so without this model every resource of such a module has an unknown count.
//
// The semantics modelled (read from the module's main.tf / variables.tf / outputs.tf):
// - Each scalar input, when null, falls back to the same key of `var.context` (`enabled`,
//   `namespace`, `environment`, `stage`, `name`, `delimiter`, `label_order`, `regex_replace_chars`,
//   `id_length_limit` are read with `.`, so the key must exist; `tenant`, `label_key_case`,
//   `label_value_case`, `descriptor_formats` with lookup(..., null)); `attributes` are the
//   context's followed by the input's (compact, distinct); `tags` / `additional_tag_map` /
//   `descriptor_formats` are merged, the input's winning; `labels_as_tags` is taken from the
//   context once set there (its "unset" sentinel aside).
// - `context` is that merged, otherwise unnormalised input; `normalized_context` holds the
//   values actually used.
// - Labels: `regex_replace_chars` (default "/[^-a-zA-Z0-9]/") removed, then the letter case of
//   `label_value_case` (default lower); `id` joins the non-empty labels of `label_order`
//   (default namespace, environment, stage, name, attributes) with `delimiter` (default "-").
//   `id` beyond `id_length_limit` is shortened with an md5 hash: not modelled (unknown).
// - Outputs are "" / [] / {} when not enabled.
// A value is known only when everything it depends on is known exactly; anything Terraform
// would reject (a context without a required key, a failed validation, an invalid regular
// expression) makes every output unknown. The letter case of non-ASCII text is not modelled.
// Releases before 0.25.0 differ in details (no `tenant`, attribute order, tag generation) that this
// model does not reproduce: when the call's `version` does not admit 0.25.0, only `enabled` (the same
// since 0.19) stays known, in the outputs and in the contexts passed on.

import { toBool, toNum, toStr } from '../convert';
import { compile, execAll, fromCodePoints, toCodePoints, type RegexBudget } from '../functions/re2';
import {
  asList,
  asMap,
  bool,
  list,
  map,
  nullValue,
  num,
  object,
  reasonsOf,
  set,
  str,
  tuple,
  unknownWith,
  type SourceLocation,
  type TypeHint,
  type UnknownReason,
  type Value,
} from '../values';
import type { ModelContext, ModelResult, RegistryModel } from './types';
import { unknownOutput } from './util';
import { constraintAllows } from './version';

const OUTPUTS = [
  'enabled',
  'id',
  'id_full',
  'namespace',
  'tenant',
  'environment',
  'stage',
  'name',
  'delimiter',
  'attributes',
  'tags',
  'additional_tag_map',
  'label_order',
  'regex_replace_chars',
  'id_length_limit',
  'tags_as_list_of_maps',
  'context',
  'normalized_context',
];

const DEFAULT_LABEL_ORDER = ['namespace', 'environment', 'stage', 'name', 'attributes'];
const DEFAULT_REGEX = '/[^-a-zA-Z0-9]/';
const STRING_LABELS = ['namespace', 'tenant', 'environment', 'stage', 'name'] as const;
/** Keys of `var.context` the module reads with `.` (an error when absent). */
const REQUIRED_CONTEXT_KEYS = [
  'enabled',
  'namespace',
  'environment',
  'stage',
  'name',
  'delimiter',
  'attributes',
  'tags',
  'additional_tag_map',
  'label_order',
  'regex_replace_chars',
  'id_length_limit',
];
/** Regular expression work allowed per module call (labels are short; the default pattern needs none). */
const REGEX_WORK = 200_000;

/** Something not known exactly, with why. */
class Unk {
  constructor(readonly reasons: UnknownReason[]) {}
}
type M<T> = T | Unk;

function isUnk<T>(x: M<T>): x is Unk {
  return x instanceof Unk;
}

/** The reasons of the unknowns among `xs`, or undefined when all are known. */
function anyUnk(...xs: unknown[]): Unk | undefined {
  const reasons: UnknownReason[] = [];
  for (const x of xs) if (x instanceof Unk) reasons.push(...x.reasons);
  return reasons.length > 0 ? new Unk(reasons) : undefined;
}

/** Thrown (and caught in `build`) for what Terraform would reject: every output is then unknown. */
class Fatal {
  constructor(readonly reason: UnknownReason) {}
}

type Case = 'lower' | 'upper' | 'title' | 'none';

/** Go's strings.Title (cty's title()) on ASCII text: a letter after anything but a letter, digit or `_` is upper-cased. */
function asciiTitle(s: string): string {
  let out = '';
  let prev = ' ';
  for (const ch of s) {
    out += /[A-Za-z0-9_]/.test(prev) ? ch : ch.toUpperCase();
    prev = ch;
  }
  return out;
}

const ASCII = /^[\x00-\x7f]*$/;

class LabelEvaluator {
  private readonly budget: RegexBudget = { remaining: REGEX_WORK };
  private readonly ctxObj: ReadonlyMap<string, Value>;

  constructor(
    private readonly ctx: ModelContext,
    context: ReadonlyMap<string, Value>,
  ) {
    this.ctxObj = context;
    for (const key of REQUIRED_CONTEXT_KEYS) {
      if (!context.has(key)) this.fatal(`var.context has no attribute "${key}" (the module reads var.context.${key})`, 'context');
    }
  }

  /** Where an input is written: `context.x` is read from the `context` argument. */
  at(arg?: string): SourceLocation {
    return this.ctx.at(arg?.startsWith('context.') ? 'context' : arg);
  }

  fatal(message: string, arg?: string): never {
    throw new Fatal({ code: 'invalid', message: `cloudposse/label/null: ${message}`, at: this.at(arg) });
  }

  unsupported(message: string, arg?: string): Unk {
    return new Unk([{ code: 'unsupported', message: `cloudposse/label/null: ${message}`, at: this.at(arg) }]);
  }

  /** A converted value: unknown stays unknown; a failed conversion is fatal. */
  private converted(v: Value, conv: (v: Value, at?: SourceLocation) => Value, arg: string): Value | Unk {
    if (v.kind === 'unknown') return new Unk(v.reasons);
    const c = conv(v, this.at(arg));
    if (c.kind === 'unknown') this.fatal(`${arg}: ${c.reasons[0]?.message ?? 'invalid value'}`, arg);
    return c;
  }

  /** A string (or null) from a value Terraform converts to string. */
  asStr(v: Value | undefined, arg: string): M<string | null> {
    if (v === undefined || v.kind === 'null') return null;
    const c = this.converted(v, toStr, arg);
    if (isUnk(c)) return c;
    return c.kind === 'string' ? c.value : this.fatal(`${arg} is not a string`, arg);
  }

  asNum(v: Value | undefined, arg: string): M<number | null> {
    if (v === undefined || v.kind === 'null') return null;
    const c = this.converted(v, toNum, arg);
    if (isUnk(c)) return c;
    return c.kind === 'number' ? c.value : this.fatal(`${arg} is not a number`, arg);
  }

  /** A list of strings (or null); null elements and sets of uncertain size are not modelled. */
  asStrList(v: Value | undefined, arg: string): M<string[] | null> {
    if (v === undefined || v.kind === 'null') return null;
    if (v.kind === 'unknown') return new Unk(v.reasons);
    const items = asList(v);
    if (!items) this.fatal(`${arg} is not a list`, arg);
    if (v.kind === 'set' && v.uncertain) return new Unk(reasonsOf(v));
    const out: string[] = [];
    const reasons: UnknownReason[] = [];
    for (const it of items) {
      const s = this.asStr(it, arg);
      if (isUnk(s)) reasons.push(...s.reasons);
      else if (s === null) return this.unsupported(`a null element of ${arg} is not modelled`, arg);
      else out.push(s);
    }
    return reasons.length > 0 ? new Unk(reasons) : out;
  }

  /** The entries of a map / object (or null); values stay as they are (possibly unknown). */
  asEntries(v: Value | undefined, arg: string): M<ReadonlyMap<string, Value> | null> {
    if (v === undefined || v.kind === 'null') return null;
    if (v.kind === 'unknown') return new Unk(v.reasons);
    const e = asMap(v);
    return e ?? this.fatal(`${arg} is not a map`, arg);
  }

  /** `var.context.<key>` (the key exists: checked in the constructor). */
  ctxField(key: string): Value {
    return this.ctxObj.get(key)!;
  }

  /** `lookup(var.context, key, null)`. */
  ctxLookup(key: string): Value | undefined {
    return this.ctxObj.get(key);
  }

  /** `var.<name> == null ? var.context.<name> : var.<name>` for a string input. */
  mergedStr(name: string, viaLookup = false): M<string | null> {
    const own = this.asStr(this.ctx.input(name), name);
    if (isUnk(own) || own !== null) return own;
    return this.asStr(viaLookup ? this.ctxLookup(name) : this.ctxField(name), `context.${name}`);
  }

  /** merge(a, b) of two maps (null arguments skipped); string conversion of b's values when `strings`. */
  mergeMaps(a: Value | undefined, aArg: string, b: Value | undefined, bArg: string, strings: boolean): M<Map<string, Value>> {
    const ea = this.asEntries(a, aArg);
    const eb = this.asEntries(b, bArg);
    const u = anyUnk(ea, eb);
    if (u) return u;
    const out = new Map<string, Value>();
    for (const [k, v] of (ea as ReadonlyMap<string, Value> | null) ?? []) out.set(k, v);
    for (const [k, v] of (eb as ReadonlyMap<string, Value> | null) ?? []) {
      if (!strings || v.kind === 'unknown' || v.kind === 'null') out.set(k, v);
      else {
        const s = this.converted(v, toStr, bArg);
        out.set(k, isUnk(s) ? unknownWith(s.reasons, { type: 'string' }) : s);
      }
    }
    return out;
  }

  /** Fails when `pattern` is a `/pattern/` that is not a valid regular expression. */
  checkPattern(pattern: string): void {
    if (pattern === DEFAULT_REGEX || !(pattern.length > 1 && pattern.startsWith('/') && pattern.endsWith('/'))) return;
    const re = compile(pattern.slice(1, -1));
    if ('error' in re && !re.unsupported) this.fatal(`regex_replace_chars is not a valid regular expression: ${re.error}`, 'regex_replace_chars');
  }

  /** replace(s, regex_replace_chars, ""): a `/pattern/` is an RE2 regular expression, anything else a literal. */
  remove(s: string, pattern: string): M<string> {
    if (pattern === DEFAULT_REGEX) return s.replace(/[^-a-zA-Z0-9]/gu, '');
    if (!(pattern.length > 1 && pattern.startsWith('/') && pattern.endsWith('/'))) return s.split(pattern).join('');
    const re = compile(pattern.slice(1, -1));
    if ('error' in re) {
      if (re.unsupported) return this.unsupported(`regex_replace_chars ${JSON.stringify(pattern)} is not evaluated: ${re.error}`, 'regex_replace_chars');
      this.fatal(`regex_replace_chars is not a valid regular expression: ${re.error}`, 'regex_replace_chars');
    }
    const cps = toCodePoints(s);
    const matches = execAll(re, cps, cps.length + 2, this.budget);
    if (this.budget.remaining < 0) return new Unk([{ code: 'limit', message: 'cloudposse/label/null: regular expression work limit reached', at: this.at('regex_replace_chars') }]);
    let out = '';
    let last = 0;
    for (const m of matches) {
      out += fromCodePoints(cps, last, m.caps[0]);
      last = m.caps[1];
    }
    return out + fromCodePoints(cps, last, cps.length);
  }

  /** The letter case of label_value_case (lower for anything but none / title / upper). */
  letterCase(s: string, c: Case): M<string> {
    if (c === 'none') return s;
    if (!ASCII.test(s)) return this.unsupported(`the letter case of the non-ASCII label ${JSON.stringify(s.slice(0, 40))} is not modelled`, 'label_value_case');
    if (c === 'upper') return s.toUpperCase();
    if (c === 'title') return asciiTitle(s.toLowerCase());
    return s.toLowerCase();
  }
}

function strOrNull(s: string | null): Value {
  return s === null ? nullValue() : str(s);
}

function valueOf<T>(x: M<T>, make: (t: T) => Value, type: TypeHint): Value {
  return isUnk(x) ? unknownWith(x.reasons, { type }) : make(x);
}

/** `cond ? yes : no` with a possibly unknown condition. */
function when(enabled: M<boolean>, yes: () => Value, no: Value, type: TypeHint): Value {
  if (isUnk(enabled)) return unknownWith(enabled.reasons, { type });
  return enabled ? yes() : no;
}

function build(ctx: ModelContext): Map<string, Value> {
  const outputs = new Map<string, Value>();
  const at = ctx.at();

  // var.context: the module's default when not set; null (the variable is nullable) fails on var.context.enabled.
  const contextArg = ctx.input('context');
  let context: ReadonlyMap<string, Value>;
  if (contextArg === undefined) {
    context = asMap(DEFAULT_CONTEXT)!;
  } else if (contextArg.kind === 'null') {
    throw new Fatal({ code: 'invalid', message: 'cloudposse/label/null: context is null (the module reads var.context.enabled)', at: ctx.at('context') });
  } else if (contextArg.kind === 'unknown') {
    for (const o of OUTPUTS) outputs.set(o, unknownOutput(contextArg.reasons));
    return outputs;
  } else {
    const m = asMap(contextArg);
    if (!m) throw new Fatal({ code: 'invalid', message: 'cloudposse/label/null: context is not an object', at: ctx.at('context') });
    context = m;
  }
  const L: LabelEvaluator = new LabelEvaluator(ctx, context);

  // ---- local.input: the merged input (the `context` output)
  const enabledArg = ctx.input('enabled');
  let enabled: M<boolean>;
  let enabledValue: Value;
  if (enabledArg !== undefined && enabledArg.kind !== 'null') {
    const b = enabledArg.kind === 'unknown' ? enabledArg : toBool(enabledArg, ctx.at('enabled'));
    if (b.kind === 'unknown' && enabledArg.kind !== 'unknown') L.fatal(`enabled: ${b.reasons[0].message}`, 'enabled');
    enabled = b.kind === 'bool' ? b.value : new Unk(reasonsOf(b));
    enabledValue = b.kind === 'bool' ? bool(b.value, b.origins ?? [ctx.at('enabled')]) : unknownWith(reasonsOf(b), { type: 'bool' });
  } else {
    const c = L.ctxField('enabled');
    if (c.kind === 'bool') {
      enabled = c.value;
      enabledValue = c.origins ? c : bool(c.value, [ctx.at('context')]);
    } else if (c.kind === 'unknown') {
      enabled = new Unk(c.reasons);
      enabledValue = unknownWith(c.reasons, { type: 'bool' });
    } else if (c.kind === 'null') {
      L.fatal('context.enabled is null and enabled is not set', 'context');
    } else {
      // A string "true" would make the module's conditional a string; not modelled.
      enabled = L.unsupported(`context.enabled is a ${c.kind}, not a bool`, 'context');
      enabledValue = unknownWith(enabled.reasons, { type: 'bool' });
    }
  }

  const inputStr = new Map<string, M<string | null>>();
  for (const k of ['namespace', 'environment', 'stage', 'name', 'delimiter', 'regex_replace_chars']) inputStr.set(k, L.mergedStr(k));
  for (const k of ['tenant', 'label_key_case', 'label_value_case']) inputStr.set(k, L.mergedStr(k, true));

  // Validations of label_key_case / label_value_case (on the input and on the context).
  const checkCase = (v: M<string | null>, allowed: string[], arg: string): void => {
    if (!isUnk(v) && v !== null && !allowed.includes(v)) L.fatal(`${arg} must be one of ${allowed.join(', ')}`, arg);
  };
  checkCase(L.asStr(ctx.input('label_key_case'), 'label_key_case'), ['lower', 'title', 'upper'], 'label_key_case');
  checkCase(L.asStr(ctx.input('label_value_case'), 'label_value_case'), ['lower', 'title', 'upper', 'none'], 'label_value_case');
  checkCase(L.asStr(L.ctxLookup('label_key_case'), 'context.label_key_case'), ['lower', 'title', 'upper'], 'context');
  checkCase(L.asStr(L.ctxLookup('label_value_case'), 'context.label_value_case'), ['lower', 'title', 'upper', 'none'], 'context');

  // attributes = compact(distinct(concat(coalesce(context.attributes, []), coalesce(var.attributes, []))))
  const ctxAttrs = L.asStrList(L.ctxField('attributes'), 'context.attributes');
  const ownAttrs = L.asStrList(ctx.input('attributes'), 'attributes');
  let inputAttributes: M<string[]>;
  {
    const u = anyUnk(ctxAttrs, ownAttrs);
    inputAttributes = u ?? [...new Set([...((ctxAttrs as string[] | null) ?? []), ...((ownAttrs as string[] | null) ?? [])])].filter((s) => s !== '');
  }

  const ownTagsArg = ctx.input('tags');
  const inputTags = L.mergeMaps(L.ctxField('tags'), 'context.tags', ownTagsArg ?? map([]), 'tags', true);
  const additionalTagMap = L.mergeMaps(L.ctxField('additional_tag_map'), 'context.additional_tag_map', ctx.input('additional_tag_map') ?? map([]), 'additional_tag_map', true);
  const descriptorFormats = L.mergeMaps(L.ctxLookup('descriptor_formats') ?? map([]), 'context.descriptor_formats', ctx.input('descriptor_formats') ?? map([]), 'descriptor_formats', false);

  let inputLabelOrder = L.asStrList(ctx.input('label_order'), 'label_order');
  if (inputLabelOrder === null) inputLabelOrder = L.asStrList(L.ctxField('label_order'), 'context.label_order');

  let inputIdLimit = L.asNum(ctx.input('id_length_limit'), 'id_length_limit');
  if (!isUnk(inputIdLimit) && inputIdLimit !== null && !(inputIdLimit === 0 || inputIdLimit >= 6)) {
    L.fatal('id_length_limit must be >= 6 or 0', 'id_length_limit');
  }
  if (inputIdLimit === null) inputIdLimit = L.asNum(L.ctxField('id_length_limit'), 'context.id_length_limit');

  // labels_as_tags: the context's, unless it is absent, not a list or still holds the "unset" sentinel.
  const ctxLat = L.ctxLookup('labels_as_tags');
  let inputLabelsAsTags: M<Value>;
  {
    let unset: M<boolean> = true;
    if (ctxLat !== undefined && ctxLat.kind !== 'null') {
      if (ctxLat.kind === 'unknown') unset = new Unk(ctxLat.reasons);
      else {
        const items = asList(ctxLat);
        if (items) {
          const strs = L.asStrList(ctxLat, 'context.labels_as_tags');
          unset = isUnk(strs) ? strs : (strs ?? []).includes('unset');
        }
      }
    }
    if (isUnk(unset)) inputLabelsAsTags = unset;
    else if (!unset) inputLabelsAsTags = ctxLat!;
    else {
      const own = ctx.input('labels_as_tags');
      inputLabelsAsTags = own === undefined ? set([str('default')]) : own;
    }
  }

  const contextOut = object([
    ['enabled', enabledValue],
    ...[...inputStr].map(([k, v]) => [k, valueOf(v, strOrNull, 'string')] as [string, Value]),
    ['attributes', valueOf(inputAttributes, (a) => list(a.map((s) => str(s))), 'list')],
    ['tags', valueOf(inputTags, (t) => map(t), 'map')],
    ['additional_tag_map', valueOf(additionalTagMap, (t) => map(t), 'map')],
    ['label_order', valueOf(inputLabelOrder, (o) => (o === null ? nullValue() : list(o.map((s) => str(s)))), 'list')],
    ['id_length_limit', valueOf(inputIdLimit, (n) => (n === null ? nullValue() : num(n)), 'number')],
    ['descriptor_formats', valueOf(descriptorFormats, (t) => object(t), 'dynamic')],
    ['labels_as_tags', valueOf(inputLabelsAsTags, (v) => v, 'set')],
  ]);

  // ---- the values used
  const rrc = inputStr.get('regex_replace_chars')!;
  const regex: M<string> = isUnk(rrc) ? rrc : rrc === null || rrc === '' ? DEFAULT_REGEX : rrc;
  const lvc = inputStr.get('label_value_case')!;
  const valueCase: M<Case> = isUnk(lvc) ? lvc : lvc === null ? 'lower' : (lvc as Case);
  const lkc = inputStr.get('label_key_case')!;
  const keyCase: M<string> = isUnk(lkc) ? lkc : lkc ?? 'title';
  const delim = inputStr.get('delimiter')!;
  const delimiter: M<string> = isUnk(delim) ? delim : delim ?? '-';
  const labelOrder: M<string[]> = isUnk(inputLabelOrder) ? inputLabelOrder : inputLabelOrder === null || inputLabelOrder.length === 0 ? DEFAULT_LABEL_ORDER : inputLabelOrder;
  const idLimit: M<number> = isUnk(inputIdLimit) ? inputIdLimit : inputIdLimit ?? 0;

  // The module's id_hash always runs replace() with the pattern: an invalid one fails the plan.
  if (!isUnk(regex)) L.checkPattern(regex);

  const normalize = (s: string): M<string> => {
    const u = anyUnk(regex, valueCase);
    if (u) return u;
    const r = L.remove(s, regex as string);
    return isUnk(r) ? r : L.letterCase(r, valueCase as Case);
  };

  const labels = new Map<string, M<string>>();
  for (const k of STRING_LABELS) {
    const v = inputStr.get(k)!;
    labels.set(k, isUnk(v) ? v : v === null ? '' : normalize(v));
  }
  // attributes: both steps drop empties and duplicates
  let attributes: M<string[]>;
  if (isUnk(inputAttributes)) attributes = inputAttributes;
  else {
    const normalized: string[] = [];
    const reasons: UnknownReason[] = [];
    for (const a of inputAttributes) {
      const n = normalize(a);
      if (isUnk(n)) reasons.push(...n.reasons);
      else normalized.push(n);
    }
    attributes = reasons.length > 0 ? new Unk(reasons) : [...new Set(normalized)].filter((s) => s !== '');
  }
  const joinedAttributes: M<string> = anyUnk(attributes, delimiter) ?? (attributes as string[]).join(delimiter as string);

  // id
  const idContext = new Map<string, M<string>>([...labels, ['attributes', joinedAttributes]]);
  let idFull: M<string>;
  if (isUnk(labelOrder)) idFull = labelOrder;
  else {
    for (const l of labelOrder) if (!idContext.has(l)) L.fatal(`label_order holds "${l}", which is not a label`, 'label_order');
    const parts = labelOrder.map((l) => idContext.get(l)!);
    idFull = anyUnk(delimiter, ...parts) ?? (parts as string[]).filter((p) => p !== '').join(delimiter as string);
  }
  let id: M<string>;
  if (isUnk(idFull) || isUnk(idLimit)) id = anyUnk(idFull, idLimit)!;
  else if (idLimit === 0 || idFull.length <= idLimit) id = idFull; // grapheme count <= UTF-16 length <= limit
  else if (idLimit < 0 || !Number.isInteger(idLimit)) id = L.unsupported(`id_length_limit ${idLimit} is not modelled`, 'id_length_limit');
  else id = L.unsupported(`the id is longer than id_length_limit (${idLimit}) and is shortened with an md5 hash, which is not modelled`, 'id_length_limit');

  // tags = merge(generated tags, merged input tags)
  const tagsContext = new Map<string, M<string>>([
    ['namespace', labels.get('namespace')!],
    ['tenant', labels.get('tenant')!],
    ['environment', labels.get('environment')!],
    ['stage', labels.get('stage')!],
    ['name', id],
    ['attributes', joinedAttributes],
  ]);
  let tags: M<Map<string, Value>>;
  {
    let latNames: M<string[]>;
    if (isUnk(inputLabelsAsTags)) latNames = inputLabelsAsTags;
    else if (inputLabelsAsTags.kind === 'null') latNames = L.fatal('labels_as_tags is null', 'labels_as_tags');
    else {
      const s = L.asStrList(inputLabelsAsTags, 'labels_as_tags');
      latNames = isUnk(s) ? s : s === null ? [] : s.includes('default') ? [...tagsContext.keys()] : s;
    }
    const u = anyUnk(latNames, keyCase, inputTags);
    if (u) tags = u;
    else {
      const out = new Map<string, Value>();
      const reasons: UnknownReason[] = [];
      for (const l of [...tagsContext.keys()].filter((k) => (latNames as string[]).includes(k))) {
        const v = tagsContext.get(l)!;
        const key = keyCase === 'upper' ? l.toUpperCase() : keyCase === 'lower' ? l : asciiTitle(l);
        // `if length(value) > 0`: an unknown value leaves the key set unknown.
        if (isUnk(v)) reasons.push(...v.reasons);
        else if (v !== '') out.set(key, str(v));
      }
      if (reasons.length > 0) tags = new Unk(reasons);
      else {
        for (const [k, v] of inputTags as Map<string, Value>) out.set(k, v);
        tags = out;
      }
    }
  }

  // tags_as_list_of_maps: one merge({ key, value }, additional_tag_map) per tag, in key order.
  let tagsList: Value;
  {
    const u = anyUnk(tags, additionalTagMap);
    if (u) tagsList = unknownWith(u.reasons, { type: 'list' });
    else {
      const keys = [...(tags as Map<string, Value>).keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      tagsList = tuple(
        keys.map((k) => {
          const e = new Map<string, Value>([
            ['key', str(k)],
            ['value', (tags as Map<string, Value>).get(k)!],
          ]);
          for (const [ak, av] of additionalTagMap as Map<string, Value>) e.set(ak, av);
          return object(e);
        }),
      );
    }
  }

  const labelsAsTagsUsed: Value = (() => {
    if (isUnk(inputLabelsAsTags)) return unknownWith(inputLabelsAsTags.reasons, { type: 'set' });
    const s = L.asStrList(inputLabelsAsTags, 'labels_as_tags');
    if (isUnk(s)) return unknownWith(s.reasons, { type: 'set' });
    // keys(tags_context) when "default" (the conditional unifies it with the set(string) input: a set either way).
    return (s ?? []).includes('default') ? set([...tagsContext.keys()].map((k) => str(k))) : inputLabelsAsTags;
  })();

  const strValue = (x: M<string>): Value => valueOf(x, (s) => str(s, [at]), 'string');
  const strList = (x: M<string[]>): Value => valueOf(x, (a) => list(a.map((s) => str(s))), 'list');
  const regexUsed = valueOf(regex, (s) => str(s), 'string');

  const normalizedContext = object([
    ['enabled', enabledValue],
    ['namespace', strValue(labels.get('namespace')!)],
    ['tenant', strValue(labels.get('tenant')!)],
    ['environment', strValue(labels.get('environment')!)],
    ['stage', strValue(labels.get('stage')!)],
    ['name', strValue(labels.get('name')!)],
    ['delimiter', strValue(delimiter)],
    ['attributes', strList(attributes)],
    ['tags', valueOf(tags, (t) => map(t), 'map')],
    ['additional_tag_map', valueOf(additionalTagMap, (t) => map(t), 'map')],
    ['label_order', strList(labelOrder)],
    ['regex_replace_chars', regexUsed],
    ['id_length_limit', valueOf(idLimit, (n) => num(n), 'number')],
    ['label_key_case', strValue(keyCase)],
    ['label_value_case', strValue(valueCase)],
    ['labels_as_tags', labelsAsTagsUsed],
    ['descriptor_formats', valueOf(descriptorFormats, (t) => object(t), 'dynamic')],
  ]);

  outputs.set('enabled', enabledValue);
  outputs.set('id', when(enabled, () => strValue(id), str(''), 'string'));
  outputs.set('id_full', when(enabled, () => strValue(idFull), str(''), 'string'));
  for (const k of STRING_LABELS) outputs.set(k, when(enabled, () => strValue(labels.get(k)!), str(''), 'string'));
  outputs.set('delimiter', when(enabled, () => strValue(delimiter), str(''), 'string'));
  outputs.set('attributes', when(enabled, () => strList(attributes), tuple([]), 'list'));
  outputs.set('tags', when(enabled, () => valueOf(tags, (t) => map(t), 'map'), object([]), 'map'));
  outputs.set('additional_tag_map', valueOf(additionalTagMap, (t) => map(t), 'map'));
  outputs.set('label_order', strList(labelOrder));
  outputs.set('regex_replace_chars', regexUsed);
  outputs.set('id_length_limit', valueOf(idLimit, (n) => num(n), 'number'));
  outputs.set('tags_as_list_of_maps', tagsList);
  outputs.set('context', contextOut);
  outputs.set('normalized_context', normalizedContext);
  return outputs;
}

/** The module's default `var.context`. */
const DEFAULT_CONTEXT: Value = object([
  ['enabled', bool(true)],
  ['namespace', nullValue()],
  ['tenant', nullValue()],
  ['environment', nullValue()],
  ['stage', nullValue()],
  ['name', nullValue()],
  ['delimiter', nullValue()],
  ['attributes', tuple([])],
  ['tags', object([])],
  ['additional_tag_map', object([])],
  ['regex_replace_chars', nullValue()],
  ['label_order', tuple([])],
  ['id_length_limit', nullValue()],
  ['label_key_case', nullValue()],
  ['label_value_case', nullValue()],
  ['descriptor_formats', object([])],
  ['labels_as_tags', tuple([str('unset')])],
]);

export const nullLabelModel: RegistryModel = {
  id: 'cloudposse/label/null',
  outputs: OUTPUTS,
  build(ctx: ModelContext): ModelResult {
    try {
      const outputs = build(ctx);
      return { outputs: ctx.version !== undefined && !constraintAllows(ctx.version, MODELLED_RELEASE) ? onlyEnabled(outputs, ctx) : outputs };
    } catch (e) {
      if (!(e instanceof Fatal)) throw e;
      const outputs = new Map<string, Value>();
      for (const o of OUTPUTS) outputs.set(o, unknownOutput([e.reason]));
      return { outputs };
    }
  },
};

/** The release this model follows; `terraform init` installs it for any constraint that admits it (it is the newest). */
const MODELLED_RELEASE = '0.25.0';

/** The outputs of an older release: `enabled` as computed (the same since 0.19), everything else unknown. */
function onlyEnabled(outputs: Map<string, Value>, ctx: ModelContext): Map<string, Value> {
  const reason: UnknownReason = {
    code: 'unsupported',
    message: `version "${ctx.version}" of cloudposse/label/null does not admit ${MODELLED_RELEASE}, the release modelled`,
    at: ctx.at('version'),
  };
  const out = new Map<string, Value>();
  for (const [name, v] of outputs) {
    if (name === 'enabled') out.set(name, v);
    else if ((name === 'context' || name === 'normalized_context') && (v.kind === 'object' || v.kind === 'map')) {
      out.set(name, object([...v.entries].map(([k, e]): [string, Value] => [k, k === 'enabled' ? e : unknownWith([reason])])));
    } else out.set(name, unknownWith([reason]));
  }
  return out;
}
