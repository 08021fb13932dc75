// Built-in models of the terraform-aws-modules service modules: s3-bucket, sqs, dynamodb-table, rds and sns.
// Each creates the resource the module creates (under the module's create condition) and its outputs read that
// resource's attributes, so a function's environment variable set from an output names the resource.
import * as assert from 'node:assert/strict';
import { refsIn, type ModuleInstance, type ResourceInstance, type Value, type Workspace } from '../../src/terraform';
import { canonicalSource } from '../../src/terraform/registry-models';
import { known, unknownBecause, workspace } from './helpers';

/** A root module with `module "m"` from `source`, called with `args`, plus `extra` configuration. */
function call(source: string, args: string, extra = ''): Workspace {
  return workspace({
    'main.tf': `
module "m" {
  source = "${source}"
${args}
}
${extra}`,
  });
}

function child(ws: Workspace, name = 'm'): ModuleInstance {
  const m = ws.roots[0].children().find((c) => c.call?.name === name);
  assert.ok(m, `module.${name} not found`);
  return m;
}

const out = (ws: Workspace, name: string, module = 'm'): Value => child(ws, module).output(name);

/** The instance attributes a value refers to, as `address.attr`. */
const refs = (v: Value): string[] => refsIn(v).map((r) => `${r.address}.${r.path.join('.')}`);

const addrs = (rs: ResourceInstance[]): string[] => rs.map((r) => r.address);

/** The text of the call argument a synthetic attribute's location points at. */
function argText(ws: Workspace, inst: ResourceInstance, attr: string): string {
  const loc = inst.attrLocation(attr);
  assert.ok(loc, `${inst.address}.${attr} has no location`);
  const file = ws.roots[0].config.files.find((f) => f.path === loc.file);
  assert.ok(file, `no file ${loc.file}`);
  return file.text.slice(loc.span.start, loc.span.end);
}

describe('terraform/registry-models: service module sources', () => {
  it('registry and GitHub forms map to the models', () => {
    assert.equal(canonicalSource('github.com/terraform-aws-modules/terraform-aws-s3-bucket'), 'terraform-aws-modules/s3-bucket/aws');
    assert.equal(canonicalSource('git::https://github.com/terraform-aws-modules/terraform-aws-dynamodb-table.git?ref=v4.0.0'), 'terraform-aws-modules/dynamodb-table/aws');
    for (const src of ['terraform-aws-modules/s3-bucket/aws', 'terraform-aws-modules/sqs/aws', 'terraform-aws-modules/dynamodb-table/aws', 'terraform-aws-modules/rds/aws', 'terraform-aws-modules/sns/aws']) {
      const ws = call(src, '');
      assert.equal(child(ws).source.kind, 'model', src);
    }
  });
});

