// Data sources we model. Everything a data source returns comes from the cloud, so its
// attributes are unknown, except:
// - aws_availability_zones: `names` / `zone_ids` are lists of unknown length whose elements
//   are distinct ("AZ #i of data.aws_availability_zones.x"), at least 2 long unless the
//   configuration filters or excludes zones (every AWS Region has at least two AZs);
// - aws_iam_policy_document: `json` / `minified_json` are the policy built from its
//   statements (a known string when everything is known, else an unknown string that
//   remembers the policy object: UnknownValue.jsonOf).
// - aws_region: `region` / `name` / `id` are the Region it is asked about (its `region` or `name` argument),
//   else the Region of the aws provider configuration it uses, when that is known.
// aws_caller_identity, aws_partition, aws_vpc_endpoint_service, aws_nat_gateway,
// aws_internet_gateway need nothing special: configured arguments read back as configured
// (`service = "s3"`), and the rest are unknowns whose ref names the data source instance,
// so the network layer knows what kind of thing they are.

import { encodeJson } from './functions/encoding';
import type { BlockInstance, ResourceInstance } from './model';
import { providerRegion } from './providers';
import {
  asList,
  asMap,
  isWhollyKnown,
  jsonContent,
  object,
  reasonsOf,
  str,
  tuple,
  unknown,
  unknownWith,
  type Value,
} from './values';

/** Minimum number of AZs in any AWS Region. */
const MIN_REGION_AZS = 2;

/** The modelled attribute of a data source instance, or undefined to use the generic behaviour. */
export function dataSourceAttr(inst: ResourceInstance, name: string): Value | undefined {
  if (inst.mode !== 'data') return undefined;
  switch (inst.type) {
    case 'aws_availability_zones':
      return availabilityZones(inst, name);
    case 'aws_iam_policy_document':
      return name === 'json' || name === 'minified_json' ? policyJson(inst, name === 'json') : undefined;
    case 'aws_region':
      return name === 'region' || name === 'name' || name === 'id' ? regionOf(inst) : undefined;
    default:
      return undefined;
  }
}

function availabilityZones(inst: ResourceInstance, name: string): Value | undefined {
  if (name !== 'names' && name !== 'zone_ids') return undefined;
  const narrowed = ['exclude_names', 'exclude_zone_ids'].some((a) => inst.attr(a) !== undefined && inst.attr(a)!.kind !== 'null') || inst.hasBlock('filter');
  const multi = inst.expansion === 'unknown';
  return unknown('data-source', `${inst.address}.${name} is read from the cloud (distinct Availability Zones of the Region)`, inst.location, {
    type: 'list',
    ref: { root: inst.module.root.dir, address: inst.address, path: [name], ...(multi ? {} : { distinctElements: true }) },
    ...(narrowed ? {} : { minLength: MIN_REGION_AZS }),
  });
}

/** The Region an aws_region data source returns, when it is known before apply. */
function regionOf(inst: ResourceInstance): Value | undefined {
  for (const arg of ['region', 'name']) {
    const v = inst.attr(arg);
    if (v !== undefined && v.kind !== 'null') return v;
  }
  const endpoint = inst.attr('endpoint');
  if (endpoint !== undefined && endpoint.kind !== 'null') return undefined;
  const r = providerRegion(inst);
  return 'value' in r && r.value.kind === 'string' ? r.value : undefined;
}

// ---------------------------------------------------------------------------
// aws_iam_policy_document

function policyJson(inst: ResourceInstance, pretty: boolean): Value {
  const doc = policyDocument(inst);
  if (!isWhollyKnown(doc)) return unknownWith(reasonsOf(doc), { type: 'string', jsonOf: doc, origins: [inst.location] });
  return str(pretty ? JSON.stringify(JSON.parse(encodeJson(doc)), null, 2) : encodeJson(doc), [inst.location]);
}

/** The policy object: statements of source documents, then our own, then overrides by Sid. */
export function policyDocument(inst: ResourceInstance): Value {
  let statements: Value[] = [];
  for (const src of documents(inst.attr('source_policy_documents'), inst.attr('source_json'))) statements.push(...src);
  for (const st of inst.nestedBlocks('statement')) {
    statements.push(st.unknownExpansion ? unknownWith([st.unknownExpansion], { type: 'object' }) : statement(st));
  }
  for (const over of documents(inst.attr('override_policy_documents'), inst.attr('override_json'))) {
    for (const st of over) {
      const sid = sidOf(st);
      const i = sid ? statements.findIndex((s) => sidOf(s) === sid) : -1;
      if (i >= 0) statements = [...statements.slice(0, i), st, ...statements.slice(i + 1)];
      else statements.push(st);
    }
  }
  const entries: [string, Value][] = [
    ['Version', inst.attr('version') ?? str('2012-10-17')],
    ['Statement', tuple(statements)],
  ];
  const id = inst.attr('policy_id');
  if (id && id.kind !== 'null') entries.push(['Id', id]);
  return object(entries);
}

