// The network picture of one Lambda function instance: facts only, no judgements. The rules layer reads these;
// the CLI prints them (`--explain`, JSON output) and the LSP server shows them on hover. Everything here is plain,
// JSON-serialisable data: no class instances, no Maps, no undefined inside arrays.
//
// Facts are three-valued. `{ known: true, value }` is a fact we are sure of; `{ known: false, reason }` is a fact
// we could not work out (the reason says why, for hover and --explain); a property that is absent means the thing
// does not exist (no vpc_config, no role, ...). Rules fire on known facts only.
//
// Every fact that can be evidence for a finding carries a location (`at`) in the user's files.
//
// Identity of AWS things ("refs"): a resource instance address (`aws_subnet.a[0]`,
// `module.vpc.aws_subnet.private[1]`), a data source address (`data.aws_subnet.x`), a literal id (`subnet-0abc`)
// or, for an element of a list we cannot see into, the expression it came from (`data.aws_subnets.x.ids[0]`).
// Two equal refs are the same thing; two different refs of kind `resource` are different things.

import type { Span } from '../hcl/source';

/** A place in a file: absolute POSIX path and UTF-16 offsets. */
export interface Loc {
  file: string;
  span: Span;
}

export interface KnownFact<T> {
  known: true;
  value: T;
  at?: Loc;
}

export interface UnknownFact {
  known: false;
  /** Human-readable, e.g. "var.subnet_ids has no default and no value in the tfvars". */
  reason: string;
  at?: Loc;
}

export type Fact<T> = KnownFact<T> | UnknownFact;

/** An unknown worth telling the user about, with what it is about. */
export interface UnknownNote {
  /** What could not be worked out, e.g. "subnets", "route table of aws_subnet.a", "policy aws_iam_policy.p". */
  what: string;
  reason: string;
  at?: Loc;
}

export type RefKind = 'resource' | 'data' | 'literal' | 'expression';

// ---------------------------------------------------------------------------
// The function

/**
 * `resource`: an aws_lambda_function block the user wrote. `lambda-module`: the function of a
 * terraform-aws-modules/lambda/aws call (the terraform layer's model of it, or an installed copy); its header is the
 * module call and its settings' locations are the call's arguments.
 */
export type FunctionKind = 'resource' | 'lambda-module';

/** A module call on the way from the root module to the function, outermost first. */
export interface ModuleCallLink {
  /** `module.app` or `module.app["eu"]`. */
  address: string;
  /** The `module "app"` header (type and labels). */
  at: Loc;
  /** The `source` argument as written. */
  source: string;
}

export interface FunctionLocations {
  /** The block header (type and labels): `resource "aws_lambda_function" "f"`, or `module "f"` for kind lambda-module. */
  header: Loc;
  /** The `vpc_config` block, or the header of a `dynamic "vpc_config"` block. */
  vpcConfig?: Loc;
  vpcConfigDynamic?: boolean;
  subnetIds?: Loc;
  securityGroupIds?: Loc;
  ipv6AllowedForDualStack?: Loc;
  role?: Loc;
  environment?: Loc;
  fileSystemConfig?: Loc;
  capacityProviderConfig?: Loc;
  /** Lambda module calls: the `attach_network_policy` argument, when the call sets it. */
  attachNetworkPolicy?: Loc;
  /**
   * For a function inside local child modules: the outermost place where the user can change the subnet
   * (security group) value: the outermost module call argument that supplied it, or a variable's tfvars value or
   * default in the root module. Absent when the value is written at the function itself.
   */
  subnetIdsOrigin?: Loc;
  securityGroupIdsOrigin?: Loc;
}

/**
 * Whether the function is attached to a VPC of its own:
 * - `attached`: a non-empty `vpc_config` (subnets or security groups);
 * - `not_attached`: no `vpc_config`, or an empty one (null or `[]` subnets and security groups, a
 *   `dynamic "vpc_config"` whose `for_each` is empty), or networked through a capacity provider;
 * - `unknown`: we could not tell (the reason says why).
 */
export interface Attachment {
  status: 'attached' | 'not_attached' | 'unknown';
  reason: string;
  at?: Loc;
  /**
   * Set when the function runs on Lambda Managed Instances (`capacity_provider_config`): the network is the
   * capacity provider's `vpc_config`, not the function's. Such a function is not a VPC function of its own.
   */
  capacityProvider?: { ref: Fact<string>; at: Loc; vpcConfigAt?: Loc };
}

