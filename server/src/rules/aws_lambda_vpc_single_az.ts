// aws_lambda_vpc_single_az: an attached function whose subnets provably span fewer Availability Zones than
// `minAzs` (default 2, as AWS Security Hub Lambda.5). The bound is the network layer's `azs.max`: distinct known
// AZs (names, ids, symbolically distinct expressions) plus one per subnet whose AZ is unknown, so it never
// exceeds the subnet count. A subnet list of unknown length never fires.

import type { AzFact, FunctionPicture } from '../network/types';
import { azKey, subnetCandidates, type Candidate } from './candidates';
import { format, functionLabel, listText, perFunction, type Draft, type RuleContext } from './context';
import { isKnownSubnet } from './egress';
import { FileEditor } from './fixes';
import { editableSubnets, findingAt, type EditableAttribute } from './locate';
import { docsUrl, type Fix, type RelatedLocation, type RuleMeta, type TextEdit } from './types';

const ID = 'aws_lambda_vpc_single_az';

export const meta: RuleMeta = {
  id: ID,
  defaultSeverity: 'warning',
  summary: 'A VPC-attached function uses subnets in too few Availability Zones.',
  description:
    'A Lambda function attached to a VPC runs only in the Availability Zones of its subnets. AWS: "to provide continued ' +
    'high availability, ensure that the function has access to at least two Availability Zones." The rule fires when the ' +
    'subnets provably span fewer zones than `minAzs`.',
  docsUrl: docsUrl(ID),
  messages: {
    default: '{fn} can run in at most {count} ({azs}); use subnets in at least {minAzs} Availability Zones so that it stays available when one zone fails.',
  },
  options: {
    minAzs: {
      type: 'integer',
      description: 'Fewest Availability Zones the subnets of a VPC-attached function must span (AWS Security Hub Lambda.5 uses 2). Overrides the top-level minAzs.',
      default: 2,
      minimum: 1,
      maximum: 16,
    },
  },
  fixable: 'unsafe',
};

function zones(n: number): string {
  return n === 1 ? '1 Availability Zone' : `${n} Availability Zones`;
}

function azText(az: AzFact): string | undefined {
  if (az.kind === 'name') return az.name;
  if (az.kind === 'id') return az.id;
  return undefined;
}

export function check(ctx: RuleContext): Draft[] {
  const minAzs = ctx.options.minAzs;
  return perFunction(ctx, ID, (pic) => {
    if (pic.attachment.status !== 'attached' || !pic.subnets?.known || !pic.azs || pic.azs.max === null) return [];
    const count = pic.azs.max;
    if (count >= minAzs) return [];
    const entries = pic.subnets.value;
    const known = entries.filter(isKnownSubnet);
    const names = [...new Set(known.map((s) => azText(s.az)).filter((x): x is string => x !== undefined))];
    const symbolic = new Set(known.filter((s) => s.az.kind === 'symbolic').map((s) => (s.az.kind === 'symbolic' ? `${s.az.set}\u0000${s.az.member}` : '')));
    const unknownAz = entries.length - known.filter((s) => s.az.kind !== 'unknown').length;
    const parts = [...names];
    if (symbolic.size > 0) parts.push(symbolic.size === 1 ? '1 zone written as an expression' : `${symbolic.size} zones written as expressions`);
    if (unknownAz > 0) parts.push(unknownAz === 1 ? '1 subnet whose zone is not known' : `${unknownAz} subnets whose zones are not known`);
    const evidence: RelatedLocation[] = [];
    for (const s of known) {
      const where = s.az.at ?? s.at;
      const az = azText(s.az);
      const what = az ? `${s.ref} is in ${az}` : s.az.kind === 'symbolic' ? `${s.ref} is in the zone this expression gives` : `${s.ref} is one subnet, in one zone`;
      if (where) evidence.push({ ...where, message: what });
    }
    const message = format(meta.messages.default, { fn: functionLabel(pic), count: zones(count), azs: parts.join(', '), minAzs });
    return [findingAt(ctx, ID, pic, 'subnets', message, evidence, addSubnetsFix(ctx, pic, minAzs))];
  });
}

/** Adds subnets of the same VPC in other AZs (one per missing zone), where they exist. */
function addSubnetsFix(ctx: RuleContext, pic: FunctionPicture, minAzs: number): Fix[] {
  const ws = ctx.workspace;
  const target = editableSubnets(ctx, pic);
  const ed = FileEditor.for(target?.file);
  if (!ws || !target || !ed || !pic.subnets?.known) return [];
  const current = pic.subnets.value;
  const keys = current.map((s) => (s.known ? azKey(s.az) : undefined));
  if (keys.some((k) => k === undefined)) return [];
  const have = new Set(keys as string[]);
  const space = [...have][0]?.split(':')[0];
  const chosen: Candidate[] = [];
  for (const c of subnetCandidates(ws, pic, target.module, true)) {
    if (have.size >= minAzs) break;
    const k = azKey(c.subnet.az);
    if (!k || have.has(k) || !k.startsWith(`${space}:`)) continue;
    have.add(k);
    chosen.push(c);
  }
  if (have.size < minAzs || chosen.length === 0) return [];
  const edit = appendEdit(ed, target, chosen.map((c) => c.ref));
  if (!edit) return [];
  const what = listText(chosen.map((c) => `${c.inst.address} (${azText(c.subnet.az)})`));
  return [{ title: `Add ${what} to the function's subnets`, safe: false, edits: [edit] }];
}

function appendEdit(ed: FileEditor, target: EditableAttribute, refs: string[]): TextEdit | undefined {
  const expr = target.attr.expr;
  if (expr.kind === 'Tuple') return ed.appendToTuple(expr, refs);
  const text = ed.file.text.slice(expr.span.start, expr.span.end);
  if (/[\r\n]/.test(text)) return undefined;
  return ed.replace(expr.span, `concat(${text}, [${refs.join(', ')}])`);
}
