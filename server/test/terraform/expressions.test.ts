// Expression evaluation: operators, conditionals, for (with grouping), splats, templates,
// references, and how unknowns flow through each.
import * as assert from 'node:assert/strict';
import { asList, equals, isWhollyKnown, reasonsOf, refsIn } from '../../src/terraform';
import { ev, known, unknownBecause } from './helpers';

const U = 'variable "u" {}\nvariable "ul" { type = list(string) }\nvariable "b" { type = bool }\n';

describe('terraform/evaluate: operators', () => {
  it('arithmetic, comparison and logic with Terraform conversions', () => {
    known(ev('1 + 2 * 3 - 4 / 2'), 5);
    known(ev('7 % 3'), 1);
    known(ev('"2" + 3'), 5);
    known(ev('-(2)'), -2);
    known(ev('3 >= 3 && 2 < 1 || !false'), true);
    known(ev('"true" && true'), true);
    unknownBecause(ev('1 / 0'), 'invalid');
    unknownBecause(ev('"a" + 1'), 'invalid');
  });

  it('equality is typed and deep', () => {
    known(ev('1 == 1.0'), true);
    known(ev('"1" == 1'), false);
    known(ev('["a", 1] == ["a", 1]'), true);
    known(ev('{ a = 1 } != { a = 2 }'), true);
    known(ev('null == null'), true);
    known(ev('"a" == null'), false);
  });

  it('unknowns: && and || still decide when one side decides', () => {
    known(ev('var.b && false', U), false);
    known(ev('true || var.b', U), true);
    unknownBecause(ev('var.b && true', U), 'unset-variable');
    unknownBecause(ev('var.u == "x"', U), 'unset-variable');
    unknownBecause(ev('var.u + 1', U), 'unset-variable');
  });
});

describe('terraform/evaluate: conditionals', () => {
  it('evaluates only the chosen branch', () => {
    known(ev('true ? "a" : tonumber("no")'), 'a');
    known(ev('1 > 2 ? "a" : "b"'), 'b');
  });

  it('an unknown condition gives an unknown, unless both branches agree', () => {
    unknownBecause(ev('var.b ? "a" : "b"', U), 'unset-variable');
    known(ev('var.b ? "same" : "same"', U), 'same');
    unknownBecause(ev('null ? 1 : 2'), 'invalid');
  });
});

describe('terraform/evaluate: for expressions', () => {
  it('list and object results, index and key variables, filters', () => {
    known(ev('[for s in ["a", "b"] : upper(s)]'), ['A', 'B']);
    known(ev('[for i, s in ["a", "b"] : "${i}=${s}"]'), ['0=a', '1=b']);
    known(ev('{ for k, v in { a = 1, b = 2 } : v => k }'), { '1': 'a', '2': 'b' });
    known(ev('[for v in [1, 2, 3, 4] : v if v % 2 == 0]'), [2, 4]);
    known(ev('[for v in toset(["b", "a"]) : v]'), ['a', 'b']);
  });

  it('grouping mode collects values per key', () => {
    known(ev('{ for s in ["apple", "avocado", "banana"] : substr(s, 0, 1) => s... }'), {
      a: ['apple', 'avocado'],
      b: ['banana'],
    });
    unknownBecause(ev('{ for s in ["ab", "ac"] : substr(s, 0, 1) => s }'), 'invalid', 'duplicate key');
  });

  it('unknown collections, keys or conditions make the result unknown; unknown values do not', () => {
    unknownBecause(ev('[for s in var.ul : s]', U), 'unset-variable');
    unknownBecause(ev('{ for s in ["a"] : var.u => s }', U), 'unset-variable');
    unknownBecause(ev('[for s in ["a"] : s if var.b]', U), 'unset-variable');
    const v = ev('[for s in ["a", "b"] : var.u]', U);
    assert.equal(asList(v)?.length, 2);
  });
});

