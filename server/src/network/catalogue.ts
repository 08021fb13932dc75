// AWS tables the network layer needs, in one place, with their sources. Data, not code:
// the few lookup helpers at the end only index these constants.
//
// Sources (read 2025/2026; re-read them when a table looks wrong):
// [seed]      Lambda "Networking and VPC configurations" (shared/seed/000_b13ff3a8dde24abb.txt): which services
//             are "accessible by default" and which "require VPC configuration"; 350 ENIs per Region.
// [vpc]       Lambda developer guide, "Giving Lambda functions access to resources in an Amazon VPC"
//             https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html (execution-role ENI permissions,
//             public subnets give no internet access, IPv6 dual-stack).
// [quotas]    Lambda quotas https://docs.aws.amazon.com/lambda/latest/dg/limits.html and the knowledge-center
//             article https://repost.aws/knowledge-center/lambda-hyperplane-vpc ("default quota ... 500").
// [vpcquota]  Amazon VPC quotas https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html
//             (network interfaces per Region: 5,000).
// [api]       Lambda API VpcConfig https://docs.aws.amazon.com/lambda/latest/api/API_VpcConfig.html
//             (SubnetIds: at most 16 items; SecurityGroupIds: at most 5 items).
// [plink]     "AWS services that integrate with AWS PrivateLink"
//             https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html
//             (interface endpoint service names `com.amazonaws.<region>.<name>`).
// [gwep]      "Gateway endpoints" https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html
//             (only Amazon S3 and DynamoDB).
// [managed]   AWS managed policy reference https://docs.aws.amazon.com/aws-managed-policy/latest/reference/<Name>.html
// [data-api]  RDS Data API https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/data-api.html ("enables you to
//             access your DB cluster without ... configur[ing] a Lambda function to access resources in a VPC").
// [iamdb]     IAM database authentication https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html
//             (`rds-db:connect`; the auth token is signed locally, the connection goes to the DB endpoint).
// [tf]        terraform-provider-aws docs: aws_vpc_endpoint (`vpc_endpoint_type` defaults to "Gateway"),
//             aws_lambda_function (`vpc_config`, `capacity_provider_config`), aws_db_instance (`publicly_accessible`),
//             aws_lb (`internal`), aws_opensearch_domain / aws_elasticsearch_domain (`vpc_options`).
// [envkms]    Lambda developer guide, "Securing Lambda environment variables"
//             https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html (Lambda encrypts the
//             environment at rest with the function's KMS key and decrypts it for the function; the code reads plain
//             text).
// [lattice]   Amazon VPC Lattice user guide, "What is Amazon VPC Lattice?" / "Service networks"
//             https://docs.aws.amazon.com/vpc-lattice/latest/ug/what-is-vpc-lattice.html (clients reach services
//             through a service network associated with their VPC, or its service-network VPC endpoints).
// [bedrock]   Amazon Bedrock user guide, "Supported foundation models" / "Supported Regions and models for inference
//             profiles" https://docs.aws.amazon.com/bedrock/latest/userguide/models-supported.html (model ids are
//             `<provider>.<model>[:<version>]`, inference profiles prefix a geography: `us.`, `eu.`, `apac.`, ...).
// [esm]       Lambda event source mappings https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventsourcemapping.html
//             and the per-source pages (with-sqs, with-kinesis, with-ddb, with-msk, with-mq, with-kafka): the Lambda
//             service polls the source with the function's role.
// [condkeys]  IAM user guide, "AWS global condition context keys"
//             https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html (aws:SourceVpce,
//             aws:SourceVpc, aws:SourceVpcArn, aws:VpcSourceIp: present only in requests made through a VPC endpoint;
//             condition key names are not case-sensitive), and "IAM JSON policy elements: Condition operators"
//             https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html (a
//             negated operator such as StringNotEquals is true when the key is absent; `...IfExists` is true then too;
//             `Null` true means "the key is absent"). The knowledge-center article
//             https://repost.aws/knowledge-center/iam-restrict-access-policy shows the bucket-policy form.
// [respol]    terraform-provider-aws docs of the resource-policy resources: aws_s3_bucket_policy (`bucket`: the bucket's
//             name), aws_sqs_queue_policy (`queue_url`), aws_sns_topic_policy (`arn`), aws_dynamodb_resource_policy
//             (`resource_arn`), aws_secretsmanager_secret_policy (`secret_arn`), aws_kms_key_policy (`key_id`: key id
//             or ARN), aws_ecr_repository_policy (`repository`: the name), aws_api_gateway_rest_api_policy
//             (`rest_api_id`), and the inline `policy` arguments of aws_s3_bucket, aws_sqs_queue, aws_sns_topic,
//             aws_secretsmanager_secret, aws_kms_key and aws_api_gateway_rest_api.

// ---------------------------------------------------------------------------
// Services

/**
 * How code reaches a service:
 * - `public-api`: an AWS API over HTTPS; from a VPC it needs a NAT route or a VPC endpoint [seed].
 * - `vpc-resource`: a resource with private addresses in a VPC (database, cache, file system, brokers); the
 *   function needs a VPC attachment to reach it, and no internet egress for it [seed].
 */
export type ServiceReach = 'public-api' | 'vpc-resource';

export interface ServiceInfo {
  /** Our id; lowercase, usually the IAM prefix or the endpoint suffix. */
  id: string;
  name: string;
  reach: ServiceReach;
  /** Interface endpoint names (`com.amazonaws.<region>.<name>`) that serve this service's API [plink]. */
  interfaceEndpoints: string[];
  /** True for the two services with Gateway endpoints [gwep]. */
  gatewayEndpoint?: boolean;
  /** A global API with one endpoint (no Region in the name). */
  global?: boolean;
  /** Why a service is classified the way it is, when that is not obvious. */
  note?: string;
}

function api(id: string, name: string, interfaceEndpoints: string[], extra: Partial<ServiceInfo> = {}): ServiceInfo {
  return { id, name, reach: 'public-api', interfaceEndpoints, ...extra };
}

function vpc(id: string, name: string, note: string): ServiceInfo {
  return { id, name, reach: 'vpc-resource', interfaceEndpoints: [], note };
}

