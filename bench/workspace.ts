// A deterministic generator of realistic Terraform workspaces for the whole-check benchmark
// (bench/check.ts): the same (files, seed) always gives the same bytes.
//
// Layout of a workspace of N files:
//
//   modules/function/            a shared local module wrapping one Lambda function and its role
//   stacks/<stack>/              a root module per ~50 files (found by `--check --recursive`):
//     main.tf variables.tf terraform.tfvars network.tf data-stores.tf outputs.tf
//     lambda-NN.tf               functions: direct resources or calls of ../../modules/function,
//                                with environment variables and policies (jsonencode, heredoc,
//                                aws_iam_policy_document)
//     tenants.tf                 in some stacks: a fleet of functions with `count`, one security
//                                group each (ENI quota pressure)
//     <filler>-NN.tf             alarms, parameters, security groups, buckets, locals...: comments
//                                of the three styles, heredocs, templates and `for` expressions
//     modules/network/           a local module per stack: VPC, private subnets with `count`,
//                                public subnets with `for_each`, route tables, optional NAT
//                                gateway, gateway and interface endpoints with `for_each`
//
// The stacks differ on purpose (one zone or several, NAT or not, which endpoints, which functions
// use what), so that a check of the workspace resolves real network pictures and reports real
// findings. The generator predicts which functions each rule should report (`expected`); the
// benchmark compares that with what the check found, as a sanity check that it measured real work.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { Rng } from '../server/test/support/generate-hcl';

export interface WorkspaceFile {
  /** POSIX path relative to the workspace directory. */
  path: string;
  text: string;
}

/** Rule ids whose findings the generator predicts (at function level). */
export type PredictedRule =
  | 'aws_lambda_vpc_single_az'
  | 'aws_lambda_vpc_no_egress'
  | 'aws_lambda_vpc_public_subnet'
  | 'aws_lambda_vpc_unneeded'
  | 'aws_lambda_vpc_required'
  | 'aws_lambda_vpc_eni_permissions'
  | 'aws_lambda_vpc_eni_quota';

export interface GeneratedWorkspace {
  files: WorkspaceFile[];
  /** UTF-8 bytes of all files. */
  bytes: number;
  /** Root module directories (relative), as `--recursive` should find them. */
  rootModules: string[];
  /** Lambda function instances (after `count` expansion) the check should build a picture for. */
  functions: number;
  /**
   * Per rule, the findings the generator expects: one per function declaration (a resource block or
   * a module call; the instances of a `count` fleet share one finding).
   */
  expected: Record<PredictedRule, number>;
}

/** Files per root module (its local network module included), as issue 7 suggests. */
export const FILES_PER_STACK = 50;

const REGIONS = ['eu-west-1', 'us-east-1', 'us-west-2', 'eu-central-1', 'ap-southeast-2'];
const ENVS = ['dev', 'staging', 'prod'];
const TEAMS = ['orders', 'billing', 'search', 'catalog', 'identity', 'payments', 'shipping', 'reviews', 'media', 'analytics'];
const RUNTIMES = ['python3.12', 'nodejs20.x', 'java21', 'provided.al2023'];
const MONTHS = ['January', 'March', 'May', 'July', 'September', 'November'];
const VPC_ACCESS_ARN = 'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole';
const BASIC_ARN = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';
const TENANTS = 150;

/**
 * The workspace of `fileCount` files (at least 20) for `seed`. Pure: returns the files, writes nothing.
 */
export function generateWorkspace(fileCount: number, seed: number): GeneratedWorkspace {
  const files: WorkspaceFile[] = [...functionModule()];
  const expected: Record<PredictedRule, number> = {
    aws_lambda_vpc_single_az: 0,
    aws_lambda_vpc_no_egress: 0,
    aws_lambda_vpc_public_subnet: 0,
    aws_lambda_vpc_unneeded: 0,
    aws_lambda_vpc_required: 0,
    aws_lambda_vpc_eni_permissions: 0,
    aws_lambda_vpc_eni_quota: 0,
  };
  const rootModules: string[] = [];
  let functions = 0;
  const stackFiles = Math.max(0, fileCount - files.length);
  const stacks = Math.max(1, Math.round(stackFiles / FILES_PER_STACK));
  const rng = new Rng(seed);
  for (let s = 0; s < stacks; s++) {
    // Spread the files evenly: stack s gets its share of the remainder.
    const count = Math.floor((stackFiles * (s + 1)) / stacks) - Math.floor((stackFiles * s) / stacks);
    const stack = new Stack(s, new Rng(rng.int(0x7fffffff)), count);
    files.push(...stack.files);
    rootModules.push(stack.dir);
    functions += stack.functions;
    for (const k of Object.keys(expected) as PredictedRule[]) expected[k] += stack.expected[k];
  }
  let bytes = 0;
  for (const f of files) bytes += Buffer.byteLength(f.text, 'utf8');
  return { files, bytes, rootModules, functions, expected };
}

