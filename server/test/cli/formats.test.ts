import { strict as assert } from 'node:assert';
import * as fc from 'fast-check';
import { formatCheckstyle } from '../../src/cli/format/checkstyle';
import { formatJson } from '../../src/cli/format/json';
import { formatJunit } from '../../src/cli/format/junit';
import { formatText, oneLine } from '../../src/cli/format/text';
import { relativePaths } from '../../src/cli/report';
import { escapeXml } from '../../src/cli/format/xml';
import type { Finding } from '../../src/rules/types';
import { parseXml } from './helpers';
import { sampleReport, SAMPLE_FINDINGS, SAMPLE_PICTURE } from './sample';

const plain = { color: false, quiet: false, explain: false };

describe('cli/format/text', () => {
  it('compiler style, evidence indented, summary last', () => {
    assert.equal(
      formatText(sampleReport(), plain),
      [
        'dir with space/é.tf:1:5: error hcl_syntax: Invalid expression: Expected the start of an expression, but found an invalid expression token.',
        'main.tf:3:5: warning aws_lambda_vpc_single_az: Function aws_lambda_function.api runs in one Availability Zone (eu-west-1a) & needs <2>.',
        '  modules/net/vpc.tf:2:23: note: subnet aws_subnet.a is in eu-west-1a',
        '  ../outside/shared.tf:1:1: note: the "x" variable\'s default',
        'modules/net/vpc.tf:1:1: info hcl_syntax: Tabs and new lines \\x01 and "quotes" \'too\'',
        '1 error, 1 warning, 1 info in 3 files (1 fixable with --fix, 1 more with --fix-unsafe)',
        '',
      ].join('\n'),
    );
  });

  it('summary wording', () => {
    assert.equal(formatText(sampleReport({ findings: [] }), plain), 'No problems found in 4 files\n');
    const one = sampleReport({ findings: [SAMPLE_FINDINGS[1]] });
    assert.match(formatText(one, plain), /\n1 error in 1 file\n$/);
    const two: Finding[] = [SAMPLE_FINDINGS[1], { ...SAMPLE_FINDINGS[1], message: 'again' }];
    assert.match(formatText(sampleReport({ findings: two }), plain), /\n2 errors in 1 file\n$/);
  });

  it('--quiet prints only findings', () => {
    assert.equal(formatText(sampleReport({ findings: [] }), { ...plain, quiet: true }), '');
    assert.equal(formatText(sampleReport(), { ...plain, quiet: true }).split('\n').length, 6);
  });

  it('colour only when asked (the CLI asks only on a terminal without NO_COLOR / --no-color)', () => {
    assert.doesNotMatch(formatText(sampleReport(), plain), /\x1b/);
    const coloured = formatText(sampleReport(), { ...plain, color: true });
    assert.match(coloured, /\x1b\[31merror\x1b\[0m/);
    assert.match(coloured, /\x1b\[33mwarning\x1b\[0m/);
    assert.equal(coloured.replace(/\x1b\[[0-9;]*m/g, ''), formatText(sampleReport(), plain));
  });

  it('control characters from user text never reach the terminal raw', () => {
    assert.equal(oneLine('a\x1b[2Jb\r\nc\u0085d'), 'a\\x1b[2Jb c\\x85d');
  });

  it('--explain prints each picture\'s explanation as an outline, locations as path:line:col relative to cwd', () => {
    const out = formatText(sampleReport({ findings: [], pictures: [SAMPLE_PICTURE] }), { ...plain, explain: true });
    assert.equal(
      out,
      [
        'Lambda function aws_lambda_function.api (main.tf:1:1)',
        '  Function',
        '    Root module .',
        '    Region: eu-west-1 (../outside/shared.tf:1:1)',
        '  Attachment',
        '    Attached to a VPC: vpc_config lists subnets (main.tf:2:3)',
        '    Security groups: none',
        '    IPv6 for dual-stack subnets: not allowed',
        '  Subnets',
        '    Availability Zones: 1 (main.tf:3:18)',
        // The BOM of vpc.tf is not a column.
        '    aws_subnet.a (modules/net/vpc.tf:1:1)',
        '      AZ: eu-west-1a (modules/net/vpc.tf:2:23)',
        '      VPC: unknown (aws_subnet.a has no vpc_id)',
        '      Route table: unknown (the VPC of aws_subnet.a is unknown)',
        '  Egress (IPv4)',
        '    Internet and public AWS APIs: unknown: the route table is unknown (the VPC of aws_subnet.a is unknown)',
        '  VPC endpoints',
        "    No VPC known for the function's subnets",
        '  Dependencies',
        '    None found',
        '  Execution role',
        '    Role: unknown (the function has no role)',
        '    ENI permissions: unknown (the function has no role)',
        '  ENIs',
        '    1 Hyperplane ENI: one per subnet and security-group combination, shared by functions that use it',
        '      aws_subnet.a without security groups in eu-west-1',
        '  Unknowns',
        // Paths in reasons are relative too.
        '    function_name: function_name is unknown: file modules/net/name.txt does not exist',
        '    route table of aws_subnet.a: the VPC of aws_subnet.a is unknown (modules/net/vpc.tf:1:1)',
        '',
        'No problems found in 4 files',
        '',
      ].join('\n'),
    );
    assert.match(formatText(sampleReport({ findings: [], pictures: [] }), { ...plain, explain: true }), /^No Lambda functions found\.\n/);
  });

  it('--explain: pictures one after another, user text on one line, titles bold in colour', () => {
    const named = { ...SAMPLE_PICTURE, name: { known: true as const, value: 'evil\x1b[2J\nname' } };
    const out = formatText(sampleReport({ findings: [], pictures: [SAMPLE_PICTURE, named] }), { ...plain, explain: true });
    assert.match(out, /\n\nLambda function aws_lambda_function\.api \(function_name evil\\x1b\[2J name\) \(main\.tf:1:1\)\n  Function\n/);
    assert.doesNotMatch(out, /\x1b/);
    const coloured = formatText(sampleReport({ findings: [], pictures: [SAMPLE_PICTURE] }), { ...plain, explain: true, color: true });
    assert.match(coloured, /^\x1b\[1mLambda function aws_lambda_function\.api\x1b\[0m \x1b\[2m\(main\.tf:1:1\)\x1b\[0m\n  \x1b\[1mFunction\x1b\[0m\n/);
    assert.equal(coloured.replace(/\x1b\[[0-9;]*m/g, ''), formatText(sampleReport({ findings: [], pictures: [SAMPLE_PICTURE] }), { ...plain, explain: true }));
  });

  it('relativePaths: absolute paths in the checked tree become relative, other slash words stay', () => {
    assert.equal(relativePaths('file /w/modules/x/policy.json does not exist', '/w/envs/dev'), 'file ../../modules/x/policy.json does not exist');
    assert.equal(relativePaths('module source ../m: directory /w/m not found (/w/m/)', '/w'), 'module source ../m: directory m not found (m)');
    assert.equal(relativePaths('the root /w', '/w'), 'the root .');
    for (const same of ['arn:aws:logs:*:*:log-group:/aws/lambda/x', '0.0.0.0/0 and ::/0', 'arn:aws:s3:::b/*', 'see /wx/y', 'PREFIX = /data/in']) {
      assert.equal(relativePaths(same, '/w'), same);
    }
    assert.equal(relativePaths('file C:/repo/a/b.json is missing', 'C:/repo'), 'file a/b.json is missing');
  });
});

describe('cli/format/json', () => {
  it('has exactly the documented shape', () => {
    const out = JSON.parse(formatJson(sampleReport(), { explain: false }));
    assert.deepEqual(Object.keys(out), ['version', 'tool', 'findings']);
    assert.equal(out.version, 1);
    assert.deepEqual(out.tool, { name: 'lambda-vpc-lint', version: '1.2.3' });
    for (const f of out.findings) {
      assert.deepEqual(Object.keys(f), ['rule', 'severity', 'message', 'file', 'range', 'resource', 'related', 'fixes']);
      assert.deepEqual(Object.keys(f.range), ['start', 'end']);
      assert.deepEqual(Object.keys(f.range.start), ['line', 'column']);
      for (const r of f.related) assert.deepEqual(Object.keys(r), ['file', 'range', 'message']);
      for (const x of f.fixes) {
        assert.deepEqual(Object.keys(x), ['title', 'safe', 'edits']);
        for (const e of x.edits) assert.deepEqual(Object.keys(e), ['file', 'range', 'newText']);
      }
    }
    const single = out.findings.find((f: { rule: string }) => f.rule === 'aws_lambda_vpc_single_az');
    assert.deepEqual(single, {
      rule: 'aws_lambda_vpc_single_az',
      severity: 'warning',
      message: 'Function aws_lambda_function.api runs in one Availability Zone (eu-west-1a) & needs <2>.',
      file: 'main.tf',
      range: { start: { line: 3, column: 5 }, end: { line: 3, column: 35 } },
      resource: 'aws_lambda_function.api',
      related: [
        { file: 'modules/net/vpc.tf', range: { start: { line: 2, column: 23 }, end: { line: 2, column: 35 } }, message: 'subnet aws_subnet.a is in eu-west-1a' },
        { file: '../outside/shared.tf', range: { start: { line: 1, column: 1 }, end: { line: 1, column: 9 } }, message: 'the "x" variable\'s default' },
      ],
      fixes: [
        {
          title: 'Add a subnet in another zone',
          safe: false,
          edits: [{ file: 'main.tf', range: { start: { line: 3, column: 34 }, end: { line: 3, column: 34 } }, newText: ', aws_subnet.b.id' }],
        },
      ],
    });
  });

  it('adds pictures with --explain: the whole picture, locations as file and 1-based range, and its explanation', () => {
    const out = JSON.parse(formatJson(sampleReport({ pictures: [SAMPLE_PICTURE] }), { explain: true }));
    assert.deepEqual(Object.keys(out), ['version', 'tool', 'findings', 'pictures']);
    const [picture] = out.pictures;
    assert.deepEqual(Object.keys(picture), [...Object.keys(SAMPLE_PICTURE), 'explanation']);
    assert.equal(picture.root, '.');
    assert.equal(picture.id, SAMPLE_PICTURE.id);
    assert.deepEqual(picture.subnets.value[0].az, {
      kind: 'name',
      name: 'eu-west-1a',
      at: { file: 'modules/net/vpc.tf', range: { start: { line: 2, column: 23 }, end: { line: 2, column: 35 } } },
    });
    assert.deepEqual(picture.region.at, { file: '../outside/shared.tf', range: { start: { line: 1, column: 1 }, end: { line: 1, column: 9 } } });
    assert.equal(picture.unknowns[0].reason, 'function_name is unknown: file modules/net/name.txt does not exist');
    // No offsets and no absolute path of the checked tree anywhere.
    const strings: string[] = [];
    JSON.stringify(picture, (key, value) => {
      assert.notEqual(key, 'span');
      if (typeof value === 'string') strings.push(value);
      return value;
    });
    assert.ok(!strings.some((s) => s.includes('/w')), strings.filter((s) => s.includes('/w')).join('\n'));

    const { explanation } = picture;
    assert.equal(explanation.title, 'Lambda function aws_lambda_function.api');
    assert.deepEqual(explanation.location, { file: 'main.tf', range: { start: { line: 1, column: 1 }, end: { line: 1, column: 37 } } });
    const subnets = explanation.sections.find((x: { title: string }) => x.title === 'Subnets');
    assert.deepEqual(subnets.lines[1], {
      text: 'aws_subnet.a',
      locations: [{ file: 'modules/net/vpc.tf', range: { start: { line: 1, column: 1 }, end: { line: 1, column: 9 } } }],
      lines: [
        { text: 'AZ: eu-west-1a', locations: [{ file: 'modules/net/vpc.tf', range: { start: { line: 2, column: 23 }, end: { line: 2, column: 35 } } }] },
        { text: 'VPC: unknown (aws_subnet.a has no vpc_id)' },
        { text: 'Route table: unknown (the VPC of aws_subnet.a is unknown)' },
      ],
    });
    assert.deepEqual(
      explanation.sections.map((x: { title: string }) => x.title),
      ['Function', 'Attachment', 'Subnets', 'Egress (IPv4)', 'VPC endpoints', 'Dependencies', 'Execution role', 'ENIs', 'Unknowns'],
    );
  });
});

describe('cli/format/junit and checkstyle', () => {
  it('junit: a suite per file, a failing testcase per finding, a passing one per clean file', () => {
    const root = parseXml(formatJunit(sampleReport()));
    assert.equal(root.name, 'testsuites');
    assert.deepEqual(root.attrs, { name: 'lambda-vpc-lint', tests: '4', failures: '3', errors: '0' });
    assert.deepEqual(
      root.children.map((s) => [s.attrs.name, s.attrs.tests, s.attrs.failures]),
      [
        ['clean.tf', '1', '0'],
        ['dir with space/é.tf', '1', '1'],
        ['main.tf', '1', '1'],
        ['modules/net/vpc.tf', '1', '1'],
      ],
    );
    const main = root.children[2].children[0];
    assert.equal(main.name, 'testcase');
    assert.equal(main.attrs.classname, 'main.tf');
    assert.equal(main.attrs.name, 'aws_lambda_vpc_single_az at main.tf:3:5');
    const failure = main.children[0];
    assert.equal(failure.name, 'failure');
    assert.equal(failure.attrs.type, 'warning');
    assert.equal(failure.attrs.message, SAMPLE_FINDINGS[0].message);
    assert.match(failure.text, /\n  modules\/net\/vpc\.tf:2:23: note: subnet aws_subnet\.a is in eu-west-1a/);
    assert.equal(root.children[0].children[0].children.length, 0, 'clean file passes');
  });

  it('checkstyle: <file> per file, <error> per finding', () => {
    const root = parseXml(formatCheckstyle(sampleReport()));
    assert.equal(root.name, 'checkstyle');
    assert.equal(root.attrs.version, '4.3');
    assert.deepEqual(
      root.children.map((f) => [f.attrs.name, f.children.length]),
      [
        ['clean.tf', 0],
        ['dir with space/é.tf', 1],
        ['main.tf', 1],
        ['modules/net/vpc.tf', 1],
      ],
    );
    assert.deepEqual(root.children[2].children[0].attrs, {
      line: '3',
      column: '5',
      severity: 'warning',
      message: SAMPLE_FINDINGS[0].message,
      source: 'lambda-vpc-lint.aws_lambda_vpc_single_az',
    });
    // Tabs and line breaks survive in attributes as character references.
    assert.equal(root.children[3].children[0].attrs.message, 'Tabs\tand\nnew lines \ufffd and "quotes" \'too\'');
  });

  it('any text at all yields well-formed XML that reads back (illegal characters as U+FFFD)', () => {
    const legalise = (s: string): string =>
      s.replace(/[\ud800-\udbff][\udc00-\udfff]|[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff\ud800-\udfff]/g, (c) => (c.length === 2 ? c : '\ufffd'));
    // Whole code points, and single UTF-16 code units (so unpaired surrogates too).
    const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
    const anyText = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: codeUnit }));
    fc.assert(
      fc.property(anyText, anyText, (message, file) => {
        const finding: Finding = { ...SAMPLE_FINDINGS[1], message, file: `/w/${file.replace(/\//g, '_') || 'x'}.tf`, related: [] };
        const report = sampleReport({ findings: [finding] });
        const cs = parseXml(formatCheckstyle(report));
        const errorEl = cs.children.flatMap((f) => f.children)[0];
        assert.equal(errorEl.attrs.message, legalise(message));
        const ju = parseXml(formatJunit(report));
        const failure = ju.children.flatMap((s) => s.children).flatMap((c) => c.children)[0];
        assert.equal(failure.attrs.message, legalise(message));
      }),
      { numRuns: 300 },
    );
    assert.equal(escapeXml('\ud800x\udc00'), '\ufffdx\ufffd');
  });
});
