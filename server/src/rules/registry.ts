// Every rule, in the order surfaces list them (SARIF rules, --help, config schema, docs). A rule's id is its file
// name, its docs file name (docs/rules/<id>.md), the SARIF ruleId, the LSP code, the config key and the ignore token.

import type { Rule } from './context';
import type { RuleMeta } from './types';
import * as singleAz from './aws_lambda_vpc_single_az';
import * as noEgress from './aws_lambda_vpc_no_egress';
import * as publicSubnet from './aws_lambda_vpc_public_subnet';
import * as unneeded from './aws_lambda_vpc_unneeded';
import * as required from './aws_lambda_vpc_required';
import * as eniQuota from './aws_lambda_vpc_eni_quota';
import * as eniPermissions from './aws_lambda_vpc_eni_permissions';
import * as hclSyntax from './hcl_syntax';
import * as unusedIgnore from './unused_ignore';

/** The rules the engine runs (unused_ignore is reported by suppression, after every other rule). */
export const ruleChecks: readonly Rule[] = [singleAz, noEgress, publicSubnet, unneeded, required, eniQuota, eniPermissions, hclSyntax];

/** Files that cannot be parsed; the rest of the module is still analysed. */
export const hclSyntaxMeta: RuleMeta = hclSyntax.meta;

export const allRules: RuleMeta[] = [...ruleChecks.map((r) => r.meta), unusedIgnore.meta];

export function ruleById(id: string): RuleMeta | undefined {
  return allRules.find((r) => r.id === id);
}
