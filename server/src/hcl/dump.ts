// A stable, reviewable text dump of a syntax tree, for golden tests (test-fixtures/hcl/*.ast).
//
// One node per line, indented by depth: `role: Kind details @span`. Spans print as
// `@L:C-L:C`, 1-based lines and columns (columns in UTF-16 code units), so they can be
// checked against an editor. Strings print JSON-escaped. Comments and diagnostics follow
// the tree.

import type { Body, ConfigFile, Expr, HclDiagnostic, Span, TemplatePart } from './ast';
import type { LineIndex } from './source';

/** Dumps `file` (and, when given, its diagnostics). */
export function dumpTree(file: ConfigFile, diagnostics?: HclDiagnostic[]): string {
  const d = new Dumper(file.lineIndex);
  d.line(0, `File ${JSON.stringify(file.path)} syntax=${file.syntax} ${d.at(file.body.span)}`);
  d.body(1, '', file.body);
  if (file.comments.length > 0) {
    d.line(0, 'Comments');
    for (const c of file.comments) d.line(1, `${c.style} ${JSON.stringify(c.text)} ${d.at(c.span)}`);
  }
  if (diagnostics !== undefined && diagnostics.length > 0) {
    d.line(0, 'Diagnostics');
    for (const g of diagnostics) {
      d.line(1, `${g.severity} ${d.at(g.span)} ${g.summary}${g.detail ? ` — ${g.detail.replace(/\n/g, '\\n')}` : ''}`);
    }
  }
  return d.out.join('\n') + '\n';
}

class Dumper {
  readonly out: string[] = [];

  constructor(private readonly lines: LineIndex) {}

  line(depth: number, s: string): void {
    this.out.push('  '.repeat(depth) + s);
  }

  at(s: Span): string {
    const a = this.lines.position(s.start);
    const b = this.lines.position(s.end);
    return `@${a.line + 1}:${a.character + 1}-${b.line + 1}:${b.character + 1}`;
  }

  body(depth: number, role: string, body: Body): void {
    this.line(depth, `${role}Body ${this.at(body.span)}`);
    for (const item of body.items) {
      if (item.kind === 'Attribute') {
        this.line(
          depth + 1,
          `Attribute ${item.name.name} ${this.at(item.span)} name=${this.at(item.name.span)} eq=${this.at(item.equals)}`,
        );
        this.expr(depth + 2, '', item.expr);
      } else {
        const close = item.close ? this.at(item.close) : 'unclosed';
        this.line(
          depth + 1,
          `Block ${item.type.name} ${this.at(item.span)} type=${this.at(item.type.span)} open=${this.at(item.open)} close=${close}`,
        );
        for (const l of item.labels) {
          this.line(depth + 2, `Label ${JSON.stringify(l.value)} ${l.quoted ? 'quoted' : 'bare'} ${this.at(l.span)}`);
        }
        this.body(depth + 2, '', item.body);
      }
    }
  }

