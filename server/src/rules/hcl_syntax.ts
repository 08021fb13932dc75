// hcl_syntax: a Terraform/OpenTofu file (or tfvars file) that cannot be parsed, reported at each error's range.
// The rest of the module is still analysed from the parser's recovery.

import { perFile, type Draft, type RuleContext } from './context';
import { docsUrl, type RuleMeta } from './types';

const ID = 'hcl_syntax';

export const meta: RuleMeta = {
  id: ID,
  defaultSeverity: 'error',
  summary: 'A Terraform/OpenTofu file cannot be parsed.',
  description:
    'The file has HCL or JSON syntax errors, so nothing in it can be analysed. Terraform and OpenTofu would reject it too. ' +
    'The other files of the module are still analysed.',
  docsUrl: docsUrl(ID),
  messages: { default: '{summary}: {detail}' },
  fixable: 'none',
};

export function check(ctx: RuleContext): Draft[] {
  return perFile(ctx, ID, (parsed) =>
    parsed.diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => ({
        rule: ID,
        message: d.detail ? `${d.summary}: ${d.detail}` : d.summary,
        file: parsed.file.path,
        span: d.span,
        related: [],
        fixes: [],
      })),
  );
}
