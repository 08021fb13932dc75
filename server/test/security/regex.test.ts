// No regular expression can be made to blow up by a configuration.
//
// - regex(), regexall() and replace() run patterns taken from the configuration on RE2's linear engine
//   (terraform/functions/re2.ts), within a work budget per workspace; catastrophic patterns through the CLI end
//   with an unknown value that says why.
// - Our own JavaScript regular expressions: none is built from user input without escaping, and none has a
//   shape that backtracks badly (nested or alternated quantifiers, an unanchored quantifier before `$`) unless
//   it is on the reviewed list below with the reason it is safe. Those that were not safe were replaced by
//   loops (chomp, basename, dirname, trailing slashes), an anchored two-step match (format verbs), a position
//   search (IPv4 tails of IPv6 addresses), or RE2 (ignorePaths globs); the CLI test runs each on input that
//   would take hours if it still backtracked.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { buildBin, checkWithBin, REPO, removeDir, workspaceWith } from '../hostile/helpers';

/** Regex literals with a risky shape that were reviewed, by file and source text, with why each is safe. */
const REVIEWED_LITERALS: Record<string, string> = {
  'server/src/network/catalogue.ts /^(?:cn\\.)?com\\.amazonaws\\.([a-z]{2}(?:-[a-z]+)+-\\d+)\\.(.+)$/':
    'anchored; each repetition starts with "-", which its body cannot match, so a string splits one way only',
  'server/src/network/catalogue.ts /^aws\\.api\\.([a-z]{2}(?:-[a-z]+)+-\\d+)\\.(.+)$/': 'as above',
  'server/src/network/dependencies.ts /^([a-z][a-z0-9+.-]*)(?::[a-z][a-z0-9+.-]*)*:\\/\\/(?:[^@/?#\\s]*@)?([^/?#:\\s]+)/i':
    'anchored; each repetition starts with ":", which its body cannot match',
  'server/src/network/dependencies.ts /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/':
    'anchored; each label ends with ".", which labels cannot contain, and labels are at most 63 characters',
  'server/src/network/explain.ts /^[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*|\\[\\d+\\])*$/':
    'anchored; the alternatives start with "." and "[", which nothing else in the pattern matches',
  'server/src/rules/context.ts /\\[(?:"(?:[^"\\\\]|\\\\.)*"|[^\\]]*)\\]/g':
    'applied only to addresses we build, whose instance keys are quoted and escaped: every "[" opens a bracket that closes',
  'server/src/terraform/workspace.ts /^module\\.([A-Za-z_][A-Za-z0-9_-]*)(\\[(?:\\d+|\\*|"(?:[^"\\\\]|\\\\.)*")\\])?(\\.|$)/':
    'anchored; the alternatives start with a digit, "*" and a quote; the quoted one cannot end early',
};

/** RegExp constructor calls, by file and argument text, with why each is safe. */
const REVIEWED_CONSTRUCTED: Record<string, string> = {
  'server/src/network/mappings.ts `:function:${escapeRe(fn.name.value)}(?::[^:]+)?$`':
    'the function name is escaped; the one quantifier, [^:]+, stops at the next ":"',
};

/**
 * The risky shapes of a pattern: a quantified group that holds a quantifier or an alternation (`(a+)+`,
 * `(\r\n|\n|\r)+`), and an unanchored pattern that ends with a quantifier and `$` (`/\/+$/`, quadratic on
 * "///…x"). A heuristic, so it errs towards reporting; what it reports must be reviewed.
 */