describe('terraform/registry-models: terraform-aws-modules/s3-bucket/aws', () => {
  it('creates aws_s3_bucket.this[0]; outputs read its attributes', () => {
    const ws = call('terraform-aws-modules/s3-bucket/aws', '  bucket = "uploads-bucket"');
    const buckets = ws.resources({ type: 'aws_s3_bucket' });
    assert.deepEqual(addrs(buckets), ['module.m.aws_s3_bucket.this[0]']);
    assert.equal(buckets[0].synthetic?.model, 'terraform-aws-modules/s3-bucket/aws');
    known(buckets[0].attr('bucket'), 'uploads-bucket');
    assert.equal(argText(ws, buckets[0], 'bucket'), '"uploads-bucket"');
    assert.deepEqual(refs(out(ws, 's3_bucket_id')), ['module.m.aws_s3_bucket.this[0].id']);
    assert.deepEqual(refs(out(ws, 's3_bucket_arn')), ['module.m.aws_s3_bucket.this[0].arn']);
    assert.deepEqual(refs(out(ws, 's3_bucket_bucket_domain_name')), ['module.m.aws_s3_bucket.this[0].bucket_domain_name']);
    assert.deepEqual(refs(out(ws, 's3_bucket_bucket_regional_domain_name')), ['module.m.aws_s3_bucket.this[0].bucket_regional_domain_name']);
    unknownBecause(out(ws, 's3_bucket_id'), 'computed');
    known(out(ws, 's3_directory_bucket_name'), null);
    assert.equal(ws.resources({ type: 'aws_s3_directory_bucket' }).length, 0);
    // Outputs the model does not provide are unknown, with the reason.
    unknownBecause(out(ws, 's3_bucket_policy'), 'unsupported', 'does not provide output s3_bucket_policy');
  });

  it('create_bucket = false or putin_khuylo = false: no bucket, outputs "" (null for the directory bucket)', () => {
    for (const args of ['  create_bucket = false', '  putin_khuylo = false']) {
      const ws = call('terraform-aws-modules/s3-bucket/aws', `  bucket = "b"\n${args}`);
      assert.equal(ws.resources({ type: 'aws_s3_bucket' }).length, 0, args);
      known(out(ws, 's3_bucket_id'), '');
      known(out(ws, 's3_bucket_arn'), '');
      known(out(ws, 's3_bucket_bucket_regional_domain_name'), '');
      known(out(ws, 's3_directory_bucket_arn'), null);
    }
  });

  it('an unknown create_bucket: no instance, outputs unknown with the reason', () => {
    const ws = call('terraform-aws-modules/s3-bucket/aws', '  create_bucket = var.enabled', 'variable "enabled" { type = bool }');
    assert.equal(ws.resources({ type: 'aws_s3_bucket' }).length, 0);
    unknownBecause(out(ws, 's3_bucket_id'), 'unset-variable', 'var.enabled');
    unknownBecause(out(ws, 's3_bucket_arn'), 'unset-variable');
  });

  it('is_directory_bucket: an S3 Express directory bucket named like the module names it', () => {
    const ws = call(
      'terraform-aws-modules/s3-bucket/aws',
      `  bucket               = "fast"
  is_directory_bucket  = true
  availability_zone_id = "use1-az4"`,
    );
    assert.equal(ws.resources({ type: 'aws_s3_bucket' }).length, 0);
    const [dir] = ws.resources({ type: 'aws_s3_directory_bucket' });
    assert.equal(dir.address, 'module.m.aws_s3_directory_bucket.this[0]');
    known(dir.attr('bucket'), 'fast--use1-az4--x-s3');
    known(dir.nestedBlocks('location')[0].attr('name'), 'use1-az4');
    known(out(ws, 's3_bucket_id'), 'fast--use1-az4--x-s3');
    known(out(ws, 's3_bucket_arn'), '');
    assert.deepEqual(refs(out(ws, 's3_directory_bucket_arn')), ['module.m.aws_s3_directory_bucket.this[0].arn']);
    // Without availability_zone_id the module's name template fails: the name is unknown, not guessed.
    const bad = call('terraform-aws-modules/s3-bucket/aws', '  bucket = "fast"\n  is_directory_bucket = true');
    unknownBecause(out(bad, 's3_bucket_id'), 'invalid', 'availability_zone_id');
  });
});

