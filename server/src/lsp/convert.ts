// The only place where the core's positions and names become LSP ones: Span → Range,
// Finding → Diagnostic, core TextEdit → LSP edit, POSIX path ↔ `file:` URI.
//
// Offsets are UTF-16 code units on both sides (the LSP default position encoding), so a
// position is the core's line/column, with one exception: editors drop a UTF-8 BOM from the
// document text, while the FileHost keeps it as U+FEFF. Line 0 of a disk text that starts with
// a BOM is therefore shifted by one column here.

import {
  DiagnosticSeverity,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type Position as LspPosition,
  type Range,
} from 'vscode-languageserver';
import type { Position, Span } from '../hcl/source';
import { LineIndex } from '../hcl/source';
import type { Finding, Severity } from '../rules/types';
import { docsUrl } from '../rules/types';

export const SOURCE = 'lambda-vpc-lint';

/** Maps one file's offsets to LSP positions (and back). */
export class PositionMapper {
  readonly lineIndex: LineIndex;
  /** The text starts with U+FEFF, which the editor does not show. */
  private readonly bom: boolean;

  /** `lineIndex`, when given, must be the text's (a parsed file has one). */
  constructor(readonly text: string, lineIndex?: LineIndex) {
    this.lineIndex = lineIndex ?? new LineIndex(text);
    this.bom = text.charCodeAt(0) === 0xfeff;
  }

  position(offset: number): LspPosition {
    const p = this.lineIndex.position(offset);
    if (this.bom && p.line === 0) return { line: 0, character: Math.max(0, p.character - 1) };
    return p;
  }

  range(s: Span): Range {
    return { start: this.position(s.start), end: this.position(s.end) };
  }

  offset(p: LspPosition): number {
    const pos: Position = this.bom && p.line === 0 ? { line: 0, character: p.character + 1 } : p;
    return this.lineIndex.offset(pos);
  }
}

// ---------------------------------------------------------------------------
// Paths and URIs

/**
 * The core path of a `file:` URI (absolute, POSIX-style; a Windows drive stays as `/c:/...`),
 * or undefined for other schemes.
 */
export function uriToPath(uri: string): string | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  if (url.protocol === 'untitled:') return untitledPath(url.pathname);
  if (url.protocol !== 'file:') return undefined;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
  // Lower-case drive letters so that `file:///C%3A/x` and `file:///c:/x` name one file.
  if (/^\/[A-Za-z]:/.test(path)) path = '/' + path[1].toLowerCase() + path.slice(2);
  if (url.host !== '') path = `//${url.host}${path}`;
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/** Where untitled documents live: a directory of their own each, which no disk has (see untitledPath). */
export const UNTITLED_ROOT = '/untitled:';

/**
 * An untitled document (`untitled:Untitled-1`, a new file not saved yet) as a core path: `main.tf` in a directory of
 * its own under UNTITLED_ROOT, so that it is analysed as a module of one file. Only open documents are read there (the
 * disk has no such directory), and the document keeps its own URI in everything published.
 */
function untitledPath(name: string): string | undefined {
  if (name === '') return undefined;
  return `${UNTITLED_ROOT}/${encodeURIComponent(name)}/main.tf`;
}

/** The canonical `file:` URI of a core path (VS Code's spelling: each segment percent-encoded). */
export function pathToUri(path: string): string {
  const encoded = path
    .split('/')
    .map((seg, i) => (i === 1 && /^[a-z]:$/i.test(seg) ? seg[0].toLowerCase() + '%3A' : encodeURIComponent(seg)))
    .join('/');
  return path.startsWith('//') ? 'file:' + encoded : 'file://' + encoded;
}

// ---------------------------------------------------------------------------
// Findings → diagnostics

/** One edit of a fix, already in LSP terms. `version` is the document version the range belongs to (null: the disk text). */
export interface EditData {
  uri: string;
  version: number | null;
  range: Range;
  newText: string;
}

export interface FixData {
  title: string;
  safe: boolean;
  edits: EditData[];
}

/** What code actions need, carried in `Diagnostic.data` (the client hands it back unchanged). */
export interface DiagnosticData {
  rule: string;
  resource?: string;
  instances?: number;
  fixes: FixData[];
}

/** Everything the conversion needs to know about the files a finding mentions. */
export interface ConvertContext {
  /** The mapper for a file's text as analysed, or undefined when it could not be read. */
  mapper(path: string): PositionMapper | undefined;
  /** The URI to show for a path (the client's own spelling for open documents). */
  uri(path: string): string;
  /** The version of the open document a path was read from, or null when it came from disk. */
  version(path: string): number | null;
  /** The docs URL of a rule (from the registry). */
  docsUrl?(rule: string): string | undefined;
  /** The client shows `relatedInformation`; otherwise the evidence is appended to the message. */
  relatedInformation: boolean;
}

export function toLspSeverity(s: Severity): DiagnosticSeverity {
  switch (s) {
    case 'error':
      return DiagnosticSeverity.Error;
    case 'warning':
      return DiagnosticSeverity.Warning;
    case 'info':
      return DiagnosticSeverity.Information;
  }
}

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function rangeIn(ctx: ConvertContext, path: string, s: Span): Range {
  return ctx.mapper(path)?.range(s) ?? ZERO;
}

export function toDiagnostic(f: Finding, ctx: ConvertContext): Diagnostic {
  const related: DiagnosticRelatedInformation[] = f.related.map((r) => ({
    location: { uri: ctx.uri(r.file), range: rangeIn(ctx, r.file, r.span) },
    message: r.message,
  }));
  let message = f.message;
  if (!ctx.relatedInformation && related.length > 0) {
    const lines = related.map((r, i) => {
      const file = f.related[i].file.slice(f.related[i].file.lastIndexOf('/') + 1);
      return `  ${file}:${r.location.range.start.line + 1}: ${r.message}`;
    });
    message += '\nEvidence:\n' + lines.join('\n');
  }
  const data: DiagnosticData = {
    rule: f.rule,
    fixes: f.fixes.map((fix) => ({
      title: fix.title,
      safe: fix.safe,
      edits: fix.edits.map((e) => ({
        uri: ctx.uri(e.file),
        version: ctx.version(e.file),
        range: rangeIn(ctx, e.file, e.span),
        newText: e.newText,
      })),
    })),
  };
  if (f.resource !== undefined) data.resource = f.resource;
  if (f.instances !== undefined && f.instances > 1) data.instances = f.instances;
  const d: Diagnostic = {
    range: rangeIn(ctx, f.file, f.span),
    severity: toLspSeverity(f.severity),
    code: f.rule,
    codeDescription: { href: ctx.docsUrl?.(f.rule) ?? docsUrl(f.rule) },
    source: SOURCE,
    message,
    data,
  };
  if (ctx.relatedInformation && related.length > 0) d.relatedInformation = related;
  return d;
}

/** The data of one of our diagnostics, or undefined for anyone else's (or a mangled one). */
export function diagnosticData(d: Diagnostic): DiagnosticData | undefined {
  if (d.source !== SOURCE) return undefined;
  const data = d.data as Partial<DiagnosticData> | undefined;
  if (!data || typeof data.rule !== 'string' || !Array.isArray(data.fixes)) return undefined;
  return data as DiagnosticData;
}

/** Orders diagnostics by position, then rule. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.range.end.line - b.range.end.line ||
    a.range.end.character - b.range.end.character ||
    String(a.code).localeCompare(String(b.code)) ||
    messageText(a).localeCompare(messageText(b))
  );
}

/** A diagnostic's message as plain text (LSP 3.18 also allows markup). */
export function messageText(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}