/** Writes the files under `dir` (created as needed). */
export function writeWorkspace(dir: string, files: WorkspaceFile[]): void {
  for (const f of files) {
    const p = path.join(dir, ...f.path.split('/'));
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, f.text);
  }
}

// ---------------------------------------------------------------------------
// The shared function module

function functionModule(): WorkspaceFile[] {
  const dir = 'modules/function';
  return [
    {
      path: `${dir}/variables.tf`,
      text: `# Inputs of the shared function module. Callers pass subnets and security groups to attach the
# function to a VPC, or leave them empty for a function outside any VPC.

variable "name" {
  description = "Function name, also used for the role and the log group."
  type        = string
}

variable "runtime" {
  type    = string
  default = "python3.12"
}

variable "handler" {
  type    = string
  default = "app.handler"
}

variable "memory_size" {
  type    = number
  default = 256
}

variable "subnet_ids" {
  description = "Subnets of the VPC attachment; empty for none."
  type        = list(string)
  default     = []
}

variable "security_group_ids" {
  type    = list(string)
  default = []
}

variable "environment" {
  type    = map(string)
  default = {}
}

variable "policy_json" {
  description = "The function's own permissions (an IAM policy document)."
  type        = string
}

variable "attach_vpc_access" {
  description = "Attach AWSLambdaVPCAccessExecutionRole (needed to create the VPC network interfaces)."
  type        = bool
  default     = true
}

variable "tags" {
  type    = map(string)
  default = {}
}
`,
    },
    {
      path: `${dir}/iam.tf`,
      text: `// The execution role: trust policy for Lambda, the caller's policy, and the managed policies.

resource "aws_iam_role" "this" {
  name = "\${var.name}-exec"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })
  tags = var.tags
}

resource "aws_iam_role_policy" "this" {
  name   = "\${var.name}-own"
  role   = aws_iam_role.this.id
  policy = var.policy_json
}

resource "aws_iam_role_policy_attachment" "basic" {
  role       = aws_iam_role.this.name
  policy_arn = "${BASIC_ARN}"
}

resource "aws_iam_role_policy_attachment" "vpc" {
  count      = var.attach_vpc_access ? 1 : 0
  role       = aws_iam_role.this.name
  policy_arn = "${VPC_ACCESS_ARN}"
}
`,
    },
    {
      path: `${dir}/main.tf`,
      text: `/*
 * One Lambda function with its log group. The VPC attachment is empty (so, per the provider,
 * unset) when the caller passes no subnets.
 */

resource "aws_lambda_function" "this" {
  function_name = var.name
  role          = aws_iam_role.this.arn
  handler       = var.handler
  runtime       = var.runtime
  memory_size   = var.memory_size
  timeout       = 30
  filename      = "\${path.module}/../../build/\${var.name}.zip"

  environment {
    variables = merge(var.environment, { FUNCTION_NAME = var.name })
  }

  vpc_config {
    subnet_ids         = var.subnet_ids
    security_group_ids = var.security_group_ids
  }

  tags = var.tags
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/aws/lambda/\${var.name}"
  retention_in_days = 30
  tags              = var.tags
}
`,
    },
    {
      path: `${dir}/outputs.tf`,
      text: `output "function_arn" {
  value = aws_lambda_function.this.arn
}

output "function_name" {
  value = aws_lambda_function.this.function_name
}

output "role_name" {
  value = aws_iam_role.this.name
}
`,
    },
  ];
}

// ---------------------------------------------------------------------------
// A stack: one root module with its local network module

type FunctionKind = 'db' | 'queue' | 'table' | 'report' | 'edge';
type FunctionStyle = 'jsonencode' | 'heredoc' | 'document' | 'module';

interface StackShape {
  region: string;
  env: string;
  team: string;
  azs: string[];
  nat: boolean;
  gatewayEndpoints: string[];
  interfaceEndpoints: string[];
  tenants: boolean;
}

class Stack {
  readonly dir: string;
  readonly files: WorkspaceFile[] = [];
  functions = 0;
  readonly expected: Record<PredictedRule, number> = {
    aws_lambda_vpc_single_az: 0,
    aws_lambda_vpc_no_egress: 0,
    aws_lambda_vpc_public_subnet: 0,
    aws_lambda_vpc_unneeded: 0,
    aws_lambda_vpc_required: 0,
    aws_lambda_vpc_eni_permissions: 0,
    aws_lambda_vpc_eni_quota: 0,
  };
  private readonly shape: StackShape;
  /** Attached function declarations (each is reported when the tenant fleet exhausts the ENI budget). */
  private attached = 0;

