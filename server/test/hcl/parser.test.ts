// Focused tests of the native HCL parser: spans of every named piece, operator precedence,
// literal values (escapes, strip markers, heredocs, NFC), recovery that keeps later top-level
// blocks, nesting limits, robustness on garbage, and LineIndex on CRLF/CR text.

import * as assert from 'node:assert/strict';
import type { Attribute, Block, BodyItem, ConfigFile, Expr, TemplateExpr, TemplatePart } from '../../src/hcl/ast';
import { blocks, findAttribute } from '../../src/hcl/ast';
import { MAX_DEPTH, parseExpression, parseNative, parseTemplate } from '../../src/hcl/parser';
import { LineIndex, type Span } from '../../src/hcl/source';

function parse(text: string) {
  return parseNative(text, '/w/main.tf');
}

function errors(text: string): string[] {
  return parse(text)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => d.summary);
}

/** The text under a span. */
function at(file: ConfigFile, s: Span | null | undefined): string {
  assert.ok(s, 'span expected');
  return file.text.slice(s.start, s.end);
}

function attr(file: ConfigFile, name: string): Attribute {
  const a = findAttribute(file.body, name);
  assert.ok(a, `attribute ${name}`);
  return a;
}

function expr(text: string): Expr {
  const r = parseExpression(text);
  assert.deepEqual(
    r.diagnostics.map((d) => d.summary),
    [],
    `errors in ${JSON.stringify(text)}`,
  );
  return r.expr;
}

/** An s-expression of the tree, for precedence tests. */
function sx(e: Expr): string {
  switch (e.kind) {
    case 'Literal':
      return e.raw;
    case 'Variable':
      return e.name;
    case 'Binary':
      return `(${e.op} ${sx(e.left)} ${sx(e.right)})`;
    case 'Unary':
      return `(${e.op === '-' ? 'neg' : '!'} ${sx(e.operand)})`;
    case 'Conditional':
      return `(? ${sx(e.cond)} ${sx(e.then)} ${sx(e.else)})`;
    case 'Parens':
      return `(paren ${sx(e.expr)})`;
    case 'GetAttr':
      return `(. ${sx(e.object)} ${e.name.name})`;
    case 'Index':
      return `(${e.legacy ? 'legacy' : 'index'} ${sx(e.object)} ${sx(e.key)})`;
    case 'Splat':
      return `(splat-${e.style} ${sx(e.source)}${e.each ? ` ${sx(e.each)}` : ''})`;
    case 'AnonSymbol':
      return '*';
    case 'FunctionCall':
      return `(call ${e.name.name}${e.args.map((a) => ` ${sx(a)}`).join('')}${e.expandFinal ? ' ...' : ''})`;
    case 'Tuple':
      return `[${e.elements.map(sx).join(' ')}]`;
    case 'Template':
      return `"${e.parts.map((p) => (p.kind === 'TemplateLiteral' ? p.value : p.kind === 'TemplateInterp' ? `\${${sx(p.expr)}}` : '%')).join('')}"`;
    default:
      return e.kind;
  }
}

function templateValue(parts: TemplatePart[]): string {
  return parts.map((p) => (p.kind === 'TemplateLiteral' ? p.value : `<${p.kind}>`)).join('');
}

function literalOf(file: ConfigFile, name: string): string {
  const e = attr(file, name).expr;
  assert.equal(e.kind, 'Template');
  return templateValue((e as TemplateExpr).parts);
}

