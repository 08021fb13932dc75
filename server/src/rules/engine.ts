// Runs the rules over the network pictures: each rule in isolation (a rule that throws is logged and the others
// still report), with the configured severities and options, merging the count/for_each instances of one block that
// give the same finding at the same place, then applying ignore annotations.
//
// `lintWorkspace` is the one entry the analysis facade calls.

import type { FunctionPicture } from '../network/types';
import type { Workspace } from '../terraform/model';
import { blockAddress, type Draft, type ParsedFile, type Rule, type RuleContext, type RuleOptions } from './context';
import { ruleChecks, ruleById } from './registry';
import { applySuppressions } from './suppress';
import type { Finding, RelatedLocation, RuleMeta, Severity, SeveritySetting } from './types';
import { meta as unusedIgnoreMeta } from './unused_ignore';

/** The rule settings of the configuration (the subset of `AnalysisOptions` the rules read). */
export interface LintOptions {
  /** Severity per rule id, or an object with the severity and the rule's options (`minAzs`, `eniBudget`). */
  rules?: Record<string, SeveritySetting | { severity?: SeveritySetting; [option: string]: unknown }>;
  minAzs?: number;
  eniBudget?: number;
  reportUnusedIgnores?: boolean;
}

/** Where internal problems go (a rule that threw). Never stdout. */
export type RuleLogger = (message: string) => void;

export interface EngineContext {
  workspace?: Workspace;
  /** Parsed files: for report locations, fix builders, syntax errors and ignore annotations. */
  files: readonly ParsedFile[];
  options?: LintOptions;
  log?: RuleLogger;
  /** The rules to run (default: every registered rule). */
  rules?: readonly Rule[];
}

export interface LintInput {
  workspace?: Workspace;
  pictures: readonly FunctionPicture[];
  files: readonly ParsedFile[];
}

const DEFAULTS: RuleOptions = { minAzs: 2, eniBudget: 350 };

/** The configured severity of a rule: its setting (a bare severity or `{ severity }`), else its default. */
export function severityOf(options: LintOptions, meta: RuleMeta): Severity | 'off' {
  const s = options.rules?.[meta.id];
  const v = typeof s === 'string' ? s : s?.severity;
  return v === 'off' || v === 'info' || v === 'warning' || v === 'error' ? v : meta.defaultSeverity;
}

/** A positive integer option, or undefined when the value is anything else. */
function positiveInt(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : undefined;
}

/** A rule option: the rule's own setting (`rules.<id>.<name>`), else the top-level one, else the default. */
function ruleOption(options: LintOptions, rule: string, name: 'minAzs' | 'eniBudget'): number {
  const s = options.rules?.[rule];
  const own = typeof s === 'object' && s !== null ? positiveInt(s[name]) : undefined;
  return own ?? positiveInt(options[name]) ?? DEFAULTS[name];
}

export function resolveOptions(options: LintOptions): RuleOptions {
  return {
    minAzs: ruleOption(options, 'aws_lambda_vpc_single_az', 'minAzs'),
    eniBudget: ruleOption(options, 'aws_lambda_vpc_eni_quota', 'eniBudget'),
  };
}

/**
 * Findings of every rule that is not off, before suppression. Instances of one block (count, for_each, module
 * instances) with the same finding at the same place are merged into one finding with `instances`.
 */
export function runRules(pictures: readonly FunctionPicture[], ctx: EngineContext): Finding[] {
  const options = ctx.options ?? {};
  const log = ctx.log ?? ((): void => undefined);
  const byPath = new Map(ctx.files.map((f) => [f.file.path, f.file]));
  const ruleCtx: RuleContext = {
    pictures,
    workspace: ctx.workspace,
    file: (path) => byPath.get(path),
    files: [...ctx.files].sort((a, b) => (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0)),
    options: resolveOptions(options),
    log,
  };
  const out: Finding[] = [];
  for (const rule of ctx.rules ?? ruleChecks) {
    const severity = severityOf(options, rule.meta);
    if (severity === 'off') continue;
    let drafts: Draft[];
    try {
      drafts = rule.check(ruleCtx);
    } catch (err) {
      log(`rule ${rule.meta.id} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      continue;
    }
    out.push(...mergeInstances(drafts, severity));
  }
  return out;
}

/** The analysis of one workspace: rules, merged instances, suppression and unused ignores, in report order. */
export function lintWorkspace(input: LintInput, options: LintOptions = {}, log?: RuleLogger): Finding[] {
  const findings = runRules(input.pictures, { workspace: input.workspace, files: input.files, options, log });
  const { findings: kept } = applySuppressions(
    findings,
    input.files.map((f) => f.file),
    {
      reportUnused: options.reportUnusedIgnores === true,
      unusedSeverity: severityOf(options, unusedIgnoreMeta),
      isOn: (id) => {
        const meta = ruleById(id);
        return meta !== undefined && severityOf(options, meta) !== 'off';
      },
    },
  );
  return sortFindings(kept);
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...findings].sort(
    (a, b) => cmp(a.file, b.file) || a.span.start - b.span.start || a.span.end - b.span.end || cmp(a.rule, b.rule) || cmp(a.message, b.message),
  );
}

// ---------------------------------------------------------------------------
// Instances

function mergeInstances(drafts: Draft[], severity: Severity): Finding[] {
  const groups = new Map<string, Draft[]>();
  for (const d of drafts) {
    const key = [d.rule, d.file, d.span.start, d.span.end, d.message].join('\u0000');
    const g = groups.get(key);
    if (g) g.push(d);
    else groups.set(key, [d]);
  }
  const out: Finding[] = [];
  for (const group of groups.values()) {
    const first = group[0];
    const resources = [...new Set(group.map((d) => d.resource).filter((r): r is string => r !== undefined))];
    const n = Math.max(resources.length, 1);
    const finding: Finding = { ...first, severity, related: mergeRelated(group) };
    if (n > 1) {
      finding.instances = n;
      finding.message = `${first.message} (${n} instances)`;
      finding.resource = blockAddress(resources[0]);
      // A fix is shared only when every instance proposes the very same edits.
      const fixes = JSON.stringify(first.fixes);
      if (!group.every((d) => JSON.stringify(d.fixes) === fixes)) finding.fixes = [];
    } else if (first.resource !== undefined && blockAddress(first.resource) !== first.resource && !first.resource.includes('[*]')) {
      // One keyed instance (an instance of unknown expansion, `[*]`, stands for the block itself).
      finding.message = `${first.message} (instance ${first.resource})`;
    }
    out.push(finding);
  }
  return out;
}

function mergeRelated(group: Draft[]): RelatedLocation[] {
  const seen = new Set<string>();
  const out: RelatedLocation[] = [];
  for (const d of group) {
    for (const r of d.related) {
      const k = `${r.file}\u0000${r.span.start}\u0000${r.span.end}\u0000${r.message}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(r);
    }
  }
  return out;
}