  constructor(
    readonly index: number,
    private readonly rng: Rng,
    fileCount: number,
  ) {
    const region = rng.pick(REGIONS);
    const azCount = rng.weighted<number>([[1, 1], [3, 2], [2, 3]]);
    const shape: StackShape = {
      region,
      env: ENVS[index % ENVS.length],
      team: TEAMS[index % TEAMS.length],
      azs: ['a', 'b', 'c'].slice(0, azCount).map((z) => `${region}${z}`),
      nat: rng.chance(0.5),
      gatewayEndpoints: ['s3', 'dynamodb'].filter(() => rng.chance(0.5)),
      interfaceEndpoints: ['sqs', 'secretsmanager', 'sns'].filter(() => rng.chance(0.35)),
      tenants: index % 4 === 3,
    };
    this.shape = shape;
    this.dir = `stacks/${shape.env}-${shape.team}-${String(index).padStart(3, '0')}`;

    const fixed = [
      this.mainTf(),
      this.variablesTf(),
      this.tfvars(),
      this.networkTf(),
      this.dataStoresTf(),
      ...networkModule(this.dir),
    ];
    // outputs.tf lists the functions, so it is written last; reserve its place.
    const budget = Math.max(0, fileCount - fixed.length - 1 - (shape.tenants ? 1 : 0));
    const lambdaFiles = Math.max(1, Math.round(budget * 0.35));
    const fillerFiles = Math.max(0, budget - lambdaFiles);
    this.files.push(...fixed);
    const names: string[] = [];
    for (let i = 0; i < lambdaFiles; i++) this.files.push(this.lambdaFile(i, names));
    if (shape.tenants) this.files.push(this.tenantsTf());
    for (let i = 0; i < fillerFiles; i++) this.files.push(fillerFile(this.dir, i, new Rng(rng.int(0x7fffffff))));
    this.files.push(this.outputsTf(names));
    if (shape.tenants && shape.azs.length >= 2) this.expected.aws_lambda_vpc_eni_quota += this.attached;
  }

  private file(name: string, text: string): WorkspaceFile {
    return { path: `${this.dir}/${name}`, text };
  }

  private mainTf(): WorkspaceFile {
    const s = this.shape;
    return this.file(
      'main.tf',
      `# ${s.team} service, ${s.env} environment.
# Owned by the ${s.team} team; ask in #${s.team}-oncall before changing the network.

terraform {
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
  }

  backend "s3" {
    bucket = "tfstate-${s.team}"
    key    = "${s.env}/terraform.tfstate"
    region = "${s.region}"
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = local.common_tags
  }
}

locals {
  name_prefix = "\${var.team}-\${var.env}"
  common_tags = merge(var.tags, {
    Team        = var.team
    Environment = var.env
    ManagedBy   = "terraform"
  })
  features = [for f in var.features : lower(f) if f != ""]
}
`,
    );
  }

  private variablesTf(): WorkspaceFile {
    return this.file(
      'variables.tf',
      `variable "region" {
  type = string
}

variable "env" {
  type = string
}

variable "team" {
  type = string
}

variable "cidr" {
  description = "CIDR block of the VPC."
  type        = string
}

variable "azs" {
  description = "Availability Zones of the subnets."
  type        = list(string)
}

variable "enable_nat" {
  type    = bool
  default = false
}

variable "gateway_endpoints" {
  type    = set(string)
  default = []
}

variable "interface_endpoints" {
  type    = set(string)
  default = []
}

variable "features" {
  type    = list(string)
  default = []
}

variable "service_names" {
  type    = list(string)
  default = ["api", "worker", "scheduler"]
}

variable "allowed_ports" {
  type    = list(number)
  default = [443, 5432]
}

variable "tenant_count" {
  type    = number
  default = 0
}

variable "tags" {
  type    = map(string)
  default = {}
}
`,
    );
  }

  private tfvars(): WorkspaceFile {
    const s = this.shape;
    const list = (xs: string[]): string => `[${xs.map((x) => JSON.stringify(x)).join(', ')}]`;
    return this.file(
      'terraform.tfvars',
      `region              = "${s.region}"
env                 = "${s.env}"
team                = "${s.team}"
cidr                = "10.${this.index % 250}.0.0/16"
azs                 = ${list(s.azs)}
enable_nat          = ${s.nat}
gateway_endpoints   = ${list(s.gatewayEndpoints)}
interface_endpoints = ${list(s.interfaceEndpoints)}
features            = ["Tracing", "", "Metrics"]
tenant_count        = ${s.tenants ? TENANTS : 0}
tags = {
  CostCenter = "cc-${1000 + this.index}"
}
`,
    );
  }