describe('hcl native parser', () => {
  describe('spans', () => {
    it('attribute: name, equals and expression', () => {
      const r = parse('  region   =   var.region # comment\n');
      assert.deepEqual(r.diagnostics, []);
      const a = attr(r.file, 'region');
      assert.equal(at(r.file, a.name.span), 'region');
      assert.equal(at(r.file, a.equals), '=');
      assert.equal(at(r.file, a.expr.span), 'var.region');
      assert.equal(at(r.file, a.span), 'region   =   var.region');
    });

    it('block: type, quoted and bare labels, braces, body', () => {
      const r = parse('resource "aws_lambda_function" fn {\n  timeout = 3\n}\n');
      const b = r.file.body.items[0] as Block;
      assert.equal(b.kind, 'Block');
      assert.equal(at(r.file, b.type.span), 'resource');
      assert.deepEqual(
        b.labels.map((l) => [l.value, at(r.file, l.span), l.quoted]),
        [
          ['aws_lambda_function', '"aws_lambda_function"', true],
          ['fn', 'fn', false],
        ],
      );
      assert.equal(at(r.file, b.open), '{');
      assert.equal(at(r.file, b.close), '}');
      assert.equal(at(r.file, b.body.span), '\n  timeout = 3\n');
      assert.equal(at(r.file, b.span), r.file.text.trimEnd());
    });

    it('quoted labels are unescaped', () => {
      const r = parse('x "a\\"b\\u00e9" {}\n');
      assert.equal((r.file.body.items[0] as Block).labels[0].value, 'a"bé');
    });

    it('one-line block', () => {
      const r = parse('ingress { from_port = 443 }\n');
      assert.deepEqual(r.diagnostics, []);
      const b = r.file.body.items[0] as Block;
      assert.equal(at(r.file, b.body.span), ' from_port = 443 ');
      assert.equal(at(r.file, (b.body.items[0] as Attribute).span), 'from_port = 443');
    });

    it('template parts: literals, interpolations and directives', () => {
      const r = parse('a = "x-${var.env}%{ if y }!%{ else }?%{ endif }"\n');
      assert.deepEqual(r.diagnostics, []);
      const t = attr(r.file, 'a').expr as TemplateExpr;
      assert.equal(at(r.file, t.span), '"x-${var.env}%{ if y }!%{ else }?%{ endif }"');
      const [lit, interp, dir] = t.parts;
      assert.equal(lit.kind, 'TemplateLiteral');
      assert.equal(at(r.file, lit.span), 'x-');
      assert.equal(interp.kind, 'TemplateInterp');
      assert.equal(at(r.file, interp.span), '${var.env}');
      assert.equal(at(r.file, (interp as { expr: Expr }).expr.span), 'var.env');
      assert.equal(dir.kind, 'TemplateIf');
      if (dir.kind !== 'TemplateIf') return;
      assert.equal(at(r.file, dir.span), '%{ if y }!%{ else }?%{ endif }');
      assert.equal(at(r.file, dir.ifSpan), '%{ if y }');
      assert.equal(at(r.file, dir.elseSpan), '%{ else }');
      assert.equal(at(r.file, dir.endSpan), '%{ endif }');
      assert.equal(at(r.file, dir.cond.span), 'y');
      assert.equal(templateValue(dir.then), '!');
      assert.equal(templateValue(dir.else ?? []), '?');
    });

    it('template for directive', () => {
      const r = parse('a = "%{for k, v in m}${k}%{endfor}"\n');
      const d = (attr(r.file, 'a').expr as TemplateExpr).parts[0];
      assert.equal(d.kind, 'TemplateFor');
      if (d.kind !== 'TemplateFor') return;
      assert.equal(at(r.file, d.keyVar?.span), 'k');
      assert.equal(at(r.file, d.valVar.span), 'v');
      assert.equal(at(r.file, d.coll.span), 'm');
      assert.equal(at(r.file, d.forSpan), '%{for k, v in m}');
      assert.equal(at(r.file, d.endSpan), '%{endfor}');
    });

    it('heredoc: from << to the closing marker, marker span', () => {
      const r = parse('p = <<-EOT\n    {\n      "a": 1\n    }\n  EOT\nq = 1\n');
      assert.deepEqual(r.diagnostics, []);
      const t = attr(r.file, 'p').expr as TemplateExpr;
      assert.equal(at(r.file, t.span), '<<-EOT\n    {\n      "a": 1\n    }\n  EOT');
      assert.deepEqual(t.heredoc && { ...t.heredoc, markerSpan: at(r.file, t.heredoc.markerSpan) }, {
        marker: 'EOT',
        indented: true,
        markerSpan: 'EOT',
      });
      assert.equal(templateValue(t.parts), '{\n  "a": 1\n}\n');
      assert.ok(findAttribute(r.file.body, 'q'));
    });

    it('function call: namespaced name, parentheses, expansion', () => {
      const r = parse('a = provider::aws::arn_parse(x, y...)\n');
      const c = attr(r.file, 'a').expr;
      assert.equal(c.kind, 'FunctionCall');
      if (c.kind !== 'FunctionCall') return;
      assert.equal(c.name.name, 'provider::aws::arn_parse');
      assert.equal(at(r.file, c.name.span), 'provider::aws::arn_parse');
      assert.equal(at(r.file, c.open), '(');
      assert.equal(at(r.file, c.close), ')');
      assert.equal(c.expandFinal, true);
      assert.deepEqual(c.args.map((x) => at(r.file, x.span)), ['x', 'y']);
    });

    it('object items: key kinds and separators', () => {
      const r = parse('a = { name = 1, "q" : 2, (k) = 3 }\n');
      const o = attr(r.file, 'a').expr;
      assert.equal(o.kind, 'Object');
      if (o.kind !== 'Object') return;
      assert.deepEqual(
        o.items.map((i) => [i.key.kind, at(r.file, i.key.span), at(r.file, i.sep), at(r.file, i.span)]),
        [
          ['Variable', 'name', '=', 'name = 1'],
          ['Template', '"q"', ':', '"q" : 2'],
          ['Parens', '(k)', '=', '(k) = 3'],
        ],
      );
    });

    it('splats: marker spans and what the traversal covers', () => {
      assert.equal(sx(expr('a[*].b[0]')), '(splat-full a (index (. * b) 0))');
      assert.equal(sx(expr('a.*.b[0]')), '(index (splat-attr a (. * b)) 0)');
      assert.equal(sx(expr('a.*.b.0')), '(splat-attr a (legacy (. * b) 0))');
      assert.equal(sx(expr('a[*]')), '(splat-full a)');
      assert.equal(sx(expr('a.0.b')), '(. (legacy a 0) b)');
      const r = parse('x = a.b[*].c\n');
      const s = attr(r.file, 'x').expr;
      assert.equal(s.kind, 'Splat');
      if (s.kind !== 'Splat') return;
      assert.equal(at(r.file, s.splatSpan), '[*]');
      assert.equal(at(r.file, s.source.span), 'a.b');
      assert.equal(at(r.file, s.span), 'a.b[*].c');
    });

    it('comments: all styles, spans without line breaks, text without markers', () => {
      const r = parse('# one\r\na = 1 // two\n/* three\n */ b = 2\n');
      assert.deepEqual(
        r.file.comments.map((c) => [c.style, c.text, at(r.file, c.span)]),
        [
          ['#', ' one', '# one'],
          ['//', ' two', '// two'],
          ['/*', ' three\n ', '/* three\n */'],
        ],
      );
    });

    it('a byte order mark is skipped and offsets still index the text', () => {
      const r = parse('\ufeffa = "x"\n');
      assert.deepEqual(r.diagnostics, []);
      assert.equal(at(r.file, attr(r.file, 'a').name.span), 'a');
      assert.equal(r.file.text, '\ufeffa = "x"\n');
    });

    it('spans count UTF-16 code units', () => {
      const r = parse('a = "😀${x}"\n');
      const t = attr(r.file, 'a').expr as TemplateExpr;
      assert.equal(at(r.file, t.parts[0].span), '😀');
      assert.equal(at(r.file, t.parts[1].span), '${x}');
    });
  });

  describe('precedence and associativity (as hclsyntax/spec.md)', () => {
    const cases: Array<[string, string]> = [
      ['1 + 2 * 3', '(+ 1 (* 2 3))'],
      ['1 * 2 + 3', '(+ (* 1 2) 3)'],
      ['1 - 2 - 3', '(- (- 1 2) 3)'],
      ['x / y * z', '(* (/ x y) z)'],
      ['a % b * c', '(* (% a b) c)'],
      ['a || b && c', '(|| a (&& b c))'],
      ['a && b || c', '(|| (&& a b) c)'],
      ['a == b != c', '(!= (== a b) c)'],
      ['a == b < c', '(== a (< b c))'],
      ['a < b + c', '(< a (+ b c))'],
      ['a >= b && c <= d', '(&& (>= a b) (<= c d))'],
      ['-a + b', '(+ (neg a) b)'],
      ['-46+5', '(+ (neg 46) 5)'],
      ['-a.b[0]', '(neg (index (. a b) 0))'],
      ['!a == b', '(== (! a) b)'],
      ['- -1', '(neg (neg 1))'],
      ['(1 + 2) * 3', '(* (paren (+ 1 2)) 3)'],
      ['a ? b : c ? d : e', '(? a b (? c d e))'],
      ['a ? b ? c : d : e', '(? a (? b c d) e)'],
      ['a || b ? c : d', '(? (|| a b) c d)'],
      ['a ? b : c || d', '(? a b (|| c d))'],
      ['f(a + b)[0].c', '(. (index (call f (+ a b)) 0) c)'],
    ];
    for (const [src, want] of cases) it(src, () => assert.equal(sx(expr(src)), want));

    it('binary spans and operator spans', () => {
      const r = parse('x = a  +  b\n');
      const b = attr(r.file, 'x').expr;
      assert.equal(b.kind, 'Binary');
      if (b.kind !== 'Binary') return;
      assert.equal(at(r.file, b.span), 'a  +  b');
      assert.equal(at(r.file, b.opSpan), '+');
    });
  });

  describe('literal values', () => {
    it('numbers, bools, null', () => {
      const r = parse('a = 1.50\nb = 1e3\nc = true\nd = null\ne = 007\n');
      const lit = (n: string) => attr(r.file, n).expr;
      assert.deepEqual(lit('a'), { kind: 'Literal', span: { start: 4, end: 8 }, value: 1.5, raw: '1.50' });
      assert.equal((lit('b') as { value: number }).value, 1000);
      assert.equal((lit('c') as { value: boolean }).value, true);
      assert.equal((lit('d') as { value: null }).value, null);
      assert.equal((lit('e') as { value: number }).value, 7);
    });

    it('escapes', () => {
      const r = parse('a = "\\n\\r\\t\\"\\\\\\u00e9\\U0001F600$${x}%%{y}"\n');
      assert.deepEqual(r.diagnostics, []);
      assert.equal(literalOf(r.file, 'a'), '\n\r\t"\\é😀${x}%{y}');
    });

    it('invalid escapes are errors with the escape as range', () => {
      const r = parse('a = "x\\qy"\n');
      assert.deepEqual(
        r.diagnostics.map((d) => [d.summary, r.file.text.slice(d.span.start, d.span.end)]),
        [['Invalid escape sequence', '\\q']],
      );
      assert.deepEqual(errors('a = "\\u12"\n'), ['Invalid escape sequence']);
      assert.deepEqual(errors('a = "\\uD800"\n'), ['Invalid escape sequence']);
    });

    it('strip markers remove adjacent spaces from literals only', () => {
      const r = parse(
        [
          'a = "hello ${~ "world" }"',
          'b = "%{ if true ~}  hello  %{~ endif }"',
          'c = "${"hello" ~}${" world"}"',
          'd = "a \\n ${~x}"',
          '',
        ].join('\n'),
      );
      assert.deepEqual(r.diagnostics, []);
      const a = (attr(r.file, 'a').expr as TemplateExpr).parts;
      assert.equal((a[0] as { value: string }).value, 'hello');
      assert.equal((a[1] as { stripLeft: boolean }).stripLeft, true);
      const b = (attr(r.file, 'b').expr as TemplateExpr).parts[0];
      assert.equal(b.kind === 'TemplateIf' && templateValue(b.then), 'hello');
      const c = (attr(r.file, 'c').expr as TemplateExpr).parts;
      assert.equal(c.length, 2, 'values of interpolations are not stripped');
      assert.equal(templateValue((attr(r.file, 'd').expr as TemplateExpr).parts.slice(0, 1)), 'a');
    });

    it('<<- heredocs remove the smallest indentation of the lines', () => {
      const r = parse('a = <<-EOT\n    x\n      y\n\n    z\n  EOT\nb = <<EOT\n  kept\nEOT\n');
      assert.equal(literalOf(r.file, 'a'), 'x\n  y\n\nz\n');
      assert.equal(literalOf(r.file, 'b'), '  kept\n');
    });

    it('an interpolation at the start of a line stops indentation stripping (as in HCL)', () => {
      const r = parse('a = <<-EOT\n    x\n${y}\nEOT\n');
      assert.equal(literalOf(r.file, 'a'), '    x\n<TemplateInterp>\n');
    });

    it('string values are NFC-normalised, as go-cty does', () => {
      const r = parse('a = "e\u0301"\nb = "\\u0065\\u0301"\n');
      assert.equal(literalOf(r.file, 'a'), '\u00e9');
      assert.equal(literalOf(r.file, 'b'), '\u00e9');
    });

    it('an empty string is one empty literal', () => {
      const r = parse('a = ""\n');
      const t = attr(r.file, 'a').expr as TemplateExpr;
      assert.deepEqual(t.parts, [{ kind: 'TemplateLiteral', span: { start: 5, end: 5 }, value: '' }]);
    });
  });

  describe('diagnostics', () => {
    it('uses HCL summaries and exact ranges', () => {
      const cases: Array<[string, string, string]> = [
        ['a = 1 b = 2\n', 'Missing newline after argument', 'b'],
        ['a = 1, b = 2\n', 'Unexpected comma after argument', ','],
        ['a = [1 2]\n', 'Missing item separator', '2'],
        ['a = {x = 1 y = 2}\n', 'Missing attribute separator', 'y'],
        ['a = {x y}\n', 'Missing key/value separator', 'y'],
        ['a = f(1 2)\n', 'Missing argument separator', '2'],
        ['a = )\n', 'Invalid expression', ')'],
        ['a = 1;\n', 'Invalid character', ';'],
        ['a { b = 1, c = 2 }\n', 'Invalid single-argument block definition', ','],
        ['"a" = 1\n', 'Invalid argument name', '"'],
        ['a = "x\n', 'Invalid multi-line string', '\n'],
        ['a = 1.2.3\n', 'Invalid number literal', '1.2.3'],
      ];
      for (const [src, summary, under] of cases) {
        const r = parse(src);
        const d = r.diagnostics.find((x) => x.summary === summary);
        assert.ok(d, `${JSON.stringify(src)}: ${r.diagnostics.map((x) => x.summary).join(', ')}`);
        assert.equal(r.file.text.slice(d.span.start, d.span.end), under, JSON.stringify(src));
      }
    });

    it('an attribute set twice in one body is an error at the second name', () => {
      const r = parse('a = 1\nb { a = 2 }\na = 3\n');
      assert.equal(r.diagnostics.length, 1);
      const d = r.diagnostics[0];
      assert.equal(d.summary, 'Attribute redefined');
      assert.equal(d.detail, 'The argument "a" was already set at /w/main.tf:1,1-2. Each argument may be set only once.');
      assert.deepEqual(d.span, { start: 18, end: 19 });
    });

    it('a block and an attribute of the same name are not a conflict', () => {
      assert.deepEqual(errors('a = 1\na {}\n'), []);
    });

    it('an unclosed block is reported at its brace', () => {
      const r = parse('a {\n  b = 1\n');
      assert.deepEqual(r.diagnostics.map((d) => [d.summary, d.span]), [['Unclosed configuration block', { start: 2, end: 3 }]]);
      assert.equal((r.file.body.items[0] as Block).close, null);
    });

    it('a missing expression leaves an Invalid node', () => {
      const r = parse('a = \nb = 2\n');
      assert.equal(attr(r.file, 'a').expr.kind, 'Invalid');
      assert.ok(findAttribute(r.file.body, 'b'));
      assert.deepEqual(errors('a = \nb = 2\n'), ['Invalid expression']);
    });
  });

  describe('recovery keeps later top-level blocks', () => {
    /** The resources of a file as "type.name" with whether their block closed. */
    function resources(text: string): string[] {
      const r = parse(text);
      assert.ok(r.diagnostics.some((d) => d.severity === 'error'), 'the input has an error');
      return blocks(r.file.body, 'resource').map((b) => `${b.labels.map((l) => l.value).join('.')}${b.close ? '' : ' (unclosed)'}`);
    }
    const later = '\nresource "aws_subnet" "a" {\n  cidr_block = "10.0.1.0/24"\n}\n\nresource "aws_subnet" "b" {\n  vpc_id = aws_vpc.main.id\n}\n';
    const broken: Array<[string, string]> = [
      ['an unclosed block', 'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n'],
      ['an unclosed nested block', 'resource "aws_vpc" "main" {\n  tags {\n    a = 1\n}\n'],
      ['an unclosed tuple', 'resource "aws_vpc" "main" {\n  ids = [\n    "a",\n'],
      ['an unclosed object', 'resource "aws_vpc" "main" {\n  tags = {\n    Name = "x"\n'],
      ['an unclosed call', 'resource "aws_vpc" "main" {\n  x = merge(a,\n'],
      ['an unterminated string', 'resource "aws_vpc" "main" {\n  cidr_block = "10.0.\n}\n'],
      ['an unterminated heredoc', 'resource "aws_vpc" "main" {\n  policy = <<EOT\n{\n'],
      ['an unclosed interpolation', 'resource "aws_vpc" "main" {\n  name = "${var.\n'],
      ['a half-typed header', 'resource "aws_vpc" "main"\n'],
      ['a half-typed attribute', 'resource "aws_vpc" "main" {\n  cidr_block =\n'],
      ['an unclosed block comment', 'resource "aws_vpc" "main" {\n  /* note\n'],
    ];
    for (const [what, text] of broken) {
      it(what, () => {
        const got = resources(text + later);
        assert.deepEqual(got.slice(-2), ['aws_subnet.a', 'aws_subnet.b'], JSON.stringify(got));
        const r = parse(text + later);
        const b = blocks(r.file.body, 'resource').find((x) => x.labels[1]?.value === 'b');
        assert.ok(b && findAttribute(b.body, 'vpc_id'), 'the later block keeps its body');
      });
    }

    it('reports what was left open at the cut, at its opener', () => {
      const text = 'resource "aws_vpc" "main" {\n  ids = [\n' + later;
      const r = parse(text);
      assert.deepEqual(
        r.diagnostics.map((d) => [d.summary, r.file.text.slice(d.span.start, d.span.end), d.detail]),
        [
          ['Unclosed configuration block', '{', 'There is no closing brace for this block before the next top-level block, at line 4.'],
          ['Unterminated tuple constructor expression', '[', 'There is no closing bracket for this tuple before the next top-level block, at line 4.'],
        ],
      );
    });

    it('a broken attribute is skipped to the end of its line; the rest of the body survives', () => {
      const r = parse('resource "x" "y" {\n  a = = 1\n  b = [1,\n    2]\n  c = 3\n}\n');
      const b = r.file.body.items[0] as Block;
      assert.deepEqual(b.body.items.map((i: BodyItem) => (i.kind === 'Attribute' ? i.name.name : i.type.name)), ['a', 'b', 'c']);
      assert.ok(b.close);
    });

    it('tfvars: an unclosed value does not swallow the next top-level argument', () => {
      const r = parse('subnets = [\n  "a",\nregion = "x"\nazs = 2\n');
      assert.ok(r.diagnostics.length > 0);
      assert.ok(findAttribute(r.file.body, 'region'));
      assert.ok(findAttribute(r.file.body, 'azs'));
    });

    // Recovery must stay linear: a quadratic one would not finish these within mocha's timeout
    // (no timing is asserted; termination is).
    const many: Array<[string, string]> = [
      ['unclosed interpolations', 'x = "${a\n'],
      ['unclosed heredocs', 'x = <<EOT\n'],
      ['unclosed tuples', 'x = [\n'],
      ['unclosed blocks with unclosed tuples', 'resource "a" "b" {\n  x = [\n'],
    ];
    for (const [what, unit] of many) {
      it(`40,000 lines of ${what}: every line is recovered as its own top-level item`, () => {
        const r = parse(unit.repeat(40_000));
        assert.equal(r.file.body.items.length, 40_000);
        assert.ok(r.diagnostics.length >= 40_000);
      });
    }

    it('a valid file with unindented nested blocks is not cut', () => {
      const r = parse('resource "x" "y" {\nlifecycle {\nprevent_destroy = true\n}\n}\n');
      assert.deepEqual(r.diagnostics, []);
      assert.equal(r.file.body.items.length, 1);
    });
  });

  describe('limits and robustness', () => {
    const N = 10_000;
    const deep: Array<[string, string]> = [
      ['tuples', `a = ${'['.repeat(N)}${']'.repeat(N)}\n`],
      ['objects', `a = ${'{a = '.repeat(N)}1${'}'.repeat(N)}\n`],
      ['parentheses', `a = ${'('.repeat(N)}1${')'.repeat(N)}\n`],
      ['function calls', `a = ${'f('.repeat(N)}${')'.repeat(N)}\n`],
      ['blocks', `${'b {\n'.repeat(N)}${'}\n'.repeat(N)}`],
      ['templates', `a = ${'"${'.repeat(N)}1${'}"'.repeat(N)}\n`],
      ['heredocs', `a = ${'<<EOT\n${'.repeat(N)}1${'}\nEOT\n'.repeat(N)}`],
      ['template directives', `a = "${'%{if x}'.repeat(N)}${'%{endif}'.repeat(N)}"\n`],
      ['for expressions', `a = ${'[for x in '.repeat(N)}y${' : x]'.repeat(N)}\n`],
      ['conditionals', `a = ${'x ? 1 : '.repeat(N)}2\n`],
      ['unary operators', `a = ${'-'.repeat(N)}1\n`],
      ['binary operators', `a = 1${' + 1'.repeat(N)}\n`],
      ['attribute chains', `a = x${'.y'.repeat(N)}\n`],
      ['index chains', `a = x${'[0]'.repeat(N)}\n`],
      ['splat chains', `a = x${'[*]'.repeat(N)}\n`],
    ];
    /** Runs `f` with `n` frames already on the stack, as a deep caller would. */
    function fromDeep<R>(n: number, f: () => R): R {
      return n === 0 ? f() : fromDeep(n - 1, f);
    }
    for (const [what, text] of deep) {
      it(`${N} nested ${what}: "Nesting too deep", no stack overflow`, () => {
        const r = fromDeep(2000, () => parse(text));
        assert.deepEqual(
          r.diagnostics.map((d) => d.summary),
          ['Nesting too deep'],
        );
      });
    }

    it(`nesting within the limit (${MAX_DEPTH}) is fine`, () => {
      assert.deepEqual(errors(`a = ${'['.repeat(100)}${']'.repeat(100)}\n`), []);
    });

    it('never throws on garbage, and every span lies in the text', () => {
      let seed = 12345;
      const rnd = (n: number): number => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return seed % n;
      };
      const pieces = ['{', '}', '[', ']', '(', ')', '"', '${', '%{', '~}', '<<EOT\n', '<<-X\n', '\nEOT\n', '\n', '\r', '\r\n', '#', '/*', '*/', '=', ',', '.', '*', '?', ':', '\\', 'é', '😀', 'a', '1', ' ', 'for', 'in', 'if', 'endif', '\ufeff', '\u0000'];
      for (let n = 0; n < 3000; n++) {
        let text = '';
        const len = rnd(40);
        for (let k = 0; k < len; k++) text += rnd(4) === 0 ? String.fromCharCode(rnd(0x3000)) : pieces[rnd(pieces.length)];
        const r = parse(text);
        for (const s of spansOf(r)) {
          assert.ok(s.start >= 0 && s.start <= s.end && s.end <= text.length, `span ${JSON.stringify(s)} in ${JSON.stringify(text)}`);
        }
        assert.ok(!r.diagnostics.some((d) => d.summary === 'Internal parser error'), JSON.stringify(text));
      }
    });
  });

  describe('LineIndex on CRLF and CR text', () => {
    it('maps offsets to positions and back', () => {
      const text = 'a = 1\r\nb = 2\rc = 3\nd';
      const li = new LineIndex(text);
      assert.equal(li.lineCount, 4);
      assert.deepEqual(li.position(text.indexOf('b')), { line: 1, character: 0 });
      assert.deepEqual(li.position(text.indexOf('c')), { line: 2, character: 0 });
      assert.deepEqual(li.position(text.indexOf('d')), { line: 3, character: 0 });
      for (let o = 0; o <= text.length; o++) {
        const p = li.position(o);
        if (text[o - 1] !== '\r' || text[o] !== '\n') assert.equal(li.offset(p), o);
      }
    });

    it('the parser keeps CRLF files intact and reports a lone CR once', () => {
      const crlf = parse('a = 1\r\nb {\r\n  c = "x"\r\n}\r\n');
      assert.deepEqual(crlf.diagnostics, []);
      assert.equal(crlf.file.lineIndex.position(attr(crlf.file, 'a').span.end).line, 0);
      const cr = parse('a = 1\rb = 2\rc = 3\r');
      assert.deepEqual(
        cr.diagnostics.map((d) => [d.summary, cr.file.lineIndex.position(d.span.start)]),
        [['Invalid character', { line: 0, character: 5 }]],
      );
      assert.deepEqual(cr.file.body.items.map((i) => (i as Attribute).name.name), ['a', 'b', 'c']);
      assert.deepEqual(cr.file.lineIndex.position(attr(cr.file, 'c').span.start), { line: 2, character: 0 });
    });
  });

  describe('parseTemplate and parseExpression', () => {
    it('parseTemplate: bare template content, spans relative to the text', () => {
      const r = parseTemplate('arn:${var.p}:%{ if x }y%{ endif }$${z} "q" \\n');
      assert.deepEqual(r.diagnostics, []);
      assert.deepEqual(
        r.parts.map((p) => p.kind),
        ['TemplateLiteral', 'TemplateInterp', 'TemplateLiteral', 'TemplateIf', 'TemplateLiteral'],
      );
      assert.equal((r.parts[4] as { value: string }).value, '${z} "q" \\n', 'no escapes besides $${ and %%{');
      assert.deepEqual(r.parts[1].span, { start: 4, end: 12 });
    });

    it('parseTemplate reports unbalanced directives', () => {
      assert.deepEqual(
        parseTemplate('%{ if x }a').diagnostics.map((d) => d.summary),
        ['Unexpected end of template'],
      );
    });

    it('parseExpression: newlines are insignificant; extra text is an error', () => {
      assert.equal(sx(expr('a +\n b')), '(+ a b)');
      assert.deepEqual(
        parseExpression('a b').diagnostics.map((d) => d.summary),
        ['Extra characters after expression'],
      );
      assert.equal(parseExpression('').expr.kind, 'Invalid');
    });
  });
});

/** Every span in a parse result (found structurally). */
function spansOf(root: unknown, out: Span[] = []): Span[] {
  if (typeof root !== 'object' || root === null) return out;
  if (root instanceof LineIndex) return out;
  const o = root as Record<string, unknown>;
  if (typeof o.start === 'number' && typeof o.end === 'number' && Object.keys(o).length === 2) {
    out.push(o as unknown as Span);
    return out;
  }
  for (const [k, v] of Object.entries(o)) if (k !== 'text') spansOf(v, out);
  return out;
}
