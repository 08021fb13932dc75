// Built-in functions with Terraform's semantics (expected values follow Terraform's documented
// results), including what stays known when arguments are partly unknown.
import * as assert from 'node:assert/strict';
import { asList, isWhollyKnown } from '../../src/terraform';
import { ev, known, plain, unknownBecause } from './helpers';

/** A variable with no value: unknown ('unset-variable'). */
const U = 'variable "u" {}\nvariable "ul" { type = list(string) }\n';

describe('terraform/functions: collections', () => {
  it('element wraps around and rejects negative indexes', () => {
    known(ev('element(["a", "b", "c"], 1)'), 'b');
    known(ev('element(["a", "b", "c"], 3)'), 'a');
    known(ev('element(["a", "b", "c"], 7)'), 'b');
    unknownBecause(ev('element(["a"], -1)'), 'invalid');
    unknownBecause(ev('element([], 0)'), 'invalid');
  });

  it('element of a known-length list with an unknown element is that element', () => {
    known(ev('element(["a", var.u], 2)', U), 'a');
    unknownBecause(ev('element(["a", var.u], 1)', U), 'unset-variable');
    unknownBecause(ev('element(var.ul, 0)', U), 'unset-variable');
  });

  it('length, keys, values, lookup, merge, contains, index', () => {
    known(ev('length([1, 2, 3])'), 3);
    known(ev('length("héllo")'), 5);
    known(ev('length({ a = 1, b = 2 })'), 2);
    known(ev('length([var.u, var.u])', U), 2);
    unknownBecause(ev('length(var.ul)', U), 'unset-variable');
    known(ev('keys({ b = 1, a = 2 })'), ['a', 'b']);
    known(ev('values({ b = 1, a = 2 })'), [2, 1]);
    known(ev('lookup({ a = "x" }, "a", "d")'), 'x');
    known(ev('lookup({ a = "x" }, "z", "d")'), 'd');
    unknownBecause(ev('lookup({ a = "x" }, "z")'), 'invalid');
    known(ev('merge({ a = 1, b = 2 }, { b = 3 }, null, { c = 4 })'), { a: 1, b: 3, c: 4 });
    const m = ev('merge({ a = var.u }, { b = 1 })', U);
    assert.equal(m.kind, 'object');
    known(ev('contains(["a", "b"], "b")'), true);
    known(ev('contains(["a", "b"], "c")'), false);
    known(ev('contains(["a", var.u], "a")', U), true);
    unknownBecause(ev('contains(["a", var.u], "c")', U), 'unset-variable');
    known(ev('index(["a", "b", "c"], "b")'), 1);
    unknownBecause(ev('index(["a"], "z")'), 'invalid');
  });

  it('coalesce and coalescelist', () => {
    known(ev('coalesce(null, "", "a", "b")'), 'a');
    known(ev('coalesce("a", var.u)', U), 'a');
    unknownBecause(ev('coalesce(var.u, "a")', U), 'unset-variable');
    unknownBecause(ev('coalesce(null, "")'), 'invalid');
    known(ev('coalescelist([], ["a"], ["b"])'), ['a']);
    known(ev('coalescelist(["x"], var.ul)', U), ['x']);
  });

  it('compact, concat, distinct, flatten, reverse, slice, sort', () => {
    known(ev('compact(["a", "", null, "b"])'), ['a', 'b']);
    known(ev('concat(["a"], ["b", "c"], [])'), ['a', 'b', 'c']);
    const c = ev('concat(["a"], [var.u])', U);
    assert.equal(asList(c)?.length, 2);
    unknownBecause(ev('concat(["a"], var.ul)', U), 'unset-variable');
    known(ev('distinct(["a", "b", "a", "c", "b"])'), ['a', 'b', 'c']);
    known(ev('flatten([["a", "b"], [], ["c", ["d"]]])'), ['a', 'b', 'c', 'd']);
    known(ev('flatten([])'), []);
    known(ev('reverse([1, 2, 3])'), [3, 2, 1]);
    known(ev('slice(["a", "b", "c", "d"], 1, 3)'), ['b', 'c']);
    unknownBecause(ev('slice(["a"], 0, 2)'), 'invalid');
    known(ev('sort(["b", "a", "10", "9"])'), ['10', '9', 'a', 'b']);
  });

  it('range follows Terraform (start, limit, step) and is bounded', () => {
    known(ev('range(3)'), [0, 1, 2]);
    known(ev('range(1, 4)'), [1, 2, 3]);
    known(ev('range(1, 8, 2)'), [1, 3, 5, 7]);
    known(ev('range(4, 1)'), [4, 3, 2]);
    known(ev('range(0)'), []);
    unknownBecause(ev('range(1, 4, -1)'), 'invalid');
    unknownBecause(ev('range(100000000)'), 'limit', 'range()');
  });

  it('setproduct, setunion, setintersection, setsubtract', () => {
    known(ev('setproduct(["a", "b"], [1, 2])'), [
      ['a', 1],
      ['a', 2],
      ['b', 1],
      ['b', 2],
    ]);
    known(ev('setproduct(["a"], [])'), []);
    known(ev('setunion(["b", "a"], ["c", "a"])'), ['a', 'b', 'c']);
    known(ev('setintersection(["a", "b"], ["b", "c"])'), ['b']);
    known(ev('setsubtract(["a", "b"], ["b"])'), ['a']);
  });

  it('one, zipmap, alltrue, anytrue, chunklist', () => {
    known(ev('one([])'), null);
    known(ev('one(["a"])'), 'a');
    unknownBecause(ev('one(["a", "b"])'), 'invalid');
    known(ev('zipmap(["a", "b"], [1, 2])'), { a: 1, b: 2 });
    known(ev('alltrue([true, "true"])'), true);
    known(ev('alltrue([true, false, var.u])', U), false);
    known(ev('anytrue([false, var.u, true])', U), true);
    known(ev('chunklist(["a", "b", "c"], 2)'), [['a', 'b'], ['c']]);
  });

  it('tolist, toset, tomap and primitive conversions', () => {
    known(ev('toset(["b", "a", "b"])'), ['a', 'b']);
    assert.equal(ev('tolist(toset(["b", "a"]))').kind, 'list');
    known(ev('tomap({ a = 1 })'), { a: 1 });
    known(ev('tostring(12)'), '12');
    known(ev('tostring(true)'), 'true');
    known(ev('tonumber("12.5")'), 12.5);
    unknownBecause(ev('tonumber("x")'), 'invalid');
    known(ev('tobool("true")'), true);
    known(ev('tostring(null)'), null);
  });
});