  private networkTf(): WorkspaceFile {
    return this.file(
      'network.tf',
      `module "network" {
  source = "./modules/network"

  name                = local.name_prefix
  region              = var.region
  cidr                = var.cidr
  azs                 = var.azs
  enable_nat          = var.enable_nat
  gateway_endpoints   = var.gateway_endpoints
  interface_endpoints = var.interface_endpoints
  tags                = local.common_tags
}

# Functions share one security group unless they need their own rules.
resource "aws_security_group" "lambda" {
  name        = "\${local.name_prefix}-lambda"
  description = "Lambda functions of \${var.team}"
  vpc_id      = module.network.vpc_id

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`,
    );
  }

  private dataStoresTf(): WorkspaceFile {
    return this.file(
      'data-stores.tf',
      `// Data stores of the service. The database lives in the private subnets; everything else is
// a public AWS API.

resource "aws_s3_bucket" "data" {
  for_each = toset(["exports", "uploads", "archive"])
  bucket   = "\${local.name_prefix}-\${each.key}"
}

resource "aws_sqs_queue" "jobs" {
  for_each                   = toset(["ingest", "notify"])
  name                       = "\${local.name_prefix}-\${each.key}"
  visibility_timeout_seconds = 60
}

resource "aws_dynamodb_table" "state" {
  name         = "\${local.name_prefix}-state"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "pk"
  range_key    = "sk"

  attribute {
    name = "pk"
    type = "S"
  }

  attribute {
    name = "sk"
    type = "S"
  }
}

resource "aws_security_group" "db" {
  name   = "\${local.name_prefix}-db"
  vpc_id = module.network.vpc_id

  ingress {
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = [aws_security_group.lambda.id]
  }
}

resource "aws_db_subnet_group" "main" {
  name       = local.name_prefix
  subnet_ids = module.network.private_subnet_ids
}

resource "aws_db_instance" "main" {
  identifier                  = local.name_prefix
  engine                      = "postgres"
  engine_version              = "16.3"
  instance_class              = var.env == "prod" ? "db.r6g.large" : "db.t4g.micro"
  allocated_storage           = 50
  username                    = replace(var.team, "-", "_")
  manage_master_user_password = true
  db_subnet_group_name        = aws_db_subnet_group.main.name
  vpc_security_group_ids      = [aws_security_group.db.id]
  skip_final_snapshot         = var.env != "prod"
}
`,
    );
  }

  /** One lambda-NN.tf: one or two functions with their roles and policies. */
  private lambdaFile(i: number, names: string[]): WorkspaceFile {
    const rng = this.rng;
    const parts: string[] = [`# Functions of batch ${i} (${this.shape.team}/${this.shape.env}).\n`];
    const count = rng.chance(0.4) ? 2 : 1;
    for (let k = 0; k < count; k++) {
      const name = `fn_${String(i).padStart(2, '0')}_${k}`;
      const kind = rng.weighted<FunctionKind>([[3, 'db'], [3, 'queue'], [2, 'table'], [1, 'report'], [1, 'edge']]);
      const style = rng.weighted<FunctionStyle>([[2, 'jsonencode'], [1, 'heredoc'], [1, 'document'], [2, 'module']]);
      // One function in eight forgets the ENI permissions.
      const vpcAccess = !rng.chance(0.125);
      const attached = kind !== 'report' && !(kind === 'table' && rng.chance(0.5));
      parts.push(this.functionText(name, kind, style, attached, vpcAccess));
      names.push(style === 'module' ? `module.${name}.function_arn` : `aws_lambda_function.${name}.arn`);
      this.functions++;
      this.predict(kind, attached, vpcAccess);
    }
    return this.file(`lambda-${String(i).padStart(2, '0')}.tf`, parts.join('\n'));
  }

  private predict(kind: FunctionKind, attached: boolean, vpcAccess: boolean): void {
    const s = this.shape;
    const e = this.expected;
    if (kind === 'report') e.aws_lambda_vpc_required++;
    if (!attached) return;
    this.attached++;
    if (s.azs.length < 2) e.aws_lambda_vpc_single_az++;
    if (!vpcAccess) e.aws_lambda_vpc_eni_permissions++;
    if (kind === 'table') e.aws_lambda_vpc_unneeded++;
    // Edge functions sit in the public subnets, whose only default route is the internet gateway:
    // their X-Ray calls (the one service their policy names) cannot get out.
    if (kind === 'edge') {
      e.aws_lambda_vpc_public_subnet++;
      e.aws_lambda_vpc_no_egress++;
    }
    // S3 (db), SQS (queue) and DynamoDB (table) need a path out of the private subnets.
    if (kind === 'db' && !s.nat && !s.gatewayEndpoints.includes('s3')) e.aws_lambda_vpc_no_egress++;
    if (kind === 'queue' && !s.nat && !s.interfaceEndpoints.includes('sqs')) e.aws_lambda_vpc_no_egress++;
    if (kind === 'table' && !s.nat && !s.gatewayEndpoints.includes('dynamodb')) e.aws_lambda_vpc_no_egress++;
  }

