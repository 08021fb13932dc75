// Model of terraform-aws-modules/dynamodb-table/aws (v4/v5): the table. The module declares it three times,
// one of which is created (create_table defaults to true):
//   aws_dynamodb_table.this                   count = create_table && !autoscaling_enabled
//   aws_dynamodb_table.autoscaled             count = create_table && autoscaling_enabled && !ignore_changes_global_secondary_index
//   aws_dynamodb_table.autoscaled_gsi_ignore  count = create_table && autoscaling_enabled && ignore_changes_global_secondary_index
// and its outputs read whichever exists (`try(this[0].x, autoscaled[0].x, autoscaled_gsi_ignore[0].x, "")`).
// Autoscaling targets, the resource policy, indexes and replicas do not decide what a function talks to and are
// not modelled (the replica outputs are not provided).

import { str, type Value } from '../values';
import type { ModelContext, ModelResult, RegistryModel } from './types';
import { creates, flag, isReasons, nullable, passed, setOutputs, unknownOutput } from './util';

const ATTRS: readonly (readonly [string, string])[] = [
  ['dynamodb_table_id', 'id'],
  ['dynamodb_table_arn', 'arn'],
  ['dynamodb_table_stream_arn', 'stream_arn'],
  ['dynamodb_table_stream_label', 'stream_label'],
];
const OUTPUTS = ATTRS.map(([o]) => o);

export const dynamodbTableModel: RegistryModel = {
  id: 'terraform-aws-modules/dynamodb-table/aws',
  outputs: OUTPUTS,
  build(ctx: ModelContext): ModelResult {
    const outputs = new Map<string, Value>();
    const create = flag(ctx, 'create_table', true);
    if (!creates(create, outputs, OUTPUTS, () => str(''))) return { outputs };
    // Which of the three resource blocks holds the table.
    const autoscaling = flag(ctx, 'autoscaling_enabled', false);
    if (isReasons(autoscaling)) {
      setOutputs(outputs, OUTPUTS, () => unknownOutput(autoscaling));
      return { outputs };
    }
    let name = 'this';
    if (autoscaling) {
      const ignoreGsi = flag(ctx, 'ignore_changes_global_secondary_index', false);
      if (isReasons(ignoreGsi)) {
        setOutputs(outputs, OUTPUTS, () => unknownOutput(ignoreGsi));
        return { outputs };
      }
      name = ignoreGsi ? 'autoscaled_gsi_ignore' : 'autoscaled';
    }
    const table = ctx.resource('aws_dynamodb_table', name, 0, {
      name: passed(ctx, 'name'),
      billing_mode: nullable(ctx, 'billing_mode', str('PAY_PER_REQUEST')),
      hash_key: passed(ctx, 'hash_key'),
      range_key: passed(ctx, 'range_key'),
      stream_enabled: nullable(ctx, 'stream_enabled', { kind: 'bool', value: false }),
      stream_view_type: passed(ctx, 'stream_view_type'),
      table_class: passed(ctx, 'table_class'),
      region: passed(ctx, 'region'),
    });
    for (const [o, attr] of ATTRS) outputs.set(o, table.ref(attr));
    return { outputs };
  },
};
