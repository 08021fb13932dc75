// The TextMate grammar (syntaxes/terraform.tmLanguage.json) tokenized as VS Code does: vscode-textmate on
// Oniguruma, installed into the e2e cache on first use.
import * as assert from 'node:assert/strict';
import { loadTokenizer, type Token } from '../../../scripts/e2e/textmate';

const SAMPLE = `# hash comment
// slash comment
/* block
   comment */
resource "aws_lambda_function" "fn" {
  function_name = "f-\${var.env}-x"
  memory_size   = 128 * 2.5e1
  count         = var.on ? 1 : 0
  tags = {
    Name  = "x"
    "a-b" = local.n
  }
  vpc_config {
    subnet_ids = [for s in aws_subnet.p : s.id if !s.public]
  }
  policy = <<-EOT
    {"a": "\${data.x.y}", "b": "%{ if true }y%{ endif }"}
  EOT
  arn  = provider::aws::arn_parse("x").region
  list = concat(var.a, ["b"])
  esc  = "$\${literal} \\n \\u00e9"
  same = var.a == null && var.b >= 3
}
`;

describe('e2e: TextMate grammar', function () {
  this.timeout(120_000);
  let lines: Token[][];

  before(async function () {
    const tokenize = await loadTokenizer();
    lines = tokenize(SAMPLE);
  });

  /** The innermost scope of the first token on 1-based `line` whose text is `text`. */
  function scopeOf(line: number, text: string, nth = 0): string {
    const found = (lines[line - 1] ?? []).filter((t) => t.text === text);
    const t = found[nth];
    assert.ok(t, `no token ${JSON.stringify(text)} on line ${line}: ${JSON.stringify(lines[line - 1]?.map((x) => x.text))}`);
    return t.scopes[t.scopes.length - 1]!;
  }

  function scopesOf(line: number, text: string): string[] {
    const t = (lines[line - 1] ?? []).find((x) => x.text === text);
    assert.ok(t, `no token ${JSON.stringify(text)} on line ${line}`);
    return t.scopes;
  }

  it('scopes every token under source.terraform', function () {
    for (const line of lines) for (const t of line) assert.equal(t.scopes[0], 'source.terraform');
  });

  it('comments: #, // and /* */ (across lines)', function () {
    assert.equal(scopeOf(1, ' hash comment'), 'comment.line.number-sign.terraform');
    assert.equal(scopeOf(2, ' slash comment'), 'comment.line.double-slash.terraform');
    assert.equal(scopeOf(4, '   comment '), 'comment.block.terraform');
    assert.equal(scopeOf(5, 'resource'), 'storage.type.block.terraform', 'the block comment ended');
  });

  it('block types and labels', function () {
    assert.equal(scopeOf(5, '"aws_lambda_function"'), 'string.quoted.double.label.terraform');
    assert.equal(scopeOf(5, '"fn"'), 'string.quoted.double.label.terraform');
    assert.equal(scopeOf(13, 'vpc_config'), 'entity.name.type.block.terraform');
    assert.ok(scopesOf(14, 'subnet_ids').filter((s) => s === 'meta.block.terraform').length === 2, 'nested block');
    assert.equal(scopeOf(23, '}'), 'punctuation.section.block.end.terraform');
  });

  it('attribute names and object keys', function () {
    assert.equal(scopeOf(6, 'function_name'), 'variable.other.property.attribute.terraform');
    assert.equal(scopeOf(10, 'Name'), 'variable.other.property.key.terraform');
    assert.equal(scopeOf(6, '='), 'keyword.operator.assignment.terraform');
  });

  it('strings with interpolation and escapes', function () {
    assert.equal(scopeOf(6, '${'), 'punctuation.definition.template-expression.begin.terraform');
    assert.ok(scopesOf(6, 'env').includes('meta.interpolation.terraform'));
    assert.equal(scopeOf(6, 'var'), 'variable.language.terraform');
    assert.equal(scopeOf(21, '$${'), 'constant.character.escape.terraform', '$${ is a literal');
    assert.equal(scopeOf(21, '\\n'), 'constant.character.escape.terraform');
    assert.equal(scopeOf(21, '\\u00e9'), 'constant.character.escape.terraform');
  });

  it('heredocs with interpolation and directives', function () {
    assert.equal(scopeOf(16, '<<-'), 'keyword.operator.heredoc.terraform');
    assert.equal(scopeOf(16, 'EOT'), 'entity.name.tag.heredoc.terraform');
    assert.ok(scopesOf(17, 'data').includes('meta.interpolation.terraform'));
    assert.equal(scopeOf(17, 'if'), 'keyword.control.directive.terraform');
    assert.equal(scopeOf(17, 'endif'), 'keyword.control.directive.terraform');
    assert.equal(scopeOf(18, 'EOT'), 'entity.name.tag.heredoc.terraform');
    assert.equal(scopeOf(19, 'arn'), 'variable.other.property.attribute.terraform', 'the heredoc ended');
  });

  it('numbers, constants and operators', function () {
    assert.equal(scopeOf(7, '128'), 'constant.numeric.terraform');
    assert.equal(scopeOf(7, '2.5e1'), 'constant.numeric.terraform');
    assert.equal(scopeOf(7, '*'), 'keyword.operator.arithmetic.terraform');
    assert.equal(scopeOf(8, '?'), 'keyword.operator.conditional.terraform');
    assert.equal(scopeOf(22, 'null'), 'constant.language.terraform');
    assert.equal(scopeOf(22, '=='), 'keyword.operator.comparison.terraform');
    assert.equal(scopeOf(22, '&&'), 'keyword.operator.logical.terraform');
    assert.equal(scopeOf(22, '>='), 'keyword.operator.comparison.terraform');
  });

  it('for expressions', function () {
    assert.equal(scopeOf(14, 'for'), 'keyword.control.terraform');
    assert.equal(scopeOf(14, 'in'), 'keyword.control.terraform');
    assert.equal(scopeOf(14, 'if'), 'keyword.control.terraform');
    assert.equal(scopeOf(14, '!'), 'keyword.operator.logical.terraform');
  });

  it('function calls, provider functions included', function () {
    assert.equal(scopeOf(20, 'concat'), 'support.function.terraform');
    assert.equal(scopeOf(19, 'provider::aws::arn_parse'), 'support.function.terraform');
    assert.equal(scopeOf(20, '('), 'punctuation.section.parens.begin.terraform');
  });
});