describe('terraform/functions: strings', () => {
  it('format verbs', () => {
    known(ev('format("%s-%d", "a", 5)'), 'a-5');
    known(ev('format("%q", "x\\"y")'), '"x\\"y"');
    known(ev('format("%v %v %v", "s", 1.5, true)'), 's 1.5 true');
    known(ev('format("%#v", "s")'), '"s"');
    known(ev('format("%#v", { a = 1 })'), '{"a":1}');
    known(ev('format("%v", [1, "a"])'), '[1,"a"]');
    known(ev('format("%5s|%-5s|", "ab", "cd")'), '   ab|cd   |');
    known(ev('format("%03d %+d %x %X %o %b", 7, 5, 255, 255, 8, 5)'), '007 +5 ff FF 10 101');
    known(ev('format("%.2f %e %g", 3.14159, 1234.5, 0.00001)'), '3.14 1.234500e+03 1e-05');
    known(ev('format("%t %%", true)'), 'true %');
    known(ev('format("%[2]s %[1]s", "a", "b")'), 'b a');
    known(ev('format("%.3s", "abcdef")'), 'abc');
    unknownBecause(ev('format("%d", 1.5)'), 'invalid');
    unknownBecause(ev('format("%s %s", "a")'), 'invalid');
    unknownBecause(ev('format("%s", var.u)', U), 'unset-variable');
  });

  it('formatlist', () => {
    known(ev('formatlist("%s=%s", ["a", "b"], ["1", "2"])'), ['a=1', 'b=2']);
    known(ev('formatlist("%s-x", ["a", "b"])'), ['a-x', 'b-x']);
    known(ev('formatlist("%s-%s", "k", ["a", "b"])'), ['k-a', 'k-b']);
    unknownBecause(ev('formatlist("%s%s", ["a"], ["b", "c"])'), 'invalid');
  });

  it('join, split, case, trimming, prefixes', () => {
    known(ev('join(",", ["a", "b"], ["c"])'), 'a,b,c');
    known(ev('join("-", [])'), '');
    known(ev('split(",", "a,b,,c")'), ['a', 'b', '', 'c']);
    known(ev('split(",", "")'), ['']);
    known(ev('lower("ABc")'), 'abc');
    known(ev('upper("abC")'), 'ABC');
    known(ev('trimspace("  a b \\n")'), 'a b');
    known(ev('trimprefix("helloworld", "hello")'), 'world');
    known(ev('trimprefix("hello", "x")'), 'hello');
    known(ev('trimsuffix("helloworld", "world")'), 'hello');
    known(ev('trim("?!hello?!", "!?")'), 'hello');
    known(ev('startswith("hello", "he")'), true);
    known(ev('endswith("hello", "x")'), false);
    known(ev('title("hello world")'), 'Hello World');
    known(ev('strrev("abc")'), 'cba');
    known(ev('chomp("a\\n\\n")'), 'a');
  });

  it('substr with negative offsets and lengths', () => {
    known(ev('substr("hello world", 1, 4)'), 'ello');
    known(ev('substr("hello", -3, -1)'), 'llo');
    known(ev('substr("hello", 0, 100)'), 'hello');
    known(ev('substr("héllo", 1, 1)'), 'é');
  });

  it('replace: plain and regular expression with group references', () => {
    known(ev('replace("1 + 2 + 3", "+", "-")'), '1 - 2 - 3');
    known(ev('replace("hello world", "/w.*d/", "there")'), 'hello there');
    known(ev('replace("a1b22", "/([a-z])(\\\\d+)/", "$2$1")'), '1a22b');
    known(ev('replace("key=value", "/(?P<k>\\\\w+)=(?P<v>\\\\w+)/", "$${v}:$${k}")'), 'value:key');
    known(ev('replace("abc", "/x*/", "-")'), '-a-b-c-');
    known(ev('replace("price $5", "/\\\\$(\\\\d)/", "$$$1.00")'), 'price $5.00');
  });
});

