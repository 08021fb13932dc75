// Lookups over the AWS tables (server/src/network/catalogue.ts) and the tables' own consistency.
import * as assert from 'node:assert/strict';
import {
  ACTION_SPLITS,
  IAM_PREFIX_SERVICE,
  MANAGED_POLICIES,
  QUOTAS,
  RESOURCE_SERVICES,
  SERVICES,
  isNonServiceResource,
  managedPolicyName,
  parseEndpointServiceName,
  resourceService,
  serviceForEndpointName,
} from '../../src/network/catalogue';

describe('network/catalogue', () => {
  it('maps endpoint names, including services with several names and FIPS variants', () => {
    assert.equal(serviceForEndpointName('s3'), 's3');
    assert.equal(serviceForEndpointName('ecr.api'), 'ecr');
    assert.equal(serviceForEndpointName('ecr.dkr'), 'ecr');
    assert.equal(serviceForEndpointName('kinesis-streams'), 'kinesis');
    assert.equal(serviceForEndpointName('kinesis-firehose'), 'firehose');
    assert.equal(serviceForEndpointName('monitoring'), 'monitoring');
    assert.equal(serviceForEndpointName('execute-api'), 'execute-api');
    assert.equal(serviceForEndpointName('email-smtp'), 'ses');
    assert.equal(serviceForEndpointName('states'), 'states');
    assert.equal(serviceForEndpointName('sync-states'), 'states');
    assert.equal(serviceForEndpointName('sqs-fips'), 'sqs');
    assert.equal(serviceForEndpointName('bedrock-runtime'), 'bedrock-runtime');
    assert.equal(serviceForEndpointName('no-such-thing'), undefined);
  });

  it('parses endpoint service names', () => {
    assert.deepEqual(parseEndpointServiceName('com.amazonaws.eu-west-1.dynamodb'), { custom: false, region: 'eu-west-1', name: 'dynamodb', service: 'dynamodb' });
    assert.deepEqual(parseEndpointServiceName('cn.com.amazonaws.cn-north-1.s3'), { custom: false, region: 'cn-north-1', name: 's3', service: 's3' });
    assert.deepEqual(parseEndpointServiceName('com.amazonaws.us-gov-west-1.ecr.dkr'), { custom: false, region: 'us-gov-west-1', name: 'ecr.dkr', service: 'ecr' });
    assert.deepEqual(parseEndpointServiceName('com.amazonaws.iam'), { custom: false, name: 'iam', service: 'iam' });
    assert.deepEqual(parseEndpointServiceName('com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0'), { custom: true });
    assert.equal(parseEndpointServiceName('not an endpoint'), undefined);
  });

  it('offers Gateway endpoints for S3 and DynamoDB only (and S3 Express)', () => {
    const gateway = Object.values(SERVICES).filter((s) => s.gatewayEndpoint).map((s) => s.id).sort();
    assert.deepEqual(gateway, ['dynamodb', 's3', 's3express']);
  });

  it('recognises AWS managed policy ARNs in any partition and path', () => {
    assert.equal(managedPolicyName('arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole'), 'AWSLambdaVPCAccessExecutionRole');
    assert.equal(managedPolicyName('arn:aws-us-gov:iam::aws:policy/AmazonS3ReadOnlyAccess'), 'AmazonS3ReadOnlyAccess');
    assert.equal(managedPolicyName('arn:aws:iam::123456789012:policy/mine'), undefined);
  });

  it('classifies resource types with their VPC conditions', () => {
    assert.deepEqual(resourceService('aws_db_instance')?.vpcOnly, { kind: 'unless-true', attr: 'publicly_accessible', dflt: false });
    assert.deepEqual(resourceService('aws_lb')?.vpcOnly, { kind: 'if-true', attr: 'internal', dflt: false });
    assert.deepEqual(resourceService('aws_opensearch_domain')?.vpcOnly, { kind: 'if-block', block: 'vpc_options' });
    assert.equal(resourceService('aws_s3_bucket')?.service, 's3');
    assert.equal(resourceService('aws_elasticache_replication_group')?.vpcOnly.kind, 'always');
    assert.equal(resourceService('toString'), undefined, 'no prototype keys');
    assert.equal(isNonServiceResource('aws_iam_role'), true);
    assert.equal(isNonServiceResource('aws_security_group'), true);
    assert.equal(isNonServiceResource('aws_sqs_queue'), false);
    assert.equal(isNonServiceResource('aws_vpc'), true);
    assert.equal(isNonServiceResource('aws_vpc_ipv4_cidr_block_association'), true);
    assert.equal(isNonServiceResource('aws_route_table'), true);
    // Prefixes of plumbing types that are not plumbing themselves.
    assert.equal(isNonServiceResource('aws_vpclattice_service'), false);
    assert.equal(isNonServiceResource('aws_route53_record'), false);
    assert.equal(resourceService('aws_vpclattice_service')?.vpcOnly.kind, 'always');
    assert.equal(resourceService('aws_vpc_endpoint')?.vpcOnly.kind, 'always');
  });

  it('only refers to services it defines', () => {
    const ids = new Set(Object.keys(SERVICES));
    for (const s of Object.values(IAM_PREFIX_SERVICE)) assert.ok(ids.has(s), s);
    for (const split of Object.values(ACTION_SPLITS)) {
      assert.ok(ids.has(split.default.service), split.default.service);
      for (const p of split.parts) assert.ok(ids.has(p.service), p.service);
    }
    for (const r of Object.values(RESOURCE_SERVICES)) {
      assert.ok(ids.has(r.service), r.service);
      if (r.alsoPublicIf) assert.ok(ids.has(r.alsoPublicIf.service), r.alsoPublicIf.service);
    }
    for (const [name, m] of Object.entries(MANAGED_POLICIES)) if (m.services !== '*') for (const s of m.services) assert.ok(ids.has(s), `${name}: ${s}`);
  });

  it('gives every VPC-resource service no endpoint and every endpoint name one service', () => {
    const seen = new Map<string, string>();
    for (const s of Object.values(SERVICES)) {
      if (s.reach === 'vpc-resource') assert.deepEqual(s.interfaceEndpoints, [], s.id);
      for (const e of s.interfaceEndpoints) {
        assert.ok(!seen.has(e), `${e} is claimed by ${seen.get(e)} and ${s.id}`);
        seen.set(e, s.id);
      }
    }
  });

  it('keeps the quotas of the seed and of today', () => {
    assert.equal(QUOTAS.seedEnisPerRegion, 350);
    assert.equal(QUOTAS.lambdaEnisPerVpc, 500);
    assert.equal(QUOTAS.vpcNetworkInterfacesPerRegion, 5000);
    assert.equal(QUOTAS.maxSubnetsPerFunction, 16);
    assert.equal(QUOTAS.maxSecurityGroupsPerFunction, 5);
  });
});
