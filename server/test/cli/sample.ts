// A synthetic report that exercises every field the formats render.
import { MemoryHost } from '../../src/core/host';
import { PositionMapper } from '../../src/cli/positions';
import { buildReport, type Report } from '../../src/cli/report';
import { allRules } from '../../src/rules/registry';
import type { FunctionPicture } from '../../src/network/types';
import type { Finding } from '../../src/rules/types';

export const SAMPLE_CWD = '/w';

export const SAMPLE_FILES: Record<string, string> = {
  '/w/main.tf': 'resource "aws_lambda_function" "api" {\n  vpc_config {\n    subnet_ids = [aws_subnet.a.id]\n  }\n}\n',
  '/w/modules/net/vpc.tf': '\ufeffresource "aws_subnet" "a" {\r\n  availability_zone = "eu-west-1a"\r\n}\r\n',
  '/w/clean.tf': 'locals {}\n',
  '/w/dir with space/é.tf': 'x = <\n',
  '/outside/shared.tf': 'variable "x" {}\n',
};

function at(file: string, needle: string, length = needle.length): { start: number; end: number } {
  const start = SAMPLE_FILES[file].indexOf(needle);
  if (start < 0) throw new Error(`${needle} not in ${file}`);
  return { start, end: start + length };
}

export const SAMPLE_FINDINGS: Finding[] = [
  {
    rule: 'aws_lambda_vpc_single_az',
    severity: 'warning',
    message: 'Function aws_lambda_function.api runs in one Availability Zone (eu-west-1a) & needs <2>.',
    file: '/w/main.tf',
    span: at('/w/main.tf', 'subnet_ids = [aws_subnet.a.id]'),
    resource: 'aws_lambda_function.api',
    related: [
      { file: '/w/modules/net/vpc.tf', span: at('/w/modules/net/vpc.tf', '"eu-west-1a"'), message: 'subnet aws_subnet.a is in eu-west-1a' },
      { file: '/outside/shared.tf', span: at('/outside/shared.tf', 'variable'), message: "the \"x\" variable's default" },
    ],
    fixes: [
      {
        title: 'Add a subnet in another zone',
        safe: false,
        edits: [{ file: '/w/main.tf', span: at('/w/main.tf', ']', 0), newText: ', aws_subnet.b.id' }],
      },
    ],
  },
  {
    rule: 'hcl_syntax',
    severity: 'error',
    message: 'Invalid expression: Expected the start of an expression, but found an invalid expression token.',
    file: '/w/dir with space/é.tf',
    span: at('/w/dir with space/é.tf', '<'),
    related: [],
    fixes: [],
  },
  {
    rule: 'hcl_syntax',
    severity: 'info',
    message: 'Tabs\tand\nnew lines \u0001 and "quotes" \'too\'',
    file: '/w/modules/net/vpc.tf',
    span: at('/w/modules/net/vpc.tf', 'resource'),
    related: [],
    fixes: [
      {
        title: 'Safe one',
        safe: true,
        edits: [{ file: '/w/modules/net/vpc.tf', span: at('/w/modules/net/vpc.tf', 'resource'), newText: 'resource' }],
      },
    ],
  },
];

/**
 * A picture of the sample's function: a subnet in the BOM + CRLF file (columns must not count the BOM),
 * an unknown whose reason names an absolute path, and a location outside the working directory.
 */
export const SAMPLE_PICTURE: FunctionPicture = {
  id: 'aws_lambda_function.api',
  kind: 'resource',
  module: '',
  root: '/w',
  name: { known: false, reason: 'function_name is unknown: file /w/modules/net/name.txt does not exist' },
  locations: { header: { file: '/w/main.tf', span: at('/w/main.tf', 'resource "aws_lambda_function" "api"') }, subnetIds: { file: '/w/main.tf', span: at('/w/main.tf', '[aws_subnet.a.id]') } },
  moduleChain: [],
  region: { known: true, value: 'eu-west-1', at: { file: '/outside/shared.tf', span: at('/outside/shared.tf', 'variable') } },
  attachment: { status: 'attached', reason: 'vpc_config lists subnets', at: { file: '/w/main.tf', span: at('/w/main.tf', 'vpc_config') } },
  subnets: {
    known: true,
    value: [
      {
        known: true,
        ref: 'aws_subnet.a',
        refKind: 'resource',
        at: { file: '/w/modules/net/vpc.tf', span: at('/w/modules/net/vpc.tf', 'resource') },
        az: { kind: 'name', name: 'eu-west-1a', at: { file: '/w/modules/net/vpc.tf', span: at('/w/modules/net/vpc.tf', '"eu-west-1a"') } },
        vpc: { known: false, reason: 'aws_subnet.a has no vpc_id' },
        routeTable: { known: false, reason: 'the VPC of aws_subnet.a is unknown' },
        mapPublicIpOnLaunch: { known: true, value: false },
        ipv6: { known: true, value: false },
      },
    ],
  },
  securityGroups: { known: true, value: [] },
  ipv6AllowedForDualStack: { known: true, value: false },
  azs: { min: 1, max: 1 },
  vpcs: [],
  dependencies: [],
  dependenciesComplete: { complete: true, reasons: [] },
  eni: { combinations: [{ region: 'eu-west-1', subnet: 'aws_subnet.a', securityGroups: [] }], complete: true, reasons: [] },
  mappings: [],
  role: { ref: { known: false, reason: 'the function has no role' }, eniPermissions: { known: false, reason: 'the function has no role' }, eniEvidence: [], policies: [] },
  unknowns: [
    { what: 'name', reason: 'function_name is unknown: file /w/modules/net/name.txt does not exist' },
    { what: 'subnets.value[0].routeTable', reason: 'the VPC of aws_subnet.a is unknown', at: { file: '/w/modules/net/vpc.tf', span: at('/w/modules/net/vpc.tf', 'resource') } },
  ],
};

export function sampleReport(options: { pictures?: FunctionPicture[]; findings?: Finding[] } = {}): Report {
  const host = MemoryHost.from(SAMPLE_FILES);
  return buildReport({
    findings: options.findings ?? SAMPLE_FINDINGS,
    files: ['/w/main.tf', '/w/modules/net/vpc.tf', '/w/clean.tf', '/w/dir with space/é.tf'],
    cwd: SAMPLE_CWD,
    version: '1.2.3',
    rules: allRules,
    positions: new PositionMapper((f) => host.readFile(f)),
    ...(options.pictures ? { pictures: options.pictures } : {}),
  });
}
