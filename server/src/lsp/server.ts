// The language server: capabilities and wiring between the protocol and the Workspace.
// `startServer()` is called by server/src/main.ts for `--stdio`, `--node-ipc` and `--socket=N`.
//
// stdout is the protocol channel under --stdio: nothing else may write to it. The console is
// routed to stderr before the connection exists (vscode-languageserver then routes it to the
// client's log for --stdio), and the core never prints.

import { format } from 'node:util';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  WatchKind,
  createConnection,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type Position,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Loc } from '../network/types';
import { codeActions, FIX_ALL_KIND, OPEN_DOCS_COMMAND } from './actions';
import { pathToUri, PositionMapper, uriToPath } from './convert';
import { readDiskFile } from './host';
import { hoverAt, networkPictureAt, type HoverSource } from './hover';
import { Workspace, type CheckCounts } from './workspace';

export const Commands = {
  /** No arguments. Re-indexes and re-analyses every folder; returns `CheckCounts`. */
  checkWorkspace: 'lambdaVpcLint.checkWorkspace',
  /** Argument `{ uri, position }`: the hover markdown of the function there, or null. */
  networkPicture: 'lambdaVpcLint.networkPicture',
  /** Argument: the documentation URL. Asks the client to open it (`window/showDocument`); returns whether it did. */
  openDocs: OPEN_DOCS_COMMAND,
} as const;

export const SETTINGS_SECTION = 'lambdaVpcLint';
/** Terraform files, our configuration, and the module manifest `terraform init` writes (read for installed modules). */
const WATCH_GLOBS = ['**/*.{tf,tf.json,tofu,tofu.json,tfvars,tfvars.json}', '**/.lambda-vpc-lint.json', '**/.terraform/modules/modules.json'];

/** `initializationOptions` the server understands (all optional). */
export interface InitializationOptions {
  /** Delay between the last change to a module and its re-analysis, in ms (default 200; tests and benchmarks use 0). */
  debounceMs?: number;
  /** Bound on the parse cache, in MB of source text (default 16). */
  parseCacheMb?: number;
  /** Settings for clients that implement neither `workspace/configuration` nor configuration pushes. */
  settings?: unknown;
}

const DEFAULT_DEBOUNCE_MS = 200;
const DEFAULT_PARSE_CACHE_MB = 16;

function routeConsoleToStderr(): void {
  const toStderr = (...args: unknown[]): void => {
    process.stderr.write(format(...args) + '\n');
  };
  console.log = console.info = console.warn = console.error = console.debug = console.trace = toStderr;
}

export function startServer(): void {
  routeConsoleToStderr();
  // An unexpected exception in a callback is logged; the server stays up for the other files.
  process.on('uncaughtException', (e) => console.error(`lambda-vpc-lint: internal error: ${errorText(e)}`));
  process.on('unhandledRejection', (e) => console.error(`lambda-vpc-lint: internal error: ${errorText(e)}`));
  const connection = createConnection();
  const documents = new TextDocuments(TextDocument);
  new LanguageServer(connection, documents);
  documents.listen(connection);
  connection.listen();
}

class LanguageServer {
  private ws: Workspace | undefined;
  private caps: ClientCapabilities = {};
  /** Settings pushed by `workspace/didChangeConfiguration` (or given at initialisation), for clients without `workspace/configuration`. */
  private pushedSettings: unknown;
  private readonly shownWarnings = new Set<string>();
  /** Resolves when the initial indexing is done (requests that need the whole index wait for it). */
  private ready: Promise<void> = Promise.resolve();

