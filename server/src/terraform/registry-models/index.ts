// Built-in models of the registry modules real code uses most, used when a module call's
// source is not available locally (no `terraform init`). Sources are matched in their
// registry form (`terraform-aws-modules/vpc/aws`, optionally with a registry host and a
// `//subdir`) and their GitHub forms (`github.com/terraform-aws-modules/terraform-aws-vpc`,
// `git::https://github.com/terraform-aws-modules/terraform-aws-vpc.git//modules/x?ref=v5`).
import { dynamodbTableModel } from './dynamodb-table';
import { lambdaModel } from './lambda';
import { nullLabelModel } from './null-label';
import { rdsModel } from './rds';
import { s3BucketModel } from './s3-bucket';
import { snsModel } from './sns';
import { sqsModel } from './sqs';
import type { RegistryModel } from './types';
import { vpcEndpointsModel } from './vpc-endpoints';
import { vpcModel } from './vpc';

export type { RegistryModel } from './types';

const MODELS: readonly RegistryModel[] = [
  vpcModel,
  vpcEndpointsModel,
  lambdaModel,
  nullLabelModel,
  s3BucketModel,
  sqsModel,
  dynamodbTableModel,
  rdsModel,
  snsModel,
];

/**
 * The canonical registry address of a source (`namespace/name/provider[//subdir]`), or
 * undefined when it is neither a registry nor a GitHub source of a registry module.
 */
export function canonicalSource(source: string): string | undefined {
  let s = source.trim();
  // No address spans lines; and without line breaks the patterns below cannot backtrack far (`.` never
  // fails, so `(.+)$` succeeds at once).
  if (/[\n\r\u2028\u2029]/.test(s)) return undefined;
  const query = s.indexOf('?');
  if (query >= 0) s = s.slice(0, query);
  let subdir = '';
  const m = /^(.*?[^/:])\/\/(.+)$/.exec(s.replace(/^git::https?:\/\//, 'git::').replace(/^https?:\/\//, ''));
  let base = s;
  if (m) {
    base = m[1];
    let end = m[2].length;
    while (end > 0 && m[2][end - 1] === '/') end--;
    subdir = m[2].slice(0, end);
  }
  base = base.replace(/^git::/, '').replace(/^https?:\/\//, '').replace(/\.git$/, '');
  base = base.replace(/^git@github\.com:/, 'github.com/');
  const gh = /^github\.com\/([^/]+)\/terraform-([^-/]+)-([^/]+)$/.exec(base);
  let address: string | undefined;
  if (gh) {
    address = `${gh[1]}/${gh[3]}/${gh[2]}`;
  } else {
    const reg = /^(?:(?:registry\.terraform\.io|registry\.opentofu\.org)\/)?([A-Za-z0-9][A-Za-z0-9_-]*)\/([A-Za-z0-9][A-Za-z0-9_-]*)\/([A-Za-z0-9]+)$/.exec(base);
    if (reg) address = `${reg[1]}/${reg[2]}/${reg[3]}`;
  }
  if (!address) return undefined;
  return subdir ? `${address}//${subdir}` : address;
}

/** The model standing for a module source, if we have one. */
export function findRegistryModel(source: string): RegistryModel | undefined {
  const canonical = canonicalSource(source);
  return canonical === undefined ? undefined : MODELS.find((m) => m.id === canonical);
}
