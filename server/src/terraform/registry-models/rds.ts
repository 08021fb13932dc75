// Model of terraform-aws-modules/rds/aws (v6/v7): the DB instance its db_instance submodule creates
// (count = create_db_instance && putin_khuylo) and the DB subnet group of its db_subnet_group submodule (count =
// create_db_subnet_group && putin_khuylo, named coalesce(db_subnet_group_name, identifier), by default as a name
// prefix). The instance gets the arguments that decide where the database can be reached from, as the module
// passes them: publicly_accessible (default false), vpc_security_group_ids (default []), db_subnet_group_name
// (the created group's id, or the argument), network_type, availability_zone, multi_az; and its identity:
// identifier (or identifier_prefix), engine (not for a replica), port, db_name, username.
//
// The synthetic resources live directly in the module call's instance (`module.db.aws_db_instance.this[0]`);
// Terraform's addresses have the submodule in between (`module.db.module.db_instance.aws_db_instance.this[0]`).
// Parameter and option groups, monitoring roles, log groups and secrets rotation are not modelled; their outputs
// are not provided.

import { nullValue, num, reasonsOf, str, tuple, unknownWith, type Value } from '../values';
import type { SyntheticAttr } from '../instances';
import type { ResourceInstance } from '../model';
import type { ModelContext, ModelResult, RegistryModel } from './types';
import { allFlags, creates, flag, isReasons, nullable, passed, setOutputs, unknownOutput } from './util';

/** Outputs of the instance and the attribute each reads (`try(aws_db_instance.this[0].x, null)`). */
const INSTANCE_ATTRS: readonly (readonly [string, string])[] = [
  ['db_instance_address', 'address'],
  ['db_instance_arn', 'arn'],
  ['db_instance_availability_zone', 'availability_zone'],
  ['db_instance_endpoint', 'endpoint'],
  ['db_listener_endpoint', 'listener_endpoint'],
  ['db_instance_engine', 'engine'],
  ['db_instance_engine_version_actual', 'engine_version_actual'],
  ['db_instance_hosted_zone_id', 'hosted_zone_id'],
  ['db_instance_identifier', 'identifier'],
  ['db_instance_resource_id', 'resource_id'],
  ['db_instance_status', 'status'],
  ['db_instance_name', 'db_name'],
  ['db_instance_username', 'username'],
  ['db_instance_port', 'port'],
];
const INSTANCE_OUTPUTS = INSTANCE_ATTRS.map(([o]) => o);
const GROUP_OUTPUTS = ['db_subnet_group_id', 'db_subnet_group_arn'];
const OUTPUTS = [...INSTANCE_OUTPUTS, ...GROUP_OUTPUTS];

export const rdsModel: RegistryModel = {
  id: 'terraform-aws-modules/rds/aws',
  outputs: OUTPUTS,
  build(ctx: ModelContext): ModelResult {
    const outputs = new Map<string, Value>();

    // The subnet group (module.db_subnet_group), created independently of the instance.
    const createGroup = flag(ctx, 'create_db_subnet_group', false);
    const groupCount = allFlags(ctx, [
      ['create_db_subnet_group', false],
      ['putin_khuylo', true],
    ]);
    let group: ResourceInstance | undefined;
    if (isReasons(groupCount)) {
      setOutputs(outputs, GROUP_OUTPUTS, () => unknownOutput(groupCount));
    } else if (!groupCount) {
      setOutputs(outputs, GROUP_OUTPUTS, () => nullValue());
    } else {
      group = subnetGroup(ctx);
      outputs.set('db_subnet_group_id', group.ref('id'));
      outputs.set('db_subnet_group_arn', group.ref('arn'));
    }

    const create = allFlags(ctx, [
      ['create_db_instance', true],
      ['putin_khuylo', true],
    ]);
    if (!creates(create, outputs, INSTANCE_OUTPUTS, () => nullValue())) return { outputs };

    // db_subnet_group_name = var.create_db_subnet_group ? module.db_subnet_group.db_subnet_group_id : var.db_subnet_group_name
    let groupName: SyntheticAttr | undefined;
    if (isReasons(createGroup)) groupName = { value: unknownWith(createGroup, { type: 'string' }), at: ctx.at('create_db_subnet_group') };
    else if (createGroup) groupName = { value: group ? group.ref('id') : nullValue(), at: ctx.at('create_db_subnet_group') };
    else groupName = passed(ctx, 'db_subnet_group_name');

    // A replica (replicate_source_db set) takes its engine and username from the source.
    const source = ctx.arg('replicate_source_db', nullValue());
    const notReplica = (name: string): SyntheticAttr | undefined => {
      if (source.kind === 'null') return passed(ctx, name);
      if (source.kind === 'unknown') return { value: unknownWith(reasonsOf(source), {}), at: ctx.at('replicate_source_db') };
      return undefined;
    };

    const db = ctx.resource('aws_db_instance', 'this', 0, {
      identifier: identifier(ctx),
      identifier_prefix: identifierPrefix(ctx),
      engine: notReplica('engine'),
      engine_version: passed(ctx, 'engine_version'),
      instance_class: passed(ctx, 'instance_class'),
      db_name: passed(ctx, 'db_name'),
      username: notReplica('username'),
      port: port(ctx),
      publicly_accessible: nullable(ctx, 'publicly_accessible', { kind: 'bool', value: false }),
      vpc_security_group_ids: nullable(ctx, 'vpc_security_group_ids', tuple([])),
      db_subnet_group_name: groupName,
      network_type: passed(ctx, 'network_type'),
      availability_zone: passed(ctx, 'availability_zone'),
      multi_az: nullable(ctx, 'multi_az', { kind: 'bool', value: false }),
      iam_database_authentication_enabled: nullable(ctx, 'iam_database_authentication_enabled', { kind: 'bool', value: false }),
      replicate_source_db: passed(ctx, 'replicate_source_db'),
      region: passed(ctx, 'region'),
    });
    for (const [o, attr] of INSTANCE_ATTRS) outputs.set(o, db.ref(attr));
    return { outputs };
  },
};

