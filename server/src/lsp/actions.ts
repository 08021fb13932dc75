// Code actions for our diagnostics: each finding's fixes (the safe one preferred), "Ignore <rule>
// for this line", "Show documentation for <rule>", and the source action "Fix all safe problems in
// this file" (kind `source.fixAll.lambdaVpcLint`). Edits are versioned when the client allows it.

import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { ConfigFile } from '../hcl/ast';
import { annotationsOf, IGNORE_MARKER } from '../rules/suppress';
import { diagnosticData, PositionMapper, type EditData } from './convert';

export const FIX_ALL_KIND = 'source.fixAll.lambdaVpcLint';
export const OPEN_DOCS_COMMAND = 'lambdaVpcLint.openDocs';

export interface ActionContext {
  uri: string;
  /** The file's current text, parsed (undefined when it cannot be read). */
  file: ConfigFile | undefined;
  /** The open document's version (null when the file is not open). */
  version: number | null;
  /** The client accepts `documentChanges` (versioned edits). */
  documentChanges: boolean;
  /** Our diagnostics last published for the file (for fix-all). */
  published: Diagnostic[];
}

/** Whether an action of `kind` was asked for (`only` absent: all were). */
function wanted(kind: string, only: string[] | undefined): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
}

export function codeActions(params: CodeActionParams, ctx: ActionContext): CodeAction[] {
  const only = params.context.only;
  const actions: CodeAction[] = [];
  if (wanted(CodeActionKind.QuickFix, only)) {
    const ignored = new Set<string>();
    const documented = new Set<string>();
    for (const d of params.context.diagnostics) {
      const data = diagnosticData(d);
      if (!data) continue;
      const safeCount = data.fixes.filter((f) => f.safe).length;
      for (const fix of data.fixes) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          isPreferred: fix.safe && safeCount === 1,
          edit: workspaceEdit(fix.edits, ctx.documentChanges),
        });
      }
      const line = d.range.start.line;
      const ignoreKey = `${data.rule}|${line}`;
      if (!ignored.has(ignoreKey)) {
        ignored.add(ignoreKey);
        const edit = ctx.file && ignoreEdit(ctx.file, line, data.rule);
        if (edit) {
          actions.push({
            title: `Ignore ${data.rule} for this line`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [d],
            edit: workspaceEdit([{ uri: ctx.uri, version: ctx.version, ...edit }], ctx.documentChanges),
          });
        }
      }
      const href = d.codeDescription?.href;
      if (href && !documented.has(data.rule)) {
        documented.add(data.rule);
        actions.push({
          title: `Show documentation for ${data.rule}`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          command: { title: `Show documentation for ${data.rule}`, command: OPEN_DOCS_COMMAND, arguments: [href] },
        });
      }
    }
  }
  if (wanted(FIX_ALL_KIND, only)) {
    const all = fixAll(ctx.published);
    if (all.length > 0) {
      actions.push({ title: 'Fix all safe problems in this file', kind: FIX_ALL_KIND, edit: workspaceEdit(all, ctx.documentChanges) });
    }
  }
  return actions;
}

/** The edits of every safe fix, leaving out any fix that overlaps one already taken. */
function fixAll(diagnostics: Diagnostic[]): EditData[] {
  const taken: EditData[] = [];
  for (const d of diagnostics) {
    const data = diagnosticData(d);
    const fix = data?.fixes.find((f) => f.safe);
    if (!fix) continue;
    if (fix.edits.some((e) => taken.some((t) => t.uri === e.uri && overlaps(t, e)))) continue;
    taken.push(...fix.edits);
  }
  return taken;
}

type Pos = { line: number; character: number };

function cmp(a: Pos, b: Pos): number {
  return a.line - b.line || a.character - b.character;
}

/** Two edits conflict when their ranges overlap, or both insert at one point (their order would be arbitrary). */
function overlaps(a: EditData, b: EditData): boolean {
  if (cmp(a.range.start, b.range.end) < 0 && cmp(b.range.start, a.range.end) < 0) return true;
  const empty = (e: EditData): boolean => cmp(e.range.start, e.range.end) === 0;
  return empty(a) && empty(b) && cmp(a.range.start, b.range.start) === 0;
}

/** Edits grouped per document: versioned `documentChanges` when the client takes them, else `changes`. */
export function workspaceEdit(edits: EditData[], documentChanges: boolean): WorkspaceEdit {
  const byUri = new Map<string, { version: number | null; edits: LspTextEdit[] }>();
  for (const e of edits) {
    let entry = byUri.get(e.uri);
    if (!entry) byUri.set(e.uri, (entry = { version: e.version, edits: [] }));
    entry.edits.push({ range: e.range, newText: e.newText });
  }
  if (documentChanges) {
    return { documentChanges: [...byUri].map(([uri, v]) => ({ textDocument: { uri, version: v.version }, edits: v.edits })) };
  }
  const changes: Record<string, LspTextEdit[]> = {};
  for (const [uri, v] of byUri) changes[uri] = v.edits;
  return { changes };
}

/**
 * The edit that silences `rule` on `line` (an ignore annotation of rules/suppress.ts, which covers
 * findings starting on its own line or the next): the rule added to an annotation that already
 * stands alone on the line above, or else `# lambda-vpc-lint-ignore: <rule>` inserted above the
 * line with its indentation (`//` in files whose comments are mostly `//`). Undefined for JSON
 * files (no comments), and where a new line would change the configuration (inside a heredoc or
 * a block comment).
 */
export function ignoreEdit(file: ConfigFile, line: number, rule: string): Omit<EditData, 'uri' | 'version'> | undefined {
  if (file.syntax !== 'hcl') return undefined;
  const mapper = new PositionMapper(file.text, file.lineIndex);
  const start = mapper.offset({ line, character: 0 });
  if (line > 0) {
    const above = annotationsOf(file).find((a) => a.scope === 'line' && a.line === line - 1 && a.tokens.length > 0);
    const last = above?.tokens[above.tokens.length - 1].span;
    if (above && last && /^[ \t]*$/.test(file.text.slice(mapper.offset({ line: line - 1, character: 0 }), above.comment.span.start))) {
      const at = mapper.position(last.end);
      return { range: { start: at, end: at }, newText: `, ${rule}` };
    }
  }
  if (insideMultiLine(file, start)) return undefined;
  const indent = /^[ \t]*/.exec(file.text.slice(start))?.[0] ?? '';
  const eol = /\r\n/.test(file.text) ? '\r\n' : '\n';
  const slashes = file.comments.filter((c) => c.style === '//').length;
  const marker = slashes > file.comments.filter((c) => c.style === '#').length ? '//' : '#';
  const at = mapper.position(start);
  return { range: { start: at, end: at }, newText: `${indent}${marker} ${IGNORE_MARKER}: ${rule}${eol}` };
}

/** Whether an offset at a line start lies strictly inside a heredoc or a block comment. */
function insideMultiLine(file: ConfigFile, offset: number): boolean {
  if (file.comments.some((c) => c.style === '/*' && c.span.start < offset && offset < c.span.end)) return true;
  let found = false;
  const visit = (node: unknown): void => {
    if (found || typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    const n = node as { kind?: string; span?: { start: number; end: number }; heredoc?: unknown };
    if (n.span && (offset <= n.span.start || offset >= n.span.end)) return;
    if (n.kind === 'Template' && n.heredoc) {
      found = true;
      return;
    }
    for (const [k, v] of Object.entries(node)) if (k !== 'span' && typeof v === 'object') visit(v);
  };
  visit(file.body.items);
  return found;
}