/** Every service we know, by id. Endpoint names from [plink]. */
export const SERVICES: Readonly<Record<string, ServiceInfo>> = Object.fromEntries(
  [
    api('s3', 'Amazon S3', ['s3'], { gatewayEndpoint: true }),
    api('s3express', 'Amazon S3 Express One Zone', ['s3express'], { gatewayEndpoint: true }),
    api('dynamodb', 'Amazon DynamoDB', ['dynamodb'], { gatewayEndpoint: true }),
    api('dynamodb-streams', 'Amazon DynamoDB Streams', ['dynamodb-streams'], {
      note: 'Interface endpoints only; a DynamoDB Gateway endpoint does not serve Streams (DynamoDB developer guide, "AWS PrivateLink for DynamoDB Streams").',
    }),
    api('sqs', 'Amazon SQS', ['sqs']),
    api('sns', 'Amazon SNS', ['sns']),
    api('kinesis', 'Amazon Kinesis Data Streams', ['kinesis-streams']),
    api('firehose', 'Amazon Data Firehose', ['kinesis-firehose']),
    api('events', 'Amazon EventBridge', ['events']),
    api('scheduler', 'Amazon EventBridge Scheduler', ['scheduler']),
    api('pipes', 'Amazon EventBridge Pipes', ['pipes']),
    api('states', 'AWS Step Functions', ['states', 'sync-states']),
    api('lambda', 'AWS Lambda', ['lambda']),
    api('secretsmanager', 'AWS Secrets Manager', ['secretsmanager']),
    api('ssm', 'AWS Systems Manager', ['ssm']),
    api('ssmmessages', 'AWS Systems Manager messages', ['ssmmessages']),
    api('appconfig', 'AWS AppConfig', ['appconfig', 'appconfigdata']),
    api('kms', 'AWS KMS', ['kms']),
    api('sts', 'AWS STS', ['sts']),
    api('iam', 'AWS IAM', ['iam'], { global: true }),
    api('logs', 'Amazon CloudWatch Logs', ['logs']),
    api('monitoring', 'Amazon CloudWatch', ['monitoring']),
    api('xray', 'AWS X-Ray', ['xray']),
    api('apigateway', 'Amazon API Gateway (management API)', ['apigateway']),
    api('execute-api', 'Amazon API Gateway (invoking APIs)', ['execute-api']),
    api('bedrock', 'Amazon Bedrock (control plane)', ['bedrock']),
    api('bedrock-runtime', 'Amazon Bedrock Runtime', ['bedrock-runtime']),
    api('bedrock-agent', 'Agents for Amazon Bedrock (build time)', ['bedrock-agent']),
    api('bedrock-agent-runtime', 'Agents for Amazon Bedrock Runtime', ['bedrock-agent-runtime']),
    api('comprehend', 'Amazon Comprehend', ['comprehend']),
    api('comprehendmedical', 'Amazon Comprehend Medical', ['comprehendmedical']),
    api('rekognition', 'Amazon Rekognition', ['rekognition']),
    api('textract', 'Amazon Textract', ['textract']),
    api('transcribe', 'Amazon Transcribe', ['transcribe', 'transcribestreaming']),
    api('translate', 'Amazon Translate', ['translate']),
    api('polly', 'Amazon Polly', ['polly']),
    api('lex', 'Amazon Lex', ['runtime-v2-lex', 'models-v2-lex', 'runtime.lex', 'models.lex']),
    api('ses', 'Amazon SES', ['email', 'email-smtp']),
    api('cognito-idp', 'Amazon Cognito user pools', ['cognito-idp']),
    api('cognito-identity', 'Amazon Cognito identity pools', ['cognito-identity']),
    api('ecr', 'Amazon ECR', ['ecr.api', 'ecr.dkr']),
    api('ecs', 'Amazon ECS (API)', ['ecs', 'ecs-agent', 'ecs-telemetry'], {
      note: 'The ECS API is public; tasks themselves are reached by private IP (see the resource table) [seed].',
    }),
    api('ec2', 'Amazon EC2 (API)', ['ec2']),
    api('elasticloadbalancing', 'Elastic Load Balancing (API)', ['elasticloadbalancing']),
    api('elasticache', 'Amazon ElastiCache (API)', ['elasticache']),
    api('memorydb', 'Amazon MemoryDB (API)', ['memory-db']),
    api('rds', 'Amazon RDS (API)', ['rds']),
    api('rds-data', 'Amazon RDS Data API', ['rds-data'], {
      note: 'An HTTPS API in front of Aurora: reachable without a VPC [data-api]; needs NAT or the `rds-data` endpoint from a VPC.',
    }),
    api('redshift', 'Amazon Redshift (API)', ['redshift']),
    api('redshift-data', 'Amazon Redshift Data API', ['redshift-data'], {
      note: 'An HTTPS API; reachable without a VPC; needs NAT or the `redshift-data` endpoint from a VPC.',
    }),
    api('redshift-serverless', 'Amazon Redshift Serverless (API)', ['redshift-serverless']),
    api('es', 'Amazon OpenSearch Service (API)', ['es']),
    api('aoss', 'Amazon OpenSearch Serverless', ['aoss']),
    api('kafka', 'Amazon MSK (API)', ['kafka']),
    api('mq', 'Amazon MQ (API)', ['mq']),
    api('elasticfilesystem', 'Amazon EFS (API)', ['elasticfilesystem']),
    api('glue', 'AWS Glue', ['glue']),
    api('athena', 'Amazon Athena', ['athena']),
    api('appsync', 'AWS AppSync', ['appsync-api']),
    api('iot', 'AWS IoT Core', ['iot.data', 'iot.credentials']),
    api('sagemaker', 'Amazon SageMaker (API)', ['sagemaker.api']),
    api('sagemaker-runtime', 'Amazon SageMaker Runtime', ['sagemaker.runtime']),
    api('cloudformation', 'AWS CloudFormation', ['cloudformation']),
    api('codebuild', 'AWS CodeBuild', ['codebuild']),
    api('codecommit', 'AWS CodeCommit', ['codecommit', 'git-codecommit']),
    api('codepipeline', 'AWS CodePipeline', ['codepipeline']),
    api('acm', 'AWS Certificate Manager', ['acm']),
    api('acm-pca', 'AWS Private CA', ['acm-pca']),
    api('servicediscovery', 'AWS Cloud Map', ['servicediscovery', 'data-servicediscovery']),
    api('timestream', 'Amazon Timestream', ['timestream.ingest-cell1', 'timestream.query-cell1']),
    api('cloudfront', 'Amazon CloudFront', [], { global: true }),
    api('route53', 'Amazon Route 53', ['route53'], { global: true }),
    api('organizations', 'AWS Organizations', ['organizations'], { global: true }),
    api('ebs', 'Amazon EBS direct APIs', ['ebs']),
    api('backup', 'AWS Backup', ['backup']),
    api('batch', 'AWS Batch', ['batch']),
    api('emr', 'Amazon EMR', ['elasticmapreduce']),
    api('autoscaling', 'Amazon EC2 Auto Scaling', ['autoscaling']),
    api('cloudtrail', 'AWS CloudTrail', ['cloudtrail']),
    api('config', 'AWS Config', ['config']),
    api('dms', 'AWS DMS', ['dms']),
    api('datasync', 'AWS DataSync', ['datasync']),
    api('elastictranscoder', 'Amazon Elastic Transcoder', []),
    api('mediaconvert', 'AWS Elemental MediaConvert', []),
    api('personalize', 'Amazon Personalize', ['personalize', 'personalize-runtime']),
    api('forecast', 'Amazon Forecast', ['forecast', 'forecastquery']),
    api('kendra', 'Amazon Kendra', ['kendra']),
    api('qldb', 'Amazon QLDB', ['qldb.session']),
    api('cassandra', 'Amazon Keyspaces', ['cassandra']),
    api('pinpoint', 'Amazon Pinpoint', ['pinpoint']),
    api('sms-voice', 'AWS End User Messaging SMS', ['sms-voice']),
    api('connect', 'Amazon Connect', []),
    api('location', 'Amazon Location Service', ['geo.places', 'geo.routes', 'geo.maps']),
    api('elasticbeanstalk', 'AWS Elastic Beanstalk', ['elasticbeanstalk']),
    // Reached by private address: the function must be in the VPC (or have a network path to it) [seed].
    vpc('rds-db', 'RDS/Aurora database connection (IAM auth)', 'rds-db:connect authorises a database login; the token is signed locally and the connection goes to the DB endpoint, normally private [iamdb].'),
    vpc('rds-instance', 'Amazon RDS / Aurora database', 'Databases live in DB subnet groups; reachable from outside only when publicly_accessible [seed][tf].'),
    vpc('rds-proxy', 'Amazon RDS Proxy', 'RDS Proxy endpoints are only reachable inside the VPC.'),
    vpc('docdb', 'Amazon DocumentDB', 'Clusters are VPC-only.'),
    vpc('neptune', 'Amazon Neptune', 'Clusters are VPC-only; neptune-db:* authorises data-plane connections.'),
    vpc('elasticache-cluster', 'Amazon ElastiCache cache', 'Caches are VPC-only [seed]; elasticache:Connect authorises IAM auth to a cache.'),
    vpc('memorydb-cluster', 'Amazon MemoryDB cluster', 'Clusters are VPC-only; memorydb:Connect authorises IAM auth.'),
    vpc('efs', 'Amazon EFS file system', 'Mount targets are in subnets [seed]; elasticfilesystem:Client* authorises NFS mounts.'),
    vpc('kafka-cluster', 'Amazon MSK brokers', 'Brokers are in the cluster subnets [seed]; kafka-cluster:* authorises IAM auth to brokers.'),
    vpc('mq-broker', 'Amazon MQ broker', 'Brokers are VPC-only unless publicly_accessible [seed][tf].'),
    vpc('redshift-cluster', 'Amazon Redshift cluster', 'Clusters are VPC-only unless publicly_accessible [seed][tf].'),
    vpc('opensearch-domain', 'OpenSearch/Elasticsearch domain', 'VPC-only when the domain has vpc_options [seed][tf].'),
    vpc('elb-internal', 'Internal load balancer', 'An internal load balancer has only private addresses [tf].'),
    vpc('ecs-task', 'Amazon ECS tasks', 'Tasks in awsvpc mode are reached by private IP [seed].'),
    vpc('vpc-lattice', 'Amazon VPC Lattice service', 'Clients reach Lattice services from a VPC associated with the service network (or through its VPC endpoints) [lattice]; vpc-lattice-svcs:Invoke authorises those calls.'),
    vpc('vpc-private', 'A resource reached by private address', 'Anything the function reaches by private IP.'),
  ].map((s) => [s.id, s]),
);