function sidOf(st: Value): string | undefined {
  const s = asMap(st)?.get('Sid');
  return s && s.kind === 'string' && s.value !== '' ? s.value : undefined;
}

/** Statements of a list of JSON policy documents (and an older single-document argument). */
function documents(list: Value | undefined, single: Value | undefined): Value[][] {
  const docs: Value[] = [];
  if (list && list.kind !== 'null') {
    const items = asList(list);
    if (items) docs.push(...items);
    else docs.push(list);
  }
  if (single && single.kind !== 'null') docs.push(single);
  return docs.map((d) => {
    const content = jsonContent(d);
    if (!content) return [unknownWith(reasonsOf(d).length ? reasonsOf(d) : [{ code: 'invalid', message: 'policy document is not JSON' }], { type: 'object' })];
    const st = asMap(content)?.get('Statement');
    if (!st) return [];
    return asList(st) ?? [st];
  });
}

/** One statement block → the JSON statement object, as the AWS provider renders it. */
function statement(st: BlockInstance): Value {
  const e: [string, Value][] = [];
  const sid = st.attr('sid');
  if (sid && sid.kind !== 'null') e.push(['Sid', sid]);
  e.push(['Effect', nonNull(st.attr('effect')) ?? str('Allow')]);
  for (const [arg, key] of [
    ['actions', 'Action'],
    ['not_actions', 'NotAction'],
    ['resources', 'Resource'],
    ['not_resources', 'NotResource'],
  ] as const) {
    const v = nonNull(st.attr(arg));
    if (v) e.push([key, stringSet(v)]);
  }
  for (const [type, key] of [
    ['principals', 'Principal'],
    ['not_principals', 'NotPrincipal'],
  ] as const) {
    const ps = st.nestedBlocks(type);
    if (ps.length > 0) e.push([key, principals(ps)]);
  }
  const conds = st.nestedBlocks('condition');
  if (conds.length > 0) e.push(['Condition', conditions(conds)]);
  return object(e);
}

function nonNull(v: Value | undefined): Value | undefined {
  return v && v.kind !== 'null' ? v : undefined;
}

/** A set of strings rendered as the provider does: one element → the string, else a sorted list. */
function stringSet(v: Value): Value {
  const items = asList(v);
  if (!items) return v;
  const known = items.filter((i) => i.kind === 'string').sort((a, b) => ((a as { value: string }).value < (b as { value: string }).value ? -1 : 1));
  const rest = items.filter((i) => i.kind !== 'string');
  const all = [...known, ...rest];
  return all.length === 1 ? all[0] : tuple(all);
}

function principals(blocks: BlockInstance[]): Value {
  const byType = new Map<string, Value[]>();
  const unknowns: Value[] = [];
  for (const b of blocks) {
    const t = b.attr('type');
    const ids = b.attr('identifiers');
    if (!t || t.kind !== 'string') {
      unknowns.push(unknownWith(t ? reasonsOf(t) : [{ code: 'invalid', message: 'principals block without type' }], {}));
      continue;
    }
    const list = (ids && asList(ids)) ?? (ids ? [ids] : []);
    byType.set(t.value, [...(byType.get(t.value) ?? []), ...list]);
  }
  if (unknowns.length > 0) return unknownWith(reasonsOf(tuple(unknowns)), { type: 'object' });
  const star = byType.get('*');
  if (byType.size === 1 && star && star.length === 1 && star[0].kind === 'string' && star[0].value === '*') return str('*');
  return object([...byType].map(([t, ids]) => [t, stringSet(tuple(ids))] as [string, Value]));
}

function conditions(blocks: BlockInstance[]): Value {
  const byTest = new Map<string, Map<string, Value>>();
  for (const b of blocks) {
    const test = b.attr('test');
    const variable = b.attr('variable');
    if (!test || test.kind !== 'string' || !variable || variable.kind !== 'string') {
      return unknownWith(reasonsOf(tuple([test ?? str(''), variable ?? str('')])), { type: 'object' });
    }
    const m = byTest.get(test.value) ?? new Map<string, Value>();
    m.set(variable.value, stringSet(b.attr('values') ?? tuple([])));
    byTest.set(test.value, m);
  }
  return object([...byTest].map(([t, m]) => [t, object(m)] as [string, Value]));
}
