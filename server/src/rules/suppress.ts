// Ignore annotations (tflint's syntax, our name):
//   # lambda-vpc-lint-ignore: rule_a, rule_b # reason     (or `//`): findings starting on this line or the next
//   # lambda-vpc-lint-ignore-file: rule_a                  among the file's leading comments: the whole file
//   "//": "lambda-vpc-lint-ignore-file: rule_a"            a top-level "//" property of a .tf.json file
// `all` matches every rule. A "//" property inside a .tf.json body works like a line comment. Annotations that
// match no finding are reported as `unused_ignore` (when `reportUnusedIgnores` is on), with a fix that removes them.

import type { Comment, ConfigFile } from '../hcl/ast';
import type { Span } from '../hcl/source';
import { ruleById } from './registry';
import type { Finding, Fix, Severity } from './types';
import { meta as unusedMeta } from './unused_ignore';
import { format } from './context';
import { FileEditor, lineEndAt, lineStartAt } from './fixes';

export const IGNORE_MARKER = 'lambda-vpc-lint-ignore';

export interface IgnoreToken {
  /** A rule id, `all`, or whatever else was written (reported as unknown). */
  id: string;
  /** The token in the file (native syntax only; JSON strings have escapes, so no spans there). */
  span?: Span;
}

export interface IgnoreAnnotation {
  file: string;
  comment: Comment;
  scope: 'line' | 'file';
  /** The zero-based line the comment starts on. */
  line: number;
  tokens: IgnoreToken[];
  /** Set for a file annotation that is not among the leading comments, which therefore applies to nothing. */
  misplaced?: boolean;
}

const ANNOTATION = /^(\s*)lambda-vpc-lint-ignore(-file)?\s*:/;

/** The ignore annotations of a file, in source order. */
export function annotationsOf(file: ConfigFile): IgnoreAnnotation[] {
  const out: IgnoreAnnotation[] = [];
  const firstItem = file.body.items[0]?.span.start ?? Number.MAX_SAFE_INTEGER;
  for (const c of file.comments) {
    if (c.style === '/*') continue;
    const m = ANNOTATION.exec(c.text);
    if (!m) continue;
    const scope = m[2] ? 'file' : 'line';
    // The rule list ends at a `#` or `//` that starts the reason.
    const rest = c.text.slice(m[0].length);
    const cut = /#|\/\//.exec(rest);
    const list = cut ? rest.slice(0, cut.index) : rest;
    // Offsets of the comment text in the file: after the marker (`#`, `//`) for native comments.
    const textStart = file.syntax === 'hcl' ? c.span.start + c.style.length : undefined;
    const tokens: IgnoreToken[] = [];
    const re = /[^\s,]+/g;
    for (let t = re.exec(list); t; t = re.exec(list)) {
      const token: IgnoreToken = { id: t[0] };
      if (textStart !== undefined) token.span = { start: textStart + m[0].length + t.index, end: textStart + m[0].length + t.index + t[0].length };
      tokens.push(token);
    }
    const a: IgnoreAnnotation = { file: file.path, comment: c, scope, line: file.lineIndex.position(c.span.start).line, tokens };
    if (scope === 'file' && !leading(file, c, firstItem)) a.misplaced = true;
    out.push(a);
  }
  return out;
}

/** Native syntax: before the first item. JSON: a "//" property of the root object (not inside any item). */
function leading(file: ConfigFile, c: Comment, firstItem: number): boolean {
  if (file.syntax === 'hcl') return c.span.end <= firstItem;
  return !file.body.items.some((i) => i.span.start <= c.span.start && c.span.end <= i.span.end);
}

function matches(token: IgnoreToken, rule: string): boolean {
  return token.id === 'all' || token.id === rule;
}

export interface SuppressOptions {
  reportUnused: boolean;
  /** Severity of `unused_ignore` findings, or 'off'. */
  unusedSeverity: Severity | 'off';
  /** Whether a rule is switched on; ignores of rules that are off are never reported as unused. */
  isOn(rule: string): boolean;
}

export interface SuppressResult {
  findings: Finding[];
  suppressed: Finding[];
}

/**
 * Drops the findings an annotation matches and, when asked, reports the annotations (or their rule tokens) that
 * matched nothing. `files` are the parsed files the annotations are read from.
 */
