// Command-line arguments of `lambda-vpc-lint` (everything but the LSP flags, which main.ts handles).

import { SEVERITY_SETTINGS } from '../config';
import type { SeveritySetting } from '../rules/types';

export const FORMATS = ['text', 'json', 'sarif', 'junit', 'checkstyle'] as const;
export type Format = (typeof FORMATS)[number];

export const FAIL_ON = ['error', 'warning', 'info', 'none'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export interface CliArgs {
  mode: 'check' | 'help' | 'version';
  /** As given (native, relative to the working directory); defaults to `.`. */
  paths: string[];
  recursive: boolean;
  format: Format;
  fix: 'none' | 'safe' | 'unsafe';
  explain: boolean;
  config?: string;
  /** As given, relative to the working directory. */
  varFiles: string[];
  variables: Record<string, string>;
  rules: Record<string, SeveritySetting>;
  minAzs?: number;
  eniBudget?: number;
  failOn: FailOn;
  noColor: boolean;
  quiet: boolean;
}

export const HELP = `Usage: lambda-vpc-lint --check [options] [PATH...]
       lambda-vpc-lint --stdio

Finds AWS Lambda VPC mistakes in Terraform/OpenTofu code: single-AZ subnets, no egress to the AWS
services a function uses, functions in "public" subnets, needless VPC attachment, ENI quota pressure,
execution roles that cannot create ENIs.

Each PATH is a root module directory (default: .), checked with the local modules it calls.
A file PATH checks that file's module and reports only that file.

Options:
  --check                  Check the PATHs and report findings.
  --recursive              Check every root module below each PATH (directories with Terraform
                           files that no other module there calls).
  --format FORMAT          Output format: text (default), json, sarif, junit or checkstyle.
  --fix                    Apply safe fixes in place, then report what is left.
  --fix-unsafe             Apply safe and unsafe fixes in place.
  --explain                Also print each function's network picture, with the reason for every
                           unknown (text and json formats; the others print a note on stderr).
  --config FILE            Use this configuration file instead of searching for .lambda-vpc-lint.json
                           upwards from each checked directory.
  --var-file FILE          Extra .tfvars or .tfvars.json file for every root module (repeatable).
  --var NAME=VALUE         Value of an input variable for every root module (repeatable).
  --rule ID=SEVERITY       Set a rule's severity: off, info, warning or error (repeatable).
  --min-azs N              Fewest Availability Zones a VPC-attached function must span (default 2).
  --eni-budget N           ENIs the analysed functions may use per Region (default 350).
  --fail-on LEVEL          Exit with status 2 when a finding is at or above LEVEL: error, warning
                           (default), info or none.
  --no-color               No colours in text output (also when NO_COLOR is set or stdout is not a
                           terminal).
  --quiet                  Print only the findings: no summary, no progress.
  --version                Print the version and exit.
  --help, -h               Print this help and exit.
  --stdio                  Start the language server on stdin/stdout (for editors); takes no other
                           options.

Exit status: 0 no finding at or above --fail-on; 2 findings at or above it; 1 the check could not be
done (bad arguments, missing path, invalid configuration).
Command-line options override the configuration file.
`;

const FLAGS = new Set([
  '--check',
  '--recursive',
  '--fix',
  '--fix-unsafe',
  '--explain',
  '--no-color',
  '--quiet',
  '--version',
  '--help',
  '-h',
]);
const VALUED = new Set(['--format', '--config', '--var-file', '--var', '--rule', '--min-azs', '--eni-budget', '--fail-on']);
const LSP_FLAGS = ['--stdio', '--node-ipc', '--socket', '--clientProcessId'];

const RULE_ID = /^[a-z][a-z0-9_]*$/;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export type ParsedArgs = { args: CliArgs } | { error: string };

/** Parses `argv` (without the node and script names). Never throws. */
export function parseArgs(argv: string[]): ParsedArgs {
  const args: CliArgs = {
    mode: 'check',
    paths: [],
    recursive: false,
    format: 'text',
    fix: 'none',
    explain: false,
    varFiles: [],
    variables: {},
    rules: {},
    failOn: 'warning',
    noColor: false,
    quiet: false,
  };
  let check = false;
  let help = false;
  let version = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      args.paths.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      if (arg === '-') return { error: 'reading from standard input is not supported; pass file or directory paths' };
      args.paths.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (LSP_FLAGS.includes(name)) return { error: `${name} starts the language server and cannot be combined with other options` };
    if (FLAGS.has(name)) {
      if (name !== arg) return { error: `${name} takes no value` };
      switch (name) {
        case '--check':
          check = true;
          break;
        case '--recursive':
          args.recursive = true;
          break;
        case '--fix':
          if (args.fix === 'none') args.fix = 'safe';
          break;
        case '--fix-unsafe':
          args.fix = 'unsafe';
          break;
        case '--explain':
          args.explain = true;
          break;
        case '--no-color':
          args.noColor = true;
          break;
        case '--quiet':
          args.quiet = true;
          break;
        case '--version':
          version = true;
          break;
        default:
          help = true;
      }
      continue;
    }
    if (!VALUED.has(name)) return { error: `unknown option ${name}` };
    let value: string;
    if (name !== arg) {
      value = arg.slice(eq + 1);
    } else {
      if (i + 1 >= argv.length) return { error: `${name} needs a value` };
      value = argv[++i];
    }
    const err = applyValued(args, name, value);
    if (err) return { error: err };
  }
  if (help) args.mode = 'help';
  else if (version) args.mode = 'version';
  else if (!check) return { error: 'nothing to do: use --check [PATH...] to lint, or --stdio to start the language server' };
  if (args.paths.length === 0) args.paths.push('.');
  return { args };
}

