// `unused_ignore`: an ignore annotation that silences nothing. Reported by suppress.ts (it needs every other
// finding first) when `reportUnusedIgnores` is on; this file holds its metadata.

import { docsUrl, type RuleMeta } from './types';

export const meta: RuleMeta = {
  id: 'unused_ignore',
  defaultSeverity: 'info',
  summary: 'An ignore comment silences nothing.',
  description:
    'A `lambda-vpc-lint-ignore` or `lambda-vpc-lint-ignore-file` annotation names a rule that reports nothing where the ' +
    'annotation applies, names an unknown rule, or (for a file annotation) does not stand among the leading comments of ' +
    'the file. Reported only when `reportUnusedIgnores` is on.',
  docsUrl: docsUrl('unused_ignore'),
  messages: {
    default: 'lambda-vpc-lint-ignore for {rules} matches no finding.',
    unknown: 'Unknown rule {rules} in lambda-vpc-lint-ignore.',
    empty: 'The lambda-vpc-lint-ignore annotation names no rule.',
    misplaced: 'lambda-vpc-lint-ignore-file applies only among the leading comments of a file.',
  },
  fixable: 'safe',
};