describe('terraform/evaluate: splat', () => {
  it('over lists, null and single values', () => {
    known(ev('[{ a = 1 }, { a = 2 }][*].a'), [1, 2]);
    known(ev('[{ a = { b = 1 } }][*].a.b'), [1]);
    known(ev('null[*]'), []);
    known(ev('{ a = 1 }[*].a'), [1]);
    known(ev('"x"[*]'), ['x']);
    known(ev('[{ a = 1 }].*.a'), [1]);
  });

  it('over an unknown list is unknown', () => {
    unknownBecause(ev('var.ul[*]', U), 'unset-variable');
  });
});

describe('terraform/evaluate: templates', () => {
  it('interpolation converts primitives; a lone interpolation keeps its type', () => {
    known(ev('"n=${1 + 1}, b=${true}"'), 'n=2, b=true');
    known(ev('"${[1, 2]}"'), [1, 2]);
    unknownBecause(ev('"x${null}"'), 'invalid');
    unknownBecause(ev('"x${[1]}"'), 'invalid');
    unknownBecause(ev('"id-${var.u}"', U), 'unset-variable');
  });

  it('if and for directives, with strip markers', () => {
    known(ev('"%{ if true }yes%{ else }no%{ endif }"'), 'yes');
    known(ev('"%{ if 1 > 2 }yes%{ else }no%{ endif }"'), 'no');
    known(ev('"%{ for i, v in ["a", "b"] }${i}:${v};%{ endfor }"'), '0:a;1:b;');
    known(ev('"a  %{~ if true ~}  b  %{~ endif ~}  c"'), 'abc');
    known(ev('<<EOT\n%{ for s in ["x", "y"] ~}\n- ${s}\n%{ endfor ~}\nEOT\n'), '- x\n- y\n');
    unknownBecause(ev('"%{ if var.b }y%{ endif }"', U), 'unset-variable');
    unknownBecause(ev('"%{ for s in var.ul }${s}%{ endfor }"', U), 'unset-variable');
  });

  it('heredocs', () => {
    known(ev('<<EOT\nhello ${"world"}\nEOT\n'), 'hello world\n');
  });

  it('an unknown result keeps its parts: known text and the unknown interpolations, in order', () => {
    const v = ev('"arn:aws:sqs:${var.u}:${1 + 1}:q-${var.u}"', U);
    assert.equal(v.kind, 'unknown');
    const parts = v.kind === 'unknown' ? v.parts : undefined;
    assert.ok(parts);
    assert.deepEqual(
      parts.map((p) => (typeof p === 'string' ? p : 'UNKNOWN')),
      ['arn:aws:sqs:', 'UNKNOWN', ':2:q-', 'UNKNOWN'],
    );
    // Directives over unknowns leave no parts: the text they would produce is not known.
    const d = ev('"a%{ if var.b }b%{ endif }"', U);
    assert.equal(d.kind === 'unknown' ? d.parts : 'known', undefined);
    // The references inside are still found.
    const r = ev('"${aws_sqs_queue.q.arn}/x"', 'resource "aws_sqs_queue" "q" {}\n');
    assert.deepEqual(refsIn(r).map((x) => x.address), ['aws_sqs_queue.q']);
  });
});

