// Data sources: unknown, except the ones we model (AZ lists, IAM policy documents), and symbolic
// refs that tell the network layer what a data source is.
import * as assert from 'node:assert/strict';
import { equals, jsonContent, type Value } from '../../src/terraform';
import { ev, known, plain, unknownBecause, workspace } from './helpers';

const AZ = 'data "aws_availability_zones" "az" {\n  state = "available"\n}\n';

describe('terraform/data sources: aws_availability_zones', () => {
  it('names are distinct AZs even though their names are unknown', () => {
    const a = ev('data.aws_availability_zones.az.names[0]', AZ);
    const b = ev('data.aws_availability_zones.az.names[1]', AZ);
    unknownBecause(a, 'data-source');
    assert.equal(equals(a, b), false);
    assert.equal(equals(a, ev('data.aws_availability_zones.az.names[0]', AZ)), true);
    known(ev('data.aws_availability_zones.az.names[0] == data.aws_availability_zones.az.names[1]', AZ), false);
    unknownBecause(ev('length(data.aws_availability_zones.az.names)', AZ), 'data-source');
  });

  it('element() below the Region minimum of two AZs cannot have wrapped', () => {
    const cfg = `${AZ}resource "aws_subnet" "s" {\n  count = 3\n  availability_zone = element(data.aws_availability_zones.az.names, count.index)\n}\n`;
    const ws = workspace({ 'main.tf': cfg });
    const azs = ws.resources({ type: 'aws_subnet' }).map((s) => s.attr('availability_zone')!);
    assert.equal(equals(azs[0], azs[1]), false);
    // The third may wrap around to the first: we do not know.
    assert.equal(equals(azs[0], azs[2]), undefined);
    assert.equal(azs[2].kind, 'unknown');
  });

  it('with exclusions there is no guaranteed minimum', () => {
    const cfg = 'data "aws_availability_zones" "az" {\n  exclude_names = ["us-east-1e"]\n}\n';
    const v = ev('element(data.aws_availability_zones.az.names, 0)', cfg);
    assert.equal(v.kind === 'unknown' && v.ref, undefined);
  });
});

describe('terraform/data sources: aws_iam_policy_document', () => {
  const doc = `
variable "queue_arn" {}
data "aws_iam_policy_document" "p" {
  statement {
    sid       = "Read"
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = ["*"]
  }
  statement {
    effect    = "Deny"
    actions   = ["s3:DeleteObject"]
    resources = ["arn:aws:s3:::b/*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:root"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceVpc"
      values   = ["vpc-1"]
    }
  }
  dynamic "statement" {
    for_each = ["sqs:SendMessage"]
    content {
      actions   = [statement.value]
      resources = [var.queue_arn]
    }
  }
}
data "aws_iam_policy_document" "known" {
  statement {
    actions   = ["dynamodb:GetItem"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "merged" {
  source_policy_documents   = [data.aws_iam_policy_document.known.json]
  override_policy_documents = [jsonencode({ Statement = [{ Sid = "Over", Effect = "Allow", Action = "sqs:*", Resource = "*" }] })]
  statement {
    sid       = "Over"
    actions   = ["sqs:ReceiveMessage"]
    resources = ["*"]
  }
}
`;

  it('a fully known document gives a known JSON string', () => {
    const v = ev('data.aws_iam_policy_document.known.json', doc);
    assert.equal(v.kind, 'string');
    known(jsonContent(v), { Statement: [{ Action: 'dynamodb:GetItem', Effect: 'Allow', Resource: '*' }], Version: '2012-10-17' });
    known(ev('jsondecode(data.aws_iam_policy_document.known.minified_json).Statement[0].Action', doc), 'dynamodb:GetItem');
  });

  it('a partly known document is an unknown string that remembers the policy', () => {
    const v = ev('data.aws_iam_policy_document.p.json', doc);
    unknownBecause(v, 'unset-variable');
    const policy = plain(jsonContent(v)) as { Statement: Record<string, unknown>[] };
    assert.equal(policy.Statement.length, 3);
    assert.deepEqual(policy.Statement[0], { Action: ['s3:GetObject', 's3:ListBucket'], Effect: 'Allow', Resource: '*', Sid: 'Read' });
    assert.deepEqual(policy.Statement[1].Principal, { AWS: 'arn:aws:iam::123456789012:root' });
    assert.deepEqual(policy.Statement[1].Condition, { StringEquals: { 'aws:SourceVpc': 'vpc-1' } });
    assert.equal(policy.Statement[2].Action, 'sqs:SendMessage');
  });

  it('source documents come first; override documents replace statements by Sid', () => {
    const policy = plain(jsonContent(ev('data.aws_iam_policy_document.merged.json', doc))) as { Statement: { Sid?: string; Action: unknown }[] };
    assert.deepEqual(
      policy.Statement.map((s) => [s.Sid ?? '', s.Action]),
      [
        ['', 'dynamodb:GetItem'],
        ['Over', 'sqs:*'],
      ],
    );
  });
});

