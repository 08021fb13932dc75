// Model of terraform-aws-modules/lambda/aws: the function (aws_lambda_function.this[0]),
// its execution role (aws_iam_role.lambda[0]) and the role's policies, and the event
// source mappings. The function gets a vpc_config only when both vpc_subnet_ids and
// vpc_security_group_ids are non-null (an unknown value counts as set: it is what the user
// wrote). Policies follow the module's switches:
//   attach_cloudwatch_logs_policy (default true) → logs:CreateLogGroup/CreateLogStream/PutLogEvents
//   attach_network_policy → the AWSLambdaENIManagementAccess permissions (the module copies
//       that managed policy's document into an inline policy)
//   attach_dead_letter_policy, attach_async_event_policy → sns:Publish, sqs:SendMessage (, events, lambda)
//   attach_policy_json / attach_policy_jsons / attach_policy_statements → inline policies
//   attach_policy / attach_policies → managed policy attachments (by ARN)
// The role is created only with create_role (default true); otherwise `lambda_role` is the role.

import { encodeJson } from '../functions/encoding';
import type { ResourceInstance } from '../model';
import {
  asList,
  asMap,
  isWhollyKnown,
  nullValue,
  object,
  reasonsOf,
  str,
  tuple,
  unknownWith,
  type SourceLocation,
  type Value,
} from '../values';
import type { AttrSpec, BlockSpec, ModelContext, ModelResult, RegistryModel } from './types';
import { field, flag, isReasons, located, unknownOutput } from './util';

/**
 * Actions of the AWS managed policy AWSLambdaENIManagementAccess (v2, on "*"), which the
 * module attaches as an inline copy with attach_network_policy = true. Source:
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSLambdaENIManagementAccess.html
 */
export const ENI_MANAGEMENT_ACTIONS = [
  'ec2:CreateNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
];

const OUTPUTS = [
  'lambda_function_arn',
  'lambda_function_name',
  'lambda_function_invoke_arn',
  'lambda_function_qualified_arn',
  'lambda_function_version',
  'lambda_role_arn',
  'lambda_role_name',
  'lambda_cloudwatch_log_group_name',
  'lambda_cloudwatch_log_group_arn',
];

/** A policy document value → its JSON string (or an unknown string that remembers the document). */
function policyJson(doc: Value, at: SourceLocation): Value {
  if (!isWhollyKnown(doc)) return unknownWith(reasonsOf(doc), { type: 'string', jsonOf: doc, origins: [at] });
  return str(encodeJson(doc), [at]);
}

function statementDoc(statements: Value[]): Value {
  return object([
    ['Version', str('2012-10-17')],
    ['Statement', tuple(statements)],
  ]);
}

/** One entry of `policy_statements` → a statement object (the module's dynamic "statement"). */
function statementFrom(key: string, st: Value): Value {
  const e: [string, Value][] = [];
  e.push(['Sid', field(st, 'sid') ?? str(key.replace(/[^0-9A-Za-z]/g, ''))]);
  e.push(['Effect', field(st, 'effect') ?? str('Allow')]);
  for (const [arg, k] of [
    ['actions', 'Action'],
    ['not_actions', 'NotAction'],
    ['resources', 'Resource'],
    ['not_resources', 'NotResource'],
  ] as const) {
    const v = field(st, arg);
    if (v) e.push([k, v]);
  }
  for (const [arg, k] of [
    ['principals', 'Principal'],
    ['not_principals', 'NotPrincipal'],
  ] as const) {
    const ps = field(st, arg);
    const list = ps ? asList(ps) : undefined;
    if (!ps) continue;
    if (!list) {
      e.push([k, unknownWith(reasonsOf(ps), { type: 'object' })]);
      continue;
    }
    e.push([k, object(list.map((p) => [asString(field(p, 'type')) ?? '?', field(p, 'identifiers') ?? tuple([])] as [string, Value]))]);
  }
  const conds = field(st, 'condition');
  if (conds) {
    const list = asList(conds);
    if (!list) e.push(['Condition', unknownWith(reasonsOf(conds), { type: 'object' })]);
    else {
      const byTest = new Map<string, [string, Value][]>();
      for (const c of list) {
        const test = asString(field(c, 'test')) ?? '?';
        byTest.set(test, [...(byTest.get(test) ?? []), [asString(field(c, 'variable')) ?? '?', field(c, 'values') ?? tuple([])]]);
      }
      e.push(['Condition', object([...byTest].map(([t, vs]) => [t, object(vs)] as [string, Value]))]);
    }
  }
  return object(e);
}