// ---------------------------------------------------------------------------
// IAM action prefixes → services

/**
 * IAM action prefix → service id, for prefixes whose actions all belong to one service. Prefixes with several
 * services (bedrock, sagemaker, es, ...) are in ACTION_SPLITS. A prefix in neither table is unknown to us.
 */
export const IAM_PREFIX_SERVICE: Readonly<Record<string, string>> = {
  s3: 's3',
  's3express': 's3express',
  's3-object-lambda': 's3',
  sqs: 'sqs',
  sns: 'sns',
  kinesis: 'kinesis',
  firehose: 'firehose',
  events: 'events',
  scheduler: 'scheduler',
  pipes: 'pipes',
  states: 'states',
  lambda: 'lambda',
  secretsmanager: 'secretsmanager',
  ssm: 'ssm',
  ssmmessages: 'ssmmessages',
  appconfig: 'appconfig',
  kms: 'kms',
  sts: 'sts',
  iam: 'iam',
  logs: 'logs',
  cloudwatch: 'monitoring',
  xray: 'xray',
  apigateway: 'apigateway',
  'execute-api': 'execute-api',
  comprehend: 'comprehend',
  comprehendmedical: 'comprehendmedical',
  rekognition: 'rekognition',
  textract: 'textract',
  transcribe: 'transcribe',
  translate: 'translate',
  polly: 'polly',
  lex: 'lex',
  ses: 'ses',
  'cognito-idp': 'cognito-idp',
  'cognito-identity': 'cognito-identity',
  ecr: 'ecr',
  ecs: 'ecs',
  elasticloadbalancing: 'elasticloadbalancing',
  rds: 'rds',
  'rds-data': 'rds-data',
  'rds-db': 'rds-db',
  redshift: 'redshift',
  'redshift-data': 'redshift-data',
  'redshift-serverless': 'redshift-serverless',
  aoss: 'aoss',
  kafka: 'kafka',
  'kafka-cluster': 'kafka-cluster',
  mq: 'mq',
  'neptune-db': 'neptune',
  glue: 'glue',
  athena: 'athena',
  appsync: 'appsync',
  cloudformation: 'cloudformation',
  codebuild: 'codebuild',
  codecommit: 'codecommit',
  codepipeline: 'codepipeline',
  acm: 'acm',
  'acm-pca': 'acm-pca',
  servicediscovery: 'servicediscovery',
  timestream: 'timestream',
  cloudfront: 'cloudfront',
  route53: 'route53',
  organizations: 'organizations',
  ebs: 'ebs',
  backup: 'backup',
  batch: 'batch',
  elasticmapreduce: 'emr',
  autoscaling: 'autoscaling',
  cloudtrail: 'cloudtrail',
  config: 'config',
  dms: 'dms',
  datasync: 'datasync',
  elastictranscoder: 'elastictranscoder',
  mediaconvert: 'mediaconvert',
  personalize: 'personalize',
  forecast: 'forecast',
  kendra: 'kendra',
  qldb: 'qldb',
  cassandra: 'cassandra',
  mobiletargeting: 'pinpoint',
  'sms-voice': 'sms-voice',
  connect: 'connect',
  geo: 'location',
  'geo-places': 'location',
  'geo-routes': 'location',
  'geo-maps': 'location',
  elasticbeanstalk: 'elasticbeanstalk',
  'vpc-lattice-svcs': 'vpc-lattice',
};

/**
 * Prefixes whose actions go to different services. `actions` are exact action names (case-insensitive in IAM);
 * an action not listed goes to `default`. For a wildcard pattern (`bedrock:Invoke*`), the services are those with a
 * listed action the pattern matches, plus `default` when the pattern matches one of its `sample` actions; when the
 * pattern matches nothing listed, `default` alone.
 */
export interface ActionSplit {
  default: { service: string; sample: string[] };
  parts: { service: string; actions: string[] }[];
}

