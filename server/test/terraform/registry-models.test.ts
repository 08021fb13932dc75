// Built-in models of terraform-aws-modules/vpc (and its vpc-endpoints submodule) and
// terraform-aws-modules/lambda: synthetic instances read like real resources.
import * as assert from 'node:assert/strict';
import { asString, equals, jsonContent, refsIn, type ResourceInstance, type Value, type Workspace } from '../../src/terraform';
import { canonicalSource } from '../../src/terraform/registry-models';
import { known, plain, unknownBecause, workspace } from './helpers';

function vpc(args: string, extra = ''): Workspace {
  return workspace({
    'main.tf': `
module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 5.0"
  name    = "main"
  cidr    = "10.0.0.0/16"
${args}
}
${extra}`,
  });
}

const addrs = (rs: ResourceInstance[]): string[] => rs.map((r) => r.address);
const target = (ws: Workspace, v: Value | undefined): string[] => (v ? ws.resolveRef(v).map((r) => r.address) : []);

describe('terraform/registry-models: source matching', () => {
  it('registry, registry host, GitHub and git:: forms; subdirectories', () => {
    assert.equal(canonicalSource('terraform-aws-modules/vpc/aws'), 'terraform-aws-modules/vpc/aws');
    assert.equal(canonicalSource('registry.terraform.io/terraform-aws-modules/vpc/aws'), 'terraform-aws-modules/vpc/aws');
    assert.equal(canonicalSource('github.com/terraform-aws-modules/terraform-aws-vpc'), 'terraform-aws-modules/vpc/aws');
    assert.equal(canonicalSource('git::https://github.com/terraform-aws-modules/terraform-aws-vpc.git?ref=v5.1.0'), 'terraform-aws-modules/vpc/aws');
    assert.equal(canonicalSource('terraform-aws-modules/vpc/aws//modules/vpc-endpoints'), 'terraform-aws-modules/vpc/aws//modules/vpc-endpoints');
    assert.equal(
      canonicalSource('git::https://github.com/terraform-aws-modules/terraform-aws-vpc.git//modules/vpc-endpoints?ref=v5.1.0'),
      'terraform-aws-modules/vpc/aws//modules/vpc-endpoints',
    );
    assert.equal(canonicalSource('./modules/x'), undefined);
    assert.equal(canonicalSource('hashicorp/consul/aws'), 'hashicorp/consul/aws');
  });
});

