// Findings and fixes are plain data. Both surfaces (CLI, LSP) render these; neither
// invents positions of its own. Files are absolute POSIX paths, spans are UTF-16 offsets.

import type { Span } from '../hcl/source';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export interface Location {
  file: string;
  span: Span;
}

export interface RelatedLocation extends Location {
  message: string;
}

export interface TextEdit {
  file: string;
  /** The exact bytes replaced; an empty span inserts. */
  span: Span;
  newText: string;
}

export interface Fix {
  title: string;
  /** Safe fixes may be applied without review (`--fix`); unsafe ones need `--fix-unsafe` or a click. */
  safe: boolean;
  edits: TextEdit[];
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  file: string;
  span: Span;
  /** Terraform address of the function (or module call) the finding is about, when there is one. */
  resource?: string;
  related: RelatedLocation[];
  fixes: Fix[];
  /** How many count/for_each instances yield this same finding at this range (1 when not expanded). */
  instances?: number;
}

export interface RuleOptionMeta {
  type: 'integer' | 'number' | 'boolean' | 'string';
  description: string;
  default: unknown;
  minimum?: number;
  maximum?: number;
}

export interface RuleMeta {
  /** snake_case; the SARIF ruleId, LSP code, config key, ignore token and docs file name. */
  id: string;
  defaultSeverity: Severity;
  /** One line, used as the SARIF shortDescription and in `--help`-style lists. */
  summary: string;
  /** A paragraph, used as the SARIF fullDescription. */
  description: string;
  docsUrl: string;
  /** Message templates by key, e.g. `{ default: 'Function {name} ...' }`. */
  messages: Record<string, string>;
  options?: Record<string, RuleOptionMeta>;
  fixable: 'safe' | 'unsafe' | 'none';
}

export const DOCS_BASE = 'https://github.com/lambda-vpc-lint/lambda-vpc-lint/blob/main/docs/rules/';

export function docsUrl(id: string): string {
  return `${DOCS_BASE}${id}.md`;
}