  expr(depth: number, role: string, e: Expr): void {
    const at = this.at(e.span);
    switch (e.kind) {
      case 'Literal':
        this.line(depth, `${role}Literal ${e.raw} ${at}`);
        return;
      case 'Template': {
        const h = e.heredoc
          ? ` heredoc=${e.heredoc.indented ? '<<-' : '<<'}${e.heredoc.marker} marker=${this.at(e.heredoc.markerSpan)}`
          : '';
        this.line(depth, `${role}Template ${at}${h}`);
        this.parts(depth + 1, e.parts);
        return;
      }
      case 'Tuple':
        this.line(depth, `${role}Tuple ${at}`);
        for (const x of e.elements) this.expr(depth + 1, '', x);
        return;
      case 'Object':
        this.line(depth, `${role}Object ${at}`);
        for (const it of e.items) {
          this.line(depth + 1, `Item ${this.at(it.span)} sep=${this.at(it.sep)}`);
          this.expr(depth + 2, 'key: ', it.key);
          this.expr(depth + 2, 'value: ', it.value);
        }
        return;
      case 'Variable':
        this.line(depth, `${role}Variable ${e.name} ${at}`);
        return;
      case 'GetAttr':
        this.line(depth, `${role}GetAttr .${e.name.name} ${at} name=${this.at(e.name.span)}`);
        this.expr(depth + 1, '', e.object);
        return;
      case 'Index':
        this.line(depth, `${role}Index${e.legacy ? ' legacy' : ''} ${at}`);
        this.expr(depth + 1, '', e.object);
        this.expr(depth + 1, 'key: ', e.key);
        return;
      case 'Splat':
        this.line(depth, `${role}Splat ${e.style} ${at} marker=${this.at(e.splatSpan)}`);
        this.expr(depth + 1, 'source: ', e.source);
        if (e.each) this.expr(depth + 1, 'each: ', e.each);
        return;
      case 'AnonSymbol':
        this.line(depth, `${role}AnonSymbol ${at}`);
        return;
      case 'FunctionCall':
        this.line(
          depth,
          `${role}FunctionCall ${e.name.name}${e.expandFinal ? ' expand' : ''} ${at} name=${this.at(e.name.span)} open=${this.at(e.open)} close=${e.close ? this.at(e.close) : 'unclosed'}`,
        );
        for (const a of e.args) this.expr(depth + 1, '', a);
        return;
      case 'Conditional':
        this.line(depth, `${role}Conditional ${at}`);
        this.expr(depth + 1, 'cond: ', e.cond);
        this.expr(depth + 1, 'then: ', e.then);
        this.expr(depth + 1, 'else: ', e.else);
        return;
      case 'Binary':
        this.line(depth, `${role}Binary ${e.op} ${at} op=${this.at(e.opSpan)}`);
        this.expr(depth + 1, '', e.left);
        this.expr(depth + 1, '', e.right);
        return;
      case 'Unary':
        this.line(depth, `${role}Unary ${e.op} ${at}`);
        this.expr(depth + 1, '', e.operand);
        return;
      case 'Parens':
        this.line(depth, `${role}Parens ${at}`);
        this.expr(depth + 1, '', e.expr);
        return;
      case 'For': {
        const vars = `${e.keyVar ? `${e.keyVar.name}${this.at(e.keyVar.span)}, ` : ''}${e.valVar.name}${this.at(e.valVar.span)}`;
        this.line(depth, `${role}For ${e.isObject ? 'object' : 'tuple'}${e.group ? ' group' : ''} ${vars} ${at}`);
        this.expr(depth + 1, 'coll: ', e.coll);
        if (e.keyExpr) this.expr(depth + 1, 'key: ', e.keyExpr);
        this.expr(depth + 1, 'value: ', e.valExpr);
        if (e.cond) this.expr(depth + 1, 'if: ', e.cond);
        return;
      }
      case 'Invalid':
        this.line(depth, `${role}Invalid ${at}`);
        return;
    }
  }

  parts(depth: number, parts: TemplatePart[]): void {
    for (const p of parts) {
      const at = this.at(p.span);
      switch (p.kind) {
        case 'TemplateLiteral':
          this.line(depth, `TemplateLiteral ${JSON.stringify(p.value)} ${at}`);
          break;
        case 'TemplateInterp': {
          const strip = p.stripLeft || p.stripRight ? ` strip=${p.stripLeft ? '~' : ''}|${p.stripRight ? '~' : ''}` : '';
          this.line(depth, `TemplateInterp ${at}${strip}`);
          this.expr(depth + 1, '', p.expr);
          break;
        }
        case 'TemplateIf':
          this.line(
            depth,
            `TemplateIf ${at} if=${this.at(p.ifSpan)} else=${p.elseSpan ? this.at(p.elseSpan) : '-'} end=${p.endSpan ? this.at(p.endSpan) : 'unclosed'}`,
          );
          this.expr(depth + 1, 'cond: ', p.cond);
          this.line(depth + 1, 'then:');
          this.parts(depth + 2, p.then);
          if (p.else) {
            this.line(depth + 1, 'else:');
            this.parts(depth + 2, p.else);
          }
          break;
        case 'TemplateFor': {
          const vars = `${p.keyVar ? `${p.keyVar.name}${this.at(p.keyVar.span)}, ` : ''}${p.valVar.name}${this.at(p.valVar.span)}`;
          this.line(depth, `TemplateFor ${vars} ${at} for=${this.at(p.forSpan)} end=${p.endSpan ? this.at(p.endSpan) : 'unclosed'}`);
          this.expr(depth + 1, 'coll: ', p.coll);
          this.line(depth + 1, 'body:');
          this.parts(depth + 2, p.body);
          break;
        }
      }
    }
  }
}
