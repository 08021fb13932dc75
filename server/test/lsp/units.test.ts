// In-process tests of the server's pure parts: URI/path and position mapping, finding → diagnostic
// conversion, code action building (preferred fixes, fix-all, ignore comments), the bounded parse
// cache and the network picture markdown.
import * as assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, TextDocumentEdit } from 'vscode-languageserver-protocol/node';
import { parseFile } from '../../src/hcl';
import type { FunctionPicture } from '../../src/network/types';
import type { Finding } from '../../src/rules/types';
import { codeActions, ignoreEdit } from '../../src/lsp/actions';
import { pathToUri, PositionMapper, toDiagnostic, uriToPath, type ConvertContext, type DiagnosticData } from '../../src/lsp/convert';
import { renderPictureMarkdown } from '../../src/lsp/hover';
import { BoundedParseCache, localModuleSources } from '../../src/lsp/workspace';

describe('lsp units: convert', function () {
  it('maps file URIs to core paths and back', function () {
    assert.equal(uriToPath('file:///home/me/infra%20x/main.tf'), '/home/me/infra x/main.tf');
    assert.equal(uriToPath('file:///C%3A/Users/me/main.tf'), '/c:/Users/me/main.tf');
    assert.equal(uriToPath('file:///c:/Users/me/'), '/c:/Users/me');
    assert.equal(uriToPath('untitled:Untitled-1'), '/untitled:/Untitled-1/main.tf');
    assert.equal(uriToPath('git:/repo/main.tf'), undefined);
    assert.equal(uriToPath('not a uri'), undefined);
    assert.equal(pathToUri('/home/me/infra x/ü#1.tf'), 'file:///home/me/infra%20x/%C3%BC%231.tf');
    assert.equal(pathToUri('/c:/Users/me/main.tf'), 'file:///c%3A/Users/me/main.tf');
    for (const p of ['/a/b c/d.tf', '/c:/x/y.tf', '/ä/%/?.tf']) assert.equal(uriToPath(pathToUri(p)), p);
  });

  it('maps offsets to LSP positions in UTF-16, dropping a BOM the editor does not show', function () {
    const plain = new PositionMapper('ab\r\n😀x\ny');
    assert.deepEqual(plain.position(6), { line: 1, character: 2 });
    assert.equal(plain.offset({ line: 1, character: 2 }), 6);
    const bom = new PositionMapper('\uFEFFab\ncd');
    assert.deepEqual(bom.position(2), { line: 0, character: 1 });
    assert.deepEqual(bom.position(0), { line: 0, character: 0 });
    assert.deepEqual(bom.position(5), { line: 1, character: 1 });
    assert.equal(bom.offset({ line: 0, character: 1 }), 2);
  });

  it('converts a finding with evidence and fixes, or folds the evidence into the message', function () {
    const texts: Record<string, string> = { '/w/lambda.tf': 'resource "x" "y" {\n  a = 1\n}\n', '/w/net.tf': 'locals {}\n' };
    const finding: Finding = {
      rule: 'aws_lambda_single_az',
      severity: 'warning',
      message: 'Function y runs in one Availability Zone.',
      file: '/w/lambda.tf',
      span: { start: 21, end: 26 },
      resource: 'x.y',
      related: [{ file: '/w/net.tf', span: { start: 0, end: 6 }, message: 'subnet in eu-west-1a' }],
      fixes: [{ title: 'Add a subnet', safe: false, edits: [{ file: '/w/net.tf', span: { start: 9, end: 9 }, newText: '\nx' }] }],
      instances: 3,
    };
    const ctx: ConvertContext = {
      mapper: (p) => (texts[p] === undefined ? undefined : new PositionMapper(texts[p])),
      uri: (p) => pathToUri(p),
      version: (p) => (p === '/w/net.tf' ? 7 : null),
      docsUrl: () => 'https://example.invalid/docs',
      relatedInformation: true,
    };
    const d = toDiagnostic(finding, ctx);
    assert.deepEqual(d, {
      range: { start: { line: 1, character: 2 }, end: { line: 1, character: 7 } },
      severity: 2,
      code: 'aws_lambda_single_az',
      codeDescription: { href: 'https://example.invalid/docs' },
      source: 'lambda-vpc-lint',
      message: 'Function y runs in one Availability Zone.',
      data: {
        rule: 'aws_lambda_single_az',
        resource: 'x.y',
        instances: 3,
        fixes: [
          {
            title: 'Add a subnet',
            safe: false,
            edits: [{ uri: 'file:///w/net.tf', version: 7, range: { start: { line: 0, character: 9 }, end: { line: 0, character: 9 } }, newText: '\nx' }],
          },
        ],
      },
      relatedInformation: [{ location: { uri: 'file:///w/net.tf', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 6 } } }, message: 'subnet in eu-west-1a' }],
    });
    const folded = toDiagnostic(finding, { ...ctx, relatedInformation: false });
    assert.equal(folded.relatedInformation, undefined);
    assert.equal(folded.message, 'Function y runs in one Availability Zone.\nEvidence:\n  net.tf:1: subnet in eu-west-1a');
  });
});