describe('terraform/registry-models: terraform-aws-modules/vpc/aws', () => {
  it('subnets per list with AZ element(azs, i) and locations at the call arguments', () => {
    const ws = vpc(`
  azs             = ["eu-west-1a", "eu-west-1b"]
  private_subnets = ["10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24"]
  public_subnets  = ["10.0.101.0/24"]
`);
    const [m] = ws.roots[0].children();
    assert.equal(m.source.kind, 'model');
    const priv = ws.resources({ type: 'aws_subnet' }).filter((s) => s.name === 'private');
    assert.deepEqual(addrs(priv), ['module.vpc.aws_subnet.private[0]', 'module.vpc.aws_subnet.private[1]', 'module.vpc.aws_subnet.private[2]']);
    assert.deepEqual(
      priv.map((s) => asString(s.attr('availability_zone'))),
      ['eu-west-1a', 'eu-west-1b', 'eu-west-1a'],
    );
    known(priv[2].attr('cidr_block'), '10.0.3.0/24');
    assert.equal(priv[0].synthetic?.model, 'terraform-aws-modules/vpc/aws');
    assert.equal(priv[0].block, undefined);
    // The AZ's location is where it is written: its element of the call's `azs` argument.
    const text = ws.roots[0].config.files[0].text;
    const loc = priv[0].attrLocation('availability_zone')!;
    assert.equal(text.slice(loc.span.start, loc.span.end), '"eu-west-1a"');
    const third = priv[2].attrLocation('availability_zone')!;
    assert.equal(third.span.start, loc.span.start);
    assert.deepEqual(target(ws, priv[0].attr('vpc_id')), ['module.vpc.aws_vpc.this[0]']);
    known(ws.instance('module.vpc.aws_vpc.this[0]')!.attr('cidr_block'), '10.0.0.0/16');
    known(ws.instance('module.vpc.aws_subnet.public[0]')!.attr('map_public_ip_on_launch'), false);
  });

  it('single_nat_gateway: one NAT in the first public subnet, one private route table routing to it', () => {
    const ws = vpc(
      `
  azs                = ["eu-west-1a", "eu-west-1b"]
  private_subnets    = ["10.0.1.0/24", "10.0.2.0/24"]
  public_subnets     = ["10.0.101.0/24", "10.0.102.0/24"]
  enable_nat_gateway = true
  single_nat_gateway = true
`,
      'output "nat" { value = module.vpc.natgw_ids }\noutput "rts" { value = module.vpc.private_route_table_ids }\n',
    );
    const nats = ws.resources({ type: 'aws_nat_gateway' });
    assert.deepEqual(addrs(nats), ['module.vpc.aws_nat_gateway.this[0]']);
    assert.deepEqual(target(ws, nats[0].attr('subnet_id')), ['module.vpc.aws_subnet.public[0]']);
    assert.deepEqual(target(ws, ws.roots[0].output('rts')), ['module.vpc.aws_route_table.private[0]']);
    const assoc = ws.resources({ type: 'aws_route_table_association' }).filter((a) => a.name === 'private');
    assert.deepEqual(
      assoc.map((a) => target(ws, a.attr('route_table_id'))[0]),
      ['module.vpc.aws_route_table.private[0]', 'module.vpc.aws_route_table.private[0]'],
    );
    const routes = ws.resources({ type: 'aws_route' }).filter((r) => r.name === 'private_nat_gateway');
    assert.equal(routes.length, 1);
    known(routes[0].attr('destination_cidr_block'), '0.0.0.0/0');
    assert.deepEqual(target(ws, routes[0].attr('nat_gateway_id')), ['module.vpc.aws_nat_gateway.this[0]']);
    assert.deepEqual(target(ws, routes[0].attr('route_table_id')), ['module.vpc.aws_route_table.private[0]']);
    // Public route table routes to the internet gateway.
    const igwRoute = ws.resources({ type: 'aws_route' }).find((r) => r.name === 'public_internet_gateway')!;
    assert.deepEqual(target(ws, igwRoute.attr('gateway_id')), ['module.vpc.aws_internet_gateway.this[0]']);
  });

  it('one_nat_gateway_per_az: a NAT and a private route table per AZ', () => {
    const ws = vpc(`
  azs                    = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
  private_subnets        = ["10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24"]
  public_subnets         = ["10.0.101.0/24", "10.0.102.0/24", "10.0.103.0/24"]
  enable_nat_gateway     = true
  single_nat_gateway     = false
  one_nat_gateway_per_az = true
`);
    const nats = ws.resources({ type: 'aws_nat_gateway' });
    assert.equal(nats.length, 3);
    assert.deepEqual(
      nats.map((n) => target(ws, n.attr('subnet_id'))[0]),
      ['module.vpc.aws_subnet.public[0]', 'module.vpc.aws_subnet.public[1]', 'module.vpc.aws_subnet.public[2]'],
    );
    const assoc = ws.resources({ type: 'aws_route_table_association' }).filter((a) => a.name === 'private');
    assert.deepEqual(
      assoc.map((a) => target(ws, a.attr('route_table_id'))[0]),
      ['module.vpc.aws_route_table.private[0]', 'module.vpc.aws_route_table.private[1]', 'module.vpc.aws_route_table.private[2]'],
    );
    const routes = ws.resources({ type: 'aws_route' }).filter((r) => r.name === 'private_nat_gateway');
    assert.deepEqual(
      routes.map((r) => [target(ws, r.attr('route_table_id'))[0], target(ws, r.attr('nat_gateway_id'))[0]]),
      [0, 1, 2].map((i) => [`module.vpc.aws_route_table.private[${i}]`, `module.vpc.aws_nat_gateway.this[${i}]`]),
    );
  });

  it('without NAT: private route tables with no default route', () => {
    const ws = vpc(`
  azs             = ["eu-west-1a", "eu-west-1b"]
  private_subnets = ["10.0.1.0/24", "10.0.2.0/24"]
`);
    assert.equal(ws.resources({ type: 'aws_nat_gateway' }).length, 0);
    assert.equal(ws.resources({ type: 'aws_route_table' }).length, 2);
    assert.equal(ws.resources({ type: 'aws_route' }).length, 0);
    assert.equal(ws.resources({ type: 'aws_internet_gateway' }).length, 0);
  });

  it('intra subnets get a route table without routes, even with NAT enabled', () => {
    const ws = vpc(
      `
  azs                = ["eu-west-1a", "eu-west-1b"]
  intra_subnets      = ["10.0.51.0/24", "10.0.52.0/24"]
  public_subnets     = ["10.0.101.0/24"]
  private_subnets    = ["10.0.1.0/24"]
  enable_nat_gateway = true
  single_nat_gateway = true
`,
      'output "intra" { value = module.vpc.intra_route_table_ids }\noutput "subnets" { value = module.vpc.intra_subnets }\n',
    );
    assert.deepEqual(target(ws, ws.roots[0].output('intra')), ['module.vpc.aws_route_table.intra[0]']);
    assert.deepEqual(target(ws, ws.roots[0].output('subnets')), ['module.vpc.aws_subnet.intra[0]', 'module.vpc.aws_subnet.intra[1]']);
    const intraRoutes = ws
      .resources({ type: 'aws_route' })
      .filter((r) => target(ws, r.attr('route_table_id'))[0] === 'module.vpc.aws_route_table.intra[0]');
    assert.equal(intraRoutes.length, 0);
  });

  it('database subnets: own route table with a NAT route when asked; subnet group name', () => {
    const ws = vpc(
      `
  azs                                = ["eu-west-1a", "eu-west-1b"]
  public_subnets                     = ["10.0.101.0/24"]
  database_subnets                   = ["10.0.21.0/24", "10.0.22.0/24"]
  enable_nat_gateway                 = true
  single_nat_gateway                 = true
  create_database_subnet_route_table = true
  create_database_nat_gateway_route  = true
`,
      'output "group" { value = module.vpc.database_subnet_group_name }\n',
    );
    known(ws.roots[0].output('group'), 'main');
    const dbRoutes = ws.resources({ type: 'aws_route' }).filter((r) => r.name === 'database_nat_gateway');
    assert.equal(dbRoutes.length, 1);
    assert.deepEqual(target(ws, dbRoutes[0].attr('route_table_id')), ['module.vpc.aws_route_table.database[0]']);
  });

  it('AZs from data.aws_availability_zones stay distinct through slice() and element()', () => {
    const ws = vpc(
      `
  azs             = slice(data.aws_availability_zones.available.names, 0, 3)
  private_subnets = ["10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24"]
`,
      'data "aws_availability_zones" "available" {\n  state = "available"\n}\n',
    );
    const azs = ws.resources({ type: 'aws_subnet' }).map((s) => s.attr('availability_zone')!);
    assert.equal(azs.length, 3);
    assert.equal(equals(azs[0], azs[1]), false);
    assert.equal(equals(azs[1], azs[2]), false);
    assert.equal(equals(azs[0], azs[0]), true);
    assert.deepEqual(
      azs.map((a) => (a.kind === 'unknown' ? a.ref?.path : undefined)),
      [
        ['names', 0],
        ['names', 1],
        ['names', 2],
      ],
    );
  });

  it('lists not set take the module default []: private subnets get their route tables', () => {
    const ws = vpc(
      `
  azs                = ["eu-west-1a", "eu-west-1b"]
  private_subnets    = ["10.0.1.0/24", "10.0.2.0/24"]
  public_subnets     = ["10.0.101.0/24", "10.0.102.0/24"]
  enable_nat_gateway = true
`,
      'output "db" { value = module.vpc.database_subnets }\noutput "rts" { value = module.vpc.private_route_table_ids }\n',
    );
    known(ws.roots[0].output('db'), []);
    assert.deepEqual(target(ws, ws.roots[0].output('rts')), ['module.vpc.aws_route_table.private[0]', 'module.vpc.aws_route_table.private[1]']);
  });

  it('an unknown subnet list: the counts that depend on it are known only from below, and the first instances exist', () => {
    const ws = vpc(
      `
  azs                = ["eu-west-1a", "eu-west-1b"]
  private_subnets    = ["10.0.1.0/24", "10.0.2.0/24"]
  public_subnets     = ["10.0.101.0/24", "10.0.102.0/24"]
  database_subnets   = var.db
  enable_nat_gateway = true
`,
      'variable "db" { type = list(string) }\noutput "rts" { value = module.vpc.private_route_table_ids }\noutput "nats" { value = module.vpc.natgw_ids }\n',
    );
    // max_subnet_length is at least 2: private subnet i uses private route table i, which routes to NAT gateway i.
    const assoc = ws.resources({ type: 'aws_route_table_association' }).filter((a) => a.name === 'private');
    assert.deepEqual(
      assoc.map((a) => target(ws, a.attr('route_table_id'))[0]),
      ['module.vpc.aws_route_table.private[0]', 'module.vpc.aws_route_table.private[1]'],
    );
    const routes = ws.resources({ type: 'aws_route' }).filter((r) => r.name === 'private_nat_gateway');
    assert.deepEqual(
      routes.map((r) => [target(ws, r.attr('route_table_id'))[0], target(ws, r.attr('nat_gateway_id'))[0]]),
      [0, 1].map((i) => [`module.vpc.aws_route_table.private[${i}]`, `module.vpc.aws_nat_gateway.this[${i}]`]),
    );
    // The lists of all of them are not known: there may be more.
    unknownBecause(ws.roots[0].output('rts'), 'unset-variable');
    unknownBecause(ws.roots[0].output('nats'), 'unset-variable');
  });

  it('one_nat_gateway_per_az with AZs of unknown number: the first two (every Region has two) are certain', () => {
    const ws = vpc(
      `
  azs                    = data.aws_availability_zones.available.names
  private_subnets        = ["10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24"]
  public_subnets         = ["10.0.101.0/24", "10.0.102.0/24", "10.0.103.0/24"]
  enable_nat_gateway     = true
  one_nat_gateway_per_az = true
`,
      'data "aws_availability_zones" "available" {}\n',
    );
    const assoc = ws.resources({ type: 'aws_route_table_association' }).filter((a) => a.name === 'private');
    assert.deepEqual(target(ws, assoc[0].attr('route_table_id')), ['module.vpc.aws_route_table.private[0]']);
    assert.deepEqual(target(ws, assoc[1].attr('route_table_id')), ['module.vpc.aws_route_table.private[1]']);
    // The third subnet's table depends on how many AZs there are.
    unknownBecause(assoc[2].attr('route_table_id'), 'unknown-expansion', 'number of AZs');
  });

  it('subnets per kind: as many as CIDRs or IPv6 prefixes, whichever is longer', () => {
    const ws = vpc(`
  azs                              = ["eu-west-1a", "eu-west-1b"]
  enable_ipv6                      = true
  private_subnet_ipv6_native       = true
  private_subnet_ipv6_prefixes     = [0, 1]
`);
    const priv = ws.resources({ type: 'aws_subnet' }).filter((x) => x.name === 'private');
    assert.equal(priv.length, 2);
    known(priv[1].attr('ipv6_native'), true);
  });

  it('unknown subnet lists make the dependent outputs unknown', () => {
    const ws = vpc('  private_subnets = var.subnets\n', 'variable "subnets" { type = list(string) }\noutput "p" { value = module.vpc.private_subnets }\n');
    unknownBecause(ws.roots[0].output('p'), 'unset-variable');
    assert.equal(ws.resources({ type: 'aws_subnet' }).length, 0);
  });

  it('create_vpc = false creates nothing', () => {
    const ws = vpc('  create_vpc = false\n  private_subnets = ["10.0.1.0/24"]\n', 'output "p" { value = module.vpc.private_subnets }\n');
    assert.equal(ws.resources().length, 0);
    known(ws.roots[0].output('p'), []);
  });
});

