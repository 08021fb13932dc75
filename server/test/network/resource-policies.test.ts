// Resource policies with VPC condition keys (network/resource-policies.ts): which statements make a resource
// VPC-only (known), which leave it unknown, and which change nothing. The golden case
// test-fixtures/network/resource-policy-vpc shows the value forms (jsonencode, heredoc, data source, module models).
import * as assert from 'node:assert/strict';
import { MemoryHost } from '../../src/core/host';
import { buildPictures } from '../../src/network/picture';
import type { Dependency, Fact } from '../../src/network/types';
import { loadWorkspace } from '../../src/terraform';

/** The S3 dependency's vpcOnly fact of a function whose BUCKET is aws_s3_bucket.b, with `extra` configuration. */
function s3Reach(extra: string, files: Record<string, string> = {}): Fact<boolean> {
  return policyReach(s3Dependency(extra, files));
}

/** The S3 dependency of a function whose BUCKET is aws_s3_bucket.b, with `extra` configuration. */
function s3Dependency(extra: string, files: Record<string, string> = {}): Dependency {
  const main = `
variable "unset" { type = string }
resource "aws_s3_bucket" "b" { bucket = "b" }
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/f"
  environment {
    variables = { BUCKET = aws_s3_bucket.b.id }
  }
  vpc_config {
    subnet_ids         = ["subnet-1"]
    security_group_ids = ["sg-1"]
  }
}
${extra}
`;
  const ws = loadWorkspace(MemoryHost.from({ '/w/main.tf': main, ...Object.fromEntries(Object.entries(files).map(([k, v]) => [`/w/${k}`, v])) }), ['/w']);
  const [pic] = buildPictures(ws);
  const dep = pic.dependencies.find((d) => d.service === 's3');
  assert.ok(dep, 'the function uses S3');
  return dep;
}

/**
 * What a resource policy makes of a public dependency: known true when it admits requests only from a VPC
 * (`admittedOnlyFromVpc`; the service itself stays a public API, reached through its endpoint), else `vpcOnly`.
 */
function policyReach(dep: Dependency): Fact<boolean> {
  if (dep.admittedOnlyFromVpc) {
    assert.deepEqual(dep.vpcOnly.known && dep.vpcOnly.value, false, 'the service itself stays a public API');
    return { known: true, value: true, at: dep.admittedOnlyFromVpc.at };
  }
  return dep.vpcOnly;
}

/** A bucket policy on aws_s3_bucket.b with one statement (HCL object syntax, inside jsonencode). */
function bucketPolicy(statement: string, target = 'aws_s3_bucket.b.id'): string {
  return `
resource "aws_s3_bucket_policy" "p" {
  bucket = ${target}
  policy = jsonencode({ Version = "2012-10-17", Statement = [${statement}] })
}
`;
}

const DENY_OUTSIDE_VPCE = `{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = "*", Condition = { StringNotEquals = { "aws:SourceVpce" = "vpce-1" } } }`;

function assertVpcOnly(f: Fact<boolean>): void {
  assert.ok(f.known && f.value === true, `expected VPC-only, got ${JSON.stringify(f)}`);
}

function assertPublic(f: Fact<boolean>): void {
  assert.ok(f.known && f.value === false, `expected public, got ${JSON.stringify(f)}`);
}

function assertUnknown(f: Fact<boolean>, reason: RegExp): void {
  assert.ok(!f.known, `expected unknown, got ${JSON.stringify(f)}`);
  assert.match(f.reason, reason);
}