describe('terraform/functions: regex', () => {
  it('returns the match, a list of captures, or a map of named captures', () => {
    known(ev('regex("[a-z]+", "53453453.345345aaabbbccc23454")'), 'aaabbbccc');
    known(ev('regex("^(\\\\d{4})-(\\\\d{2})", "2024-06-01")'), ['2024', '06']);
    known(ev('regex("^(?P<year>\\\\d{4})-(?P<month>\\\\d{2})", "2024-06-01")'), { month: '06', year: '2024' });
    known(ev('regex("(a)|(b)", "b")'), [null, 'b']);
    unknownBecause(ev('regex("z", "abc")'), 'invalid', 'did not match');
    unknownBecause(ev('regex("(?P<n>a)(b)", "ab")'), 'invalid', 'mixed');
  });

  it('regexall returns every match', () => {
    known(ev('regexall("[a-z]+", "1234abcd5678efgh9")'), ['abcd', 'efgh']);
    known(ev('length(regexall("[a-z]+", "123456789")) > 0'), false);
    known(ev('regexall("(\\\\w)=(\\\\d)", "a=1,b=2")'), [
      ['a', '1'],
      ['b', '2'],
    ]);
  });

  it('uses RE2 syntax: (?i), \\\\z, POSIX classes, leftmost-first alternation', () => {
    known(ev('regex("(?i)HELLO", "say hello")'), 'hello');
    known(ev('regex("[[:digit:]]+\\\\z", "abc123")'), '123');
    known(ev('regex("a|ab", "ab")'), 'a');
    known(ev('regex("a+?", "aaa")'), 'a');
    known(ev('regex("(?s)a.b", "a\\nb")'), 'a\nb');
  });

  it('rejects what RE2 rejects and marks unsupported syntax as unknown', () => {
    unknownBecause(ev('regex("(a)\\\\1", "aa")'), 'invalid', 'backreferences');
    unknownBecause(ev('regex("a(?=b)", "ab")'), 'invalid', 'lookaround');
    unknownBecause(ev('regex("\\\\pL", "a")'), 'limit', 'not supported');
    unknownBecause(ev('regex("(", "a")'), 'invalid');
  });

  it('evaluates patterns that backtrack catastrophically elsewhere, on long inputs, in linear time', () => {
    // (a+)+b and a*a*a*b take exponential / cubic time in a backtracking engine.
    const long = 'a'.repeat(20000);
    known(ev(`length(regexall("(a+)+b", "${long}"))`), 0);
    known(ev(`length(regexall("a*a*a*a*b", "${long}"))`), 0);
    known(ev(`can(regex("(x+x+)+y", "${'x'.repeat(5000)}"))`), false);
  });

  it('bounds the input size', () => {
    unknownBecause(ev('regex("a", "aaaaaaaaaaaaaaaaaaaa")', '', {}, { limits: { maxRegexInput: 10 } }), 'limit', 'regex input limit');
  });
});

