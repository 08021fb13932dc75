// --format sarif against the SARIF 2.1.0 JSON Schema (ajv) and the official SARIF validator
// (the SARIF Multitool, installed from npm into a cache folder outside the repository).
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { formatSarif } from '../../src/cli/format/sarif';
import { runCli } from '../../src/cli/main';
import { allRules } from '../../src/rules/registry';
import { Capture, REPO, scratchDir, writeTree } from './helpers';
import { sampleReport } from './sample';

const MULTITOOL_VERSION = '5.7.0';
const CACHE = path.join(os.homedir(), '.cache', 'lambda-vpc-lint-sarif');

function validateWithSchema(log: unknown): string[] {
  const schema = JSON.parse(fs.readFileSync(path.join(REPO, 'test-fixtures/schemas/sarif-2.1.0.json'), 'utf8'));
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const isUri = (s: string): boolean => URL.canParse(s);
  ajv.addFormat('uri', isUri);
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///base/') && !/\s/.test(s));
  for (const f of ['uuid', 'date-time']) ajv.addFormat(f, true);
  const validate = ajv.compile(schema);
  return validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** The Multitool's executable for this platform, installed on first use. */
function multitool(): string {
  const pkgDir = path.join(CACHE, 'node_modules', '@microsoft', `sarif-multitool-${process.platform}`);
  const exe = path.join(pkgDir, process.platform === 'win32' ? 'Sarif.Multitool.exe' : 'Sarif.Multitool');
  const installed = (): boolean => {
    try {
      return JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version === MULTITOOL_VERSION && fs.existsSync(exe);
    } catch {
      return false;
    }
  };
  if (!installed()) {
    fs.mkdirSync(CACHE, { recursive: true });
    try {
      execFileSync('npm', ['install', '--prefix', CACHE, '--no-audit', '--no-fund', `@microsoft/sarif-multitool@${MULTITOOL_VERSION}`], { stdio: 'pipe', timeout: 300_000 });
    } catch (err) {
      const detail = err instanceof Error && 'stderr' in err ? String((err as { stderr: unknown }).stderr) : String(err);
      throw new Error(`cannot install the SARIF Multitool from the npm registry into ${CACHE}; the official SARIF validation cannot run:\n${detail}`);
    }
    if (!installed()) throw new Error(`the SARIF Multitool package installed, but ${exe} is missing`);
  }
  // npm may not run the package's postinstall (chmod u+x), depending on its script policy.
  fs.chmodSync(exe, 0o755);
  return exe;
}

interface ValidatorResult {
  level?: string;
  ruleId: string;
  message: { text?: string; id?: string; arguments?: string[] };
}

function validateWithMultitool(log: string): ValidatorResult[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lvl-sarif-'));
  const input = path.join(dir, 'input.sarif');
  const output = path.join(dir, 'validation.sarif');
  fs.writeFileSync(input, log);
  execFileSync(multitool(), ['validate', '--output', output, input], {
    stdio: 'pipe',
    timeout: 120_000,
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' },
  });
  const result = JSON.parse(fs.readFileSync(output, 'utf8').replace(/^\ufeff/, ''));
  fs.rmSync(dir, { recursive: true, force: true });
  return result.runs[0].results ?? [];
}

function problems(results: ValidatorResult[]): string[] {
  // The validator's default level for its rules is warning.
  return results
    .filter((r) => (r.level ?? 'warning') === 'error' || (r.level ?? 'warning') === 'warning')
    .map((r) => `${r.level ?? 'warning'} ${r.ruleId}: ${r.message.text ?? `${r.message.id} ${(r.message.arguments ?? []).join(', ')}`}`);
}

describe('cli/format/sarif', function () {
  this.timeout(600_000);

  it('describes the tool, its rules and the run', () => {
    const log = JSON.parse(formatSarif(sampleReport()));
    assert.equal(log.version, '2.1.0');
    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    const run = log.runs[0];
    const driver = run.tool.driver;
    assert.equal(driver.name, 'lambda-vpc-lint');
    assert.equal(driver.version, '1.2.3');
    assert.equal(driver.semanticVersion, '1.2.3');
    assert.equal(driver.informationUri, 'https://github.com/lambda-vpc-lint/lambda-vpc-lint');
    assert.deepEqual(driver.rules[0], {
      id: allRules[0].id,
      name: 'AwsLambdaVpcSingleAz',
      shortDescription: { text: allRules[0].summary },
      fullDescription: { text: allRules[0].description },
      helpUri: allRules[0].docsUrl,
      help: { text: `${allRules[0].description} See ${allRules[0].docsUrl}` },
      defaultConfiguration: { level: allRules[0].defaultSeverity },
    });
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///w/' } });
  });

  it('maps findings to results with locations, related locations and fixes', () => {
    const run = JSON.parse(formatSarif(sampleReport())).runs[0];
    for (const r of run.results) assert.equal(run.tool.driver.rules[r.ruleIndex].id, r.ruleId);
    assert.deepEqual(
      run.results.map((r: { level: string }) => r.level),
      ['error', 'warning', 'note'],
    );
    const [syntax, single] = run.results;
    assert.deepEqual(syntax.locations[0].physicalLocation, {
      artifactLocation: { uri: 'dir%20with%20space/%C3%A9.tf', uriBaseId: '%SRCROOT%' },
      region: { startLine: 1, startColumn: 5, endLine: 1, endColumn: 6 },
    });
    assert.deepEqual(single.locations[0].logicalLocations, [{ fullyQualifiedName: 'aws_lambda_function.api', kind: 'resource' }]);
    assert.deepEqual(single.relatedLocations, [
      {
        id: 0,
        physicalLocation: { artifactLocation: { uri: 'modules/net/vpc.tf', uriBaseId: '%SRCROOT%' }, region: { startLine: 2, startColumn: 23, endLine: 2, endColumn: 35 } },
        message: { text: 'subnet aws_subnet.a is in eu-west-1a' },
      },
      {
        id: 1,
        physicalLocation: { artifactLocation: { uri: 'file:///outside/shared.tf' }, region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 9 } },
        message: { text: 'the "x" variable\'s default' },
      },
    ]);
    assert.deepEqual(single.fixes, [
      {
        description: { text: 'Add a subnet in another zone' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'main.tf', uriBaseId: '%SRCROOT%' },
            replacements: [{ deletedRegion: { startLine: 3, startColumn: 34, endLine: 3, endColumn: 34 }, insertedContent: { text: ', aws_subnet.b.id' } }],
          },
        ],
      },
    ]);
  });

  it('is valid against the SARIF 2.1.0 JSON Schema', () => {
    assert.deepEqual(validateWithSchema(JSON.parse(formatSarif(sampleReport()))), []);
    assert.deepEqual(validateWithSchema(JSON.parse(formatSarif(sampleReport({ findings: [] })))), []);
    // The check itself rejects a broken log.
    assert.notDeepEqual(validateWithSchema({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), []);
  });

  it('passes the official SARIF validator (Multitool) with no error or warning', () => {
    assert.deepEqual(problems(validateWithMultitool(formatSarif(sampleReport()))), []);
    assert.deepEqual(problems(validateWithMultitool(formatSarif(sampleReport({ findings: [] })))), []);
  });

  it('the validator does catch problems (so a clean result means something)', () => {
    const bad = JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, ruleId: 'r', locations: [{ physicalLocation: { artifactLocation: { uri: 'a b' }, region: { startLine: 0 } } }] }] }] });
    assert.ok(problems(validateWithMultitool(bad)).length > 0);
  });

  it('real CLI output on a module with a syntax error passes both checks', async () => {
    const dir = scratchDir();
    writeTree(dir, { 'main.tf': 'locals {\n  a = \n}\n', 'ok.tf': 'variable "x" {\n}\n' });
    const stdout = new Capture();
    const stderr = new Capture();
    const code = await runCli(['--check', '--format', 'sarif', '.'], { cwd: dir, env: {}, stdout, stderr });
    assert.equal(code, 2, stderr.text);
    const log = JSON.parse(stdout.text);
    assert.ok(log.runs[0].results.length > 0);
    assert.deepEqual(validateWithSchema(log), []);
    assert.deepEqual(problems(validateWithMultitool(stdout.text)), []);
  });
});