export interface FunctionPicture {
  /** The instance address: `module.x.aws_lambda_function.f["k"]` (`module.f.aws_lambda_function.this[0]` for a Lambda module call). */
  id: string;
  kind: FunctionKind;
  /** The module instance address of the function's block (`module.a.module.b`, '' for the root module). */
  module: string;
  /** Absolute path of the root module this picture was built from. */
  root: string;
  /** `function_name` when known. */
  name: Fact<string>;
  locations: FunctionLocations;
  /** Module calls from the root module down to the function's module (empty for root-module functions). */
  moduleChain: ModuleCallLink[];
  /** The function's Region: the provider's `region` when known. */
  region: Fact<string>;
  attachment: Attachment;
  /**
   * The function's subnets: a known list (whose elements may be unknown) or unknown. Absent when not attached.
   */
  subnets?: Fact<SubnetEntry[]>;
  securityGroups?: Fact<SecurityGroupEntry[]>;
  /** `vpc_config.ipv6_allowed_for_dual_stack` (default false). Absent when not attached. */
  ipv6AllowedForDualStack?: Fact<boolean>;
  /** How many different Availability Zones the subnets span, as far as can be proven. Absent when not attached. */
  azs?: AzCount;
  /** The VPCs of the subnets, with their endpoints. Empty when not attached or when no VPC is known. */
  vpcs: VpcPicture[];
  /** AWS services the function's code talks to, with evidence. */
  dependencies: Dependency[];
  /** Whether every source of dependencies was resolved; when not, the reasons. */
  dependenciesComplete: Completeness;
  /** Hyperplane ENIs the function needs: distinct (subnet, security-group set) pairs. */
  eni: EniPicture;
  /** Event source mappings of the function (not dependencies: the Lambda service polls them). */
  mappings: MappingPicture[];
  role: RolePicture;
  /** Every unknown met while building this picture. */
  unknowns: UnknownNote[];
}

export interface Completeness {
  complete: boolean;
  reasons: UnknownNote[];
}

// ---------------------------------------------------------------------------
// Subnets, AZs, route tables

export type SubnetEntry = ({ known: true } & SubnetPicture) | UnknownFact;

export interface SubnetPicture {
  ref: string;
  refKind: RefKind;
  /** The subnet's block header (resource or data source), or where the literal id is written. */
  at?: Loc;
  /** Where this subnet entered the function's subnet list (the element expression), when different from `at`. */
  via?: Loc;
  az: AzFact;
  /** The subnet's VPC (a ref into FunctionPicture.vpcs). */
  vpc: Fact<string>;
  routeTable: Fact<RouteTablePicture>;
  mapPublicIpOnLaunch: Fact<boolean>;
  /** True when the subnet has an IPv6 CIDR block (dual-stack). */
  ipv6: Fact<boolean>;
}

/**
 * An Availability Zone:
 * - `name` (`us-east-1a`) or `id` (`use1-az1`): known;
 * - `symbolic`: not known, but comparable with others from the same `set`: two symbolic AZs with the same `set`
 *   and different `member` are different AZs (`data.aws_availability_zones.a.names[0]` and `[1]`;
 *   `"${var.region}a"` and `"${var.region}b"`), and with the same `set` and `member` the same AZ;
 * - `unknown`.
 */
export type AzFact =
  | { kind: 'name'; name: string; at?: Loc }
  | { kind: 'id'; id: string; at?: Loc }
  | { kind: 'symbolic'; set: string; member: string; at?: Loc }
  | { kind: 'unknown'; reason: string; at?: Loc };

/** Distinct AZs: at least `min` provably different ones, at most `max` (null when not bounded). */
export interface AzCount {
  min: number;
  max: number | null;
  /** When min < max: why it cannot be told. */
  reason?: string;
}

export type RouteTableSource =
  | 'association' // aws_route_table_association with the subnet
  | 'main-association' // the VPC's aws_main_route_table_association
  | 'default-route-table' // the VPC's aws_default_route_table
  | 'implicit-main'; // the VPC's own main route table (no resource manages it)

export interface RouteTablePicture {
  ref: string;
  refKind: RefKind;
  at?: Loc;
  source: RouteTableSource;
  /** The association (aws_route_table_association / aws_main_route_table_association) that chose this table. */
  associationAt?: Loc;
  /** Default routes (0.0.0.0/0 and ::/0) known to be in this table. */
  defaultRoutes: RoutePicture[];
  /** Routes that might be default routes of this table but could not be resolved. */
  unresolvedRoutes: UnknownNote[];
}

export type RouteTargetKind =
  | 'nat_gateway'
  | 'nat_instance'
  | 'transit_gateway'
  | 'peering'
  | 'internet_gateway'
  | 'egress_only_internet_gateway'
  | 'vpc_endpoint'
  | 'vpn_gateway'
  | 'local'
  | 'unknown';

export interface RoutePicture {
  destination: '0.0.0.0/0' | '::/0';
  target: RouteTarget;
  /** The route: inline `route` block, `dynamic "route"` block, or `aws_route` resource. */
  at: Loc;
  from: 'inline' | 'dynamic' | 'aws_route';
}

export interface RouteTarget {
  kind: RouteTargetKind;
  /** The target resource (whatever attribute held it: `gateway_id = aws_nat_gateway.x.id` is a NAT). */
  ref?: string;
  /** The argument that held the target (`nat_gateway_id`, `gateway_id`, ...). */
  attribute: string;
  at?: Loc;
  reason?: string;
}

// ---------------------------------------------------------------------------
// Security groups, VPCs, endpoints

export type SecurityGroupEntry = ({ known: true } & SecurityGroupPicture) | UnknownFact;

export interface SecurityGroupPicture {
  ref: string;
  refKind: RefKind;
  at?: Loc;
  via?: Loc;
}