describe('terraform/evaluate: references', () => {
  it('objects, indexes, legacy .0 index, nested attributes', () => {
    known(ev('{ a = { b = ["x", "y"] } }.a.b[1]'), 'y');
    known(ev('["p", "q"].1'), 'q');
    known(ev('{ "key with space" = 1 }["key with space"]'), 1);
    known(ev('{ (local.k) = 1 }', 'locals {\n  k = "dyn"\n}'), { dyn: 1 });
    unknownBecause(ev('["a"][5]'), 'invalid', 'out of range');
    unknownBecause(ev('{ a = 1 }.b'), 'invalid');
    unknownBecause(ev('toset(["a"])[0]'), 'invalid');
  });

  it('path.module / path.root / path.cwd, terraform.workspace', () => {
    known(ev('path.module'), '.');
    known(ev('path.root'), '.');
    known(ev('path.cwd'), '/w');
    unknownBecause(ev('terraform.workspace'), 'unsupported');
  });

  it('undeclared names are invalid', () => {
    unknownBecause(ev('var.nope'), 'invalid', 'not declared');
    unknownBecause(ev('local.nope'), 'invalid', 'not declared');
    unknownBecause(ev('aws_subnet.nope.id'), 'invalid', 'undeclared resource');
    unknownBecause(ev('data.aws_vpc.nope.id'), 'invalid', 'undeclared data source');
    unknownBecause(ev('module.nope.x'), 'invalid');
    unknownBecause(ev('count.index'), 'invalid');
    unknownBecause(ev('each.key'), 'invalid');
    unknownBecause(ev('ephemeral.aws_secretsmanager_secret_version.s.secret_string'), 'unsupported');
  });

  it('a syntax error is an invalid value, not a crash', () => {
    unknownBecause(ev('(1 +'), 'invalid');
  });
});

describe('terraform/evaluate: symbolic references', () => {
  const cfg = `
resource "aws_subnet" "a" {
  availability_zone = "us-east-1a"
}
resource "aws_subnet" "b" {
  availability_zone = var.az
}
variable "az" {}
`;

  it('computed attributes are unknown refs; configured ones are their values', () => {
    const id = ev('aws_subnet.a.id', cfg);
    assert.equal(id.kind, 'unknown');
    assert.ok(id.kind === 'unknown' && id.ref);
    assert.equal(id.kind === 'unknown' && id.ref?.address, 'aws_subnet.a');
    assert.deepEqual(id.kind === 'unknown' && id.ref?.path, ['id']);
    known(ev('aws_subnet.a.availability_zone', cfg), 'us-east-1a');
    const az = ev('aws_subnet.b.availability_zone', cfg);
    unknownBecause(az, 'unset-variable');
    assert.equal(az.kind === 'unknown' && az.ref?.address, 'aws_subnet.b');
  });

  it('ids of different instances are known to differ; the same ref is equal to itself', () => {
    const a = ev('aws_subnet.a.id', cfg);
    const b = ev('aws_subnet.b.id', cfg);
    assert.equal(equals(a, b), false);
    assert.equal(equals(a, ev('aws_subnet.a.id', cfg)), true);
    known(ev('aws_subnet.a.id == aws_subnet.b.id', cfg), false);
    unknownBecause(ev('aws_subnet.a.id == "subnet-1"', cfg), 'computed');
  });

  it('whole resource objects and splats over counted resources', () => {
    const v = ev(
      'aws_subnet.c[*].id',
      `
resource "aws_subnet" "c" {
  count = 3
  cidr_block = cidrsubnet("10.0.0.0/16", 8, count.index)
}`,
    );
    const items = asList(v)!;
    assert.equal(items.length, 3);
    assert.deepEqual(
      items.map((i) => (i.kind === 'unknown' ? i.ref?.address : '')),
      ['aws_subnet.c[0]', 'aws_subnet.c[1]', 'aws_subnet.c[2]'],
    );
    known(ev('aws_subnet.c[2].cidr_block', 'resource "aws_subnet" "c" {\n  count = 3\n  cidr_block = cidrsubnet("10.0.0.0/16", 8, count.index)\n}'), '10.0.2.0/24');
    known(ev('[for s in aws_subnet.c : s.cidr_block]', 'resource "aws_subnet" "c" {\n  count = 2\n  cidr_block = "10.0.${count.index}.0/24"\n}'), ['10.0.0.0/24', '10.0.1.0/24']);
  });

  it('reasons carry a location', () => {
    const v = ev('var.u', U);
    const r = reasonsOf(v)[0];
    assert.equal(r.at?.file, '/w/main.tf');
    assert.equal(isWhollyKnown(v), false);
  });
});