describe('lsp units: code actions', function () {
  const uri = 'file:///w/lambda.tf';
  const range = (l: number, c: number, l2 = l, c2 = c) => ({ start: { line: l, character: c }, end: { line: l2, character: c2 } });
  const diag = (line: number, data: DiagnosticData): Diagnostic => ({ range: range(line, 2, line, 8), message: 'm', source: 'lambda-vpc-lint', code: data.rule, codeDescription: { href: `https://d/${data.rule}` }, data });
  const file = parseFile('/w/lambda.tf', 'resource "a" "b" {\n\tx = 1\r\n  y = <<EOT\n  text\nEOT\n}\n').file;

  it('prefers the only safe fix, and builds versioned edits per document', function () {
    const d = diag(1, {
      rule: 'r1',
      fixes: [
        { title: 'Safe', safe: true, edits: [{ uri, version: 4, range: range(1, 0), newText: 'a' }, { uri: 'file:///w/net.tf', version: null, range: range(0, 0), newText: 'b' }] },
        { title: 'Unsafe', safe: false, edits: [{ uri, version: 4, range: range(1, 1, 1, 2), newText: '' }] },
      ],
    });
    const actions = codeActions({ textDocument: { uri }, range: d.range, context: { diagnostics: [d] } }, { uri, file, version: 4, documentChanges: true, published: [d] });
    const byTitle = new Map(actions.map((a) => [a.title, a] as [string, CodeAction]));
    assert.deepEqual([...byTitle.keys()], ['Safe', 'Unsafe', 'Ignore r1 for this line', 'Show documentation for r1', 'Fix all safe problems in this file']);
    assert.equal(byTitle.get('Safe')!.isPreferred, true);
    assert.equal(byTitle.get('Unsafe')!.isPreferred, false);
    assert.deepEqual(byTitle.get('Safe')!.edit, {
      documentChanges: [
        { textDocument: { uri, version: 4 }, edits: [{ range: range(1, 0), newText: 'a' }] },
        { textDocument: { uri: 'file:///w/net.tf', version: null }, edits: [{ range: range(0, 0), newText: 'b' }] },
      ],
    });
    // The ignore comment keeps the tab indentation and the file's CRLF line breaks.
    const ignore = byTitle.get('Ignore r1 for this line')!.edit!.documentChanges![0] as TextDocumentEdit;
    assert.deepEqual(ignore.edits, [{ range: range(1, 0), newText: '\t# lambda-vpc-lint-ignore: r1\r\n' }]);
    assert.equal(byTitle.get('Fix all safe problems in this file')!.kind, 'source.fixAll.lambdaVpcLint');
  });

  it('fix-all takes every safe fix of the file, leaving out those that overlap one already taken', function () {
    const safe = (rule: string, r: ReturnType<typeof range>, text: string): DiagnosticData => ({ rule, fixes: [{ title: rule, safe: true, edits: [{ uri, version: 2, range: r, newText: text }] }] });
    const published = [
      diag(0, safe('a', range(0, 0, 0, 4), 'A')),
      diag(1, safe('b', range(0, 2, 0, 6), 'B')), // overlaps a
      diag(2, safe('c', range(0, 4, 0, 4), 'C')), // touches a's end: fine
      diag(3, safe('d', range(0, 4, 0, 4), 'D')), // second insertion at the same point as c
      diag(4, { rule: 'e', fixes: [{ title: 'e', safe: false, edits: [{ uri, version: 2, range: range(5, 0), newText: 'E' }] }] }),
    ];
    const actions = codeActions({ textDocument: { uri }, range: range(0, 0), context: { diagnostics: [], only: ['source'] } }, { uri, file, version: 2, documentChanges: false, published });
    assert.deepEqual(actions, [
      {
        title: 'Fix all safe problems in this file',
        kind: 'source.fixAll.lambdaVpcLint',
        edit: { changes: { [uri]: [{ range: range(0, 0, 0, 4), newText: 'A' }, { range: range(0, 4), newText: 'C' }] } },
      },
    ]);
  });

  it('adds the rule to an ignore annotation standing alone on the line above, and follows the file\'s comment style', function () {
    const annotated = parseFile('/w/a.tf', 'locals {\n  # lambda-vpc-lint-ignore: r1 # why\n  a = 1\n  b = 2 # lambda-vpc-lint-ignore: r1\n  c = 3\n}\n').file;
    assert.deepEqual(ignoreEdit(annotated, 2, 'r2'), { range: range(1, 30), newText: ', r2' });
    // A trailing annotation on the line above is not extended: a new line goes in.
    assert.deepEqual(ignoreEdit(annotated, 4, 'r2'), { range: range(4, 0), newText: '  # lambda-vpc-lint-ignore: r2\n' });
    const slashes = parseFile('/w/b.tf', '// main\nlocals {\n  // a\n  a = 1\n}\n').file;
    assert.deepEqual(ignoreEdit(slashes, 3, 'r'), { range: range(3, 0), newText: '  // lambda-vpc-lint-ignore: r\n' });
  });

  it('inserts no ignore comment inside a heredoc or in JSON files', function () {
    assert.equal(ignoreEdit(file, 3, 'r'), undefined);
    assert.ok(ignoreEdit(file, 2, 'r'));
    const json = parseFile('/w/a.tf.json', '{"locals": {"a": 1}}').file;
    assert.equal(ignoreEdit(json, 0, 'r'), undefined);
  });
});

