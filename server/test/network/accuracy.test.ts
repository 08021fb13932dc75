// Regressions found on real configurations: facts that were wrong or unknown where Terraform's own semantics say
// what they are (Availability Zones written as templates, Terraform 0.11 list interpolations).
import * as assert from 'node:assert/strict';
import { MemoryHost } from '../../src/core/host';
import { parseExpression } from '../../src/hcl/parser';
import { buildPictures } from '../../src/network/picture';
import { legacyListValue } from '../../src/network/subnets';
import type { AzFact, FunctionPicture } from '../../src/network/types';
import { loadWorkspace, str, tuple, unknown, type Value } from '../../src/terraform';

function pictures(main: string): FunctionPicture[] {
  return buildPictures(loadWorkspace(MemoryHost.from({ '/w/main.tf': main }), ['/w']));
}

function azs(pic: FunctionPicture): AzFact[] {
  assert.ok(pic.subnets?.known, 'subnets are known');
  return pic.subnets.value.map((s) => (s.known ? s.az : { kind: 'unknown', reason: s.reason }));
}

/** A function in two counted subnets whose availability_zone is `az`. */
function countedSubnets(az: string): string {
  return `
variable "region" { type = string }
variable "suffixes" { type = list(string) }
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_subnet" "s" {
  count             = 2
  vpc_id            = aws_vpc.v.id
  cidr_block        = cidrsubnet("10.0.0.0/16", 8, count.index)
  availability_zone = ${az}
}
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/f"
  vpc_config {
    subnet_ids         = aws_subnet.s[*].id
    security_group_ids = ["sg-1"]
  }
}
`;
}

describe('network: Availability Zones written as templates', () => {
  it('parts that use count.index are evaluated per instance; an unknown Region prefix is shared', () => {
    const [pic] = pictures(countedSubnets('"${var.region}${count.index == 0 ? "a" : "b"}"'));
    assert.deepEqual(
      azs(pic).map((a) => (a.kind === 'symbolic' ? a.member : a.kind)),
      ['a', 'b'],
    );
    assert.deepEqual(pic.azs, { min: 2, max: 2 });
  });

  it('an unknown part that depends on count.index may differ between instances: no symbol', () => {
    const [pic] = pictures(countedSubnets('"${var.region}${var.suffixes[count.index]}"'));
    assert.deepEqual(
      azs(pic).map((a) => a.kind),
      ['unknown', 'unknown'],
    );
    assert.equal(pic.azs?.max, 2);
  });
});

describe('network: Terraform 0.11 list interpolations', () => {
  const at = (text: string): ReturnType<typeof parseExpression>['expr'] => parseExpression(text).expr;

  it('a lone "${...}" holding a list stands for its elements', () => {
    const v = legacyListValue(tuple([tuple([str('subnet-a'), str('subnet-b')]), str('subnet-c')]), at('["${var.l}", "subnet-c"]'), '/w/main.tf');
    assert.deepEqual(
      (v as Value & { kind: 'tuple' }).items.map((i) => (i.kind === 'string' ? i.value : i.kind)),
      ['subnet-a', 'subnet-b', 'subnet-c'],
    );
  });

  it('one that may be a list of unknown length makes the length unknown (at least the other elements)', () => {
    const maybeList = unknown('unset-variable', 'var.l has no value', undefined, { type: 'dynamic' });
    const v = legacyListValue(tuple([maybeList, str('subnet-c')]), at('["${var.l}", "subnet-c"]'), '/w/main.tf');
    assert.equal(v?.kind, 'unknown');
    assert.equal(v?.kind === 'unknown' ? v.minLength : undefined, 1);
  });

  it('an unknown string, or an element not written as a lone interpolation, is one element', () => {
    const id = unknown('unset-variable', 'var.id has no value', undefined, { type: 'string' });
    const t = tuple([id]);
    assert.equal(legacyListValue(t, at('["${var.id}"]'), '/w/main.tf'), t);
    const dyn = tuple([unknown('unset-variable', 'x', undefined, { type: 'dynamic' })]);
    assert.equal(legacyListValue(dyn, at('[var.x]'), '/w/main.tf'), dyn);
  });
});