export const ACTION_SPLITS: Readonly<Record<string, ActionSplit>> = {
  // Bedrock runtime and agent runtime calls share the `bedrock` prefix but have their own endpoints [plink].
  bedrock: {
    default: { service: 'bedrock', sample: ['GetFoundationModel', 'ListFoundationModels', 'CreateModelCustomizationJob', 'GetGuardrail', 'CreateAgent', 'GetKnowledgeBase'] },
    parts: [
      { service: 'bedrock-runtime', actions: ['InvokeModel', 'InvokeModelWithResponseStream', 'Converse', 'ConverseStream', 'ApplyGuardrail', 'CountTokens', 'StartAsyncInvoke', 'GetAsyncInvoke', 'ListAsyncInvokes', 'InvokeModelWithBidirectionalStream'] },
      { service: 'bedrock-agent-runtime', actions: ['InvokeAgent', 'InvokeInlineAgent', 'Retrieve', 'RetrieveAndGenerate', 'RetrieveAndGenerateStream', 'InvokeFlow', 'Rerank', 'OptimizePrompt', 'GetAgentMemory', 'DeleteAgentMemory'] },
    ],
  },
  sagemaker: {
    default: { service: 'sagemaker', sample: ['CreateTrainingJob', 'DescribeEndpoint', 'ListModels', 'CreateModel'] },
    parts: [{ service: 'sagemaker-runtime', actions: ['InvokeEndpoint', 'InvokeEndpointAsync', 'InvokeEndpointWithResponseStream'] }],
  },
  // ESHttp* go to the domain's own endpoint: inside the VPC when the domain has vpc_options, else public.
  es: {
    default: { service: 'es', sample: ['DescribeDomain', 'DescribeElasticsearchDomain', 'ListDomainNames', 'CreateDomain', 'UpdateDomainConfig'] },
    parts: [{ service: 'opensearch-domain', actions: ['ESHttpGet', 'ESHttpPut', 'ESHttpPost', 'ESHttpDelete', 'ESHttpHead', 'ESHttpPatch'] }],
  },
  elasticache: {
    default: { service: 'elasticache', sample: ['DescribeCacheClusters', 'CreateCacheCluster', 'DescribeReplicationGroups', 'ModifyReplicationGroup'] },
    parts: [{ service: 'elasticache-cluster', actions: ['Connect'] }],
  },
  memorydb: {
    default: { service: 'memorydb', sample: ['DescribeClusters', 'CreateCluster', 'UpdateCluster'] },
    parts: [{ service: 'memorydb-cluster', actions: ['Connect'] }],
  },
  elasticfilesystem: {
    default: { service: 'elasticfilesystem', sample: ['DescribeFileSystems', 'CreateFileSystem', 'DescribeMountTargets', 'CreateAccessPoint'] },
    parts: [{ service: 'efs', actions: ['ClientMount', 'ClientWrite', 'ClientRootAccess'] }],
  },
  // DynamoDB Streams reads share the `dynamodb` prefix but have their own endpoint (no Gateway endpoint).
  dynamodb: {
    default: { service: 'dynamodb', sample: ['GetItem', 'PutItem', 'Query', 'Scan', 'UpdateItem', 'DeleteItem', 'BatchGetItem', 'BatchWriteItem', 'DescribeTable', 'ListTables', 'PartiQLSelect', 'TransactWriteItems'] },
    parts: [{ service: 'dynamodb-streams', actions: ['GetRecords', 'GetShardIterator', 'DescribeStream', 'ListStreams'] }],
  },
  iot: {
    default: { service: 'iot', sample: ['Publish', 'DescribeEndpoint', 'CreateThing', 'GetThingShadow', 'UpdateThingShadow'] },
    parts: [],
  },
  // ENI management and VPC descriptions serve the Lambda service, not the code (see NON_DEPENDENCY_ACTIONS).
  ec2: {
    default: { service: 'ec2', sample: ['DescribeInstances', 'StartInstances', 'StopInstances', 'CreateSnapshot', 'DescribeImages', 'RunInstances'] },
    parts: [],
  },
};

// ---------------------------------------------------------------------------
// Actions that are not the code's own traffic

/** Actions the Lambda service needs to create and manage the function's ENIs [vpc]. */
export const ENI_ACTIONS_REQUIRED: readonly string[] = [
  'ec2:CreateNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DeleteNetworkInterface',
];

/** The full set AWSLambdaVPCAccessExecutionRole grants today (v3, 2024) [managed][vpc]. */
export const ENI_ACTIONS_ALL: readonly string[] = [
  ...ENI_ACTIONS_REQUIRED,
  'ec2:DescribeSubnets',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
];

/**
 * Actions that never count as a dependency of the code: ENI management and the VPC descriptions the Lambda
 * service and the MSK poller use (AWSLambdaMSKExecutionRole adds DescribeVpcs/DescribeSecurityGroups) [vpc][managed].
 * Two wider rules live with the policy analysis (iam.ts): every `logs:` action is the Lambda service shipping the
 * function's logs, and an `ec2:` wildcard that covers one of these actions (`ec2:*`, `ec2:Describe*`,
 * `ec2:*NetworkInterface*`) is read as ENI management, since that is what Lambda roles grant it for.
 */
export const NON_DEPENDENCY_ACTIONS: readonly string[] = [
  ...ENI_ACTIONS_ALL,
  'ec2:DescribeVpcs',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeNetworkInterfaceAttribute',
];

/** IAM prefixes whose every action serves the Lambda service rather than the code (CloudWatch Logs). */
export const NON_DEPENDENCY_PREFIXES: readonly string[] = ['logs'];

/**
 * Actions the Lambda service takes with the function's own environment-variable key (`kms_key_arn`): it decrypts
 * the environment for the function [envkms]. Allowed on that key alone, they are not a dependency of the code.
 */
export const ENVIRONMENT_KEY_ACTIONS: readonly string[] = ['kms:Decrypt'];

/**
 * Actions each kind of event source mapping needs on its own source [esm]. When a function has a mapping of
 * that kind, these actions are the poller's, not the code's.
 */
export const MAPPING_POLLER_ACTIONS: Readonly<Record<EventSourceKind, readonly string[]>> = {
  sqs: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:DeleteMessageBatch', 'sqs:GetQueueAttributes', 'sqs:ChangeMessageVisibility', 'sqs:ChangeMessageVisibilityBatch', 'sqs:GetQueueUrl'],
  kinesis: ['kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:ListShards', 'kinesis:ListStreams', 'kinesis:SubscribeToShard', 'kinesis:DescribeStreamConsumer'],
  dynamodb: ['dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:DescribeStream', 'dynamodb:ListStreams'],
  msk: ['kafka:DescribeCluster', 'kafka:DescribeClusterV2', 'kafka:GetBootstrapBrokers', 'kafka-cluster:Connect', 'kafka-cluster:DescribeGroup', 'kafka-cluster:AlterGroup', 'kafka-cluster:DescribeTopic', 'kafka-cluster:ReadData', 'kafka-cluster:DescribeClusterDynamicConfiguration'],
  mq: ['mq:DescribeBroker', 'secretsmanager:GetSecretValue'],
  kafka: ['secretsmanager:GetSecretValue'],
  docdb: ['rds:DescribeDBClusters', 'rds:DescribeDBClusterParameters', 'rds:DescribeDBSubnetGroups', 'secretsmanager:GetSecretValue'],
};

export type EventSourceKind = 'sqs' | 'kinesis' | 'dynamodb' | 'msk' | 'mq' | 'kafka' | 'docdb';

/**
 * Event source kinds whose mapping places its own ENIs in the source's subnets and security groups (MSK, MQ,
 * self-managed Kafka in a VPC, DocumentDB) [esm]: they count towards ENI pressure, not towards the function's
 * attachment.
 */
export const MAPPING_KINDS_WITH_ENIS: readonly EventSourceKind[] = ['msk', 'mq', 'kafka', 'docdb'];

// ---------------------------------------------------------------------------
// Managed policies

export interface ManagedPolicyInfo {
  /** Grants ENI_ACTIONS_REQUIRED on `*`. */
  grantsEni: boolean;
  /** Services the policy lets the code call; `'*'` = every action (the set of services cannot be told). */
  services: string[] | '*';
  /** The policy exists for an event source poller: its actions are not the code's [esm]. */
  poller?: EventSourceKind;
}