function asString(v: Value | undefined): string | undefined {
  return v && v.kind === 'string' ? v.value : undefined;
}

export const lambdaModel: RegistryModel = {
  id: 'terraform-aws-modules/lambda/aws',
  outputs: OUTPUTS,
  build(ctx: ModelContext): ModelResult {
    const outputs = new Map<string, Value>();
    const setAll = (v: (o: string) => Value): ModelResult => {
      for (const o of OUTPUTS) outputs.set(o, v(o));
      return { outputs };
    };
    for (const name of ['create', 'putin_khuylo', 'create_function']) {
      const fl = flag(ctx, name, true);
      if (isReasons(fl)) return setAll(() => unknownOutput(fl));
      if (!fl) return setAll(() => str(''));
    }
    const layer = flag(ctx, 'create_layer', false);
    if (isReasons(layer)) return setAll(() => unknownOutput(layer));
    if (layer) return setAll(() => str(''));

    // Execution role
    const createRole = flag(ctx, 'create_role', true);
    let role: ResourceInstance | undefined;
    let roleArn: AttrSpec;
    if (isReasons(createRole)) {
      roleArn = { value: unknownOutput(createRole), at: ctx.at('create_role') };
    } else if (createRole) {
      const fnName = ctx.arg('function_name', str(''));
      const roleName = ctx.arg('role_name', nullValue());
      const trust = statementDoc([
        object([
          ['Effect', str('Allow')],
          ['Action', str('sts:AssumeRole')],
          ['Principal', object([['Service', str('lambda.amazonaws.com')]])],
        ]),
      ]);
      role = ctx.resource('aws_iam_role', 'lambda', 0, {
        name: { value: roleName.kind === 'string' && roleName.value !== '' ? roleName : fnName, at: ctx.at(roleName.kind === 'null' ? 'function_name' : 'role_name') },
        assume_role_policy: { value: policyJson(trust, ctx.at()), at: ctx.at() },
      });
      roleArn = role.ref('arn');
      addPolicies(ctx, role);
    } else {
      roleArn = ctx.from('lambda_role', str(''));
    }

    // The function
    const blocks: Record<string, BlockSpec[]> = {};
    const subnets = ctx.input('vpc_subnet_ids');
    const sgs = ctx.input('vpc_security_group_ids');
    if (subnets && subnets.kind !== 'null' && sgs && sgs.kind !== 'null') {
      blocks.vpc_config = [
        {
          attrs: {
            subnet_ids: { value: subnets, at: ctx.at('vpc_subnet_ids') },
            security_group_ids: { value: sgs, at: ctx.at('vpc_security_group_ids') },
            ipv6_allowed_for_dual_stack: ctx.input('ipv6_allowed_for_dual_stack') ? ctx.from('ipv6_allowed_for_dual_stack', nullValue()) : undefined,
          },
        },
      ];
    }
    const env = ctx.input('environment_variables');
    if (env && env.kind !== 'null' && !(asMap(env)?.size === 0)) {
      blocks.environment = [{ attrs: { variables: { value: env, at: ctx.at('environment_variables') } } }];
    }
    const fsArn = ctx.input('file_system_arn');
    const fsPath = ctx.input('file_system_local_mount_path');
    if (fsArn && fsArn.kind !== 'null' && fsPath && fsPath.kind !== 'null') {
      blocks.file_system_config = [{ attrs: { arn: { value: fsArn, at: ctx.at('file_system_arn') }, local_mount_path: { value: fsPath, at: ctx.at('file_system_local_mount_path') } } }];
    }
    const capacity = ctx.input('managed_instances_capacity_provider_arn');
    if (capacity && capacity.kind !== 'null') {
      blocks.capacity_provider_config = [
        { attrs: {}, blocks: { lambda_managed_instances_capacity_provider_config: [{ attrs: { capacity_provider_arn: { value: capacity, at: ctx.at('managed_instances_capacity_provider_arn') } } }] } },
      ];
    }
    const pkg = ctx.arg('package_type', str('Zip'));
    const zip = pkg.kind === 'string' && pkg.value === 'Zip';
    const fn = ctx.resource(
      'aws_lambda_function',
      'this',
      0,
      {
        function_name: ctx.from('function_name', str('')),
        role: roleArn,
        handler: zip ? ctx.from('handler', str('')) : undefined,
        runtime: zip ? ctx.from('runtime', str('')) : undefined,
        package_type: ctx.from('package_type', str('Zip')),
        memory_size: ctx.from('memory_size', { kind: 'number', value: 128 }),
        timeout: ctx.from('timeout', { kind: 'number', value: 3 }),
        reserved_concurrent_executions: ctx.from('reserved_concurrent_executions', { kind: 'number', value: -1 }),
        architectures: ctx.input('architectures') ? ctx.from('architectures', nullValue()) : undefined,
        image_uri: ctx.input('image_uri') ? ctx.from('image_uri', nullValue()) : undefined,
        layers: ctx.input('layers') ? ctx.from('layers', nullValue()) : undefined,
        kms_key_arn: ctx.input('kms_key_arn') ? ctx.from('kms_key_arn', nullValue()) : undefined,
      },
      blocks,
    );

    // Event source mappings (the Lambda service polls these sources).
    const esm = ctx.arg('event_source_mapping', object([]));
    const esmEntries = asMap(esm);
    if (esmEntries) {
      const at = ctx.at('event_source_mapping');
      for (const [key, m] of esmEntries) {
        ctx.resource('aws_lambda_event_source_mapping', 'this', key, {
          function_name: fn.ref('arn'),
          event_source_arn: field(m, 'event_source_arn') ? located(field(m, 'event_source_arn')!, at) : undefined,
          topics: field(m, 'topics') ? located(field(m, 'topics')!, at) : undefined,
          queues: field(m, 'queues') ? located(field(m, 'queues')!, at) : undefined,
          enabled: field(m, 'enabled') ? located(field(m, 'enabled')!, at) : undefined,
        });
      }
    }

    outputs.set('lambda_function_arn', fn.ref('arn'));
    outputs.set('lambda_function_name', fn.ref('function_name'));
    outputs.set('lambda_function_invoke_arn', fn.ref('invoke_arn'));
    outputs.set('lambda_function_qualified_arn', fn.ref('qualified_arn'));
    outputs.set('lambda_function_version', fn.ref('version'));
    outputs.set('lambda_role_arn', role ? role.ref('arn') : str(''));
    outputs.set('lambda_role_name', role ? role.ref('name') : str(''));
    const logGroup = unknownWith([{ code: 'computed', message: 'the log group of the function is known only after apply', at: ctx.at() }], { type: 'string' });
    outputs.set('lambda_cloudwatch_log_group_name', logGroup);
    outputs.set('lambda_cloudwatch_log_group_arn', logGroup);
    return { outputs };
  },
};

