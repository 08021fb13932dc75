// Unit tests of what keeps hostile input bounded, each next to the behaviour it must keep:
// - the rewrites that replaced backtracking JavaScript regular expressions (chomp, format verbs, basename, dirname,
//   IPv4 tails of IPv6 prefixes, registry sources) give the same results as before on ordinary input;
// - the regular expression work budget of a workspace: matches within it are exact, past it they are unknown;
// - JSON nesting deeper than the native parser's limit is a syntax error, not a stack overflow;
// - a module reached again through a symbolic link is recursion, not a new module.
// The inputs that used to take hours run through the CLI in security/regex.test.ts and hostile/inputs.test.ts.

import * as assert from 'node:assert/strict';
import type { DirEntry, FileHost } from '../../src/core/host';
import { MemoryHost } from '../../src/core/host';
import { MAX_DEPTH } from '../../src/hcl/parser';
import { parseJsonConfig } from '../../src/hcl';
import { loadWorkspace, reasonsOf } from '../../src/terraform';
import { canonicalSource } from '../../src/terraform/registry-models';
import { ev, known, unknownBecause, workspace } from '../terraform/helpers';

describe('hostile: bounded rewrites keep their results', () => {
  it('chomp removes every trailing line break (LF, CRLF, CR), and only those', () => {
    known(ev('chomp("a\\r\\n\\n\\r\\r\\n")'), 'a');
    known(ev('chomp("a\\nb\\n")'), 'a\nb');
    known(ev('chomp("\\r\\n")'), '');
    known(ev('chomp("a \\t")'), 'a \t');
  });

  it('format verbs: flags, width, precision and argument indexes as before', () => {
    known(ev('format("%05d|%-4d|%+d|% d|%x|%08.3f", 42, 7, 3, 4, 255, 3.14159)'), '00042|7   |+3| 4|ff|0003.142');
    known(ev('format("%010d", 5)'), '0000000005');
    known(ev('format("%[2]s %[1]s", "a", "b")'), 'b a');
    known(ev('format("%00d", 5)'), '5');
    known(ev('format("100%%")'), '100%');
    unknownBecause(ev('format("%0!", 1)'), 'invalid', 'invalid format verb');
  });

  it('basename and dirname ignore trailing slashes', () => {
    known(ev('basename("/a/b//")'), 'b');
    known(ev('basename("///")'), '/');
    known(ev('basename("")'), '.');
    known(ev('dirname("/a/b//")'), '/a');
    known(ev('dirname("a")'), '.');
    known(ev('dirname("/a")'), '/');
  });

  it('an IPv6 prefix with an IPv4 tail', () => {
    known(ev('cidrhost("::ffff:10.0.0.0/120", 1)'), '::ffff:a00:1');
    known(ev('cidrhost("64:ff9b::192.0.2.0/120", 5)'), '64:ff9b::c000:205');
    unknownBecause(ev('cidrhost("::ffff:10.0.0.300/120", 1)'), 'invalid');
    // The IPv4 part is the whole group after the last colon, as Go parses it.
    unknownBecause(ev('cidrhost("::a1.2.3.4/120", 1)'), 'invalid');
  });

  it('registry sources: query strings, subdirectories and GitHub forms; nothing across lines', () => {
    assert.equal(canonicalSource('terraform-aws-modules/vpc/aws'), 'terraform-aws-modules/vpc/aws');
    assert.equal(canonicalSource('terraform-aws-modules/vpc/aws//modules/vpc-endpoints/'), 'terraform-aws-modules/vpc/aws//modules/vpc-endpoints');
    assert.equal(canonicalSource('git::https://github.com/terraform-aws-modules/terraform-aws-lambda.git?ref=v7.0.0'), 'terraform-aws-modules/lambda/aws');
    assert.equal(canonicalSource('github.com/terraform-aws-modules/terraform-aws-vpc//modules/vpc-endpoints?ref=x'), 'terraform-aws-modules/vpc/aws//modules/vpc-endpoints');
    assert.equal(canonicalSource('terraform-aws-modules/vpc/aws\nx'), undefined);
  });
});