export interface VpcPicture {
  ref: string;
  refKind: RefKind;
  at?: Loc;
  /** The VPC has an IPv6 CIDR block. */
  ipv6: Fact<boolean>;
  /** VPC endpoints whose `vpc_id` is this VPC. */
  endpoints: EndpointPicture[];
  /** Endpoints that might be in this VPC but whose `vpc_id` could not be resolved. */
  unresolvedEndpoints: UnknownNote[];
}

export type EndpointType = 'Gateway' | 'Interface' | 'GatewayLoadBalancer' | 'Resource' | 'ServiceNetwork';

export interface EndpointPicture {
  ref: string;
  at: Loc;
  /** `vpc_endpoint_type`; Gateway when not set (provider default). */
  type: Fact<EndpointType>;
  /** `service_name` as resolved. */
  serviceName: Fact<string>;
  /** The service id (catalogue) the endpoint serves. */
  service: Fact<string>;
  /**
   * Gateway endpoints: the route tables it is associated with (`route_table_ids` and association resources), as
   * RouteTablePicture refs; unknown when any of them could not be resolved. Also set when the type is unknown.
   */
  routeTables?: Fact<string[]>;
  /** Interface endpoints: the subnets it has network interfaces in (SubnetPicture refs). Also set when the type is unknown. */
  subnets?: Fact<string[]>;
  /** Interface endpoints: `private_dns_enabled` (default false in the provider). */
  privateDnsEnabled?: Fact<boolean>;
}

// ---------------------------------------------------------------------------
// Dependencies

export interface Dependency {
  /** Service id from the catalogue (or the IAM prefix, for prefixes the catalogue does not know). */
  service: string;
  name: string;
  /** Whether the service is reachable only from inside a VPC (databases, caches, EFS, brokers, ...). */
  vpcOnly: Fact<boolean>;
  /** The service is not in the catalogue: we assumed a public API. */
  uncatalogued?: boolean;
  /**
   * A resource policy admits requests to the resource only through a VPC endpoint or from a VPC
   * (`aws:SourceVpce`, `aws:SourceVpc`, ...; resource-policies.ts): the function needs its VPC for it, and still
   * reaches it over its egress path (the endpoint). `vpcOnly` stays what the service is by itself.
   */
  admittedOnlyFromVpc?: { detail: string; at: Loc };
  evidence: Evidence[];
}

/** `security-group`: a rule lets the function's security group reach a group that a VPC resource uses. */
export type EvidenceKind = 'environment' | 'policy' | 'managed-policy' | 'file-system' | 'module-argument' | 'security-group';

export interface Evidence {
  kind: EvidenceKind;
  /** One line for messages: `DB_HOST = aws_db_instance.main.address`, `Allow s3:GetObject in aws_iam_role_policy.p`. */
  detail: string;
  at: Loc;
  /** IAM action patterns that granted the service (policy evidence). */
  actions?: string[];
  /** The referenced resource (environment / file-system evidence). */
  resource?: string;
  resourceAt?: Loc;
}

// ---------------------------------------------------------------------------
// ENIs, event source mappings, role

export interface EniCombination {
  /** Region when known, else null. */
  region: string | null;
  subnet: string;
  /** Security group refs, sorted. */
  securityGroups: string[];
}

export interface EniPicture {
  /** Distinct (subnet, security-group set) pairs that are known. */
  combinations: EniCombination[];
  /** False when some subnet or security group is unknown (then `combinations` is a lower bound). */
  complete: boolean;
  reasons: UnknownNote[];
}

export type MappingKind = 'sqs' | 'kinesis' | 'dynamodb' | 'msk' | 'mq' | 'kafka' | 'docdb' | 'unknown';

export interface MappingPicture {
  ref: string;
  at: Loc;
  kind: MappingKind;
  /** The mapped source (queue, stream, cluster, broker), when it is a resource. */
  source?: string;
  /** Mappings that create ENIs of their own (MSK, MQ, self-managed Kafka in a VPC, DocumentDB). */
  enis?: EniPicture;
}

export interface RolePicture {
  /** The execution role (`aws_iam_role` address, or ARN when the role is not managed here); unknown when it cannot be told. */
  ref: Fact<string>;
  at?: Loc;
  /** Whether the role grants the ENI actions Lambda needs to attach the function to a VPC. */
  eniPermissions: Fact<boolean>;
  /** The policies that grant the ENI permissions (when granted), or were examined (when not). */
  eniEvidence: Loc[];
  /** Lambda module calls: `attach_network_policy` (default false). */
  attachNetworkPolicy?: Fact<boolean>;
  /** Permission policies of the role, as found. */
  policies: PolicyPicture[];
}

export interface PolicyPicture {
  /**
   * `aws_iam_role_policy.p`, `aws_iam_role.r inline_policy`, `aws_iam_role_policy_attachment.a (AWSLambdaVPCAccessExecutionRole)`,
   * `aws_iam_policy.p`, or the role ARN when the role's policies are not visible.
   */
  label: string;
  at?: Loc;
  resolved: boolean;
  reason?: string;
}
