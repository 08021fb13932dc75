// A synthetic report that exercises every field the formats render.
import { MemoryHost } from '../../src/core/host';
import { PositionMapper } from '../../src/cli/positions';
import { buildReport, type Report } from '../../src/cli/report';
import { allRules } from '../../src/rules/registry';
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

export function sampleReport(options: { pictures?: unknown[]; findings?: Finding[] } = {}): Report {
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