export function riskyShapes(source: string, flags: string): string[] {
  const out: string[] = [];
  const quantifierAt = (j: number): boolean =>
    source[j] === '*' || source[j] === '+' || (source[j] === '{' && /^\{\d+,\d*\}/.test(source.slice(j)) && !/^\{(\d+),\1\}/.test(source.slice(j)));
  const groups: { quantified: boolean; alternation: boolean }[] = [{ quantified: false, alternation: false }];
  const top = (): { quantified: boolean; alternation: boolean } => groups[groups.length - 1];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === '\\') {
      i += 2;
      if (quantifierAt(i)) top().quantified = true;
    } else if (c === '[') {
      i++;
      if (source[i] === '^') i++;
      if (source[i] === ']') i++;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      i++;
      if (quantifierAt(i)) top().quantified = true;
    } else if (c === '(') {
      groups.push({ quantified: false, alternation: false });
      i++;
      // Skip a group prefix: ?:, ?=, ?!, ?<=, ?<!, ?<name>.
      const prefix = /^\?(?::|=|!|<=|<!|<[A-Za-z_][A-Za-z0-9_]*>)/.exec(source.slice(i));
      if (prefix) i += prefix[0].length;
    } else if (c === ')') {
      const g = groups.length > 1 ? groups.pop()! : top();
      i++;
      if (quantifierAt(i)) {
        if (g.quantified) out.push('nested quantifier');
        if (g.alternation) out.push('quantified alternation');
        top().quantified = true;
      } else if (g.quantified) {
        top().quantified = true;
      }
    } else if (c === '|') {
      top().alternation = true;
      i++;
    } else {
      if (quantifierAt(i)) top().quantified = true;
      i++;
    }
  }
  if (!source.startsWith('^') && !flags.includes('y') && /(?:[*+]|\{\d+,\})\)?\$$/.test(source)) out.push('unanchored quantifier before $');
  return out;
}

function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) out.push(p);
    }
  };
  walk(path.join(REPO, 'server/src'));
  if (fs.existsSync(path.join(REPO, 'client/src'))) walk(path.join(REPO, 'client/src'));
  return out;
}