describe('terraform/functions: numbers and networks', () => {
  it('min, max, abs, ceil, floor, sum, pow, parseint', () => {
    known(ev('min(3, 1, 2)'), 1);
    known(ev('max(3, 1, 2)'), 3);
    known(ev('max([4, 9]...)'), 9);
    known(ev('abs(-2.5)'), 2.5);
    known(ev('ceil(1.2)'), 2);
    known(ev('floor(-1.2)'), -2);
    known(ev('sum([1, 2, 3.5])'), 6.5);
    unknownBecause(ev('sum([])'), 'invalid');
    known(ev('pow(2, 10)'), 1024);
    known(ev('parseint("ff", 16)'), 255);
    known(ev('parseint("-101", 2)'), -5);
  });

  it('cidrsubnet (IPv4 and IPv6)', () => {
    known(ev('cidrsubnet("172.16.0.0/12", 4, 2)'), '172.18.0.0/16');
    known(ev('cidrsubnet("10.1.2.0/24", 4, 15)'), '10.1.2.240/28');
    known(ev('cidrsubnet("10.0.0.0/16", 8, 0)'), '10.0.0.0/24');
    known(ev('cidrsubnet("10.1.2.3/16", 8, 1)'), '10.1.1.0/24');
    known(ev('cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162)'), 'fd00:fd12:3456:7800:a200::/72');
    unknownBecause(ev('cidrsubnet("10.0.0.0/30", 4, 0)'), 'invalid');
    unknownBecause(ev('cidrsubnet("10.0.0.0/16", 2, 4)'), 'invalid');
    unknownBecause(ev('cidrsubnet("10.0.0/16", 2, 0)'), 'invalid');
  });

  it('cidrhost, cidrnetmask, cidrsubnets', () => {
    known(ev('cidrhost("10.12.112.0/20", 16)'), '10.12.112.16');
    known(ev('cidrhost("10.12.112.0/20", 268)'), '10.12.113.12');
    known(ev('cidrhost("10.12.112.0/20", -1)'), '10.12.127.255');
    known(ev('cidrhost("fd00:fd12:3456:7890:00a2::/72", 34)'), 'fd00:fd12:3456:7890::22');
    unknownBecause(ev('cidrhost("10.0.0.0/30", 4)'), 'invalid');
    known(ev('cidrnetmask("172.16.0.0/12")'), '255.240.0.0');
    known(ev('cidrsubnets("10.1.0.0/16", 4, 4, 8, 4)'), ['10.1.0.0/20', '10.1.16.0/20', '10.1.32.0/24', '10.1.48.0/20']);
    known(ev('cidrsubnets("fd00:fd12:3456:7890::/56", 16, 16, 16, 32)'), [
      'fd00:fd12:3456:7800::/72',
      'fd00:fd12:3456:7800:100::/72',
      'fd00:fd12:3456:7800:200::/72',
      'fd00:fd12:3456:7800:300::/88',
    ]);
  });
});