describe('lsp units: workspace helpers', function () {
  it('bounds the parse cache by text size, dropping the least recently used file', function () {
    const cache = new BoundedParseCache(25);
    const a = cache.get('/a.tf', 'a = 1\n'.repeat(2));
    const b = cache.get('/b.tf', 'b = 2\n'.repeat(2));
    assert.equal(cache.get('/a.tf', 'a = 1\n'.repeat(2)), a, 'a hit is the same parse');
    cache.get('/c.tf', 'c = 3\n'.repeat(2));
    // b was the least recently used: re-parsed; a stayed.
    assert.notEqual(cache.get('/b.tf', 'b = 2\n'.repeat(2)), b);
    assert.equal(cache.get('/c.tf', 'c = 3\n'.repeat(2)).file.path, '/c.tf');
  });

  it('finds local module sources (native and JSON syntax)', function () {
    const native = parseFile('/m/main.tf', 'module "a" {\n  source = "./a"\n}\nmodule "b" {\n  source = "hashicorp/x/aws"\n}\nmodule "c" {\n  source = "../c"\n}\nmodule "d" {\n  source = "./${var.x}"\n}\n').file;
    assert.deepEqual(localModuleSources(native), ['./a', '../c']);
    const json = parseFile('/m/main.tf.json', '{"module": {"a": {"source": "./a"}, "b": {"source": "git::https://x"}}}').file;
    assert.deepEqual(localModuleSources(json), ['./a']);
  });
});