/** aws_db_subnet_group.this[0] of module.db_subnet_group. */
function subnetGroup(ctx: ModelContext): ResourceInstance {
  // name = coalesce(var.db_subnet_group_name, var.identifier); use_name_prefix (default true) makes it a prefix.
  const own = ctx.arg('db_subnet_group_name', nullValue());
  const nameArg = own.kind === 'null' || (own.kind === 'string' && own.value === '') ? 'identifier' : 'db_subnet_group_name';
  const name = ctx.arg(nameArg, nullValue());
  const at = ctx.at(nameArg);
  const usePrefix = flag(ctx, 'db_subnet_group_use_name_prefix', true);
  let value: Value;
  if (isReasons(usePrefix)) value = unknownWith(usePrefix, { type: 'string' });
  else if (name.kind === 'string' && name.value !== '') value = usePrefix ? str(`${name.value}-`, name.origins) : name;
  else value = unknownWith(name.kind === 'unknown' ? reasonsOf(name) : [{ code: 'invalid', message: 'the DB subnet group needs db_subnet_group_name or identifier', at }], { type: 'string' });
  // An unknown use_name_prefix leaves `name` unknown (it may be the prefix instead).
  const prefixed = usePrefix === true;
  return ctx.resource('aws_db_subnet_group', 'this', 0, {
    name: prefixed ? undefined : { value, at: isReasons(usePrefix) ? ctx.at('db_subnet_group_use_name_prefix') : at },
    name_prefix: prefixed ? { value, at } : undefined,
    subnet_ids: nullable(ctx, 'subnet_ids', tuple([])),
    region: passed(ctx, 'region'),
  });
}

/** `identifier = var.use_identifier_prefix ? null : var.identifier` (identifier is required by the module). */
function identifier(ctx: ModelContext): SyntheticAttr | undefined {
  const usePrefix = flag(ctx, 'instance_use_identifier_prefix', false);
  if (usePrefix === true) return undefined;
  if (isReasons(usePrefix)) return { value: unknownWith(usePrefix, { type: 'string' }), at: ctx.at('instance_use_identifier_prefix') };
  return required(ctx, 'identifier');
}

/** `identifier_prefix = var.use_identifier_prefix ? "${var.identifier}-" : null`. */
function identifierPrefix(ctx: ModelContext): SyntheticAttr | undefined {
  const usePrefix = flag(ctx, 'instance_use_identifier_prefix', false);
  if (usePrefix === false) return undefined;
  const at = ctx.at('identifier');
  if (isReasons(usePrefix)) return { value: unknownWith(usePrefix, { type: 'string' }), at: ctx.at('instance_use_identifier_prefix') };
  const id = required(ctx, 'identifier');
  if (id.value.kind !== 'string') return { value: unknownWith(reasonsOf(id.value), { type: 'string' }), at };
  return { value: str(`${id.value.value}-`, id.value.origins), at };
}

/** A module variable without a default: the call's value, or unknown (Terraform stops with an error). */
function required(ctx: ModelContext, name: string): SyntheticAttr {
  const v = ctx.input(name);
  if (v === undefined || v.kind === 'null') {
    return { value: unknownWith([{ code: 'invalid', message: `the module requires ${name}`, at: ctx.at(name) }], { type: 'string' }), at: ctx.at(name) };
  }
  return { value: v, at: ctx.at(name) };
}

/** `port`: the module's variable is a string, the instance's argument a number. */
function port(ctx: ModelContext): SyntheticAttr | undefined {
  const v = ctx.input('port');
  if (v === undefined || v.kind === 'null') return undefined;
  const at = ctx.at('port');
  if (v.kind === 'number') return { value: v, at };
  if (v.kind === 'string' && /^\d+$/.test(v.value)) return { value: num(Number(v.value), v.origins), at };
  if (v.kind === 'unknown') return { value: unknownWith(reasonsOf(v), { type: 'number' }), at };
  return { value: unknownWith([{ code: 'unsupported', message: `port ${JSON.stringify(v.kind === 'string' ? v.value : v.kind)} is not read as a port number`, at }], { type: 'number' }), at };
}