describe('terraform/data sources: aws_region', () => {
  it("is the Region of the provider configuration it uses, or the one it asks about", () => {
    const ws = workspace({
      'main.tf': `
provider "aws" {
  region = "eu-west-1"
}
provider "aws" {
  alias  = "us"
  region = "us-east-1"
}
data "aws_region" "current" {}
data "aws_region" "us" {
  provider = aws.us
}
data "aws_region" "asked" {
  region = "ap-south-1"
}
module "child" {
  source    = "./child"
  providers = { aws = aws.us }
}
`,
      'child/main.tf': 'data "aws_region" "here" {}\noutput "az" { value = "${data.aws_region.here.name}a" }\n',
    });
    known(ws.instance('data.aws_region.current')!.ref('region'), 'eu-west-1');
    known(ws.instance('data.aws_region.current')!.ref('name'), 'eu-west-1');
    known(ws.instance('data.aws_region.us')!.ref('id'), 'us-east-1');
    known(ws.instance('data.aws_region.asked')!.ref('region'), 'ap-south-1');
    known(ws.roots[0].children()[0].output('az'), 'us-east-1a');
  });

  it('stays unknown (a ref to the data source) when the provider Region is not known', () => {
    const ws = workspace({ 'main.tf': 'variable "region" { type = string }\nprovider "aws" {\n  region = var.region\n}\ndata "aws_region" "current" {}\n' });
    const r = ws.instance('data.aws_region.current')!.ref('region');
    unknownBecause(r, 'data-source');
    assert.deepEqual(ws.resolveRef(r).map((x) => x.address), ['data.aws_region.current']);
  });
});

describe('terraform/data sources: the rest', () => {
  it('are unknown, with a ref to the data source, and read back configured arguments', () => {
    const cfg = `
data "aws_caller_identity" "current" {}
data "aws_vpc_endpoint_service" "s3" {
  service      = "s3"
  service_type = "Gateway"
}
data "aws_nat_gateway" "existing" {
  subnet_id = "subnet-1"
}
`;
    const ws = workspace({ 'main.tf': cfg });
    const account = ws.instance('data.aws_caller_identity.current')!.ref('account_id');
    unknownBecause(account, 'data-source');
    const svc = ws.instance('data.aws_vpc_endpoint_service.s3')!;
    known(svc.attr('service'), 's3');
    const name = svc.ref('service_name');
    unknownBecause(name, 'data-source');
    assert.deepEqual(ws.resolveRef(name).map((r) => r.address), ['data.aws_vpc_endpoint_service.s3']);
    const nat: Value = ws.instance('data.aws_nat_gateway.existing')!.ref('id');
    const [inst] = ws.resolveRef(nat);
    assert.equal(inst.type, 'aws_nat_gateway');
    assert.equal(inst.mode, 'data');
  });
});