describe('security: regular expressions', function () {
  this.timeout(600_000);

  describe('our own', () => {
    const literals: string[] = [];
    const constructed: string[] = [];
    before(() => {
      for (const file of sourceFiles()) {
        const rel = path.relative(REPO, file).split(path.sep).join('/');
        const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
        const visit = (n: ts.Node): void => {
          if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
            const text = n.getText(source);
            const end = text.lastIndexOf('/');
            if (riskyShapes(text.slice(1, end), text.slice(end + 1)).length > 0) literals.push(`${rel} ${text}`);
          }
          if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && ts.isIdentifier(n.expression) && n.expression.text === 'RegExp') {
            constructed.push(`${rel} ${n.arguments?.[0]?.getText(source) ?? ''}`);
          }
          ts.forEachChild(n, visit);
        };
        visit(source);
      }
    });

    it('the shape detector finds the shapes that backtrack badly, and passes plain ones', () => {
      assert.deepEqual(riskyShapes('(a+)+b', ''), ['nested quantifier']);
      assert.deepEqual(riskyShapes('(\\r\\n|\\n|\\r)+$', ''), ['quantified alternation', 'unanchored quantifier before $']);
      assert.deepEqual(riskyShapes('\\/+$', ''), ['unanchored quantifier before $']);
      assert.deepEqual(riskyShapes('(?:x*y)*z', ''), ['nested quantifier']);
      assert.deepEqual(riskyShapes('^\\/+$', ''), []);
      assert.deepEqual(riskyShapes('^[a-z]+(?:-[a-z])?$', ''), []);
      assert.deepEqual(riskyShapes('[(+)]+x', ''), []);
    });

    it('every regex literal of a risky shape has been reviewed', () => {
      assert.deepEqual(literals.filter((l) => !(l in REVIEWED_LITERALS)), []);
      // A reviewed pattern that changed or went away must be reviewed again (or dropped from the list).
      assert.deepEqual(Object.keys(REVIEWED_LITERALS).filter((l) => !literals.includes(l)), []);
    });

    it('every RegExp built at run time has been reviewed, and escapes what it takes from input', () => {
      assert.deepEqual(constructed.filter((c) => !(c in REVIEWED_CONSTRUCTED)), []);
      assert.deepEqual(Object.keys(REVIEWED_CONSTRUCTED).filter((c) => !constructed.includes(c)), []);
      for (const c of constructed) assert.match(c, /escape/i, `${c} inserts input without escaping it`);
    });
  });

  describe('through the built CLI', () => {
    const dirs: string[] = [];
    before(function () {
      this.timeout(300_000);
      buildBin();
    });
    after(() => dirs.splice(0).forEach(removeDir));

    const a = 'a'.repeat(99_999);
    const fn = (args: string): string =>
      `resource "aws_lambda_function" "re" {\n  role = "arn:aws:iam::123456789012:role/r"\n${args}  vpc_config {\n    subnet_ids         = ["subnet-1", "subnet-2"]\n    security_group_ids = ["sg-1"]\n  }\n}\n`;

    it('catastrophic regex(), regexall() and replace() patterns end, as unknown values that say why', () => {
      const d = workspaceWith({
        'main.tf':
          `locals {\n  a = "${a}"\n` +
          '  nested  = regex("(a+)+b", local.a)\n' +
          '  alt     = regex("(a|aa)*c", local.a)\n' +
          '  star    = replace(local.a, "/(a*)*b/", "x")\n' +
          '  all     = regexall("a(?:.*z)?", local.a)\n' +
          `  wide    = regex("${'[a-z]'.repeat(3000)}(x)", local.a)\n` +
          '  looped  = [for i in range(10000) : regexall("(a|aa)+$", local.a)]\n' +
          '}\n' +
          fn('  function_name = join(",", local.all)\n  environment {\n    variables = { A = local.nested, B = local.alt, C = local.star, D = local.wide, E = jsonencode(local.looped) }\n  }\n'),
      });
      dirs.push(d);
      const { report } = checkWithBin(d, ['.', '--explain']);
      const picture = (report.pictures ?? [])[0] as { name: { known: boolean; reason?: string } } | undefined;
      assert.ok(picture);
      assert.equal(picture.name.known, false);
      assert.match(picture.name.reason ?? '', /regular expression work limit/);
    });

    it('inputs that made our JavaScript regular expressions backtrack for hours end (functions, sources, paths, globs)', () => {
      // Strings just under the evaluator's length limit (1,000,000): where the old code was quadratic, this is
      // about 10^12 steps; where it was exponential (chomp), far more.
      const n = 990_000;
      const d = workspaceWith({
        'main.tf':
          'locals {\n' +
          `  crlf   = chomp("${'\\r\\n'.repeat(n / 2)}x")\n` +
          `  zeros  = format("%${'0'.repeat(n)}!", 1)\n` +
          `  base   = basename("${'/'.repeat(n)}x")\n` +
          `  dir    = dirname("${'/'.repeat(n)}x")\n` +
          `  v6     = cidrhost("::${'1'.repeat(n)}/64", 1)\n` +
          '}\n' +
          // Registry sources are parsed with patterns too: many `//` or `?` before a line break.
          `module "slashes" {\n  source = "git::https://example.com/${'a//'.repeat(n / 3)}\\n"\n}\n` +
          `module "queries" {\n  source = "x${'?'.repeat(n)}\\n"\n}\n` +
          // A reason naming a path of the checked tree is shown relative to it: that path is a user's string too.
          fn(`  function_name = file("/tmp/${'/'.repeat(n)}x")\n  environment {\n    variables = { A = local.crlf, B = local.zeros, C = local.base, D = local.dir, E = local.v6 }\n  }\n`),
        // ignorePaths globs come from the configuration too; a long directory name meets them during --recursive.
        '.lambda-vpc-lint.json': JSON.stringify({ ignorePaths: ['*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b', '**/**/**/**/**/**/**/**/**/**/**/**/x'] }),
        [`${'a'.repeat(200)}/${'a/'.repeat(40)}main.tf`]: fn('  function_name = "deep"\n'),
      });
      dirs.push(d);
      checkWithBin(d, ['.', '--explain']);
      checkWithBin(d, ['.', '--recursive']);
    });
  });
});