describe('terraform/registry-models: terraform-aws-modules/sqs/aws', () => {
  it('the queue and, with create_dlq, the dead-letter queue; outputs read their attributes', () => {
    const ws = call('terraform-aws-modules/sqs/aws', '  name       = "orders"\n  create_dlq = true');
    const queues = ws.resources({ type: 'aws_sqs_queue' });
    assert.deepEqual(addrs(queues), ['module.m.aws_sqs_queue.this[0]', 'module.m.aws_sqs_queue.dlq[0]']);
    known(queues[0].attr('name'), 'orders');
    known(queues[1].attr('name'), 'orders-dlq');
    assert.equal(argText(ws, queues[0], 'name'), '"orders"');
    assert.deepEqual(refs(out(ws, 'queue_url')), ['module.m.aws_sqs_queue.this[0].url']);
    assert.deepEqual(refs(out(ws, 'queue_arn')), ['module.m.aws_sqs_queue.this[0].arn']);
    assert.deepEqual(refs(out(ws, 'queue_id')), ['module.m.aws_sqs_queue.this[0].id']);
    known(out(ws, 'queue_name'), 'orders');
    assert.deepEqual(refs(out(ws, 'dead_letter_queue_url')), ['module.m.aws_sqs_queue.dlq[0].url']);
    assert.deepEqual(refs(out(ws, 'dead_letter_queue_arn')), ['module.m.aws_sqs_queue.dlq[0].arn']);
    known(out(ws, 'dead_letter_queue_name'), 'orders-dlq');
  });

  it('FIFO names: ".fifo" is trimmed from name and dlq_name and added back', () => {
    const ws = call('terraform-aws-modules/sqs/aws', '  name       = "jobs.fifo"\n  fifo_queue = true\n  create_dlq = true');
    known(out(ws, 'queue_name'), 'jobs.fifo');
    known(out(ws, 'dead_letter_queue_name'), 'jobs-dlq.fifo');
    const own = call('terraform-aws-modules/sqs/aws', '  name       = "jobs"\n  fifo_queue = true\n  create_dlq = true\n  dlq_name = "failed.fifo"');
    known(out(own, 'queue_name'), 'jobs.fifo');
    known(out(own, 'dead_letter_queue_name'), 'failed.fifo');
  });

  it('names the provider generates (use_name_prefix, no name) are known only after apply', () => {
    const prefixed = call('terraform-aws-modules/sqs/aws', '  name            = "orders"\n  use_name_prefix = true');
    const [q] = prefixed.resources({ type: 'aws_sqs_queue' });
    assert.equal(q.attr('name'), undefined);
    unknownBecause(out(prefixed, 'queue_name'), 'computed');
    assert.deepEqual(refs(out(prefixed, 'queue_name')), ['module.m.aws_sqs_queue.this[0].name']);
    // No name at all: the queue's name is generated; the DLQ's is "${""}-dlq", as the module writes it.
    const unnamed = call('terraform-aws-modules/sqs/aws', '  create_dlq = true');
    unknownBecause(out(unnamed, 'queue_name'), 'computed');
    known(out(unnamed, 'dead_letter_queue_name'), '-dlq');
  });

  it('create = false: no queues, outputs null; no DLQ by default', () => {
    const off = call('terraform-aws-modules/sqs/aws', '  name   = "q"\n  create = false');
    assert.equal(off.resources({ type: 'aws_sqs_queue' }).length, 0);
    for (const o of ['queue_url', 'queue_arn', 'queue_name', 'dead_letter_queue_arn']) known(out(off, o), null);
    const noDlq = call('terraform-aws-modules/sqs/aws', '  name = "q"');
    assert.deepEqual(addrs(noDlq.resources({ type: 'aws_sqs_queue' })), ['module.m.aws_sqs_queue.this[0]']);
    known(out(noDlq, 'dead_letter_queue_url'), null);
  });

  it('unknown inputs: an unknown name names the queue still; an unknown create or create_dlq makes outputs unknown', () => {
    const ws = call('terraform-aws-modules/sqs/aws', '  name       = var.name\n  create_dlq = var.dlq', 'variable "name" { type = string }\nvariable "dlq" { type = bool }');
    unknownBecause(out(ws, 'queue_name'), 'unset-variable', 'var.name');
    assert.deepEqual(refs(out(ws, 'queue_name')), ['module.m.aws_sqs_queue.this[0].name']);
    unknownBecause(out(ws, 'dead_letter_queue_arn'), 'unset-variable', 'var.dlq');
    assert.deepEqual(refs(out(ws, 'dead_letter_queue_arn')), []);
    const off = call('terraform-aws-modules/sqs/aws', '  create = var.on', 'variable "on" { type = bool }');
    assert.equal(off.resources({ type: 'aws_sqs_queue' }).length, 0);
    unknownBecause(out(off, 'queue_url'), 'unset-variable', 'var.on');
  });
});

describe('terraform/registry-models: service modules called with for_each', () => {
  it('one queue per module instance, named from each.key', () => {
    const ws = workspace({
      'main.tf': `
module "queues" {
  source   = "terraform-aws-modules/sqs/aws"
  for_each = toset(["a", "b"])
  name     = "q-\${each.key}"
}
output "a" { value = module.queues["a"].queue_url }
`,
    });
    const queues = ws.resources({ type: 'aws_sqs_queue' });
    assert.deepEqual(addrs(queues), ['module.queues["a"].aws_sqs_queue.this[0]', 'module.queues["b"].aws_sqs_queue.this[0]']);
    known(queues[0].attr('name'), 'q-a');
    known(queues[1].attr('name'), 'q-b');
    assert.deepEqual(refs(ws.roots[0].output('a')), ['module.queues["a"].aws_sqs_queue.this[0].url']);
  });
});