describe('network: resource policies with VPC condition keys', () => {
  it('no policy, or a policy without VPC keys, changes nothing', () => {
    assertPublic(s3Reach(''));
    assertPublic(s3Reach(bucketPolicy(`{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = "*", Condition = { Bool = { "aws:SecureTransport" = "false" } } }`)));
  });

  it('a Deny for everyone and every action unless through a VPC endpoint makes the bucket VPC-only', () => {
    assertVpcOnly(s3Reach(bucketPolicy(DENY_OUTSIDE_VPCE)));
    // Names of keys are case-insensitive; IfExists and the other negated operators count; Null = true counts.
    assertVpcOnly(s3Reach(bucketPolicy(`{ Effect = "Deny", Principal = { AWS = ["*"] }, Action = "*", Resource = "*", Condition = { StringNotLikeIfExists = { "AWS:SOURCEVPC" = "vpc-*" } } }`)));
    assertVpcOnly(s3Reach(bucketPolicy(`{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = "*", Condition = { Null = { "aws:SourceVpce" = "true" } } }`)));
    assertVpcOnly(s3Reach(bucketPolicy(`{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = "*", Condition = { NotIpAddress = { "aws:VpcSourceIp" = "10.0.0.0/16" } } }`)));
    assertVpcOnly(s3Reach(bucketPolicy(`{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = "*", Condition = { ArnNotEquals = { "aws:SourceVpcArn" = "arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-1" } } }`)));
  });

  it('the evidence names the policy and the key', () => {
    const ws = loadWorkspace(MemoryHost.from({ '/w/main.tf': `
resource "aws_s3_bucket" "b" { bucket = "b" }
${bucketPolicy(DENY_OUTSIDE_VPCE)}
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/f"
  environment {
    variables = { BUCKET = aws_s3_bucket.b.id }
  }
}
` }), ['/w']);
    const [pic] = buildPictures(ws);
    const dep = pic.dependencies.find((d) => d.service === 's3');
    assert.ok(dep);
    assert.ok(
      dep.evidence.some((e) => e.kind === 'policy' && e.detail === 'aws_s3_bucket_policy.p admits only requests through a VPC endpoint (aws:SourceVpce)' && e.resource === 'aws_s3_bucket.b'),
      JSON.stringify(dep.evidence),
    );
  });

  it('an Allow, a Deny that admits the VPC, or a Deny limited to some principals, actions or further conditions: unknown', () => {
    assertUnknown(s3Reach(bucketPolicy(`{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*", Condition = { StringEquals = { "aws:SourceVpce" = "vpce-1" } } }`)), /allows requests by aws:SourceVpce/);
    assertUnknown(s3Reach(bucketPolicy(`{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = "*", Condition = { StringEquals = { "aws:SourceVpc" = "vpc-1" } } }`)), /denies requests by aws:SourceVpc/);
    assertUnknown(s3Reach(bucketPolicy(`{ Effect = "Deny", Principal = { AWS = "arn:aws:iam::123456789012:role/other" }, Action = "s3:*", Resource = "*", Condition = { StringNotEquals = { "aws:SourceVpce" = "vpce-1" } } }`)), /aws:SourceVpce/);
    assertUnknown(s3Reach(bucketPolicy(`{ Effect = "Deny", NotPrincipal = { AWS = "*" }, Action = "s3:*", Resource = "*", Condition = { StringNotEquals = { "aws:SourceVpce" = "vpce-1" } } }`)), /aws:SourceVpce/);
    assertUnknown(s3Reach(bucketPolicy(`{ Effect = "Deny", Principal = "*", Action = "s3:PutObject", Resource = "*", Condition = { StringNotEquals = { "aws:SourceVpce" = "vpce-1" } } }`)), /aws:SourceVpce/);
    assertUnknown(
      s3Reach(bucketPolicy(`{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = "*", Condition = { StringNotEquals = { "aws:SourceVpce" = "vpce-1" }, StringNotLike = { "aws:PrincipalArn" = "arn:aws:iam::*:role/admin" } } }`)),
      /aws:SourceVpce/,
    );
    assertUnknown(s3Reach(bucketPolicy(`{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = "*", Condition = { Null = { "aws:SourceVpce" = "false" } } }`)), /aws:SourceVpce/);
    assertUnknown(s3Reach(bucketPolicy(`{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = "*", Condition = { "ForAnyValue:StringNotEquals" = { "aws:SourceVpce" = ["vpce-1"] } } }`)), /aws:SourceVpce/);
  });

  it('a policy that applies and cannot be read: unknown; one whose conditions cannot be read: unknown', () => {
    assertUnknown(s3Reach(`resource "aws_s3_bucket_policy" "p" {\n  bucket = aws_s3_bucket.b.id\n  policy = var.unset\n}`), /aws_s3_bucket_policy\.p applies to aws_s3_bucket\.b and cannot be read/);
    assertUnknown(s3Reach(bucketPolicy(`{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = "*", Condition = var.unset }`)), /conditions of a statement are unknown/);
    assertUnknown(s3Reach(`resource "aws_s3_bucket_policy" "p" {\n  bucket = aws_s3_bucket.b.id\n  policy = "{not json"\n}`), /not valid JSON/);
  });

  it('a policy on another bucket changes nothing; one whose bucket cannot be compared matters only with VPC keys', () => {
    const other = `resource "aws_s3_bucket" "other" { bucket = "other" }\n`;
    assertPublic(s3Reach(other + bucketPolicy(DENY_OUTSIDE_VPCE, 'aws_s3_bucket.other.id')));
    assertUnknown(s3Reach(bucketPolicy(DENY_OUTSIDE_VPCE, 'var.unset')), /may apply to aws_s3_bucket\.b \(its bucket cannot be compared with it\)/);
    assertPublic(s3Reach(bucketPolicy(`{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = "*", Condition = { Bool = { "aws:SecureTransport" = "false" } } }`, 'var.unset')));
    // The bucket's known name names it too.
    assertVpcOnly(s3Reach(bucketPolicy(DENY_OUTSIDE_VPCE, '"b"')));
  });

  it('the policy forms: heredoc with interpolations, data source, file()', () => {
    const heredoc = `resource "aws_s3_bucket_policy" "p" {
  bucket = aws_s3_bucket.b.id
  policy = <<JSON
{"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "\${aws_s3_bucket.b.arn}/*",
  "Condition": {"StringNotEquals": {"aws:SourceVpce": "\${var.unset}"}}}]}
JSON
}`;
    assertVpcOnly(s3Reach(heredoc));
    const unknownKey = heredoc.replace('"aws:SourceVpce"', '"${var.unset}"');
    assertUnknown(s3Reach(unknownKey), /JSON key of the policy is unknown/);
    const dataSource = `data "aws_iam_policy_document" "d" {
  statement {
    effect    = "Deny"
    actions   = ["*"]
    resources = ["*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "StringNotEquals"
      variable = "aws:SourceVpc"
      values   = ["vpc-1"]
    }
  }
}
resource "aws_s3_bucket_policy" "p" {
  bucket = aws_s3_bucket.b.id
  policy = data.aws_iam_policy_document.d.json
}`;
    assertVpcOnly(s3Reach(dataSource));
    assertUnknown(s3Reach(dataSource.replace('test     = "StringNotEquals"', 'test     = var.unset')), /conditions of a statement are unknown: var.unset/);
    const fromFile = `resource "aws_s3_bucket_policy" "p" {\n  bucket = aws_s3_bucket.b.id\n  policy = file("\${path.module}/policy.json")\n}`;
    assertVpcOnly(
      s3Reach(fromFile, {
        'policy.json': JSON.stringify({ Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } } }] }),
      }),
    );
  });

  it('a data source whose json is not evaluated (count unknown) is read from its blocks', () => {
    /** data.aws_iam_policy_document.d[0] (count unknown, so its `json` is an unknown without the policy) with `body`. */
    const fromBlocks = (body: string): string => `variable "n" { type = number }
data "aws_iam_policy_document" "d" {
  count = var.n
${body}
}
resource "aws_s3_bucket_policy" "p" {
  bucket = aws_s3_bucket.b.id
  policy = data.aws_iam_policy_document.d[0].json
}`;
    const statement = (principals: string, condition = 'test = "StringNotEquals"\n      variable = "aws:SourceVpc"\n      values = ["vpc-1"]'): string => `  statement {
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = ["*"]
    ${principals}
    condition {
      ${condition}
    }
  }`;
    const everyone = 'principals {\n      type = "*"\n      identifiers = ["*"]\n    }';
    const awsEveryone = 'principals {\n      type = "AWS"\n      identifiers = ["arn:aws:iam::123456789012:root", "*"]\n    }';
    assertVpcOnly(s3Reach(fromBlocks(statement(everyone))));
    assertVpcOnly(s3Reach(fromBlocks(statement(awsEveryone))));
    assertVpcOnly(s3Reach(fromBlocks(statement(everyone, 'test = "Null"\n      variable = "aws:SourceVpce"\n      values = ["true"]'))));
    // The evidence is the statement block.
    const dep = s3Dependency(fromBlocks(statement(everyone)));
    assert.ok(dep.admittedOnlyFromVpc);
    assert.equal(dep.admittedOnlyFromVpc.detail, 'aws_s3_bucket_policy.p admits only requests from a VPC (aws:SourceVpc)');
    // NotPrincipal, other principals, principals that cannot be read: the VPC key leaves the reach unknown.
    assertUnknown(s3Reach(fromBlocks(statement(awsEveryone.replace('principals', 'not_principals')))), /denies requests by aws:SourceVpc/);
    assertUnknown(s3Reach(fromBlocks(statement('principals {\n      type = "AWS"\n      identifiers = ["arn:aws:iam::123456789012:role/other"]\n    }'))), /denies requests by aws:SourceVpc/);
    assertUnknown(s3Reach(fromBlocks(statement('principals {\n      type = "AWS"\n      identifiers = [var.unset]\n    }'))), /denies requests by aws:SourceVpc/);
    assertUnknown(s3Reach(fromBlocks(statement('principals {\n      type = var.unset\n      identifiers = ["*"]\n    }'))), /denies requests by aws:SourceVpc/);
    assertUnknown(s3Reach(fromBlocks(statement(everyone, 'test = "Null"\n      variable = "aws:SourceVpce"\n      values = [var.unset]'))), /denies requests by aws:SourceVpce/);
    // A condition whose test or variable is unknown: the conditions cannot be read.
    assertUnknown(s3Reach(fromBlocks(statement(everyone, 'test = var.unset\n      variable = "aws:SourceVpc"\n      values = ["vpc-1"]'))), /conditions of a statement are unknown: a condition's test is unknown/);
    assertUnknown(s3Reach(fromBlocks(statement(everyone, 'test = "StringNotEquals"\n      variable = var.unset\n      values = ["vpc-1"]'))), /conditions of a statement are unknown: a condition's variable is unknown/);
    // A statement without VPC keys says nothing.
    assertPublic(s3Reach(fromBlocks(statement(everyone, 'test = "Bool"\n      variable = "aws:SecureTransport"\n      values = ["false"]'))));
    // Source documents count as statements of the document; "" is not a policy document (as when the json is evaluated).
    assertVpcOnly(s3Reach(fromBlocks(`  source_policy_documents = [jsonencode({ Statement = [${DENY_OUTSIDE_VPCE}] })]`)));
    assertUnknown(s3Reach(fromBlocks('  source_policy_documents = [""]')), /cannot be read: the policy is not valid JSON/);
  });

  it('a template that places a partly known jsonencode() where a JSON value goes reads what it encodes', () => {
    const heredoc = (condition: string): string => `resource "aws_s3_bucket_policy" "p" {
  bucket = aws_s3_bucket.b.id
  policy = <<JSON
{"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": \${${condition}}}]}
JSON
}`;
    assertVpcOnly(s3Reach(heredoc('jsonencode({ StringNotEquals = { "aws:SourceVpce" = var.unset } })')));
    assertUnknown(s3Reach(heredoc('jsonencode({ StringEquals = { "aws:SourceVpce" = var.unset } })')), /denies requests by aws:SourceVpce/);
    assertUnknown(s3Reach(heredoc('var.unset')), /conditions of a statement are unknown/);
  });

  it("the bucket's own deprecated policy argument counts", () => {
    const ws = loadWorkspace(MemoryHost.from({ '/w/main.tf': `
resource "aws_s3_bucket" "b" {
  bucket = "b"
  policy = jsonencode({ Statement = [${DENY_OUTSIDE_VPCE}] })
}
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/f"
  environment {
    variables = { BUCKET = aws_s3_bucket.b.bucket }
  }
}
` }), ['/w']);
    const dep = buildPictures(ws)[0].dependencies.find((d) => d.service === 's3');
    assert.ok(dep);
    assertVpcOnly(policyReach(dep));
    assert.ok(dep.evidence.some((e) => e.detail === 'aws_s3_bucket.b policy admits only requests through a VPC endpoint (aws:SourceVpce)'));
  });

  it('resources that are VPC-only by themselves stay so', () => {
    const ws = loadWorkspace(MemoryHost.from({ '/w/main.tf': `
resource "aws_db_instance" "db" {
  identifier = "db"
}
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/f"
  environment {
    variables = { DB = aws_db_instance.db.address }
  }
}
` }), ['/w']);
    const dep = buildPictures(ws)[0].dependencies[0];
    assertVpcOnly(dep.vpcOnly);
    assert.equal(dep.evidence.length, 1);
  });
});
