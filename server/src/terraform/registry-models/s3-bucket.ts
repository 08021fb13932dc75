// Model of terraform-aws-modules/s3-bucket/aws (v4/v5): the bucket, aws_s3_bucket.this[0] (count =
// create_bucket && putin_khuylo && !is_directory_bucket), or with is_directory_bucket the S3 Express directory
// bucket aws_s3_directory_bucket.this[0], named "${bucket}--${availability_zone_id}--x-s3" as the module names it.
// The caller's bucket policy is modelled, as aws_s3_bucket_policy.this[0] with the `policy` argument as its
// document, when `attach_policy` is true (or unknown: then the policy may apply): a policy may admit only requests
// through a VPC endpoint, which decides whether a function needs the VPC to reach the bucket. The module merges it
// with the statements of its other attach_* flags (TLS, encryption headers, log delivery), which name no VPC
// condition key and are not modelled. The ACL, versioning, encryption, lifecycle, logging and so on do not decide
// what a function talks to and are not modelled. Outputs follow the module's `try(aws_s3_bucket.this[0].x, "")`: the bucket's
// attributes when it exists, "" (null for the directory-bucket outputs) when it does not.

import { nullValue, reasonsOf, str, unknownWith, type UnknownReason, type Value } from '../values';
import type { SyntheticAttr } from '../instances';
import type { ResourceInstance } from '../model';
import type { AttrSpec, ModelContext, ModelResult, RegistryModel } from './types';
import { allFlags, flag, isReasons, nullable, passed, setOutputs, unknownOutput } from './util';

/** Outputs that read an attribute of aws_s3_bucket.this[0] (else ""). */
const BUCKET_OUTPUTS: readonly (readonly [string, string])[] = [
  ['s3_bucket_arn', 'arn'],
  ['s3_bucket_bucket_domain_name', 'bucket_domain_name'],
  ['s3_bucket_bucket_regional_domain_name', 'bucket_regional_domain_name'],
  ['s3_bucket_hosted_zone_id', 'hosted_zone_id'],
  ['s3_bucket_region', 'bucket_region'],
];

const OUTPUTS = ['s3_bucket_id', ...BUCKET_OUTPUTS.map(([o]) => o), 's3_directory_bucket_name', 's3_directory_bucket_arn'];

const DIRECTORY_OUTPUTS = new Set(['s3_directory_bucket_name', 's3_directory_bucket_arn']);

/** The value a missing resource gives each output: `try(..., "")`, or `try(..., null)` for the directory bucket's. */
const absent = (o: string): Value => (DIRECTORY_OUTPUTS.has(o) ? nullValue() : str(''));

export const s3BucketModel: RegistryModel = {
  id: 'terraform-aws-modules/s3-bucket/aws',
  outputs: OUTPUTS,
  build(ctx: ModelContext): ModelResult {
    const outputs = new Map<string, Value>();
    const create = allFlags(ctx, [
      ['create_bucket', true],
      ['putin_khuylo', true],
    ]);
    const directory = flag(ctx, 'is_directory_bucket', false);
    if (isReasons(create) || (create && isReasons(directory))) {
      const reasons = isReasons(create) ? create : (directory as UnknownReason[]);
      setOutputs(outputs, OUTPUTS, () => unknownOutput(reasons));
      return { outputs };
    }
    if (!create) {
      setOutputs(outputs, OUTPUTS, absent);
      return { outputs };
    }

    if (directory === false) {
      const bucket = ctx.resource('aws_s3_bucket', 'this', 0, {
        bucket: passed(ctx, 'bucket'),
        bucket_prefix: passed(ctx, 'bucket_prefix'),
        region: passed(ctx, 'region'),
        force_destroy: passed(ctx, 'force_destroy'),
        object_lock_enabled: passed(ctx, 'object_lock_enabled'),
      });
      bucketPolicy(ctx, bucket);
      outputs.set('s3_bucket_id', bucket.ref('id'));
      for (const [o, attr] of BUCKET_OUTPUTS) outputs.set(o, bucket.ref(attr));
      outputs.set('s3_directory_bucket_name', nullValue());
      outputs.set('s3_directory_bucket_arn', nullValue());
      return { outputs };
    }

    const name = directoryBucketName(ctx);
    const location: AttrSpec = passed(ctx, 'availability_zone_id');
    const dir = ctx.resource(
      'aws_s3_directory_bucket',
      'this',
      0,
      {
        bucket: name,
        region: passed(ctx, 'region'),
        data_redundancy: passed(ctx, 'data_redundancy'),
        type: nullable(ctx, 'type', str('Directory')),
        force_destroy: passed(ctx, 'force_destroy'),
      },
      { location: [{ attrs: { name: location, type: passed(ctx, 'location_type') } }] },
    );
    // s3_bucket_id = try(aws_s3_bucket.this[0].id, aws_s3_directory_bucket.this[0].bucket, "").
    outputs.set('s3_bucket_id', dir.ref('bucket'));
    for (const [o] of BUCKET_OUTPUTS) outputs.set(o, str(''));
    outputs.set('s3_directory_bucket_name', dir.ref('bucket'));
    outputs.set('s3_directory_bucket_arn', dir.ref('arn'));
    return { outputs };
  },
};

/**
 * `aws_s3_bucket_policy.this[0]` with the caller's `policy` (the module's `var.attach_policy ? var.policy : ""` in
 * its combined document). With attach_policy unknown the policy is unknown (it may or may not be attached); with no
 * `policy` nothing of the caller's is attached.
 */
function bucketPolicy(ctx: ModelContext, bucket: ResourceInstance): void {
  const policy = passed(ctx, 'policy');
  if (!policy) return;
  const attach = flag(ctx, 'attach_policy', false);
  if (attach === false) return;
  const value = isReasons(attach) ? { value: unknownWith(attach, { type: 'string' }), at: ctx.at('attach_policy') } : policy;
  ctx.resource('aws_s3_bucket_policy', 'this', 0, { bucket: { value: bucket.ref('id'), at: ctx.at('bucket') }, policy: value, region: passed(ctx, 'region') });
}

/** `"${var.bucket}--${var.availability_zone_id}--x-s3"`: a null part is an error in Terraform. */
function directoryBucketName(ctx: ModelContext): SyntheticAttr {
  const at = ctx.at('bucket');
  const bucket = ctx.arg('bucket', nullValue());
  const az = ctx.arg('availability_zone_id', nullValue());
  const reasons: UnknownReason[] = [];
  for (const [n, v] of [
    ['bucket', bucket],
    ['availability_zone_id', az],
  ] as const) {
    if (v.kind === 'null') reasons.push({ code: 'invalid', message: `a directory bucket needs ${n}: the module interpolates it into the bucket name`, at: ctx.at(n) });
    else if (v.kind === 'unknown') reasons.push(...reasonsOf(v));
    else if (v.kind !== 'string') reasons.push({ code: 'unsupported', message: `${n} is not a string`, at: ctx.at(n) });
  }
  if (reasons.length > 0 || bucket.kind !== 'string' || az.kind !== 'string') return { value: unknownWith(reasons, { type: 'string' }), at };
  return { value: str(`${bucket.value}--${az.value}--x-s3`, bucket.origins), at };
}