/** The role's policies, per the module's attach_* switches. */
function addPolicies(ctx: ModelContext, role: ResourceInstance): void {
  const roleName = role.ref('name');
  const inline = (name: string, key: number, doc: Value, at: SourceLocation): void => {
    ctx.resource('aws_iam_role_policy', name, key, { role: roleName, policy: { value: doc.kind === 'string' || doc.kind === 'unknown' ? doc : policyJson(doc, at), at } });
  };
  const on = (name: string, dflt = false): boolean => flag(ctx, name, dflt) === true;

  if (on('attach_cloudwatch_logs_policy', true)) {
    const at = ctx.at('attach_cloudwatch_logs_policy');
    const logs = statementDoc([
      object([
        ['Effect', str('Allow')],
        ['Action', tuple([str('logs:CreateLogGroup'), str('logs:CreateLogStream'), str('logs:PutLogEvents')])],
        ['Resource', unknownWith([{ code: 'computed', message: 'the log group ARN is known only after apply', at }], { type: 'list' })],
      ]),
    ]);
    inline('logs', 0, logs, at);
  }
  if (on('attach_network_policy')) {
    const at = ctx.at('attach_network_policy');
    inline(
      'vpc',
      0,
      statementDoc([
        object([
          ['Effect', str('Allow')],
          ['Action', tuple(ENI_MANAGEMENT_ACTIONS.map((a) => str(a)))],
          ['Resource', str('*')],
        ]),
      ]),
      at,
    );
  }
  if (on('attach_dead_letter_policy')) {
    const at = ctx.at('attach_dead_letter_policy');
    inline('dead_letter', 0, statementDoc([object([['Effect', str('Allow')], ['Action', tuple([str('sns:Publish'), str('sqs:SendMessage')])], ['Resource', ctx.arg('dead_letter_target_arn', nullValue())]])]), at);
  }
  if (on('attach_async_event_policy')) {
    const at = ctx.at('attach_async_event_policy');
    const dest = [ctx.arg('destination_on_failure', nullValue()), ctx.arg('destination_on_success', nullValue())].filter((d) => d.kind !== 'null');
    inline(
      'async',
      0,
      statementDoc([
        object([
          ['Effect', str('Allow')],
          ['Action', tuple(['sns:Publish', 'sqs:SendMessage', 'events:PutEvents', 'lambda:InvokeFunction'].map((a) => str(a)))],
          ['Resource', tuple(dest)],
        ]),
      ]),
      at,
    );
  }
  if (on('attach_policy_json')) {
    const at = ctx.at('policy_json');
    inline('additional_json', 0, ctx.arg('policy_json', nullValue()), at);
  }
  if (on('attach_policy_jsons')) {
    const list = asList(ctx.arg('policy_jsons', tuple([]))) ?? [];
    const n = ctx.arg('number_of_policy_jsons', { kind: 'number', value: 0 });
    const count = n.kind === 'number' ? n.value : list.length;
    for (let i = 0; i < count && i < list.length; i++) inline('additional_jsons', i, list[i], list[i].origins?.[0] ?? ctx.at('policy_jsons'));
  }
  if (on('attach_policy_statements')) {
    const at = ctx.at('policy_statements');
    const st = ctx.arg('policy_statements', object([]));
    const m = asMap(st);
    const l = asList(st);
    const statements = m ? [...m].map(([k, v]) => statementFrom(k, v)) : l ? l.map((v, i) => statementFrom(String(i), v)) : undefined;
    inline('additional_inline', 0, statements ? statementDoc(statements) : unknownWith(reasonsOf(st), { type: 'object' }), at);
  }
  if (on('attach_policy')) {
    ctx.resource('aws_iam_role_policy_attachment', 'additional_one', 0, { role: roleName, policy_arn: ctx.from('policy', nullValue()) });
  }
  if (on('attach_policies')) {
    const list = asList(ctx.arg('policies', tuple([]))) ?? [];
    const n = ctx.arg('number_of_policies', { kind: 'number', value: 0 });
    const count = n.kind === 'number' ? n.value : list.length;
    for (let i = 0; i < count && i < list.length; i++) {
      ctx.resource('aws_iam_role_policy_attachment', 'additional_many', i, { role: roleName, policy_arn: located(list[i], ctx.at('policies')) });
    }
  }
}