describe('terraform/registry-models: terraform-aws-modules/dynamodb-table/aws', () => {
  it('aws_dynamodb_table.this[0] by default; outputs read its attributes', () => {
    const ws = call('terraform-aws-modules/dynamodb-table/aws', '  name     = "sessions"\n  hash_key = "id"');
    const [t] = ws.resources({ type: 'aws_dynamodb_table' });
    assert.equal(t.address, 'module.m.aws_dynamodb_table.this[0]');
    known(t.attr('name'), 'sessions');
    known(t.attr('billing_mode'), 'PAY_PER_REQUEST');
    assert.deepEqual(refs(out(ws, 'dynamodb_table_id')), ['module.m.aws_dynamodb_table.this[0].id']);
    assert.deepEqual(refs(out(ws, 'dynamodb_table_arn')), ['module.m.aws_dynamodb_table.this[0].arn']);
    assert.deepEqual(refs(out(ws, 'dynamodb_table_stream_arn')), ['module.m.aws_dynamodb_table.this[0].stream_arn']);
  });

  it('autoscaling: the table is aws_dynamodb_table.autoscaled, or autoscaled_gsi_ignore, and the outputs follow it', () => {
    const a = call('terraform-aws-modules/dynamodb-table/aws', '  name = "t"\n  autoscaling_enabled = true');
    assert.deepEqual(addrs(a.resources({ type: 'aws_dynamodb_table' })), ['module.m.aws_dynamodb_table.autoscaled[0]']);
    assert.deepEqual(refs(out(a, 'dynamodb_table_arn')), ['module.m.aws_dynamodb_table.autoscaled[0].arn']);
    const g = call('terraform-aws-modules/dynamodb-table/aws', '  name = "t"\n  autoscaling_enabled = true\n  ignore_changes_global_secondary_index = true');
    assert.deepEqual(addrs(g.resources({ type: 'aws_dynamodb_table' })), ['module.m.aws_dynamodb_table.autoscaled_gsi_ignore[0]']);
    assert.deepEqual(refs(out(g, 'dynamodb_table_id')), ['module.m.aws_dynamodb_table.autoscaled_gsi_ignore[0].id']);
    // ignore_changes_global_secondary_index alone (no autoscaling) keeps the plain table.
    const p = call('terraform-aws-modules/dynamodb-table/aws', '  name = "t"\n  ignore_changes_global_secondary_index = true');
    assert.deepEqual(addrs(p.resources({ type: 'aws_dynamodb_table' })), ['module.m.aws_dynamodb_table.this[0]']);
  });

  it('create_table = false: no table, outputs ""; an unknown switch: no table, outputs unknown', () => {
    const off = call('terraform-aws-modules/dynamodb-table/aws', '  name = "t"\n  create_table = false');
    assert.equal(off.resources({ type: 'aws_dynamodb_table' }).length, 0);
    known(out(off, 'dynamodb_table_arn'), '');
    known(out(off, 'dynamodb_table_stream_arn'), '');
    const unk = call('terraform-aws-modules/dynamodb-table/aws', '  name = "t"\n  autoscaling_enabled = var.scale', 'variable "scale" { type = bool }');
    assert.equal(unk.resources({ type: 'aws_dynamodb_table' }).length, 0);
    unknownBecause(out(unk, 'dynamodb_table_arn'), 'unset-variable', 'var.scale');
  });
});