describe('hostile: the regular expression work budget', () => {
  it('matches within the budget are exact', () => {
    known(ev('regexall("a+", "aa b aaa")'), ['aa', 'aaa']);
    known(ev('replace("a-b-c", "/-/", "+")'), 'a+b+c');
  });

  it('past the budget a match is unknown with a limit reason, and so is every later one', () => {
    const long = 'a'.repeat(20_000);
    const ws = workspace(
      { 'main.tf': `locals {\n  s = "${long}"\n  heavy = regexall("a(?:.*z)?", local.s)\n  light = regex("a", "a")\n}\n` },
      { limits: { maxRegexWork: 1_000_000 } },
    );
    unknownBecause(ws.roots[0].local('heavy'), 'limit', 'regular expression work limit');
    unknownBecause(ws.roots[0].local('light'), 'limit', 'regular expression work limit');
  });

  it('the budget is shared by every call of a workspace', () => {
    const ws = workspace(
      { 'main.tf': `locals {\n  s = "${'a'.repeat(2_000)}"\n  many = [for i in range(1000) : length(regexall("a", local.s))]\n}\n` },
      { limits: { maxRegexWork: 200_000 } },
    );
    const v = ws.roots[0].local('many');
    assert.ok(reasonsOf(v).some((r) => r.code === 'limit' && r.message.includes('regular expression work limit')), JSON.stringify(reasonsOf(v)));
  });
});

describe('hostile: JSON nesting', () => {
  it(`nesting up to ${MAX_DEPTH} levels parses; deeper is one "Nesting too deep" error at the first bracket too deep`, () => {
    const ok = parseJsonConfig(`{"locals": {"a": ${'['.repeat(MAX_DEPTH - 2)}${']'.repeat(MAX_DEPTH - 2)}}}`, '/w/ok.tf.json');
    assert.deepEqual(ok.diagnostics, []);
    const text = `{"locals": {"a": ${'['.repeat(MAX_DEPTH)}${']'.repeat(MAX_DEPTH)}}}`;
    const deep = parseJsonConfig(text, '/w/deep.tf.json');
    assert.deepEqual(
      deep.diagnostics.map((d) => [d.summary, d.span.start]),
      [['Nesting too deep', text.indexOf('[') + MAX_DEPTH - 2]],
    );
    assert.equal(deep.file.text, text);
  });

  it('brackets inside strings do not count', () => {
    const r = parseJsonConfig(`{"locals": {"a": "${'['.repeat(10_000)}"}}`, '/w/s.tf.json');
    assert.deepEqual(r.diagnostics, []);
  });
});

describe('hostile: modules through symbolic links', () => {
  /** /w/m/loop is a link to /w (so /w/m/loop/m is /w/m again). */
  class LinkedHost implements FileHost {
    private readonly inner = MemoryHost.from({
      '/w/main.tf': 'module "m" {\n  source = "./m"\n}\n',
      '/w/m/main.tf': 'module "again" {\n  source = "./loop/m"\n}\noutput "x" { value = module.again.x }\n',
    });
    readFile(p: string): string | undefined {
      return this.inner.readFile(this.realPath(p));
    }
    readDir(p: string): DirEntry[] | undefined {
      const entries = this.inner.readDir(this.realPath(p));
      return this.realPath(p) === '/w/m' ? [...(entries ?? []), { name: 'loop', kind: 'symlink-dir' }] : entries;
    }
    realPath(p: string): string {
      let r = p;
      while (/^\/w\/m\/loop(\/|$)/.test(r)) r = '/w' + r.slice('/w/m/loop'.length);
      return r;
    }
  }

  it('a module that reaches itself through a link is recursion: not entered again', () => {
    const ws = loadWorkspace(new LinkedHost(), ['/w']);
    const m = ws.roots[0].children()[0];
    const again = m.children()[0];
    assert.equal(again.source.kind, 'unavailable');
    assert.equal(again.source.reason?.code, 'cycle');
    assert.equal(ws.modules().length, 3);
  });
});