  private functionText(name: string, kind: FunctionKind, style: FunctionStyle, attached: boolean, vpcAccess: boolean): string {
    const rng = this.rng;
    const bucket = rng.pick(['exports', 'uploads', 'archive']);
    const queue = rng.pick(['ingest', 'notify']);
    const env: Array<[string, string]> = [['LOG_LEVEL', this.shape.env === 'prod' ? '"info"' : '"debug"']];
    // The resources the function's code uses, with the actions its policy grants on them.
    const uses: Array<{ actions: string[]; resource: string }> = [];
    if (kind === 'db' || kind === 'report' || kind === 'edge' || kind === 'queue') env.push(['DB_HOST', 'aws_db_instance.main.address']);
    if (kind === 'db' || kind === 'report') {
      env.push(['BUCKET', `aws_s3_bucket.data["${bucket}"].bucket`]);
      uses.push({ actions: ['s3:GetObject', 's3:PutObject'], resource: `\${aws_s3_bucket.data["${bucket}"].arn}/*` });
    }
    if (kind === 'queue') {
      env.push(['QUEUE_URL', `aws_sqs_queue.jobs["${queue}"].url`]);
      uses.push({ actions: ['sqs:SendMessage', 'sqs:GetQueueAttributes'], resource: `\${aws_sqs_queue.jobs["${queue}"].arn}` });
    }
    if (kind === 'table') {
      env.push(['TABLE', 'aws_dynamodb_table.state.name']);
      uses.push({ actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'], resource: '${aws_dynamodb_table.state.arn}' });
    }
    if (uses.length === 0) uses.push({ actions: ['xray:PutTraceSegments'], resource: '*' });
    const fnName = `\${local.name_prefix}-${name.replace(/_/g, '-')}`;
    const subnets = kind === 'edge' ? 'module.network.public_subnet_ids' : 'module.network.private_subnet_ids';
    // A function that only uses DynamoDB has a security group of its own: the shared one may reach the
    // database (its ingress rule names the shared group), which would make the VPC attachment needed.
    const ownGroup = kind === 'table' && attached;
    const groups = ownGroup ? `[aws_security_group.${name}.id]` : '[aws_security_group.lambda.id]';
    const groupResource = ownGroup
      ? `resource "aws_security_group" "${name}" {
  name   = "${fnName}"
  vpc_id = module.network.vpc_id

  egress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

`
      : '';
    const runtime = rng.pick(RUNTIMES);
    const memory = rng.pick([128, 256, 512, 1024]);

    const policyJson = (indent: string): string => {
      const stmts = uses
        .map(
          (u) => `${indent}  {
${indent}    Effect   = "Allow"
${indent}    Action   = [${u.actions.map((a) => JSON.stringify(a)).join(', ')}]
${indent}    Resource = "${u.resource}"
${indent}  },`,
        )
        .join('\n');
      return `jsonencode({
${indent}Version = "2012-10-17"
${indent}Statement = [
${stmts}
${indent}]
${indent.slice(2)}})`;
    };
    const heredocPolicy = (): string => {
      const stmts = uses
        .map(
          (u) => `    {
      "Effect": "Allow",
      "Action": [${u.actions.map((a) => JSON.stringify(a)).join(', ')}],
      "Resource": "${u.resource}"
    }`,
        )
        .join(',\n');
      return `<<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
    ${stmts.replace(/\n/g, '\n    ')}
      ]
    }
  EOT`;
    };
    const documentData = (): string =>
      `data "aws_iam_policy_document" "${name}" {
${uses
  .map(
    (u) => `  statement {
    sid       = "${u.actions[0].split(':')[0].toUpperCase()}Access"
    effect    = "Allow"
    actions   = [${u.actions.map((a) => JSON.stringify(a)).join(', ')}]
    resources = ["${u.resource}"]
  }`,
  )
  .join('\n\n')}
}
`;
    const envBlock = (indent: string): string => {
      const w = Math.max(...env.map(([k]) => k.length));
      return env.map(([k, v]) => `${indent}${k.padEnd(w)} = ${v}`).join('\n');
    };

    if (style === 'module') {
      return `${groupResource}${documentData()}
module "${name}" {
  source = "../../modules/function"

  name        = "${fnName}"
  runtime     = "${runtime}"
  memory_size = ${memory}
  policy_json = data.aws_iam_policy_document.${name}.json
${attached ? `  subnet_ids         = ${subnets}\n  security_group_ids = ${groups}\n` : ''}${vpcAccess ? '' : '  attach_vpc_access = false\n'}
  environment = {
${envBlock('    ')}
  }
  tags = local.common_tags
}
`;
    }

    const policy = style === 'jsonencode' ? policyJson('    ') : style === 'heredoc' ? heredocPolicy() : `data.aws_iam_policy_document.${name}.json`;
    return `${groupResource}${style === 'document' ? documentData() + '\n' : ''}resource "aws_iam_role" "${name}" {
  name = "${fnName}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })
}

resource "aws_iam_role_policy" "${name}" {
  name   = "own"
  role   = aws_iam_role.${name}.id
  policy = ${policy}
}

resource "aws_iam_role_policy_attachment" "${name}_managed" {
  role       = aws_iam_role.${name}.name
  policy_arn = "${vpcAccess ? VPC_ACCESS_ARN : BASIC_ARN}"
}

resource "aws_lambda_function" "${name}" {
  function_name = "${fnName}"
  role          = aws_iam_role.${name}.arn
  handler       = "${runtime.startsWith('java') ? 'com.example.Handler::handleRequest' : 'app.handler'}"
  runtime       = "${runtime}"
  memory_size   = ${memory}
  timeout       = ${rng.pick([10, 30, 60, 300])}
  filename      = "\${path.module}/build/${name}.zip"

  environment {
    variables = {
${envBlock('      ')}
    }
  }
${
  attached
    ? `
  vpc_config {
    subnet_ids         = ${subnets}
    security_group_ids = ${groups}
  }
`
    : ''
}
  tracing_config {
    mode = "Active"
  }

  tags = local.common_tags
}

resource "aws_cloudwatch_log_group" "${name}" {
  name              = "/aws/lambda/\${aws_lambda_function.${name}.function_name}"
  retention_in_days = ${rng.pick([7, 14, 30, 90])}
}
`;
  }

  /** A fleet of per-tenant functions, each with its own security group: ENI quota pressure. */
  private tenantsTf(): WorkspaceFile {
    this.functions += TENANTS;
    this.attached++;
    if (this.shape.azs.length < 2) this.expected.aws_lambda_vpc_single_az++;
    return this.file(
      'tenants.tf',
      `# One function and one security group per tenant (tenant_count in terraform.tfvars).

resource "aws_iam_role" "tenant" {
  name = "\${local.name_prefix}-tenant"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })
}

resource "aws_iam_role_policy_attachment" "tenant_vpc" {
  role       = aws_iam_role.tenant.name
  policy_arn = "${VPC_ACCESS_ARN}"
}

resource "aws_security_group" "tenant" {
  count  = var.tenant_count
  name   = "\${local.name_prefix}-tenant-\${count.index}"
  vpc_id = module.network.vpc_id
}

resource "aws_lambda_function" "tenant" {
  count = var.tenant_count

  function_name = "\${local.name_prefix}-tenant-\${count.index}"
  role          = aws_iam_role.tenant.arn
  handler       = "app.handler"
  runtime       = "python3.12"
  filename      = "\${path.module}/build/tenant.zip"

  environment {
    variables = {
      DB_HOST   = aws_db_instance.main.address
      TENANT_ID = count.index
    }
  }

  vpc_config {
    subnet_ids         = module.network.private_subnet_ids
    security_group_ids = [aws_security_group.tenant[count.index].id]
  }
}
`,
    );
  }

  private outputsTf(arns: string[]): WorkspaceFile {
    return this.file(
      'outputs.tf',
      `output "vpc_id" {
  value = module.network.vpc_id
}

output "function_arns" {
  description = "Every function of the stack."
  value = [
${arns.map((a) => `    ${a},`).join('\n')}
  ]
}

output "bucket_names" {
  value = { for k, b in aws_s3_bucket.data : k => b.bucket }
}
`,
    );
  }
}

// ---------------------------------------------------------------------------
// The local network module of each stack

function networkModule(stackDir: string): WorkspaceFile[] {
  const dir = `${stackDir}/modules/network`;
  return [
    {
      path: `${dir}/variables.tf`,
      text: `variable "name" {
  type = string
}

variable "region" {
  type = string
}

variable "cidr" {
  type = string
}

variable "azs" {
  type = list(string)
}

variable "enable_nat" {
  type    = bool
  default = false
}

variable "gateway_endpoints" {
  description = "Services with a gateway endpoint (s3, dynamodb)."
  type        = set(string)
  default     = []
}

variable "interface_endpoints" {
  description = "Services with an interface endpoint in the private subnets."
  type        = set(string)
  default     = []
}

variable "tags" {
  type    = map(string)
  default = {}
}
`,
    },
    {
      path: `${dir}/main.tf`,
      text: `# The VPC and its internet gateway.

resource "aws_vpc" "this" {
  cidr_block           = var.cidr
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags                 = merge(var.tags, { Name = var.name })
}

resource "aws_internet_gateway" "this" {
  vpc_id = aws_vpc.this.id
  tags   = var.tags
}
`,
    },
    {
      path: `${dir}/subnets.tf`,
      text: `// Private subnets with count, public subnets with for_each (one per zone each).

resource "aws_subnet" "private" {
  count             = length(var.azs)
  vpc_id            = aws_vpc.this.id
  cidr_block        = cidrsubnet(var.cidr, 4, count.index)
  availability_zone = var.azs[count.index]
  tags              = merge(var.tags, { Name = "\${var.name}-private-\${count.index}", Tier = "private" })
}

resource "aws_subnet" "public" {
  for_each                = { for i, az in var.azs : az => i }
  vpc_id                  = aws_vpc.this.id
  cidr_block              = cidrsubnet(var.cidr, 4, each.value + 8)
  availability_zone       = each.key
  map_public_ip_on_launch = true
  tags                    = merge(var.tags, { Name = "\${var.name}-public-\${each.key}", Tier = "public" })
}
`,
    },
    {
      path: `${dir}/routes.tf`,
      text: `/* Routing: the public subnets go out through the internet gateway; the private ones through
   the NAT gateway when there is one, and otherwise only through the VPC endpoints. */

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.this.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.this.id
  }
}

resource "aws_route_table_association" "public" {
  for_each       = aws_subnet.public
  subnet_id      = each.value.id
  route_table_id = aws_route_table.public.id
}

resource "aws_eip" "nat" {
  count  = var.enable_nat ? 1 : 0
  domain = "vpc"
}

resource "aws_nat_gateway" "this" {
  count         = var.enable_nat ? 1 : 0
  allocation_id = aws_eip.nat[0].id
  subnet_id     = aws_subnet.public[var.azs[0]].id
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.this.id
}

resource "aws_route" "private_nat" {
  count                  = var.enable_nat ? 1 : 0
  route_table_id         = aws_route_table.private.id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.this[0].id
}

resource "aws_route_table_association" "private" {
  count          = length(var.azs)
  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private.id
}
`,
    },
    {
      path: `${dir}/endpoints.tf`,
      text: `resource "aws_security_group" "endpoints" {
  name   = "\${var.name}-endpoints"
  vpc_id = aws_vpc.this.id

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [var.cidr]
  }
}

resource "aws_vpc_endpoint" "gateway" {
  for_each          = var.gateway_endpoints
  vpc_id            = aws_vpc.this.id
  service_name      = "com.amazonaws.\${var.region}.\${each.key}"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [aws_route_table.private.id]
}

resource "aws_vpc_endpoint" "interface" {
  for_each            = var.interface_endpoints
  vpc_id              = aws_vpc.this.id
  service_name        = "com.amazonaws.\${var.region}.\${each.key}"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = aws_subnet.private[*].id
  security_group_ids  = [aws_security_group.endpoints.id]
  private_dns_enabled = true
}
`,
    },
    {
      path: `${dir}/outputs.tf`,
      text: `output "vpc_id" {
  value = aws_vpc.this.id
}

output "private_subnet_ids" {
  value = aws_subnet.private[*].id
}

output "public_subnet_ids" {
  value = [for s in aws_subnet.public : s.id]
}
`,
    },
  ];
}

// ---------------------------------------------------------------------------
// Filler: the rest of a real root module (monitoring, parameters, security groups, buckets,
// derived locals), with comments of the three styles, heredocs, templates and `for` expressions.

const FILLER_KINDS = ['alarms', 'parameters', 'security', 'storage', 'locals', 'events'] as const;
type FillerKind = (typeof FILLER_KINDS)[number];

function fillerFile(stackDir: string, i: number, rng: Rng): WorkspaceFile {
  const first = FILLER_KINDS[i % FILLER_KINDS.length];
  const target = rng.weighted<number>([[5, rng.range(1200, 2500)], [3, rng.range(2500, 6000)], [1, rng.range(6000, 12000)]]);
  let text = `# ${first} (${String(i).padStart(2, '0')}): generated by the platform team's scaffolding, edited since.\n`;
  for (let k = 0; text.length < target; k++) {
    const kind = k === 0 ? first : rng.pick(FILLER_KINDS);
    text += '\n' + fillerSection(kind, `f${i}_${k}`, rng);
  }
  return { path: `${stackDir}/${first}-${String(i).padStart(2, '0')}.tf`, text };
}

function fillerSection(kind: FillerKind, id: string, rng: Rng): string {
  switch (kind) {
    case 'alarms':
      return `# Alarms, thresholds tuned in ${rng.pick(MONTHS)}.
locals {
  alarms_${id} = {
    errors    = { metric = "Errors", threshold = ${rng.range(1, 20)}, period = 60 }
    throttles = { metric = "Throttles", threshold = 1, period = 300 }
    duration  = { metric = "Duration", threshold = ${rng.range(1000, 9000)}, period = 60 }
  }
}

resource "aws_sns_topic" "alerts_${id}" {
  name = "\${local.name_prefix}-alerts-${id.replace(/_/g, '-')}"
}

resource "aws_cloudwatch_metric_alarm" "lambda_${id}" {
  for_each            = local.alarms_${id}
  alarm_name          = "\${local.name_prefix}-\${each.key}-${id}"
  namespace           = "AWS/Lambda"
  metric_name         = each.value.metric
  threshold           = each.value.threshold
  period              = each.value.period
  evaluation_periods  = ${rng.range(1, 5)}
  comparison_operator = "GreaterThanOrEqualToThreshold"
  statistic           = each.key == "duration" ? "Average" : "Sum" // duration is a mean
  alarm_actions       = [aws_sns_topic.alerts_${id}.arn]
  tags                = merge(local.common_tags, { Alarm = each.key })
}
`;
    case 'parameters':
      return `resource "aws_ssm_parameter" "config_${id}" {
  name        = "/\${var.env}/\${var.team}/config-${id}"
  description = "Runtime configuration (rendered at plan time)"
  type        = "String"
  value       = <<-EOT
    {
      "region": "\${var.region}",
      "stage": "%{if var.env == "prod"}production%{else}\${var.env}%{endif}",
      "features": [%{for f in local.features~}"\${f}", %{endfor~}"base"],
      "retries": ${rng.range(1, 9)}
    }
  EOT
}

resource "aws_ssm_parameter" "flags_${id}" {
  name  = "/\${var.env}/\${var.team}/flags-${id}"
  type  = "StringList"
  value = join(",", [for s in var.service_names : "\${s}=\${length(s) > 3}"])
}
`;
    case 'security':
      return `/*
 * Service-to-service rules for ${rng.pick(TEAMS)}.
 * Ports come from var.allowed_ports.
 */
resource "aws_security_group" "svc_${id}" {
  name        = "\${local.name_prefix}-svc-${id.replace(/_/g, '-')}"
  description = "service ${id}"
  vpc_id      = module.network.vpc_id

  dynamic "ingress" {
    for_each = var.allowed_ports
    content {
      description = "port \${ingress.value}"
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = [var.cidr]
    }
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group_rule" "from_lambda_${id}" {
  type                     = "ingress"
  from_port                = ${rng.pick([443, 8080, 9090])}
  to_port                  = ${rng.pick([443, 8080, 9090])}
  protocol                 = "tcp"
  security_group_id        = aws_security_group.svc_${id}.id
  source_security_group_id = aws_security_group.lambda.id
}
`;
    case 'storage':
      return `resource "aws_s3_bucket" "logs_${id}" {
  bucket = "\${local.name_prefix}-logs-${id.replace(/_/g, '-')}"
}

resource "aws_s3_bucket_policy" "logs_${id}" {
  bucket = aws_s3_bucket.logs_${id}.id
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "DenyInsecureTransport",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:*",
      "Resource": ["\${aws_s3_bucket.logs_${id}.arn}", "\${aws_s3_bucket.logs_${id}.arn}/*"],
      "Condition": { "Bool": { "aws:SecureTransport": "false" } }
    }
  ]
}
POLICY
}

resource "aws_s3_bucket_lifecycle_configuration" "logs_${id}" {
  bucket = aws_s3_bucket.logs_${id}.id

  rule {
    id     = "expire"
    status = "Enabled"
    filter {}
    expiration {
      days = ${rng.pick([30, 90, 365])}
    }
  }
}
`;
    case 'locals':
      return `locals {
  // Derived names; keep in sync with the naming guide.
  upper_${id}   = [for n in var.service_names : upper(n)]
  grouped_${id} = { for n in var.service_names : substr(n, 0, 1) => n... }
  flags_${id}   = { tracing = true, metrics = ${rng.chance(0.5)}, profiling = false }
  enabled_${id} = [for k, v in local.flags_${id} : k if v]
  ports_${id}   = flatten([for p in var.allowed_ports : [p, p + ${rng.range(1, 9)}000]])
  banner_${id}  = "Service %{if var.env == "prod"}LIVE%{else}\${upper(var.env)}%{endif} (\${length(var.service_names)} components)"
  sizes_${id}   = { for i, n in var.service_names : n => (i + 1) * ${rng.pick([64, 128, 256])} }
}
`;
    case 'events':
      return `resource "aws_cloudwatch_event_rule" "nightly_${id}" {
  name                = "\${local.name_prefix}-nightly-${id.replace(/_/g, '-')}"
  description         = "Nightly housekeeping"
  schedule_expression = "cron(${rng.range(0, 59)} ${rng.range(0, 23)} * * ? *)"
  tags                = local.common_tags
}

resource "aws_cloudwatch_event_target" "nightly_${id}" {
  rule  = aws_cloudwatch_event_rule.nightly_${id}.name
  arn   = aws_sns_topic.events_${id}.arn
  input = jsonencode({ source = "scheduler", stage = var.env, items = [for s in var.service_names : { name = s }] })
}

resource "aws_sns_topic" "events_${id}" {
  name = "\${local.name_prefix}-events-${id.replace(/_/g, '-')}"
}
`;
  }
}