/** AWS managed policies by name (the last segment of `arn:<partition>:iam::aws:policy/[path/]<Name>`) [managed]. */
export const MANAGED_POLICIES: Readonly<Record<string, ManagedPolicyInfo>> = {
  AWSLambdaBasicExecutionRole: { grantsEni: false, services: [] },
  AWSLambdaVPCAccessExecutionRole: { grantsEni: true, services: [] },
  AWSLambdaENIManagementAccess: { grantsEni: true, services: [] },
  AWSLambdaMSKExecutionRole: { grantsEni: true, services: [], poller: 'msk' },
  AWSLambdaSQSQueueExecutionRole: { grantsEni: false, services: [], poller: 'sqs' },
  AWSLambdaKinesisExecutionRole: { grantsEni: false, services: [], poller: 'kinesis' },
  AWSLambdaDynamoDBExecutionRole: { grantsEni: false, services: [], poller: 'dynamodb' },
  AWSLambdaExecute: { grantsEni: false, services: ['s3'] },
  AWSLambdaRole: { grantsEni: false, services: ['lambda'] },
  AWSXRayDaemonWriteAccess: { grantsEni: false, services: ['xray'] },
  AWSXrayWriteOnlyAccess: { grantsEni: false, services: ['xray'] },
  CloudWatchLambdaInsightsExecutionRolePolicy: { grantsEni: false, services: [] },
  AmazonS3ReadOnlyAccess: { grantsEni: false, services: ['s3'] },
  AmazonS3FullAccess: { grantsEni: false, services: ['s3'] },
  AmazonDynamoDBReadOnlyAccess: { grantsEni: false, services: ['dynamodb'] },
  AmazonDynamoDBFullAccess: { grantsEni: false, services: ['dynamodb'] },
  AmazonSQSReadOnlyAccess: { grantsEni: false, services: ['sqs'] },
  AmazonSQSFullAccess: { grantsEni: false, services: ['sqs'] },
  AmazonSNSReadOnlyAccess: { grantsEni: false, services: ['sns'] },
  AmazonSNSFullAccess: { grantsEni: false, services: ['sns'] },
  AmazonKinesisReadOnlyAccess: { grantsEni: false, services: ['kinesis'] },
  AmazonKinesisFullAccess: { grantsEni: false, services: ['kinesis'] },
  AmazonKinesisFirehoseFullAccess: { grantsEni: false, services: ['firehose'] },
  AmazonEventBridgeFullAccess: { grantsEni: false, services: ['events'] },
  AWSStepFunctionsFullAccess: { grantsEni: false, services: ['states'] },
  AWSStepFunctionsReadOnlyAccess: { grantsEni: false, services: ['states'] },
  SecretsManagerReadWrite: { grantsEni: false, services: ['secretsmanager'] },
  AmazonSSMReadOnlyAccess: { grantsEni: false, services: ['ssm'] },
  AmazonSSMFullAccess: { grantsEni: false, services: ['ssm'] },
  CloudWatchReadOnlyAccess: { grantsEni: false, services: ['monitoring'] },
  CloudWatchFullAccess: { grantsEni: false, services: ['monitoring'] },
  AmazonRDSDataFullAccess: { grantsEni: false, services: ['rds-data', 'secretsmanager'] },
  AmazonRDSReadOnlyAccess: { grantsEni: false, services: ['rds'] },
  AmazonRDSFullAccess: { grantsEni: false, services: ['rds'] },
  AmazonBedrockReadOnly: { grantsEni: false, services: ['bedrock'] },
  AmazonBedrockFullAccess: { grantsEni: false, services: ['bedrock', 'bedrock-runtime', 'bedrock-agent-runtime'] },
  AmazonTextractFullAccess: { grantsEni: false, services: ['textract'] },
  AmazonRekognitionReadOnlyAccess: { grantsEni: false, services: ['rekognition'] },
  AmazonRekognitionFullAccess: { grantsEni: false, services: ['rekognition'] },
  ComprehendReadOnly: { grantsEni: false, services: ['comprehend'] },
  ComprehendFullAccess: { grantsEni: false, services: ['comprehend'] },
  TranslateReadOnly: { grantsEni: false, services: ['translate'] },
  AmazonPollyReadOnlyAccess: { grantsEni: false, services: ['polly'] },
  AmazonPollyFullAccess: { grantsEni: false, services: ['polly'] },
  AmazonTranscribeReadOnlyAccess: { grantsEni: false, services: ['transcribe'] },
  AmazonTranscribeFullAccess: { grantsEni: false, services: ['transcribe'] },
  AmazonSESFullAccess: { grantsEni: false, services: ['ses'] },
  AmazonSESReadOnlyAccess: { grantsEni: false, services: ['ses'] },
  AmazonAPIGatewayInvokeFullAccess: { grantsEni: false, services: ['execute-api'] },
  AmazonElastiCacheFullAccess: { grantsEni: false, services: ['elasticache'] },
  AmazonEC2ContainerRegistryReadOnly: { grantsEni: false, services: ['ecr'] },
  AmazonCognitoPowerUser: { grantsEni: false, services: ['cognito-idp', 'cognito-identity'] },
  AWSKeyManagementServicePowerUser: { grantsEni: false, services: ['kms'] },
  // Every action: the services the code uses cannot be told from the policy.
  AdministratorAccess: { grantsEni: true, services: '*' },
  PowerUserAccess: { grantsEni: true, services: '*' },
  ReadOnlyAccess: { grantsEni: false, services: '*' },
};

// ---------------------------------------------------------------------------
// Resource types → services

/**
 * When a resource's service is reached only from inside its VPC:
 * - `always` / `never`;
 * - `unless-true`: VPC-only unless `attr` is true (absent means `dflt`), e.g. aws_db_instance.publicly_accessible;
 * - `if-true`: VPC-only iff `attr` is true (absent means `dflt`), e.g. aws_lb.internal;
 * - `if-block`: VPC-only iff the nested block `block` is present, e.g. aws_opensearch_domain.vpc_options;
 * - `depends`: cannot be told from the configuration (the reason says why).
 */
export type VpcOnlyRule =
  | { kind: 'always' }
  | { kind: 'never' }
  | { kind: 'unless-true'; attr: string; dflt: boolean }
  | { kind: 'if-true'; attr: string; dflt: boolean }
  | { kind: 'if-block'; block: string }
  | { kind: 'depends'; reason: string };

export interface ResourceServiceInfo {
  service: string;
  vpcOnly: VpcOnlyRule;
  /**
   * A second condition that makes an otherwise VPC-only resource reachable over a public API as well (the RDS Data
   * API on an Aurora cluster with `enable_http_endpoint = true`): then the function may not need the VPC.
   */
  alsoPublicIf?: { attr: string; service: string };
}

const ALWAYS: VpcOnlyRule = { kind: 'always' };
const NEVER: VpcOnlyRule = { kind: 'never' };

/**
 * Resource (and data source) types that, referenced from a function's environment, say the code talks to a
 * service. For data sources the computed attributes the conditions read are usually unknown, so the condition
 * falls back to unknown unless the rule is `always`/`never`.
 */