describe('terraform/registry-models: vpc-endpoints submodule', () => {
  it('Gateway and Interface endpoints with the module subnets, security groups and route tables', () => {
    const ws = workspace({
      'main.tf': `
module "vpc" {
  source             = "terraform-aws-modules/vpc/aws"
  azs                = ["eu-west-1a", "eu-west-1b"]
  private_subnets    = ["10.0.1.0/24", "10.0.2.0/24"]
}
module "endpoints" {
  source             = "terraform-aws-modules/vpc/aws//modules/vpc-endpoints"
  vpc_id             = module.vpc.vpc_id
  subnet_ids         = module.vpc.private_subnets
  security_group_ids = ["sg-123"]
  endpoints = {
    s3 = {
      service         = "s3"
      service_type    = "Gateway"
      route_table_ids = module.vpc.private_route_table_ids
    }
    sqs = {
      service             = "sqs"
      private_dns_enabled = true
    }
    off = {
      service = "sns"
      create  = false
    }
  }
}
`,
    });
    const eps = ws.resources({ type: 'aws_vpc_endpoint' });
    assert.deepEqual(addrs(eps), ['module.endpoints.aws_vpc_endpoint.this["s3"]', 'module.endpoints.aws_vpc_endpoint.this["sqs"]']);
    const [s3, sqs] = eps;
    known(s3.attr('vpc_endpoint_type'), 'Gateway');
    assert.deepEqual(target(ws, s3.attr('route_table_ids')), ['module.vpc.aws_route_table.private[0]', 'module.vpc.aws_route_table.private[1]']);
    assert.equal(s3.attr('subnet_ids'), undefined);
    known(sqs.attr('vpc_endpoint_type'), 'Interface');
    assert.deepEqual(target(ws, sqs.attr('subnet_ids')), ['module.vpc.aws_subnet.private[0]', 'module.vpc.aws_subnet.private[1]']);
    known(sqs.attr('security_group_ids'), ['sg-123']);
    known(sqs.attr('private_dns_enabled'), true);
    // The service name comes from a data.aws_vpc_endpoint_service instance with the short name.
    const [svc] = ws.resolveRef(sqs.attr('service_name')!);
    assert.equal(svc.address, 'module.endpoints.data.aws_vpc_endpoint_service.this["sqs"]');
    known(svc.attr('service'), 'sqs');
    assert.deepEqual(target(ws, s3.attr('vpc_id')), ['module.vpc.aws_vpc.this[0]']);
  });
});