/** Applies one option that takes a value; returns an error message when the value is bad. */
function applyValued(args: CliArgs, name: string, value: string): string | undefined {
  switch (name) {
    case '--format':
      if (!(FORMATS as readonly string[]).includes(value)) return `--format must be one of ${FORMATS.join(', ')}, not "${value}"`;
      args.format = value as Format;
      return undefined;
    case '--fail-on':
      if (!(FAIL_ON as readonly string[]).includes(value)) return `--fail-on must be one of ${FAIL_ON.join(', ')}, not "${value}"`;
      args.failOn = value as FailOn;
      return undefined;
    case '--config':
      if (value === '') return '--config needs a file name';
      args.config = value;
      return undefined;
    case '--var-file':
      if (value === '') return '--var-file needs a file name';
      args.varFiles.push(value);
      return undefined;
    case '--var': {
      const k = value.indexOf('=');
      const varName = k < 0 ? value : value.slice(0, k);
      if (k < 0 || !VARIABLE_NAME.test(varName)) return `--var expects NAME=VALUE with a variable name, not "${value}"`;
      args.variables[varName] = value.slice(k + 1);
      return undefined;
    }
    case '--rule': {
      const k = value.indexOf('=');
      const id = k < 0 ? value : value.slice(0, k);
      const severity = value.slice(k + 1);
      if (k < 0 || !RULE_ID.test(id)) return `--rule expects ID=SEVERITY with a rule id, not "${value}"`;
      if (!(SEVERITY_SETTINGS as readonly string[]).includes(severity)) {
        return `--rule ${id}: severity must be one of ${SEVERITY_SETTINGS.join(', ')}, not "${severity}"`;
      }
      args.rules[id] = severity as SeveritySetting;
      return undefined;
    }
    default: {
      // --min-azs, --eni-budget
      if (!/^[1-9][0-9]{0,8}$/.test(value)) return `${name} expects a whole number of at least 1, not "${value}"`;
      if (name === '--min-azs') args.minAzs = Number(value);
      else args.eniBudget = Number(value);
      return undefined;
    }
  }
}