export const RESOURCE_SERVICES: Readonly<Record<string, ResourceServiceInfo>> = {
  aws_s3_bucket: { service: 's3', vpcOnly: NEVER },
  aws_s3_object: { service: 's3', vpcOnly: NEVER },
  aws_s3_access_point: { service: 's3', vpcOnly: { kind: 'if-block', block: 'vpc_configuration' } },
  aws_s3_directory_bucket: { service: 's3express', vpcOnly: NEVER },
  aws_dynamodb_table: { service: 'dynamodb', vpcOnly: NEVER },
  aws_dynamodb_global_table: { service: 'dynamodb', vpcOnly: NEVER },
  aws_sqs_queue: { service: 'sqs', vpcOnly: NEVER },
  aws_sns_topic: { service: 'sns', vpcOnly: NEVER },
  aws_kinesis_stream: { service: 'kinesis', vpcOnly: NEVER },
  aws_kinesis_firehose_delivery_stream: { service: 'firehose', vpcOnly: NEVER },
  aws_cloudwatch_event_bus: { service: 'events', vpcOnly: NEVER },
  aws_scheduler_schedule_group: { service: 'scheduler', vpcOnly: NEVER },
  aws_sfn_state_machine: { service: 'states', vpcOnly: NEVER },
  aws_lambda_function: { service: 'lambda', vpcOnly: NEVER },
  aws_lambda_alias: { service: 'lambda', vpcOnly: NEVER },
  aws_secretsmanager_secret: { service: 'secretsmanager', vpcOnly: NEVER },
  aws_secretsmanager_secret_version: { service: 'secretsmanager', vpcOnly: NEVER },
  aws_ssm_parameter: { service: 'ssm', vpcOnly: NEVER },
  aws_kms_key: { service: 'kms', vpcOnly: NEVER },
  aws_kms_alias: { service: 'kms', vpcOnly: NEVER },
  // An environment variable holding a ciphertext is decrypted by the code, with KMS.
  aws_kms_ciphertext: { service: 'kms', vpcOnly: NEVER },
  aws_api_gateway_rest_api: { service: 'execute-api', vpcOnly: NEVER },
  aws_api_gateway_stage: { service: 'execute-api', vpcOnly: NEVER },
  aws_apigatewayv2_api: { service: 'execute-api', vpcOnly: NEVER },
  aws_apigatewayv2_stage: { service: 'execute-api', vpcOnly: NEVER },
  aws_cognito_user_pool: { service: 'cognito-idp', vpcOnly: NEVER },
  aws_cognito_user_pool_client: { service: 'cognito-idp', vpcOnly: NEVER },
  aws_cognito_identity_pool: { service: 'cognito-identity', vpcOnly: NEVER },
  aws_ses_domain_identity: { service: 'ses', vpcOnly: NEVER },
  aws_ses_email_identity: { service: 'ses', vpcOnly: NEVER },
  aws_sesv2_email_identity: { service: 'ses', vpcOnly: NEVER },
  aws_ses_configuration_set: { service: 'ses', vpcOnly: NEVER },
  aws_ecr_repository: { service: 'ecr', vpcOnly: NEVER },
  aws_glue_catalog_database: { service: 'glue', vpcOnly: NEVER },
  aws_glue_catalog_table: { service: 'glue', vpcOnly: NEVER },
  aws_glue_job: { service: 'glue', vpcOnly: NEVER },
  aws_athena_workgroup: { service: 'athena', vpcOnly: NEVER },
  aws_athena_database: { service: 'athena', vpcOnly: NEVER },
  aws_appsync_graphql_api: { service: 'appsync', vpcOnly: NEVER },
  aws_iot_topic_rule: { service: 'iot', vpcOnly: NEVER },
  aws_sagemaker_endpoint: { service: 'sagemaker-runtime', vpcOnly: NEVER },
  aws_bedrock_guardrail: { service: 'bedrock-runtime', vpcOnly: NEVER },
  aws_bedrockagent_agent: { service: 'bedrock-agent-runtime', vpcOnly: NEVER },
  aws_bedrockagent_agent_alias: { service: 'bedrock-agent-runtime', vpcOnly: NEVER },
  aws_bedrockagent_knowledge_base: { service: 'bedrock-agent-runtime', vpcOnly: NEVER },
  aws_timestreamwrite_database: { service: 'timestream', vpcOnly: NEVER },
  aws_timestreamwrite_table: { service: 'timestream', vpcOnly: NEVER },
  aws_cloudwatch_metric_alarm: { service: 'monitoring', vpcOnly: NEVER },
  aws_xray_group: { service: 'xray', vpcOnly: NEVER },
  aws_keyspaces_table: { service: 'cassandra', vpcOnly: NEVER },
  aws_keyspaces_keyspace: { service: 'cassandra', vpcOnly: NEVER },
  aws_qldb_ledger: { service: 'qldb', vpcOnly: NEVER },
  aws_opensearchserverless_collection: {
    service: 'aoss',
    vpcOnly: { kind: 'depends', reason: 'an OpenSearch Serverless collection is public or VPC-only by its network policy' },
  },
  // VPC-only unless made public [seed][tf].
  aws_db_instance: { service: 'rds-instance', vpcOnly: { kind: 'unless-true', attr: 'publicly_accessible', dflt: false } },
  aws_rds_cluster: { service: 'rds-instance', vpcOnly: ALWAYS, alsoPublicIf: { attr: 'enable_http_endpoint', service: 'rds-data' } },
  aws_rds_cluster_instance: { service: 'rds-instance', vpcOnly: { kind: 'unless-true', attr: 'publicly_accessible', dflt: false } },
  aws_rds_cluster_endpoint: { service: 'rds-instance', vpcOnly: ALWAYS },
  aws_db_proxy: { service: 'rds-proxy', vpcOnly: ALWAYS },
  aws_db_proxy_endpoint: { service: 'rds-proxy', vpcOnly: ALWAYS },
  aws_docdb_cluster: { service: 'docdb', vpcOnly: ALWAYS },
  aws_docdb_cluster_instance: { service: 'docdb', vpcOnly: ALWAYS },
  aws_docdbelastic_cluster: { service: 'docdb', vpcOnly: ALWAYS },
  aws_neptune_cluster: { service: 'neptune', vpcOnly: ALWAYS },
  aws_neptune_cluster_instance: { service: 'neptune', vpcOnly: ALWAYS },
  aws_neptune_cluster_endpoint: { service: 'neptune', vpcOnly: ALWAYS },
  aws_elasticache_cluster: { service: 'elasticache-cluster', vpcOnly: ALWAYS },
  aws_elasticache_replication_group: { service: 'elasticache-cluster', vpcOnly: ALWAYS },
  aws_elasticache_serverless_cache: { service: 'elasticache-cluster', vpcOnly: ALWAYS },
  aws_memorydb_cluster: { service: 'memorydb-cluster', vpcOnly: ALWAYS },
  aws_efs_file_system: { service: 'efs', vpcOnly: ALWAYS },
  aws_efs_access_point: { service: 'efs', vpcOnly: ALWAYS },
  aws_efs_mount_target: { service: 'efs', vpcOnly: ALWAYS },
  aws_msk_cluster: { service: 'kafka-cluster', vpcOnly: ALWAYS },
  aws_msk_serverless_cluster: { service: 'kafka-cluster', vpcOnly: ALWAYS },
  aws_mq_broker: { service: 'mq-broker', vpcOnly: { kind: 'unless-true', attr: 'publicly_accessible', dflt: false } },
  aws_redshift_cluster: { service: 'redshift-cluster', vpcOnly: { kind: 'unless-true', attr: 'publicly_accessible', dflt: false } },
  aws_redshiftserverless_workgroup: { service: 'redshift-cluster', vpcOnly: { kind: 'unless-true', attr: 'publicly_accessible', dflt: false } },
  aws_opensearch_domain: { service: 'opensearch-domain', vpcOnly: { kind: 'if-block', block: 'vpc_options' } },
  aws_elasticsearch_domain: { service: 'opensearch-domain', vpcOnly: { kind: 'if-block', block: 'vpc_options' } },
  aws_lb: { service: 'elb-internal', vpcOnly: { kind: 'if-true', attr: 'internal', dflt: false } },
  aws_alb: { service: 'elb-internal', vpcOnly: { kind: 'if-true', attr: 'internal', dflt: false } },
  aws_elb: { service: 'elb-internal', vpcOnly: { kind: 'if-true', attr: 'internal', dflt: false } },
  aws_ecs_service: {
    service: 'ecs-task',
    vpcOnly: { kind: 'depends', reason: 'the code may call the ECS API (public) or reach the tasks by private IP (VPC)' },
  },
  aws_ecs_cluster: { service: 'ecs', vpcOnly: NEVER },
  aws_ecs_task_definition: { service: 'ecs', vpcOnly: NEVER },
  aws_service_discovery_service: { service: 'vpc-private', vpcOnly: { kind: 'depends', reason: 'Cloud Map names may resolve to private addresses' } },
  aws_instance: { service: 'vpc-private', vpcOnly: { kind: 'depends', reason: 'an EC2 instance may be reached by its private or its public address' } },
  aws_vpc_endpoint_service: { service: 'vpc-private', vpcOnly: ALWAYS },
  // An endpoint's DNS names resolve to its network interfaces in the VPC.
  aws_vpc_endpoint: { service: 'vpc-private', vpcOnly: ALWAYS },
  aws_vpclattice_service: { service: 'vpc-lattice', vpcOnly: ALWAYS },
  aws_vpclattice_service_network: { service: 'vpc-lattice', vpcOnly: ALWAYS },
  aws_route53_zone: { service: 'vpc-private', vpcOnly: { kind: 'if-block', block: 'vpc' } },
};

