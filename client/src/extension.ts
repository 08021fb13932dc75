// The VS Code extension: starts the bundled language server, registers the three commands and keeps a
// status bar item with the workspace's problem counts. All analysis happens in the server.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  ExecuteCommandRequest,
  LanguageClient,
  State,
  TransportKind,
  type DocumentSelector,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  CONFIG_FILE_GLOB,
  CONFIG_SECTION,
  Commands,
  DIAGNOSTIC_SOURCE,
  DISPLAY_NAME,
  JSON_SUFFIXES,
  Languages,
  ServerCommands,
  WATCHED_GLOB,
} from './ids';
import { answerConfiguration, contributedKeys, explicitSettings } from './settings';

/** Terraform/OpenTofu documents on disk and untitled ones; JSON-syntax files by name (they keep the `json` language). */
function documentSelector(): DocumentSelector {
  const selector: DocumentSelector = [];
  for (const scheme of ['file', 'untitled']) {
    selector.push({ scheme, language: Languages.terraform }, { scheme, language: Languages.terraformVars });
    for (const suffix of JSON_SUFFIXES) selector.push({ scheme, pattern: `**/*.${suffix}` });
  }
  return selector;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel(DISPLAY_NAME, { log: true });
  const status = new StatusItem();
  context.subscriptions.push(output, status);

  const serverModule = context.asAbsolutePath(path.join('server', 'out', 'main.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    // Launch configurations with a debug session talk over stdio (the server gets `--stdio`) and can attach an inspector.
    debug: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  // The server merges our settings over the nearest .lambda-vpc-lint.json, so it must get only the values the
  // user set: VS Code's own answer would bring every default along and override the file (client/src/settings.ts).
  const settingKeys = contributedKeys(context.extension.packageJSON, CONFIG_SECTION);
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    outputChannel: output,
    diagnosticCollectionName: DIAGNOSTIC_SOURCE,
    middleware: {
      workspace: {
        configuration: async (params, token, next) => {
          const defaults = await next(params, token);
          if (!Array.isArray(defaults)) return defaults; // an error answer: pass it on
          return answerConfiguration(params.items, defaults, CONFIG_SECTION, (scopeUri) => {
            const config = vscode.workspace.getConfiguration(CONFIG_SECTION, scopeUri === undefined ? undefined : vscode.Uri.parse(scopeUri));
            return explicitSettings(settingKeys, (key) => config.inspect(key));
          });
        },
      },
    },
    synchronize: {
      configurationSection: CONFIG_SECTION,
      fileEvents: [
        vscode.workspace.createFileSystemWatcher(WATCHED_GLOB),
        vscode.workspace.createFileSystemWatcher(CONFIG_FILE_GLOB),
      ],
    },
  };
  const lc = new LanguageClient(CONFIG_SECTION, DISPLAY_NAME, serverOptions, clientOptions);
  client = lc;
  keepOwnCommandsFromServer(lc);

  context.subscriptions.push(
    lc.onDidChangeState((e) => status.setState(e.newState)),
    vscode.languages.onDidChangeDiagnostics(() => status.refreshCounts()),
    vscode.commands.registerCommand(Commands.checkWorkspace, () => checkWorkspace(lc)),
    vscode.commands.registerCommand(Commands.showNetworkPicture, () => showNetworkPicture(lc)),
    vscode.commands.registerCommand(Commands.restartServer, () => restartServer(lc, output)),
  );

  status.setState(State.Starting);
  try {
    await lc.start();
  } catch (err) {
    // The client already logged the cause to the output channel; say where to look.
    status.setState(State.Stopped);
    output.error(`Failed to start the server (${serverModule}): ${message(err)}`);
    void vscode.window.showErrorMessage(`Lambda VPC Lint: the server did not start (${message(err)}). See the "Lambda VPC Lint" output.`);
  }
}

export async function deactivate(): Promise<void> {
  const lc = client;
  client = undefined;
  if (lc?.state === State.Running) await lc.stop();
}

/**
 * vscode-languageclient registers a VS Code command for every command the server lists in
 * `executeCommandProvider`. `lambdaVpcLint.checkWorkspace` is both a server command and one of ours, and a
 * second registration of an id throws (which would fail the client's start), so ours are left out of that list.
 */
function keepOwnCommandsFromServer(lc: LanguageClient): void {
  const own = new Set<string>(Object.values(Commands));
  const feature = lc.getFeature(ExecuteCommandRequest.method);
  const register = feature.register.bind(feature);
  feature.register = (data) => {
    const commands = (data.registerOptions.commands ?? []).filter((c) => !own.has(c));
    register({ ...data, registerOptions: { ...data.registerOptions, commands } });
  };
}

async function checkWorkspace(lc: LanguageClient): Promise<void> {
  if (!isRunning(lc)) return;
  const counts: unknown = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Lambda VPC Lint: checking' }, () =>
    lc.sendRequest(ExecuteCommandRequest.type, { command: ServerCommands.checkWorkspace, arguments: [] }),
  );
  // The server answers with counts ({ files, errors, warnings, ... }); the Problems panel has the details.
  const n = (key: string): number | undefined => {
    const v = typeof counts === 'object' && counts !== null ? (counts as Record<string, unknown>)[key] : undefined;
    return typeof v === 'number' ? v : undefined;
  };
  const [files, errors, warnings] = [n('files'), n('errors'), n('warnings')];
  if (files !== undefined && errors !== undefined && warnings !== undefined) {
    vscode.window.setStatusBarMessage(`Lambda VPC Lint: checked ${files} file(s): ${errors} error(s), ${warnings} warning(s)`, 10_000);
  }
}