export function applySuppressions(findings: readonly Finding[], files: readonly ConfigFile[], options: SuppressOptions): SuppressResult {
  const byFile = new Map<string, { file: ConfigFile; annotations: IgnoreAnnotation[] }>();
  for (const f of files) {
    const annotations = annotationsOf(f);
    if (annotations.length > 0) byFile.set(f.path, { file: f, annotations });
  }
  const used = new Set<IgnoreToken>();
  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const finding of findings) {
    const entry = byFile.get(finding.file);
    if (!entry) {
      kept.push(finding);
      continue;
    }
    const line = entry.file.lineIndex.position(finding.span.start).line;
    let hit = false;
    for (const a of entry.annotations) {
      if (a.misplaced) continue;
      if (a.scope === 'line' && line !== a.line && line !== a.line + 1) continue;
      for (const t of a.tokens) {
        if (!matches(t, finding.rule)) continue;
        used.add(t);
        hit = true;
      }
    }
    (hit ? suppressed : kept).push(finding);
  }
  if (!options.reportUnused || options.unusedSeverity === 'off') return { findings: kept, suppressed };

  for (const { file, annotations } of byFile.values()) {
    for (const a of annotations) {
      const unused = a.tokens.filter((t) => !used.has(t) && !(known(t.id) && t.id !== 'all' && !options.isOn(t.id)));
      if (unused.length === 0 && a.tokens.length > 0) continue;
      const finding = unusedFinding(file, a, unused, options.unusedSeverity);
      // An unused-ignore finding is silenced only by a file annotation that names it.
      const silenced = annotations.some((o) => o.scope === 'file' && !o.misplaced && o.tokens.some((t) => t.id === unusedMeta.id));
      (silenced ? suppressed : kept).push(finding);
    }
  }
  return { findings: kept, suppressed };
}

function known(id: string): boolean {
  return id === 'all' || ruleById(id) !== undefined;
}

function unusedFinding(file: ConfigFile, a: IgnoreAnnotation, unused: IgnoreToken[], severity: Severity): Finding {
  const m = unusedMeta.messages;
  const parts: string[] = [];
  if (a.tokens.length === 0) parts.push(m.empty);
  if (a.misplaced) parts.push(m.misplaced);
  const unknown = unused.filter((t) => !known(t.id)).map((t) => `"${t.id}"`);
  const unmatched = unused.filter((t) => known(t.id)).map((t) => t.id);
  if (!a.misplaced && unmatched.length > 0) parts.push(format(m.default, { rules: unmatched.join(', ') }));
  if (unknown.length > 0) parts.push(format(m.unknown, { rules: unknown.join(', ') }));
  const fix = removalFix(file, a, unused);
  return {
    rule: unusedMeta.id,
    severity,
    message: parts.join(' '),
    file: file.path,
    span: a.comment.span,
    related: [],
    fixes: fix ? [fix] : [],
  };
}

/**
 * Removes the unused tokens, or the whole annotation when nothing in it is used: the comment's line when the
 * comment is alone on it, else the comment and the space before it. Native syntax only.
 */
function removalFix(file: ConfigFile, a: IgnoreAnnotation, unused: IgnoreToken[]): Fix | undefined {
  const ed = FileEditor.for(file);
  if (!ed) return undefined;
  const text = file.text;
  const all = a.misplaced || unused.length === a.tokens.length;
  if (all) {
    const c = a.comment.span;
    const lineStart = lineStartAt(text, c.start);
    const alone = text.slice(lineStart, c.start).trim() === '';
    let span: Span;
    if (alone) {
      let end = lineEndAt(text, c.end);
      end += text.startsWith('\r\n', end) ? 2 : end < text.length ? 1 : 0;
      span = { start: lineStart, end };
    } else {
      let start = c.start;
      while (start > lineStart && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
      span = { start, end: c.end };
    }
    return { title: 'Remove the unused ignore comment', safe: true, edits: [ed.replace(span, '')] };
  }
  // Keep the used tokens: rewrite the rule list between the first and the last token.
  const spans = a.tokens.map((t) => t.span);
  if (spans.some((s) => s === undefined)) return undefined;
  const first = (spans[0] as Span).start;
  const last = (spans[spans.length - 1] as Span).end;
  const keep = a.tokens.filter((t) => !unused.includes(t)).map((t) => t.id);
  const names = unused.map((t) => t.id).join(', ');
  return { title: `Remove ${names} from the ignore comment`, safe: true, edits: [ed.replace({ start: first, end: last }, keep.join(', '))] };
}