describe('lsp units: network picture markdown', function () {
  const at = (file: string, start: number) => ({ file, span: { start, end: start + 1 } });
  const picture: FunctionPicture = {
    id: 'module.app.aws_lambda_function.api["eu"]',
    kind: 'resource',
    module: 'module.app',
    root: '/w/envs/prod',
    name: { known: true, value: 'api-eu' },
    locations: { header: at('/w/modules/app/lambda.tf', 0) },
    moduleChain: [{ address: 'module.app', at: at('/w/envs/prod/main.tf', 0), source: '../../modules/app' }],
    region: { known: true, value: 'eu-west-1' },
    attachment: { status: 'attached', reason: 'vpc_config has 2 subnets', at: at('/w/modules/app/lambda.tf', 50) },
    subnets: {
      known: true,
      value: [
        {
          known: true,
          ref: 'aws_subnet.private[0]',
          refKind: 'resource',
          az: { kind: 'name', name: 'eu-west-1a' },
          vpc: { known: true, value: 'aws_vpc.main' },
          routeTable: {
            known: true,
            value: {
              ref: 'aws_route_table.private',
              refKind: 'resource',
              source: 'association',
              defaultRoutes: [{ destination: '0.0.0.0/0', target: { kind: 'nat_gateway', ref: 'aws_nat_gateway.a', attribute: 'nat_gateway_id' }, at: at('/w/net.tf', 9), from: 'inline' }],
              unresolvedRoutes: [],
            },
          },
          mapPublicIpOnLaunch: { known: true, value: false },
          ipv6: { known: true, value: false },
        },
        { known: false, reason: 'var.extra_subnet has no value' },
      ],
    },
    securityGroups: { known: true, value: [{ known: true, ref: 'aws_security_group.api', refKind: 'resource' }] },
    ipv6AllowedForDualStack: { known: true, value: false },
    azs: { min: 1, max: 2, reason: 'one subnet is unknown' },
    vpcs: [
      {
        ref: 'aws_vpc.main',
        refKind: 'resource',
        ipv6: { known: true, value: false },
        endpoints: [
          {
            ref: 'aws_vpc_endpoint.s3',
            at: at('/w/net.tf', 30),
            type: { known: true, value: 'Gateway' },
            serviceName: { known: true, value: 'com.amazonaws.eu-west-1.s3' },
            service: { known: true, value: 's3' },
            routeTables: { known: true, value: ['aws_route_table.private'] },
          },
        ],
        unresolvedEndpoints: [],
      },
    ],
    dependencies: [
      {
        service: 's3',
        name: 'Amazon S3',
        vpcOnly: { known: true, value: false },
        evidence: [{ kind: 'policy', detail: 'Allow s3:GetObject in aws_iam_role_policy.p', at: at('/w/iam.tf', 3) }],
      },
    ],
    dependenciesComplete: { complete: false, reasons: [{ what: 'policy aws_iam_policy.x', reason: 'policy is unknown' }] },
    eni: { combinations: [{ region: 'eu-west-1', subnet: 'aws_subnet.private[0]', securityGroups: ['aws_security_group.api'] }], complete: false, reasons: [] },
    mappings: [],
    role: { ref: { known: true, value: 'aws_iam_role.api' }, eniPermissions: { known: false, reason: 'policy is unknown' }, eniEvidence: [], policies: [] },
    unknowns: [{ what: 'subnets', reason: 'var.extra_subnet has no value', at: at('/w/envs/prod/main.tf', 5) }],
  };

  it('renders the explanation: attachment, subnets with AZ and routes, egress, endpoints, dependencies and unknowns', function () {
    const md = renderPictureMarkdown(picture, { link: (l) => ({ label: l.file.split('/').pop() ?? '', target: `file://${l.file}` }), showPath: (d) => d.replace('/w/', '') });
    for (const expected of [
      '**Lambda function `module.app.aws_lambda_function.api["eu"]` (function\\_name `api-eu`)** ([lambda.tf](file:///w/modules/app/lambda.tf))',
      '**Function**\n- Root module `envs/prod`\n  - Called through `module.app` (source `../../modules/app`) ([main.tf](file:///w/envs/prod/main.tf))\n- Region: `eu-west-1`',
      '**Attachment**\n- Attached to a VPC: vpc\\_config has 2 subnets ([lambda.tf](file:///w/modules/app/lambda.tf))\n- Security groups: `aws_security_group.api`',
      '**Subnets**\n- Availability Zones: 1 to 2 (one subnet is unknown)',
      [
        '- `aws_subnet.private[0]`',
        '  - AZ: `eu-west-1a`',
        '  - VPC: `aws_vpc.main`',
        '  - Route table: `aws_route_table.private` (associated with the subnet)',
        '    - 0.0.0.0/0 → NAT gateway `aws_nat_gateway.a` ([net.tf](file:///w/net.tf))',
        '- Unknown subnet: var.extra\\_subnet has no value',
      ].join('\n'),
      [
        '**Egress (IPv4)**',
        '- Internet and public AWS APIs: depends on the subnet',
        '  - through NAT gateway `aws_nat_gateway.a` (subnet `aws_subnet.private[0]`) ([net.tf](file:///w/net.tf))',
        '  - unknown (var.extra\\_subnet has no value) (subnet \\#2)',
        '- Amazon S3 (`s3`): depends on the subnet',
        '  - through Gateway endpoint `aws_vpc_endpoint.s3` (subnet `aws_subnet.private[0]`) ([net.tf](file:///w/net.tf))',
      ].join('\n'),
      '**VPC endpoints**\n- In `aws_vpc.main`\n  - `aws_vpc_endpoint.s3`: Gateway endpoint for `s3` ([net.tf](file:///w/net.tf))\n    - Service name: `com.amazonaws.eu-west-1.s3`\n    - Route tables: `aws_route_table.private`',
      '**Dependencies**\n- Amazon S3 (`s3`): public AWS API\n  - Allow s3:GetObject in aws\\_iam\\_role\\_policy.p ([iam.tf](file:///w/iam.tf))\n- Perhaps more: policy aws\\_iam\\_policy.x could not be resolved',
      '**Execution role**\n- Role: `aws_iam_role.api`\n- ENI permissions: unknown (policy is unknown)',
      '**ENIs**\n- At least 1 Hyperplane ENI: one per subnet and security-group combination, shared by functions that use it\n  - `aws_subnet.private[0]` with `aws_security_group.api` in `eu-west-1`',
      '**Unknowns**\n- subnets: var.extra\\_subnet has no value ([main.tf](file:///w/envs/prod/main.tf))',
    ]) {
      assert.ok(md.includes(expected), `missing:\n${expected}\nin:\n${md}`);
    }
  });

  it('shows at most 20 lines of a section', function () {
    const unknowns = Array.from({ length: 25 }, (_, i) => ({ what: `thing ${i}`, reason: 'why' }));
    const md = renderPictureMarkdown({ ...picture, unknowns });
    assert.ok(md.includes('- thing 19: why\n- _…and 5 more_'), md);
    assert.ok(!md.includes('thing 20'));
  });

  it('says when a function is not attached, without the VPC sections', function () {
    const md = renderPictureMarkdown({ ...picture, attachment: { status: 'not_attached', reason: 'no vpc_config' }, subnets: undefined, securityGroups: undefined, ipv6AllowedForDualStack: undefined, azs: undefined, vpcs: [], eni: { combinations: [], complete: true, reasons: [] } });
    assert.ok(md.includes('**Attachment**\n- Not attached to a VPC: no vpc\\_config'), md);
    assert.ok(md.includes('**Egress (IPv4)**\n- Not attached to a VPC: Lambda gives the function internet access and every public AWS API'), md);
    for (const absent of ['**Subnets**', '**VPC endpoints**', '**ENIs**', 'Security groups']) assert.ok(!md.includes(absent), `${absent} in:\n${md}`);
  });
});
