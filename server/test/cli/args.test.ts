import { strict as assert } from 'node:assert';
import { HELP, parseArgs, type CliArgs } from '../../src/cli/args';

function ok(argv: string[]): CliArgs {
  const r = parseArgs(argv);
  if ('error' in r) throw new Error(r.error);
  return r.args;
}

function error(argv: string[]): string {
  const r = parseArgs(argv);
  assert.ok('error' in r, `expected an error for ${JSON.stringify(argv)}`);
  return r.error;
}

describe('cli/args', () => {
  it('defaults: text format, fail on warning, path .', () => {
    const a = ok(['--check']);
    assert.equal(a.mode, 'check');
    assert.deepEqual(a.paths, ['.']);
    assert.equal(a.format, 'text');
    assert.equal(a.failOn, 'warning');
    assert.equal(a.fix, 'none');
    assert.equal(a.recursive, false);
  });

  it('reads every option, in both --opt value and --opt=value forms', () => {
    const a = ok([
      '--check',
      'a',
      '--recursive',
      '--format=sarif',
      '--config',
      'c.json',
      '--var-file',
      'x.tfvars',
      '--var-file=y.tfvars',
      '--var',
      'region=eu-west-1',
      '--var=tags={a="b=c"}',
      '--rule',
      'hcl_syntax=warning',
      '--min-azs',
      '3',
      '--eni-budget=500',
      '--fail-on',
      'error',
      '--no-color',
      '--quiet',
      'b',
    ]);
    assert.deepEqual(a.paths, ['a', 'b']);
    assert.equal(a.recursive, true);
    assert.equal(a.format, 'sarif');
    assert.equal(a.config, 'c.json');
    assert.deepEqual(a.varFiles, ['x.tfvars', 'y.tfvars']);
    assert.deepEqual(a.variables, { region: 'eu-west-1', tags: '{a="b=c"}' });
    assert.deepEqual(a.rules, { hcl_syntax: 'warning' });
    assert.equal(a.minAzs, 3);
    assert.equal(a.eniBudget, 500);
    assert.equal(a.failOn, 'error');
    assert.equal(a.noColor, true);
    assert.equal(a.quiet, true);
  });

  it('--fix-unsafe wins over --fix in any order', () => {
    assert.equal(ok(['--check', '--fix']).fix, 'safe');
    assert.equal(ok(['--check', '--fix', '--fix-unsafe']).fix, 'unsafe');
    assert.equal(ok(['--check', '--fix-unsafe', '--fix']).fix, 'unsafe');
  });

  it('-- ends the options', () => {
    assert.deepEqual(ok(['--check', '--', '--weird-dir']).paths, ['--weird-dir']);
  });

  it('help and version need no --check', () => {
    assert.equal(ok(['--help']).mode, 'help');
    assert.equal(ok(['-h']).mode, 'help');
    assert.equal(ok(['--version']).mode, 'version');
  });

  it('rejects unknown options, missing values and bad values with a reason', () => {
    assert.match(error(['--check', '--frobnicate']), /unknown option --frobnicate/);
    assert.match(error(['--check', '-x']), /unknown option -x/);
    assert.match(error(['--check', '--format']), /--format needs a value/);
    assert.match(error(['--check', '--format', 'xml']), /--format must be one of text, json, sarif, junit, checkstyle, not "xml"/);
    assert.match(error(['--check', '--fail-on', 'fatal']), /--fail-on must be one of error, warning, info, none/);
    assert.match(error(['--check', '--min-azs', '0']), /--min-azs expects a whole number of at least 1, not "0"/);
    assert.match(error(['--check', '--eni-budget', '1.5']), /--eni-budget expects a whole number/);
    assert.match(error(['--check', '--var', 'novalue']), /--var expects NAME=VALUE/);
    assert.match(error(['--check', '--var', '1x=2']), /--var expects NAME=VALUE/);
    assert.match(error(['--check', '--rule', 'hcl_syntax']), /--rule expects ID=SEVERITY/);
    assert.match(error(['--check', '--rule', 'hcl_syntax=fatal']), /severity must be one of off, info, warning, error, not "fatal"/);
    assert.match(error(['--check', '--quiet=yes']), /--quiet takes no value/);
    assert.match(error(['--check', '-']), /standard input is not supported/);
  });

  it('takes --explain with every format (the CLI keeps the pictures out of sarif, junit and checkstyle and says so)', () => {
    for (const format of ['text', 'json', 'sarif', 'junit', 'checkstyle']) assert.equal(ok(['--check', '--explain', '--format', format]).explain, true);
  });

  it('requires --check (or --stdio, which main.ts handles)', () => {
    assert.match(error(['.']), /nothing to do: use --check/);
    assert.match(error([]), /nothing to do/);
    assert.match(error(['--check', '--stdio']), /--stdio starts the language server/);
    assert.match(error(['--check', '--socket=5000']), /--socket starts the language server/);
  });

  it('--help lists every option', () => {
    const options = [
      '--check',
      '--recursive',
      '--format',
      '--fix',
      '--fix-unsafe',
      '--explain',
      '--config',
      '--var-file',
      '--var',
      '--rule',
      '--min-azs',
      '--eni-budget',
      '--fail-on',
      '--no-color',
      '--quiet',
      '--version',
      '--help',
      '--stdio',
    ];
    const values: Record<string, string> = {
      '--format': 'json',
      '--config': 'c.json',
      '--var-file': 'v.tfvars',
      '--var': 'a=b',
      '--rule': 'hcl_syntax=off',
      '--min-azs': '2',
      '--eni-budget': '10',
      '--fail-on': 'none',
    };
    for (const o of options) {
      assert.match(HELP, new RegExp(`^  ${o}[ ,]`, 'm'), `--help does not list ${o}`);
      if (o === '--stdio') continue;
      ok(['--check', o, ...(o in values ? [values[o]] : [])]);
    }
    // Every option the parser knows appears in the help text.
    for (const line of HELP.split('\n').filter((l) => /^  -/.test(l))) {
      const opt = line.trim().split(/[ ,]/)[0];
      assert.ok(options.includes(opt), `undocumented in test list: ${opt}`);
    }
  });
});
