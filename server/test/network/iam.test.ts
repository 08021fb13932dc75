// Unit tests of the IAM policy analysis (server/src/network/iam.ts).
import * as assert from 'node:assert/strict';
import {
  actionMatches,
  eniPermission,
  isUnknownPart,
  policyFromJson,
  policyFromObject,
  servicesForActionPattern,
  servicesOfPolicies,
  unknownPart,
  type PolicySource,
  type UnknownPart,
} from '../../src/network/iam';
import { MAPPING_POLLER_ACTIONS } from '../../src/network/catalogue';

function doc(label: string, policy: unknown): PolicySource {
  return { kind: 'document', label, doc: policyFromObject(policy) };
}

function stmt(effect: string, action: unknown, resource: unknown = '*', extra: Record<string, unknown> = {}): unknown {
  return { Effect: effect, Action: action, Resource: resource, ...extra };
}

function servicesOf(...sources: PolicySource[]): string[] {
  const r = servicesOfPolicies(sources);
  return [...new Set(r.grants.map((g) => g.grant.service))].sort();
}

describe('network/iam', () => {
  describe('actionMatches', () => {
    it('matches IAM wildcards case-insensitively', () => {
      assert.equal(actionMatches('s3:Get*', 's3:GetObject'), true);
      assert.equal(actionMatches('S3:get*', 's3:GetObject'), true);
      assert.equal(actionMatches('s3:Get*', 's3:PutObject'), false);
      assert.equal(actionMatches('ec2:*NetworkInterface*', 'ec2:CreateNetworkInterface'), true);
      assert.equal(actionMatches('ec2:?reateNetworkInterface', 'ec2:CreateNetworkInterface'), true);
      assert.equal(actionMatches('*', 'kms:Decrypt'), true);
      assert.equal(actionMatches('s3:Get.Object', 's3:GetXObject'), false, 'dots are literal');
      assert.equal(actionMatches('s3:*Object*', 's3:GetObjectAcl'), true);
      assert.equal(actionMatches('s3:Get', 's3:GetObject'), false, 'no implicit trailing wildcard');
    });

    it('matches pathological patterns without backtracking blow-up', () => {
      const pattern = '*a'.repeat(20) + '*b';
      assert.equal(actionMatches(pattern, 'a'.repeat(4000)), false);
      assert.equal(actionMatches(pattern, 'a'.repeat(4000) + 'b'), true);
      assert.equal(actionMatches('*', 'x'.repeat(5000)), false, 'texts longer than any ARN never match');
    });
  });

  describe('servicesForActionPattern', () => {
    it('maps prefixes through the catalogue', () => {
      assert.deepEqual(servicesForActionPattern('s3:GetObject').services, ['s3']);
      assert.deepEqual(servicesForActionPattern('cloudwatch:PutMetricData').services, ['monitoring']);
      assert.deepEqual(servicesForActionPattern('firehose:PutRecord').services, ['firehose']);
      assert.deepEqual(servicesForActionPattern('rds-data:ExecuteStatement').services, ['rds-data']);
      assert.deepEqual(servicesForActionPattern('rds-db:connect').services, ['rds-db']);
    });

    it('splits prefixes shared by several endpoints', () => {
      assert.deepEqual(servicesForActionPattern('bedrock:InvokeModel').services, ['bedrock-runtime']);
      assert.deepEqual(servicesForActionPattern('bedrock:ListFoundationModels').services, ['bedrock']);
      assert.deepEqual(servicesForActionPattern('bedrock:InvokeModel*').services, ['bedrock-runtime']);
      assert.deepEqual(servicesForActionPattern('bedrock:Invoke*').services, ['bedrock-runtime', 'bedrock-agent-runtime']);
      assert.deepEqual(servicesForActionPattern('bedrock:*').services, ['bedrock', 'bedrock-runtime', 'bedrock-agent-runtime']);
      assert.deepEqual(servicesForActionPattern('es:ESHttpGet').services, ['opensearch-domain']);
      assert.deepEqual(servicesForActionPattern('dynamodb:GetRecords').services, ['dynamodb-streams']);
      assert.deepEqual(servicesForActionPattern('dynamodb:Get*').services, ['dynamodb', 'dynamodb-streams']);
      assert.deepEqual(servicesForActionPattern('sagemaker:InvokeEndpoint').services, ['sagemaker-runtime']);
      assert.deepEqual(servicesForActionPattern('elasticfilesystem:ClientMount').services, ['efs']);
    });

    it('treats ENI management and Logs as not dependencies', () => {
      for (const a of ['ec2:CreateNetworkInterface', 'ec2:DescribeSubnets', 'ec2:*', 'ec2:Describe*', 'ec2:*NetworkInterface*', 'logs:PutLogEvents', 'logs:*']) {
        const r = servicesForActionPattern(a);
        assert.equal(r.nonDependency, true, a);
        assert.deepEqual(r.services, [], a);
      }
      assert.deepEqual(servicesForActionPattern('ec2:StartInstances').services, ['ec2']);
    });

    it('reports `*` and wildcard prefixes as covering everything', () => {
      assert.equal(servicesForActionPattern('*').everything, true);
      assert.equal(servicesForActionPattern('*:Get*').everything, true);
      assert.equal(servicesForActionPattern('s?s:*').everything, true);
    });

    it('keeps unknown prefixes as uncatalogued services', () => {
      const r = servicesForActionPattern('frobnicate:Do');
      assert.equal(r.uncatalogued, true);
      assert.deepEqual(r.services, ['frobnicate']);
    });
  });

  describe('policyFromJson', () => {
    it('reads single statements and single strings', () => {
      const d = policyFromJson('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"*"}}');
      assert.ok(Array.isArray(d.statements));
      assert.equal(d.statements.length, 1);
      const s = d.statements[0];
      assert.ok(!('$unknown' in s));
      assert.deepEqual(s.action, ['sqs:SendMessage']);
      assert.equal(s.condition, false);
    });

    it('turns invalid JSON into an unknown document without throwing', () => {
      const d = policyFromJson('{ "Statement": [ ');
      assert.ok(!Array.isArray(d.statements));
      assert.match(d.statements.reason, /not valid JSON/);
    });

    it('reads Principal / NotPrincipal: whether it names every caller', () => {
      const d = policyFromJson(
        JSON.stringify({
          Statement: [
            { Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' },
            { Effect: 'Deny', Principal: { AWS: ['arn:aws:iam::123456789012:root', '*'] }, Action: '*', Resource: '*' },
            { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
            { Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::123456789012:role/admin' }, Action: '*', Resource: '*' },
            { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
          ],
        }),
      );
      assert.ok(Array.isArray(d.statements));
      const principals = d.statements.map((s) => ('$unknown' in s ? 'unknown statement' : s.principal));
      assert.deepEqual(principals, [
        { not: false, everyone: true },
        { not: false, everyone: true },
        { not: false, everyone: false },
        { not: true, everyone: false },
        undefined,
      ]);
    });

    it('reads the conditions one by one and keeps `condition` as whether there is a Condition', () => {
      const d = policyFromObject({
        Statement: [
          stmt('Deny', 's3:*', '*', { Condition: { StringNotEquals: { 'aws:SourceVpce': ['vpce-1', 'vpce-2'] }, Bool: { 'aws:SecureTransport': false } } }),
          stmt('Deny', 's3:*', '*', { Condition: {} }),
          stmt('Allow', 's3:*'),
          stmt('Deny', 's3:*', '*', { Condition: 'StringEquals' }),
          stmt('Deny', 's3:*', '*', { Condition: { Null: { 'aws:SourceVpc': [['true']] } } }),
        ],
      });
      assert.ok(Array.isArray(d.statements));
      const [both, empty, none, bad, nested] = d.statements.map((s) => {
        assert.ok(!('$unknown' in s));
        return s;
      });
      assert.deepEqual(both.conditions, [
        { operator: 'StringNotEquals', key: 'aws:SourceVpce', values: ['vpce-1', 'vpce-2'] },
        { operator: 'Bool', key: 'aws:SecureTransport', values: [false] },
      ]);
      assert.equal(both.condition, true);
      assert.deepEqual(empty.conditions, []);
      assert.equal(empty.condition, true, 'an empty Condition is still a Condition for the ENI analysis');
      assert.deepEqual(none.conditions, []);
      assert.equal(none.condition, false);
      assert.ok(isUnknownPart(bad.conditions));
      assert.match(bad.conditions.reason, /Condition is not an object/);
      assert.equal(bad.condition, true);
      assert.ok(Array.isArray(nested.conditions));
      const nestedValues = nested.conditions[0].values;
      assert.ok(Array.isArray(nestedValues) && nestedValues.length === 1);
      const [nestedValue] = nestedValues;
      assert.ok(typeof nestedValue === 'object' && '$unknown' in nestedValue, 'a list inside a condition value is not a value');
      assert.match(nestedValue.reason, /not a string, number or boolean/);
    });

    it('keeps unknown principals and conditions as unknown parts', () => {
      const u = unknownPart('var.x is unknown');
      const arn: UnknownPart = { ...unknownPart('known after apply'), ref: 'aws_vpc_endpoint.s3.id' };
      const d = policyFromObject({
        Statement: [
          stmt('Deny', 's3:*', '*', { Principal: u, Condition: u }),
          stmt('Deny', 's3:*', '*', { Principal: { AWS: ['arn:aws:iam::123456789012:root', u] }, Condition: { StringNotEquals: u } }),
          stmt('Deny', 's3:*', '*', { Principal: { AWS: [u, '*'] }, Condition: { StringNotEquals: { 'aws:SourceVpce': arn }, Null: { 'aws:SourceVpc': u } } }),
        ],
      });
      assert.ok(Array.isArray(d.statements));
      const [whole, parts, known] = d.statements.map((s) => {
        assert.ok(!('$unknown' in s));
        return s;
      });
      assert.deepEqual(whole.principal, { not: false, everyone: u });
      assert.equal(whole.conditions, u);
      assert.equal(whole.condition, u);
      assert.deepEqual(parts.principal, { not: false, everyone: u });
      assert.equal(parts.conditions, u);
      assert.equal(parts.condition, true);
      assert.deepEqual(known.principal, { not: false, everyone: true }, 'a `*` among unknowns names everyone');
      assert.deepEqual(known.conditions, [
        { operator: 'StringNotEquals', key: 'aws:SourceVpce', values: [arn] },
        { operator: 'Null', key: 'aws:SourceVpc', values: u },
      ]);
    });

    it('marks a bad Effect as unknown', () => {
      const d = policyFromObject({ Statement: [{ Effect: 'Maybe', Action: '*', Resource: '*' }] });
      assert.ok(Array.isArray(d.statements));
      const s = d.statements[0];
      assert.ok(!('$unknown' in s) && typeof s.effect === 'object');
    });
  });

  describe('servicesOfPolicies', () => {
    it('collects services from Allow statements only', () => {
      const p = doc('p', {
        Statement: [
          stmt('Allow', ['s3:GetObject', 's3:PutObject', 'dynamodb:Query']),
          stmt('Deny', 'sqs:*'),
          stmt('Allow', ['logs:CreateLogStream', 'ec2:CreateNetworkInterface']),
        ],
      });
      assert.deepEqual(servicesOf(p), ['dynamodb', 's3']);
      const r = servicesOfPolicies([p]);
      assert.equal(r.incomplete.length, 0);
      assert.deepEqual(r.grants.find((g) => g.grant.service === 's3')?.grant.actions, ['s3:GetObject', 's3:PutObject']);
    });

    it('says `*`, NotAction and unknown parts make the set incomplete', () => {
      const star = servicesOfPolicies([doc('admin', { Statement: [stmt('Allow', '*')] })]);
      assert.equal(star.incomplete.length, 1);
      assert.match(star.incomplete[0].reason, /every service/);
      const notAction = servicesOfPolicies([doc('na', { Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] })]);
      assert.equal(notAction.incomplete.length, 1);
      const partial = servicesOfPolicies([doc('u', { Statement: [stmt('Allow', ['sqs:SendMessage', unknownPart('var.extra_action is unknown')])] })]);
      assert.deepEqual(partial.grants.map((g) => g.grant.service), ['sqs']);
      assert.equal(partial.incomplete[0].reason, 'var.extra_action is unknown');
    });

    it('reads managed policies by name, with AdministratorAccess as unknown set', () => {
      const r = servicesOfPolicies([
        { kind: 'managed', label: 'ro', name: 'AmazonS3ReadOnlyAccess' },
        { kind: 'managed', label: 'ddb', name: 'AmazonDynamoDBFullAccess' },
        { kind: 'managed', label: 'vpc', name: 'AWSLambdaVPCAccessExecutionRole' },
        { kind: 'managed', label: 'sqs poller', name: 'AWSLambdaSQSQueueExecutionRole' },
      ]);
      assert.deepEqual(r.grants.map((g) => g.grant.service).sort(), ['dynamodb', 's3']);
      assert.equal(r.incomplete.length, 0);
      const admin = servicesOfPolicies([{ kind: 'managed', label: 'admin', name: 'AdministratorAccess' }]);
      assert.equal(admin.grants.length, 0);
      assert.match(admin.incomplete[0].reason, /every action/);
      const unknownManaged = servicesOfPolicies([{ kind: 'managed', label: 'x', name: 'SomeNewPolicy' }]);
      assert.match(unknownManaged.incomplete[0].reason, /not in the catalogue/);
    });

    it("drops an event source poller's actions on its source", () => {
      const p = doc('p', {
        Statement: [
          stmt('Allow', ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes']),
          stmt('Allow', 'sqs:SendMessage', 'arn:aws:sqs:eu-west-1:1:out'),
        ],
      });
      const r = servicesOfPolicies([p], { pollerActions: MAPPING_POLLER_ACTIONS.sqs });
      assert.deepEqual(r.grants.map((g) => g.grant.actions), [['sqs:SendMessage']]);
      const none = servicesOfPolicies([doc('q', { Statement: [stmt('Allow', ['sqs:ReceiveMessage', 'sqs:DeleteMessage'])] })], { pollerActions: MAPPING_POLLER_ACTIONS.sqs });
      assert.equal(none.grants.length, 0);
    });

    it('drops a poller-prefix wildcard only when scoped to the mapped source', () => {
      const scoped = doc('s', { Statement: [stmt('Allow', 'sqs:*', 'arn:aws:sqs:eu-west-1:1:in')] });
      const isMappedResource = (r: string | UnknownPart): boolean => r === 'arn:aws:sqs:eu-west-1:1:in';
      assert.equal(servicesOfPolicies([scoped], { pollerActions: MAPPING_POLLER_ACTIONS.sqs, isMappedResource }).grants.length, 0);
      const wide = doc('w', { Statement: [stmt('Allow', 'sqs:*', '*')] });
      assert.deepEqual(servicesOfPolicies([wide], { pollerActions: MAPPING_POLLER_ACTIONS.sqs, isMappedResource }).grants.map((g) => g.grant.service), ['sqs']);
    });

    it("drops kms:Decrypt on the function's own environment key only", () => {
      const key = 'arn:aws:kms:eu-west-1:1:key/env';
      const isEnvironmentKey = (r: string | UnknownPart): boolean => r === key;
      const onKey = doc('k', { Statement: [stmt('Allow', 'kms:Decrypt', key)] });
      assert.equal(servicesOfPolicies([onKey], { isEnvironmentKey }).grants.length, 0);
      // Another key, any key, or more than Decrypt: the code's own use of KMS.
      for (const p of [
        doc('o', { Statement: [stmt('Allow', 'kms:Decrypt', 'arn:aws:kms:eu-west-1:1:key/data')] }),
        doc('a', { Statement: [stmt('Allow', 'kms:Decrypt', '*')] }),
        doc('m', { Statement: [stmt('Allow', 'kms:Decrypt', [key, 'arn:aws:kms:eu-west-1:1:key/data'])] }),
        doc('g', { Statement: [stmt('Allow', ['kms:Decrypt', 'kms:GenerateDataKey'], key)] }),
      ]) {
        assert.deepEqual(servicesOfPolicies([p], { isEnvironmentKey }).grants.map((g) => g.grant.service), ['kms'], p.label);
      }
      assert.deepEqual(servicesOfPolicies([onKey]).grants.map((g) => g.grant.service), ['kms'], 'without an environment key');
    });

    it('counts unresolved sources as incomplete', () => {
      const r = servicesOfPolicies([{ kind: 'unresolved', label: 'aws_iam_policy.x', reason: 'policy file is outside the workspace' }]);
      assert.equal(r.incomplete[0].reason, 'policy file is outside the workspace');
    });
  });

  describe('eniPermission', () => {
    const eniStmt = stmt('Allow', ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface']);

    it('is granted by the managed policies that carry the ENI actions', () => {
      for (const name of ['AWSLambdaVPCAccessExecutionRole', 'AWSLambdaENIManagementAccess', 'AWSLambdaMSKExecutionRole', 'AdministratorAccess']) {
        assert.equal(eniPermission([{ kind: 'managed', label: name, name }]).granted, true, name);
      }
      assert.equal(eniPermission([{ kind: 'managed', label: 'basic', name: 'AWSLambdaBasicExecutionRole' }]).granted, false);
    });

    it('is granted by explicit actions, ec2:*, *NetworkInterface* and *', () => {
      assert.equal(eniPermission([doc('a', { Statement: [eniStmt] })]).granted, true);
      assert.equal(eniPermission([doc('b', { Statement: [stmt('Allow', 'ec2:*')] })]).granted, true);
      assert.equal(eniPermission([doc('c', { Statement: [stmt('Allow', 'ec2:*NetworkInterface*')] })]).granted, true);
      assert.equal(eniPermission([doc('d', { Statement: [stmt('Allow', '*')] })]).granted, true);
      const r = eniPermission([doc('e', { Statement: [eniStmt] }), { kind: 'managed', label: 'basic', name: 'AWSLambdaBasicExecutionRole' }]);
      assert.deepEqual(r.evidence.map((s) => s.label), ['e']);
    });

    it('is not granted when an action is missing', () => {
      const r = eniPermission([doc('a', { Statement: [stmt('Allow', ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces'])] })]);
      assert.equal(r.granted, false);
      assert.match(r.reason, /DeleteNetworkInterface/);
    });

    it('respects Deny', () => {
      const r = eniPermission([doc('a', { Statement: [stmt('Allow', 'ec2:*'), stmt('Deny', 'ec2:CreateNetworkInterface')] })]);
      assert.equal(r.granted, false);
      assert.match(r.reason, /Deny/);
      const conditional = eniPermission([doc('a', { Statement: [stmt('Allow', 'ec2:*'), stmt('Deny', 'ec2:CreateNetworkInterface', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } } })] })]);
      assert.equal(conditional.granted, 'unknown');
      const scoped = eniPermission([doc('a', { Statement: [stmt('Allow', 'ec2:*'), stmt('Deny', 'ec2:DeleteNetworkInterface', 'arn:aws:ec2:*:*:network-interface/eni-1')] })]);
      assert.equal(scoped.granted, 'unknown');
    });

    it('respects NotAction conservatively', () => {
      assert.equal(eniPermission([doc('a', { Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] })]).granted, true);
      assert.equal(eniPermission([doc('a', { Statement: [{ Effect: 'Allow', NotAction: 'ec2:*', Resource: '*' }] })]).granted, false);
      assert.equal(eniPermission([doc('a', { Statement: [stmt('Allow', '*'), { Effect: 'Deny', NotAction: 's3:*', Resource: '*' }] })]).granted, false);
      assert.equal(eniPermission([doc('a', { Statement: [{ Effect: 'Allow', NotAction: [unknownPart('unknown')], Resource: '*' }] })]).granted, 'unknown');
    });

    it('is unknown for scoped resources, conditions and unknown parts', () => {
      assert.equal(eniPermission([doc('a', { Statement: [stmt('Allow', 'ec2:*', 'arn:aws:ec2:*:*:*')] })]).granted, 'unknown');
      assert.equal(eniPermission([doc('a', { Statement: [{ ...(eniStmt as object), Condition: { Bool: { 'aws:SecureTransport': 'true' } } }] })]).granted, 'unknown');
      assert.equal(eniPermission([doc('a', { Statement: [stmt('Allow', ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', unknownPart('local.x is unknown')])] })]).granted, 'unknown');
      assert.equal(eniPermission([doc('a', { Statement: [{ Effect: 'Allow', Action: 'ec2:*', NotResource: 'arn:x' }] })]).granted, 'unknown');
    });

    it('is unknown when nothing known grants it and a policy could not be read', () => {
      const r = eniPermission([{ kind: 'unresolved', label: 'aws_iam_policy.ext', reason: 'unknown ARN' }, { kind: 'managed', label: 'basic', name: 'AWSLambdaBasicExecutionRole' }]);
      assert.equal(r.granted, 'unknown');
      assert.equal(r.reason, 'unknown ARN');
      assert.deepEqual(r.evidence.map((s) => s.label), ['aws_iam_policy.ext']);
      const granted = eniPermission([{ kind: 'unresolved', label: 'aws_iam_policy.ext', reason: 'unknown ARN' }, { kind: 'managed', label: 'vpc', name: 'AWSLambdaVPCAccessExecutionRole' }]);
      assert.equal(granted.granted, true);
      assert.equal(eniPermission([{ kind: 'managed', label: 'x', name: 'SomethingNew' }]).granted, 'unknown');
    });

    it('is not granted by an empty set of policies', () => {
      assert.equal(eniPermission([]).granted, false);
    });
  });
});