async function showNetworkPicture(lc: LanguageClient): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Lambda VPC Lint: open a Terraform file and put the cursor on a Lambda function.');
    return;
  }
  if (!isRunning(lc)) return;
  const arg = {
    uri: lc.code2ProtocolConverter.asUri(editor.document.uri),
    position: lc.code2ProtocolConverter.asPosition(editor.selection.active),
  };
  const markdown: unknown = await lc.sendRequest(ExecuteCommandRequest.type, { command: ServerCommands.networkPicture, arguments: [arg] });
  if (typeof markdown !== 'string' || markdown.trim() === '') {
    void vscode.window.showInformationMessage('Lambda VPC Lint: no Lambda function at the cursor.');
    return;
  }
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
}

async function restartServer(lc: LanguageClient, output: vscode.LogOutputChannel): Promise<void> {
  output.info('Restarting the server on request.');
  try {
    // A client that never started (or failed to) cannot be stopped: start it instead.
    if (lc.state === State.Running) await lc.restart();
    else if (lc.state !== State.Starting) await lc.start();
  } catch (err) {
    void vscode.window.showErrorMessage(`Lambda VPC Lint: restart failed (${message(err)}).`);
  }
}

function isRunning(lc: LanguageClient): boolean {
  if (lc.state === State.Running) return true;
  void vscode.window.showWarningMessage('Lambda VPC Lint: the server is not running. Use "Lambda VPC Lint: Restart Server".');
  return false;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Status bar: server state, and the errors/warnings the server reports across the workspace. Click: Problems. */
class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('lambdaVpcLint.status', vscode.StatusBarAlignment.Left, 0);
  private state: State = State.Stopped;
  private pending: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    this.item.name = DISPLAY_NAME;
    this.item.command = 'workbench.actions.view.problems';
    this.render();
    this.item.show();
  }

  setState(state: State): void {
    this.state = state;
    this.render();
  }

  /** Diagnostics change in bursts (one event per file); count once the burst is over. */
  refreshCounts(): void {
    if (this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.render();
    }, 100);
  }

  dispose(): void {
    if (this.pending) clearTimeout(this.pending);
    this.item.dispose();
  }

  private render(): void {
    let errors = 0;
    let warnings = 0;
    for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
      for (const d of diagnostics) {
        if (d.source !== DIAGNOSTIC_SOURCE) continue;
        if (d.severity === vscode.DiagnosticSeverity.Error) errors++;
        else if (d.severity === vscode.DiagnosticSeverity.Warning) warnings++;
      }
    }
    const label = 'Lambda VPC';
    let description: string;
    switch (this.state) {
      case State.Starting:
        this.item.text = `$(sync~spin) ${label}`;
        description = 'starting';
        break;
      case State.Running:
        this.item.text = `$(error) ${errors} $(warning) ${warnings} ${label}`;
        description = `running, ${errors} error(s), ${warnings} warning(s) in the workspace`;
        break;
      default:
        this.item.text = `$(circle-slash) ${label}`;
        description = 'stopped; run "Lambda VPC Lint: Restart Server"';
    }
    // The same words for the tooltip and for screen readers (the e2e test reads the latter).
    this.item.tooltip = `${DISPLAY_NAME}: ${description}`;
    this.item.accessibilityInformation = { label: `${DISPLAY_NAME}: ${description}` };
  }
}
