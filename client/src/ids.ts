// Names shared by the extension and scripts/gen-contributes.ts (which writes them into package.json).
// No `vscode` import here: tests and the generator load this file outside VS Code.

/** The `source` of every diagnostic the server publishes. */
export const DIAGNOSTIC_SOURCE = 'lambda-vpc-lint';

/** Settings section (`lambdaVpcLint.*`), also the client id, so `lambdaVpcLint.trace.server` traces the protocol. */
export const CONFIG_SECTION = 'lambdaVpcLint';

/** Output channel and status bar name. */
export const DISPLAY_NAME = 'Lambda VPC Lint';

/** VS Code commands the extension contributes, with their palette titles (category: DISPLAY_NAME). */
export const Commands = {
  checkWorkspace: 'lambdaVpcLint.checkWorkspace',
  showNetworkPicture: 'lambdaVpcLint.showNetworkPicture',
  restartServer: 'lambdaVpcLint.restartServer',
} as const;

export const CommandTitles: Record<(typeof Commands)[keyof typeof Commands], string> = {
  [Commands.checkWorkspace]: 'Check Workspace',
  [Commands.showNetworkPicture]: 'Show Network Picture of Function',
  [Commands.restartServer]: 'Restart Server',
};

/** `workspace/executeCommand` commands the server implements. */
export const ServerCommands = {
  /** No arguments: re-analyse every root. */
  checkWorkspace: 'lambdaVpcLint.checkWorkspace',
  /** One argument `{ uri: string, position: { line, character } }`: the function's network picture as markdown, or null. */
  networkPicture: 'lambdaVpcLint.networkPicture',
} as const;

/** Language ids, the same as HashiCorp's Terraform extension uses, so both extensions work on the same files. */
export const Languages = {
  terraform: 'terraform',
  terraformVars: 'terraform-vars',
} as const;

/** Files the server analyses (configuration in both syntaxes, and variable files) and the config file. */
export const WATCHED_GLOB = '**/*.{tf,tf.json,tofu,tofu.json,tfvars,tfvars.json}';
export const CONFIG_FILE_GLOB = '**/.lambda-vpc-lint.json';
/** JSON-syntax files keep the `json` language id; the document selector picks them by name. */
export const JSON_SUFFIXES = ['tf.json', 'tofu.json', 'tfvars.json'];