  constructor(private readonly connection: Connection, documents: TextDocuments<TextDocument>) {
    connection.onInitialize((p) => this.initialize(p));
    connection.onInitialized(() => this.initialized());
    connection.onShutdown(() => this.ws?.dispose());
    documents.onDidChangeContent((e) => this.guard('didChange', () => this.documentUpdated(e.document)));
    documents.onDidClose((e) => this.guard('didClose', () => this.documentClosed(e.document)));
    connection.onDidChangeWatchedFiles((p) =>
      this.guardAsync('didChangeWatchedFiles', async () => {
        const changes: { path: string; deleted: boolean }[] = [];
        for (const c of p.changes) {
          const path = uriToPath(c.uri);
          if (path) changes.push({ path, deleted: c.type === FileChangeType.Deleted });
        }
        await this.ws?.filesChanged(changes);
      }),
    );
    connection.onDidChangeConfiguration((p) =>
      this.guardAsync('didChangeConfiguration', async () => {
        const s = (p.settings as Record<string, unknown> | null | undefined)?.[SETTINGS_SECTION];
        if (s !== undefined) this.pushedSettings = s;
        await this.ready;
        await this.ws?.reload();
      }),
    );
    connection.onHover((p) => this.guard('hover', () => {
      const path = uriToPath(p.textDocument.uri);
      return path && this.ws ? hoverAt(this.hoverSource(this.ws), path, p.position) : null;
    }) ?? null);
    connection.onCodeAction((p) => this.guard('codeAction', () => {
      const path = uriToPath(p.textDocument.uri);
      const ws = this.ws;
      if (!path || !ws) return [];
      const version = ws.document(path)?.version ?? null;
      return codeActions(p, {
        uri: p.textDocument.uri,
        file: ws.parsed(path),
        version,
        documentChanges: this.caps.workspace?.workspaceEdit?.documentChanges === true,
        published: ws.diagnosticsOf(path),
      });
    }) ?? []);
    connection.onExecuteCommand(async (p) => {
      try {
        return await this.executeCommand(p.command, p.arguments ?? []);
      } catch (e) {
        this.connection.console.error(`${p.command} failed: ${errorText(e)}`);
        return null;
      }
    });
  }