describe('terraform/registry-models: terraform-aws-modules/rds/aws', () => {
  const base = `
  identifier             = "orders"
  engine                 = "postgres"
  instance_class         = "db.t4g.micro"
  port                   = "5432"
  create_db_subnet_group = true
  subnet_ids             = ["subnet-1", "subnet-2"]
  vpc_security_group_ids = ["sg-1"]`;

  it('the DB instance with the network arguments passed through, and the subnet group it uses', () => {
    const ws = call('terraform-aws-modules/rds/aws', base);
    const [db] = ws.resources({ type: 'aws_db_instance' });
    assert.equal(db.address, 'module.m.aws_db_instance.this[0]');
    assert.equal(db.synthetic?.model, 'terraform-aws-modules/rds/aws');
    known(db.attr('identifier'), 'orders');
    known(db.attr('engine'), 'postgres');
    known(db.attr('publicly_accessible'), false); // the module's default
    known(db.attr('vpc_security_group_ids'), ['sg-1']);
    assert.equal(argText(ws, db, 'vpc_security_group_ids'), '["sg-1"]');
    known(db.attr('port'), 5432); // the module's string variable, converted to the instance's number
    const [group] = ws.resources({ type: 'aws_db_subnet_group' });
    assert.equal(group.address, 'module.m.aws_db_subnet_group.this[0]');
    known(group.attr('name_prefix'), 'orders-'); // db_subnet_group_use_name_prefix defaults to true
    assert.equal(group.attr('name'), undefined);
    known(group.attr('subnet_ids'), ['subnet-1', 'subnet-2']);
    assert.deepEqual(refs(db.attr('db_subnet_group_name')!), ['module.m.aws_db_subnet_group.this[0].id']);
    assert.deepEqual(refs(out(ws, 'db_instance_address')), ['module.m.aws_db_instance.this[0].address']);
    assert.deepEqual(refs(out(ws, 'db_instance_endpoint')), ['module.m.aws_db_instance.this[0].endpoint']);
    assert.deepEqual(refs(out(ws, 'db_instance_arn')), ['module.m.aws_db_instance.this[0].arn']);
    known(out(ws, 'db_instance_identifier'), 'orders');
    known(out(ws, 'db_instance_port'), 5432);
    assert.deepEqual(refs(out(ws, 'db_subnet_group_id')), ['module.m.aws_db_subnet_group.this[0].id']);
  });

  it('publicly_accessible and an existing subnet group by name pass through; unknowns stay unknown', () => {
    const pub = call('terraform-aws-modules/rds/aws', '  identifier = "a"\n  publicly_accessible = true\n  db_subnet_group_name = "existing"');
    const [db] = pub.resources({ type: 'aws_db_instance' });
    known(db.attr('publicly_accessible'), true);
    known(db.attr('db_subnet_group_name'), 'existing');
    assert.equal(pub.resources({ type: 'aws_db_subnet_group' }).length, 0);
    known(out(pub, 'db_subnet_group_id'), null);
    const unk = call('terraform-aws-modules/rds/aws', '  identifier = "a"\n  publicly_accessible = var.public\n  port = var.port', 'variable "public" { type = bool }\nvariable "port" { type = string }');
    const [u] = unk.resources({ type: 'aws_db_instance' });
    unknownBecause(u.attr('publicly_accessible'), 'unset-variable', 'var.public');
    unknownBecause(out(unk, 'db_instance_port'), 'unset-variable', 'var.port');
    // Not set: the instance's own default (the provider computes the port).
    const plain = call('terraform-aws-modules/rds/aws', '  identifier = "a"');
    unknownBecause(out(plain, 'db_instance_port'), 'computed');
    known(plain.resources({ type: 'aws_db_instance' })[0].attr('vpc_security_group_ids'), []);
  });

  it('create_db_instance = false: no instance, its outputs null; the subnet group is still created', () => {
    const ws = call('terraform-aws-modules/rds/aws', `${base}\n  create_db_instance = false`);
    assert.equal(ws.resources({ type: 'aws_db_instance' }).length, 0);
    known(out(ws, 'db_instance_address'), null);
    known(out(ws, 'db_instance_identifier'), null);
    assert.equal(ws.resources({ type: 'aws_db_subnet_group' }).length, 1);
    const none = call('terraform-aws-modules/rds/aws', `${base}\n  putin_khuylo = false`);
    assert.equal(none.resources({}).length, 0);
    known(out(none, 'db_subnet_group_id'), null);
  });

  it('a replica takes engine and username from its source; identifier prefix; unknown create', () => {
    const rep = call('terraform-aws-modules/rds/aws', '  identifier = "r"\n  engine = "postgres"\n  username = "app"\n  replicate_source_db = "orders"\n  instance_use_identifier_prefix = true');
    const [db] = rep.resources({ type: 'aws_db_instance' });
    assert.equal(db.attr('engine'), undefined);
    assert.equal(db.attr('username'), undefined);
    assert.equal(db.attr('identifier'), undefined);
    known(db.attr('identifier_prefix'), 'r-');
    unknownBecause(out(rep, 'db_instance_identifier'), 'computed');
    const unk = call('terraform-aws-modules/rds/aws', '  identifier = "a"\n  create_db_instance = var.on', 'variable "on" { type = bool }');
    assert.equal(unk.resources({ type: 'aws_db_instance' }).length, 0);
    unknownBecause(out(unk, 'db_instance_address'), 'unset-variable', 'var.on');
    // identifier has no default in the module: without it, Terraform stops; the value is not guessed.
    const noId = call('terraform-aws-modules/rds/aws', '  engine = "mysql"');
    unknownBecause(out(noId, 'db_instance_identifier'), 'invalid', 'requires identifier');
  });
});

describe('terraform/registry-models: terraform-aws-modules/sns/aws', () => {
  it('the topic; outputs read its attributes; create = false gives null', () => {
    const ws = call('terraform-aws-modules/sns/aws', '  name = "events.fifo"\n  fifo_topic = true');
    const [t] = ws.resources({ type: 'aws_sns_topic' });
    assert.equal(t.address, 'module.m.aws_sns_topic.this[0]');
    known(t.attr('name'), 'events.fifo');
    assert.deepEqual(refs(out(ws, 'topic_arn')), ['module.m.aws_sns_topic.this[0].arn']);
    known(out(ws, 'topic_name'), 'events.fifo');
    const off = call('terraform-aws-modules/sns/aws', '  name = "e"\n  create = false');
    assert.equal(off.resources({ type: 'aws_sns_topic' }).length, 0);
    known(out(off, 'topic_arn'), null);
  });
});