/**
 * Resource types that, referenced from an environment variable, are not a service the code talks to
 * (identifiers, network plumbing, IAM, logging): exact types, and prefixes ending in `_`. Other `aws_*` types
 * absent from RESOURCE_SERVICES are "unclassified": they make the dependency set incomplete rather than being
 * guessed (an `aws_route53_record` names a host the code connects to, an `aws_vpclattice_service` a VPC-only
 * service: neither is plumbing).
 */
export const NON_SERVICE_RESOURCE_TYPES: readonly string[] = [
  'aws_iam_',
  'aws_vpc',
  'aws_vpcs',
  'aws_default_vpc',
  'aws_vpc_ipv4_',
  'aws_vpc_ipv6_',
  'aws_vpc_dhcp_',
  'aws_vpc_peering_',
  'aws_vpc_ipam',
  'aws_vpc_ipam_',
  'aws_vpc_security_group_',
  'aws_vpc_endpoint_route_table_association',
  'aws_vpc_endpoint_subnet_association',
  'aws_vpc_endpoint_security_group_association',
  'aws_vpc_endpoint_policy',
  'aws_vpc_block_public_access_',
  'aws_subnet',
  'aws_subnets',
  'aws_default_subnet',
  'aws_security_group',
  'aws_security_groups',
  'aws_security_group_rule',
  'aws_default_security_group',
  'aws_route',
  'aws_route_table',
  'aws_route_tables',
  'aws_route_table_association',
  'aws_main_route_table_association',
  'aws_default_route_table',
  'aws_network_',
  'aws_nat_gateway',
  'aws_nat_gateways',
  'aws_internet_gateway',
  'aws_egress_only_internet_gateway',
  'aws_eip',
  'aws_eip_',
  'aws_cloudwatch_log_',
  'aws_lambda_layer_version',
  'aws_lambda_permission',
  'aws_lambda_event_source_mapping',
  'aws_caller_identity',
  'aws_region',
  'aws_regions',
  'aws_partition',
  'aws_availability_zone',
  'aws_availability_zones',
  'aws_default_tags',
  'aws_acm_certificate',
  'aws_ssm_document',
  'aws_ecr_image',
  'aws_s3_bucket_', // bucket sub-resources (policy, versioning, ...) whose attributes are the bucket's name
];

/**
 * Attributes that carry a resource's *content*, read at plan time: an environment variable set from
 * `data.aws_ssm_parameter.x.value` holds the parameter's value, so the code does not call SSM for it.
 */
export const VALUE_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  aws_ssm_parameter: ['value', 'insecure_value'],
  aws_secretsmanager_secret_version: ['secret_string', 'secret_binary'],
  aws_kms_secrets: ['plaintext'],
  aws_kms_ciphertext: ['plaintext'],
  aws_s3_object: ['body'],
};

/**
 * Literal endpoint host names in environment variables that name a service (AWS endpoint DNS formats, from each
 * service's "connecting to" page), first match wins. `vpcOnly: 'depends'` for services that can be made public
 * (RDS, Redshift and MQ with `publicly_accessible`). Private IPv4 literals name something reached by private address.
 */
export const LITERAL_ENDPOINT_PATTERNS: readonly { pattern: RegExp; service: string; vpcOnly: boolean | 'depends' }[] = [
  { pattern: /\.proxy-[a-z0-9]+\.[a-z0-9-]+\.rds\.amazonaws\.com\b/i, service: 'rds-proxy', vpcOnly: true },
  { pattern: /\.rds\.amazonaws\.com(?:\.cn)?\b/i, service: 'rds-instance', vpcOnly: 'depends' },
  { pattern: /\.cache\.amazonaws\.com(?:\.cn)?\b/i, service: 'elasticache-cluster', vpcOnly: true },
  { pattern: /\.memorydb\.[a-z0-9-]+\.amazonaws\.com\b/i, service: 'memorydb-cluster', vpcOnly: true },
  { pattern: /\.docdb\.amazonaws\.com\b/i, service: 'docdb', vpcOnly: true },
  { pattern: /\.neptune\.amazonaws\.com\b/i, service: 'neptune', vpcOnly: true },
  { pattern: /\.redshift\.amazonaws\.com\b/i, service: 'redshift-cluster', vpcOnly: 'depends' },
  { pattern: /\.kafka\.[a-z0-9-]+\.amazonaws\.com\b/i, service: 'kafka-cluster', vpcOnly: true },
  { pattern: /\.mq\.[a-z0-9-]+\.amazonaws\.com\b/i, service: 'mq-broker', vpcOnly: 'depends' },
  { pattern: /\.efs\.[a-z0-9-]+\.amazonaws\.com\b/i, service: 'efs', vpcOnly: true },
  { pattern: /^(?:[a-z]+:\/\/)?internal-[a-z0-9-]+\.[a-z0-9-]+\.elb\.amazonaws\.com(?:\.cn)?\b/i, service: 'elb-internal', vpcOnly: true },
  // A private address (not a CIDR range such as "10.0.0.0/8", which names no host).
  { pattern: /^(?:[a-z]+:\/\/)?(?:10\.\d{1,3}|172\.(?:1[6-9]|2\d|3[01])|192\.168)\.\d{1,3}\.\d{1,3}(?::\d+)?(?:\/(?!\d{1,2}$)|$)/i, service: 'vpc-private', vpcOnly: true },
];

/**
 * ARN service namespaces whose resources the code reaches in a VPC (a database, cache, broker, file system, load
 * balancer ...) or through their management API: an ARN of one of these in an environment variable does not say
 * which. Other namespaces name a public API the code calls with the ARN (SQS, SNS, Step Functions, ...).
 */
export const VPC_RESOURCE_ARN_SERVICES: readonly string[] = ['rds', 'elasticache', 'memorydb', 'kafka', 'mq', 'es', 'aoss', 'elasticfilesystem', 'redshift', 'redshift-serverless', 'ec2', 'ecs', 'elasticloadbalancing', 'vpc-lattice'];

/**
 * Amazon Bedrock model providers and inference-profile geographies [bedrock]: `anthropic.claude-v2`,
 * `amazon.titan-text-express-v1:0`, `us.meta.llama3-2-1b-instruct-v1:0` are model ids, not host names.
 */
export const BEDROCK_MODEL_PROVIDERS: readonly string[] = ['amazon', 'anthropic', 'ai21', 'cohere', 'meta', 'mistral', 'stability', 'deepseek', 'writer', 'luma', 'twelvelabs', 'qwen', 'openai'];
export const BEDROCK_PROFILE_GEOGRAPHIES: readonly string[] = ['us', 'eu', 'apac', 'global', 'us-gov', 'jp', 'au', 'ca'];