  private initialize(params: InitializeParams): InitializeResult {
    this.caps = params.capabilities;
    const opts = (params.initializationOptions ?? {}) as InitializationOptions;
    if (opts.settings !== undefined) this.pushedSettings = opts.settings;
    const debounceMs = typeof opts.debounceMs === 'number' && opts.debounceMs >= 0 ? opts.debounceMs : DEFAULT_DEBOUNCE_MS;
    const cacheMb = typeof opts.parseCacheMb === 'number' && opts.parseCacheMb > 0 ? opts.parseCacheMb : DEFAULT_PARSE_CACHE_MB;
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : []);
    const ws = new Workspace(
      {
        debounceMs,
        parseCacheChars: cacheMb * 1024 * 1024,
        relatedInformation: this.caps.textDocument?.publishDiagnostics?.relatedInformation === true,
      },
      {
        publish: (uri, version, diagnostics) => void this.connection.sendDiagnostics({ uri, version, diagnostics }),
        log: (m) => this.connection.console.log(m),
        warn: (m) => this.warnUser(m),
        error: (m) => this.connection.console.error(m),
        settings: (scopeUri) => this.settings(scopeUri),
      },
    );
    this.ws = ws;
    // Folders apply at once, so that files opened before indexing is done map to them.
    ws.addFolders(folderPaths(folders));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        executeCommandProvider: { commands: Object.values(Commands) },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'lambda-vpc-lint' },
    };
  }

  private async initialized(): Promise<void> {
    const ws = this.ws;
    if (!ws) return;
    const c = this.caps;
    if (c.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void this.connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          ...WATCH_GLOBS.map((globPattern) => ({ globPattern })),
          // Deleting a directory reports only the directory: watch deletions of everything.
          { globPattern: '**/*', kind: WatchKind.Delete },
        ],
      });
    }
    if (c.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void this.connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    }
    if (c.workspace?.workspaceFolders) {
      this.connection.workspace.onDidChangeWorkspaceFolders((e) =>
        this.guardAsync('didChangeWorkspaceFolders', async () => {
          await this.ready;
          ws.removeFolders(folderPaths(e.removed).map((f) => f.path));
          await ws.indexFolders(ws.addFolders(folderPaths(e.added)));
        }),
      );
    }
    this.ready = this.withProgress('Indexing', (report) => ws.init(report));
    await this.ready;
  }

  /** Runs `task` with a `window/workDoneProgress` (when the client shows them); never rejects. */
  private async withProgress<T>(title: string, task: (report: (message: string) => void) => Promise<T>): Promise<T | undefined> {
    const progress = await this.connection.window.createWorkDoneProgress().catch(() => undefined);
    progress?.begin(`Lambda VPC Lint: ${title}`, undefined, undefined, false);
    try {
      return await task((m) => progress?.report(m));
    } catch (e) {
      this.connection.console.error(`${title} failed: ${errorText(e)}`);
      return undefined;
    } finally {
      progress?.done();
    }
  }

  private async settings(scopeUri: string | undefined): Promise<unknown> {
    if (this.caps.workspace?.configuration) {
      return this.connection.workspace.getConfiguration(scopeUri ? { scopeUri, section: SETTINGS_SECTION } : { section: SETTINGS_SECTION });
    }
    return this.pushedSettings;
  }

  private warnUser(message: string): void {
    this.connection.console.warn(message);
    if (this.shownWarnings.has(message)) return;
    this.shownWarnings.add(message);
    void this.connection.window.showWarningMessage(`Lambda VPC Lint: ${message}`);
  }

  private documentUpdated(doc: TextDocument): void {
    const path = uriToPath(doc.uri);
    if (path) this.ws?.documentUpdated(path, doc);
  }

  private documentClosed(doc: TextDocument): void {
    const path = uriToPath(doc.uri);
    if (path) this.ws?.documentClosed(path);
  }

  /** What a hover needs; made per request (it remembers the files it maps). */
  private hoverSource(ws: Workspace): HoverSource {
    const mappers = new Map<string, PositionMapper | undefined>();
    return {
      parsed: (p) => ws.parsed(p),
      picturesFor: (p) => ws.picturesFor(p),
      link: (loc: Loc) => {
        const doc = ws.document(loc.file);
        if (!mappers.has(loc.file)) {
          const text = doc ? doc.getText() : readDiskFile(loc.file);
          mappers.set(loc.file, text === undefined ? undefined : new PositionMapper(text));
        }
        const mapper = mappers.get(loc.file);
        if (!mapper) return undefined;
        const line = mapper.position(loc.span.start).line + 1;
        const uri = doc?.uri ?? pathToUri(loc.file);
        return { label: `${loc.file.slice(loc.file.lastIndexOf('/') + 1)}:${line}`, target: `${uri}#L${line}` };
      },
      showPath: (dir) => ws.displayPath(dir),
    };
  }

  private async executeCommand(command: string, args: unknown[]): Promise<unknown> {
    const ws = this.ws;
    if (!ws) return null;
    switch (command) {
      case Commands.checkWorkspace: {
        await this.ready;
        const counts: CheckCounts | undefined = await this.withProgress('Checking the workspace', (report) => ws.checkAll(report));
        return counts ?? null;
      }
      case Commands.networkPicture: {
        const arg = args[0] as { uri?: unknown; position?: Position } | undefined;
        const path = typeof arg?.uri === 'string' ? uriToPath(arg.uri) : undefined;
        if (!path || !isPosition(arg?.position)) return null;
        return networkPictureAt(this.hoverSource(ws), path, arg.position)?.markdown ?? null;
      }
      case Commands.openDocs: {
        const url = args[0];
        // Only web pages: the argument comes back from the client and must not open local files or run anything.
        if (typeof url !== 'string' || !/^https?:\/\//.test(url)) return false;
        if (!this.caps.window?.showDocument?.support) return false;
        const r = await this.connection.window.showDocument({ uri: url, external: true });
        return r.success;
      }
      default:
        return null;
    }
  }

  private guard<T>(what: string, fn: () => T): T | undefined {
    try {
      return fn();
    } catch (e) {
      this.connection.console.error(`${what} failed: ${errorText(e)}`);
      return undefined;
    }
  }

  private guardAsync(what: string, fn: () => Promise<void>): void {
    fn().catch((e: unknown) => this.connection.console.error(`${what} failed: ${errorText(e)}`));
  }
}

function folderPaths(folders: { uri: string }[]): { uri: string; path: string }[] {
  return folders.flatMap((f) => {
    const path = uriToPath(f.uri);
    return path ? [{ uri: f.uri, path }] : [];
  });
}

function isPosition(p: unknown): p is Position {
  const x = p as Position | undefined;
  return typeof x?.line === 'number' && typeof x.character === 'number';
}

function errorText(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}