describe('terraform/functions: encoding and files', () => {
  it('jsonencode / jsondecode', () => {
    known(ev('jsonencode({ b = [1, "x"], a = true, c = null })'), '{"a":true,"b":[1,"x"],"c":null}');
    known(ev('jsonencode("<a&b>")'), '"\\u003ca\\u0026b\\u003e"');
    known(ev('jsondecode("{\\"a\\": [1, 2]}")'), { a: [1, 2] });
    unknownBecause(ev('jsondecode("{")'), 'invalid');
  });

  it('jsonencode of a partly known value remembers the value; jsondecode gives it back', () => {
    const v = ev('jsonencode({ Action = "s3:GetObject", Resource = var.u })', U);
    assert.equal(v.kind, 'unknown');
    assert.ok(v.kind === 'unknown' && v.jsonOf);
    const back = ev('jsondecode(jsonencode({ Action = "s3:GetObject", Resource = var.u }))', U);
    assert.equal(back.kind, 'object');
  });

  it('base64 round trip', () => {
    known(ev('base64encode("Hello World")'), 'SGVsbG8gV29ybGQ=');
    known(ev('base64decode("SGVsbG8gV29ybGQ=")'), 'Hello World');
  });

  it('file / fileexists / templatefile read only inside the workspace', () => {
    const files = {
      'policy.json': '{"a": 1}',
      'tpl/user.tftpl': 'Hello ${name}!%{ for s in items } [${s}]%{ endfor }',
      '/elsewhere/secret.txt': 'nope',
    };
    known(ev('file("${path.module}/policy.json")', '', files), '{"a": 1}');
    known(ev('jsondecode(file("policy.json")).a', '', files), 1);
    known(ev('fileexists("policy.json")', '', files), true);
    known(ev('fileexists("missing.json")', '', files), false);
    known(ev('templatefile("tpl/user.tftpl", { name = "Ann", items = ["x", "y"] })', '', files), 'Hello Ann! [x] [y]');
    unknownBecause(ev('file("/elsewhere/secret.txt")', '', files), 'file-unavailable', 'outside the workspace');
    unknownBecause(ev('file("../elsewhere/secret.txt")', '', files), 'file-unavailable', 'outside the workspace');
    unknownBecause(ev('file("missing.txt")', '', files), 'file-unavailable');
    unknownBecause(ev('fileexists("/etc/passwd")', '', files), 'file-unavailable');
  });

  it('fileset lists the regular files below a directory inside the workspace that match the pattern', () => {
    const files = {
      'policies/a.json': '{}',
      'policies/b.json': '{}',
      'policies/notes.txt': 'x',
      'policies/.hidden.json': '{}',
      'policies/sub/c.json': '{}',
      'policies/sub/deeper/d.json': '{}',
      'policies/[x].json': '{}',
      '/elsewhere/e.json': '{}',
    };
    known(ev('fileset(path.module, "policies/*.json")', '', files), ['policies/.hidden.json', 'policies/[x].json', 'policies/a.json', 'policies/b.json']);
    known(ev('fileset("${path.module}/policies", "*.json")', '', files), ['.hidden.json', '[x].json', 'a.json', 'b.json']);
    known(ev('fileset("policies", "**/*.json")', '', files), ['.hidden.json', '[x].json', 'a.json', 'b.json', 'sub/c.json', 'sub/deeper/d.json']);
    known(ev('fileset("policies", "sub/**")', '', files), ['sub/c.json', 'sub/deeper/d.json']);
    known(ev('fileset("policies", "{a,b}.json")', '', files), ['a.json', 'b.json']);
    known(ev('fileset("policies", "[ab].json")', '', files), ['a.json', 'b.json']);
    known(ev('fileset("policies", "[!ab].json")', '', files), []);
    known(ev('fileset("policies", "\\\\[x].json")', '', files), ['[x].json']);
    known(ev('fileset("policies", "?.*")', '', files), ['a.json', 'b.json']);
    known(ev('fileset("policies", "./*.txt")', '', files), ['notes.txt']);
    known(ev('fileset("policies", "*.yaml")', '', files), []);
    // Each element can feed for_each and file().
    known(ev('[for f in fileset("policies", "*.json") : jsondecode(file("policies/${f}"))]', '', files), [{}, {}, {}, {}]);
    // Outside the workspace, a missing directory, a pattern leaving the directory, a broken pattern: unknown.
    unknownBecause(ev('fileset("/elsewhere", "*.json")', '', files), 'file-unavailable', 'outside the workspace');
    unknownBecause(ev('fileset("generated", "*.json")', '', files), 'file-unavailable', 'does not exist');
    unknownBecause(ev('fileset("policies", "../*.json")', '', files), 'unsupported-function', 'leaves the directory');
    unknownBecause(ev('fileset("policies", "{a,b.json")', '', files), 'invalid');
    unknownBecause(ev('fileset("policies", "[ab.json")', '', files), 'invalid');
  });

  it('a template cannot reach module scope', () => {
    const files = { 't.tpl': '${var.x}' };
    unknownBecause(ev('templatefile("t.tpl", {})', 'variable "x" { default = 1 }', files), 'invalid');
  });
});

describe('terraform/functions: anything else', () => {
  it('time- and environment-dependent or unknown functions are unknown, never errors', () => {
    unknownBecause(ev('timestamp()'), 'unsupported-function');
    unknownBecause(ev('uuid()'), 'unsupported-function');
    unknownBecause(ev('provider::aws::arn_parse("x")'), 'unsupported-function');
    unknownBecause(ev('nosuchfunction(1)'), 'unsupported-function');
  });

  it('try and can', () => {
    known(ev('try(local.nope.a, "fallback")'), 'fallback');
    known(ev('try({ a = 1 }.b, { a = 1 }.a)'), 1);
    unknownBecause(ev('try(var.u, "x")', U), 'unset-variable');
    known(ev('can(regex("^a", "abc"))'), true);
    known(ev('can(regex("^z", "abc"))'), false);
    unknownBecause(ev('can(var.u)', U), 'unset-variable');
    unknownBecause(ev('try(tonumber("x"), tonumber("y"))'), 'invalid');
  });

  it('wrong arity is invalid, not a crash', () => {
    unknownBecause(ev('length()'), 'invalid');
    unknownBecause(ev('upper("a", "b")'), 'invalid');
  });

  it('unknown arguments propagate their reasons', () => {
    const v = ev('upper(var.u)', U);
    unknownBecause(v, 'unset-variable', 'var.u');
    assert.equal(isWhollyKnown(v), false);
    assert.equal(plain(ev('upper("x")')), 'X');
  });
});