/** ARN service namespaces whose ARNs are identities handed on (roles, users), not services the code calls. */
export const IDENTITY_ARN_SERVICES: readonly string[] = ['iam', 'sts'];

// ---------------------------------------------------------------------------
// Resource policies that admit only requests from a VPC

/**
 * Global condition keys that only requests made through a VPC endpoint carry [condkeys]: a resource policy that
 * denies every request without them can be used only from inside a VPC (with an endpoint). Matched
 * case-insensitively, as IAM matches key names. `from` completes "admits only requests ...".
 */
export const VPC_CONDITION_KEYS: readonly { key: string; from: string }[] = [
  { key: 'aws:SourceVpce', from: 'through a VPC endpoint' },
  { key: 'aws:SourceVpc', from: 'from a VPC' },
  { key: 'aws:SourceVpcArn', from: 'from a VPC' },
  { key: 'aws:VpcSourceIp', from: 'from addresses in a VPC' },
];

/**
 * Condition operators that are true when the key is absent from the request [condkeys]: a Deny statement with one
 * of these on a VPC key denies every request that does not come through a VPC endpoint. Without the `IfExists`
 * suffix; `Null` (with the value true) is handled on its own.
 */
export const NEGATED_CONDITION_OPERATORS: readonly string[] = ['StringNotEquals', 'StringNotEqualsIgnoreCase', 'StringNotLike', 'ArnNotEquals', 'ArnNotLike', 'NotIpAddress'];

/**
 * Resource types with resource policies [respol]: the inline `policy` argument, the separate policy resources and
 * the argument of theirs that names the resource, and the resource's attributes that argument may hold (`names`).
 */
export const RESOURCE_POLICIES: Readonly<Record<string, { inline?: string; attachments: readonly { type: string; arg: string }[]; names: readonly string[] }>> = {
  aws_s3_bucket: { inline: 'policy', attachments: [{ type: 'aws_s3_bucket_policy', arg: 'bucket' }], names: ['id', 'bucket'] },
  aws_sqs_queue: { inline: 'policy', attachments: [{ type: 'aws_sqs_queue_policy', arg: 'queue_url' }], names: ['id', 'url'] },
  aws_sns_topic: { inline: 'policy', attachments: [{ type: 'aws_sns_topic_policy', arg: 'arn' }], names: ['arn', 'id'] },
  aws_dynamodb_table: { attachments: [{ type: 'aws_dynamodb_resource_policy', arg: 'resource_arn' }], names: ['arn'] },
  aws_secretsmanager_secret: { inline: 'policy', attachments: [{ type: 'aws_secretsmanager_secret_policy', arg: 'secret_arn' }], names: ['arn', 'id'] },
  aws_kms_key: { inline: 'policy', attachments: [{ type: 'aws_kms_key_policy', arg: 'key_id' }], names: ['id', 'key_id', 'arn'] },
  aws_ecr_repository: { attachments: [{ type: 'aws_ecr_repository_policy', arg: 'repository' }], names: ['name', 'id'] },
  aws_api_gateway_rest_api: { inline: 'policy', attachments: [{ type: 'aws_api_gateway_rest_api_policy', arg: 'rest_api_id' }], names: ['id'] },
};

// ---------------------------------------------------------------------------
// Quotas

export const QUOTAS = {
  /** [seed]: "soft limit of 350 ENIs per Region"; the default ENI budget of the quota rule. */
  seedEnisPerRegion: 350,
  /** [quotas]: Lambda Hyperplane ENIs per VPC, today's default (older pages say 250). */
  lambdaEnisPerVpc: 500,
  /** [vpcquota]: network interfaces per Region. */
  vpcNetworkInterfacesPerRegion: 5000,
  /** [api]: VpcConfig.SubnetIds maximum. */
  maxSubnetsPerFunction: 16,
  /** [api]: VpcConfig.SecurityGroupIds maximum. */
  maxSecurityGroupsPerFunction: 5,
  /** Hyperplane ENI connection capacity (Lambda developer guide, "Understanding Hyperplane ENIs"). */
  connectionsPerHyperplaneEni: 65000,
} as const;

/** Default routes: the destinations that mean "everything else" [vpc]. */
export const DEFAULT_ROUTE_IPV4 = '0.0.0.0/0';
export const DEFAULT_ROUTE_IPV6 = '::/0';

/** `aws_vpc_endpoint.vpc_endpoint_type` when not set [tf]. */
export const DEFAULT_VPC_ENDPOINT_TYPE = 'Gateway';

// ---------------------------------------------------------------------------
// Lookups over the tables

/** The service of an endpoint name suffix (`s3`, `ecr.dkr`, `kinesis-streams`, `sqs-fips`, ...). */
export function serviceForEndpointName(name: string): string | undefined {
  const n = name.toLowerCase();
  return ENDPOINT_INDEX.get(n) ?? (n.endsWith('-fips') ? ENDPOINT_INDEX.get(n.slice(0, -5)) : undefined);
}

const ENDPOINT_INDEX: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  for (const s of Object.values(SERVICES)) for (const e of s.interfaceEndpoints) if (!m.has(e)) m.set(e, s.id);
  return m;
})();

/**
 * Splits an endpoint service name into Region and name suffix. Accepts `com.amazonaws.<region>.<name>`,
 * `cn.com.amazonaws.<region>.<name>`, the global `com.amazonaws.<name>` (IAM, Route 53) and
 * `aws.api.<region>.<name>`. Custom endpoint services (`com.amazonaws.vpce.<region>.vpce-svc-...`) give
 * `{ custom: true }`. Returns undefined for anything else.
 */
export function parseEndpointServiceName(full: string):
  | { custom: false; region?: string; name: string; service?: string }
  | { custom: true }
  | undefined {
  const s = full.trim();
  if (/^com\.amazonaws\.vpce\./.test(s)) return { custom: true };
  const m = /^(?:cn\.)?com\.amazonaws\.([a-z]{2}(?:-[a-z]+)+-\d+)\.(.+)$/.exec(s) ?? /^aws\.api\.([a-z]{2}(?:-[a-z]+)+-\d+)\.(.+)$/.exec(s);
  if (m) return { custom: false, region: m[1], name: m[2], service: serviceForEndpointName(m[2]) };
  const g = /^com\.amazonaws\.([a-z0-9-]+)$/.exec(s);
  if (g) return { custom: false, name: g[1], service: serviceForEndpointName(g[1]) };
  return undefined;
}

/** The managed policy name of an AWS managed policy ARN, or undefined for customer policies and other text. */
export function managedPolicyName(arn: string): string | undefined {
  const m = /^arn:[a-z-]+:iam::aws:policy\/(?:.*\/)?([A-Za-z0-9+=,.@_-]+)$/.exec(arn.trim());
  return m ? m[1] : undefined;
}

/** The table entry for a resource or data source type, if any. */
export function resourceService(type: string): ResourceServiceInfo | undefined {
  return Object.prototype.hasOwnProperty.call(RESOURCE_SERVICES, type) ? RESOURCE_SERVICES[type] : undefined;
}

/** True when a resource type is known not to be a service the code talks to. */
export function isNonServiceResource(type: string): boolean {
  return NON_SERVICE_RESOURCE_TYPES.some((p) => (p.endsWith('_') ? type.startsWith(p) : type === p));
}

export function serviceInfo(id: string): ServiceInfo | undefined {
  return Object.prototype.hasOwnProperty.call(SERVICES, id) ? SERVICES[id] : undefined;
}