describe('terraform/registry-models: terraform-aws-modules/lambda/aws', () => {
  const base = `
module "vpc" {
  source          = "terraform-aws-modules/vpc/aws"
  azs             = ["eu-west-1a", "eu-west-1b"]
  private_subnets = ["10.0.1.0/24", "10.0.2.0/24"]
}
`;

  it('in a VPC: vpc_config from vpc_subnet_ids and vpc_security_group_ids; ENI policy with attach_network_policy', () => {
    const ws = workspace({
      'main.tf': `${base}
module "fn" {
  source                 = "terraform-aws-modules/lambda/aws"
  function_name          = "worker"
  handler                = "index.handler"
  runtime                = "python3.12"
  vpc_subnet_ids         = module.vpc.private_subnets
  vpc_security_group_ids = [module.vpc.default_security_group_id]
  attach_network_policy  = true
  environment_variables  = { QUEUE_URL = "https://sqs.example/q" }
  attach_policy_statements = true
  policy_statements = {
    sqs = {
      effect    = "Allow"
      actions   = ["sqs:SendMessage"]
      resources = ["arn:aws:sqs:eu-west-1:123456789012:q"]
    }
  }
}
output "arn" { value = module.fn.lambda_function_arn }
`,
    });
    const [fn] = ws.resources({ type: 'aws_lambda_function' });
    assert.equal(fn.address, 'module.fn.aws_lambda_function.this[0]');
    known(fn.attr('function_name'), 'worker');
    const [vpcConfig] = fn.nestedBlocks('vpc_config');
    assert.deepEqual(target(ws, vpcConfig.attr('subnet_ids')), ['module.vpc.aws_subnet.private[0]', 'module.vpc.aws_subnet.private[1]']);
    assert.deepEqual(
      refsIn(vpcConfig.attr('security_group_ids')!).map((r) => `${r.address}.${r.path.join('.')}`),
      ['module.vpc.aws_vpc.this[0].default_security_group_id'],
    );
    known(fn.nestedBlocks('environment')[0].attr('variables'), { QUEUE_URL: 'https://sqs.example/q' });
    assert.deepEqual(target(ws, fn.attr('role')), ['module.fn.aws_iam_role.lambda[0]']);
    assert.deepEqual(target(ws, ws.roots[0].output('arn')), ['module.fn.aws_lambda_function.this[0]']);

    const policies = ws.resources({ type: 'aws_iam_role_policy' });
    assert.deepEqual(
      policies.map((p) => p.name),
      ['logs', 'vpc', 'additional_inline'],
    );
    const vpcPolicy = plain(jsonContent(policies[1].attr('policy')));
    assert.deepEqual(vpcPolicy, {
      Statement: [
        {
          Action: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'],
          Effect: 'Allow',
          Resource: '*',
        },
      ],
      Version: '2012-10-17',
    });
    // The policy names the role by its (configured) name, as the module does.
    known(policies[1].attr('role'), 'worker');
    known(ws.instance('module.fn.aws_iam_role.lambda[0]')!.ref('name'), 'worker');
    const inline = plain(jsonContent(policies[2].attr('policy')));
    assert.deepEqual(inline, {
      Statement: [{ Action: ['sqs:SendMessage'], Effect: 'Allow', Resource: ['arn:aws:sqs:eu-west-1:123456789012:q'], Sid: 'sqs' }],
      Version: '2012-10-17',
    });
    // The vpc_config location is the vpc_subnet_ids argument.
    const text = ws.roots[0].config.files[0].text;
    const loc = vpcConfig.attrLocation('subnet_ids')!;
    assert.equal(text.slice(loc.span.start, loc.span.end), 'module.vpc.private_subnets');
  });

  it('out of a VPC when either list is null or not set', () => {
    const ws = workspace({
      'main.tf': `
module "a" {
  source        = "terraform-aws-modules/lambda/aws"
  function_name = "a"
}
module "b" {
  source                 = "terraform-aws-modules/lambda/aws"
  function_name          = "b"
  vpc_subnet_ids         = ["subnet-1"]
  vpc_security_group_ids = null
}
`,
    });
    const fns = ws.resources({ type: 'aws_lambda_function' });
    assert.equal(fns.length, 2);
    assert.ok(fns.every((f) => !f.hasBlock('vpc_config')));
    assert.equal(ws.resources({ type: 'aws_iam_role_policy' }).filter((p) => p.name === 'vpc').length, 0);
  });

  it('an existing role (create_role = false) and create_function = false', () => {
    const ws = workspace({
      'main.tf': `
resource "aws_iam_role" "r" {}
module "a" {
  source        = "terraform-aws-modules/lambda/aws"
  function_name = "a"
  create_role   = false
  lambda_role   = aws_iam_role.r.arn
}
module "none" {
  source          = "terraform-aws-modules/lambda/aws"
  create_function = false
}
`,
    });
    const fns = ws.resources({ type: 'aws_lambda_function' });
    assert.deepEqual(addrs(fns), ['module.a.aws_lambda_function.this[0]']);
    assert.deepEqual(target(ws, fns[0].attr('role')), ['aws_iam_role.r']);
    assert.equal(ws.resources({ type: 'aws_iam_role' }).length, 1);
  });
});
