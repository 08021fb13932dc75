// A real JSON-RPC client for the protocol tests: spawns `node server/out/main.js --stdio`, speaks
// LSP over the child's stdio through vscode-languageserver-protocol, answers the server's requests
// (configuration, registrations, progress, showDocument) and records everything the server sends,
// including the raw bytes of its stdout (which must be nothing but protocol frames).

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExecuteCommandRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowDocumentRequest,
  ShowMessageNotification,
  ShowMessageRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
  type ClientCapabilities,
  type ConfigurationItem,
  type Diagnostic,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Registration,
  type TextDocumentContentChangeEvent,
  type WorkspaceFolder,
} from 'vscode-languageserver-protocol/node';

export const REPO = path.resolve(__dirname, '../../..');
export const SERVER_JS = path.join(REPO, 'server/out/main.js');
export const FIXTURES = path.join(REPO, 'test-fixtures/lsp');

/** Builds server/out/main.js when it is missing or older than any server source file. */
export function ensureBuilt(): void {
  const newest = newestMtime(path.join(REPO, 'server/src'));
  const built = fs.existsSync(SERVER_JS) ? fs.statSync(SERVER_JS).mtimeMs : 0;
  if (built >= newest) return;
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

const copies: string[] = [];

/** A fresh copy of test-fixtures/lsp/<name> in a temporary directory (tests edit and delete files). */
export function copyFixture(name: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `lvl-lsp-${name}-`)));
  fs.cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  copies.push(dir);
  return dir;
}

/** Removes the copies made by `copyFixture` (an `after` hook). */
export function removeFixtureCopies(): void {
  for (const dir of copies.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export function fileUri(p: string): string {
  return 'file://' + p.split('/').map(encodeURIComponent).join('/');
}

export interface StartOptions {
  folders?: string[];
  /** `rootUri` only, no workspace folders (older clients); null with no folders: a single-file session. */
  rootOnly?: boolean;
  initializationOptions?: Record<string, unknown>;
  /** `lambdaVpcLint` settings returned to `workspace/configuration` (mutable through `settings`). */
  settings?: Record<string, unknown>;
  capabilities?: ClientCapabilities;
}

const FULL_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeWatchedFiles: { dynamicRegistration: true },
    didChangeConfiguration: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true },
  },
  window: { workDoneProgress: true, showDocument: { support: true } },
  textDocument: {
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    synchronization: { dynamicRegistration: false },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
};

interface Waiter {
  uri: string;
  pred: (p: PublishDiagnosticsParams) => boolean;
  resolve: (p: PublishDiagnosticsParams) => void;
}

export class TestClient {
  readonly connection: ProtocolConnection;
  readonly child: ChildProcess;
  /** Every publishDiagnostics, in arrival order. */
  readonly published: PublishDiagnosticsParams[] = [];
  readonly registrations: Registration[] = [];
  readonly progressCreated: string[] = [];
  readonly progress: { token: string | number; value: { kind: string; message?: string; title?: string } }[] = [];
  readonly shownDocuments: { uri: string; external?: boolean }[] = [];
  readonly logs: string[] = [];
  /** window/showMessage notifications and window/showMessageRequest requests. */
  readonly messages: string[] = [];
  readonly configurationRequests: ConfigurationItem[] = [];
  /** Raw stdout of the server. */
  readonly stdout: Buffer[] = [];
  stderr = '';
  settings: Record<string, unknown>;
  /** How long a wait for diagnostics may take before it fails with the server's output (a hang guard, not a timing assertion). */
  waitMs = 20_000;
  exitCode: number | null | undefined;
  private readonly waiters: Waiter[] = [];
  private readonly versions = new Map<string, number>();
  private readonly exited: Promise<number | null>;

  private constructor(readonly opts: StartOptions) {
    this.settings = opts.settings ?? {};
    this.child = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve((this.exitCode = code))));
    this.child.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    const tee = new PassThrough();
    this.child.stdout!.on('data', (d: Buffer) => {
      this.stdout.push(d);
      tee.write(d);
    });
    this.child.stdout!.on('end', () => tee.end());
    const reader = new StreamMessageReader(tee);
    // A server killed in the middle of a message would leave the reader's partial-message timer
    // re-arming every 10 s for ever, and mocha would never exit.
    reader.partialMessageTimeout = 0;
    this.connection = createProtocolConnection(reader, new StreamMessageWriter(this.child.stdin!));
    const c = this.connection;
    c.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.push(p);
      for (const w of [...this.waiters]) {
        if (w.uri === p.uri && w.pred(p)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(p);
        }
      }
    });
    c.onNotification(LogMessageNotification.type, (p) => {
      this.logs.push(p.message);
    });
    c.onNotification(ShowMessageNotification.type, (p) => {
      this.messages.push(p.message);
    });
    c.onRequest(ConfigurationRequest.type, (p) => {
      this.configurationRequests.push(...p.items);
      return p.items.map((i) => (i.section === 'lambdaVpcLint' ? this.settings : null));
    });
    c.onRequest(RegistrationRequest.type, (p) => {
      this.registrations.push(...p.registrations);
    });
    c.onRequest(WorkDoneProgressCreateRequest.type, (p) => {
      this.progressCreated.push(String(p.token));
    });
    c.onNotification('$/progress', (p: TestClient['progress'][number]) => {
      this.progress.push(p);
    });
    c.onRequest(ShowDocumentRequest.type, (p) => {
      this.shownDocuments.push({ uri: p.uri, external: p.external });
      return { success: true };
    });
    c.onRequest(ShowMessageRequest.type, (p) => {
      this.messages.push(p.message);
      return null;
    });
    c.listen();
  }

  static async start(opts: StartOptions = {}): Promise<{ client: TestClient; init: InitializeResult }> {
    const client = new TestClient(opts);
    const folders: WorkspaceFolder[] = (opts.folders ?? []).map((f) => ({ uri: fileUri(f), name: path.basename(f) }));
    const init = await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folders[0]?.uri ?? null,
      workspaceFolders: opts.rootOnly ? null : folders.length > 0 ? folders : null,
      capabilities: opts.capabilities ?? FULL_CAPABILITIES,
      initializationOptions: { debounceMs: 0, ...(opts.initializationOptions ?? {}) },
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    return { client, init };
  }

  /**
   * Resolves with the first publish for `uri` that satisfies `pred`, among those received from
   * index `since` on (take `published.length` before an action to wait for its effect).
   */
  diagnostics(uri: string, pred: (p: PublishDiagnosticsParams) => boolean = () => true, since = 0): Promise<PublishDiagnosticsParams> {
    for (let i = since; i < this.published.length; i++) {
      const p = this.published[i];
      if (p.uri === uri && pred(p)) return Promise.resolve(p);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        const seen = this.published.filter((p) => p.uri === uri).map((p) => ({ version: p.version, diagnostics: p.diagnostics.map((d) => `${String(d.code)}@${d.range.start.line}`) }));
        reject(new Error(`no matching publishDiagnostics for ${uri} within ${this.waitMs} ms; received for it: ${JSON.stringify(seen)}\nserver stderr:\n${this.stderr}\nserver log:\n${this.logs.join('\n')}`));
      }, this.waitMs);
      const waiter: Waiter = {
        uri,
        pred,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** The last publish for `uri`, if any. */
  last(uri: string): PublishDiagnosticsParams | undefined {
    for (let i = this.published.length - 1; i >= 0; i--) if (this.published[i].uri === uri) return this.published[i];
    return undefined;
  }

  async open(file: string, text = fs.readFileSync(file, 'utf8'), languageId = 'terraform'): Promise<string> {
    const uri = fileUri(file);
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  /** Sends one didChange with these (incremental or full) changes; returns the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async watched(changes: { uri: string; type: 1 | 2 | 3 }[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  async configurationChanged(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { lambdaVpcLint: settings } });
  }

  command<T>(command: string, ...args: unknown[]): Promise<T> {
    return this.connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }) as Promise<T>;
  }

  /** shutdown + exit; resolves with the exit code. */
  async stop(): Promise<number | null> {
    if (this.exitCode === undefined) {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    }
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }

  /** Kills the server if a test left it running, and lets go of its pipes. */
  kill(): void {
    this.connection.dispose();
    if (this.exitCode === undefined) this.child.kill('SIGKILL');
    this.child.stdin?.destroy();
    this.child.stdout?.destroy();
    this.child.stderr?.destroy();
  }

  whenExited(): Promise<number | null> {
    return this.exited;
  }

  /**
   * Checks that stdout held nothing but LSP frames (`Content-Length` header, blank line, a
   * JSON-RPC 2.0 message of exactly that length); returns the number of complete frames. While the
   * server runs, the last frame may still be arriving: its received part must fit the pattern.
   */
  checkStdoutIsProtocolOnly(): number {
    const buf = Buffer.concat(this.stdout);
    const running = this.exitCode === undefined;
    let i = 0;
    let frames = 0;
    while (i < buf.length) {
      const headerEnd = buf.indexOf('\r\n\r\n', i);
      if (headerEnd < 0) {
        const rest = buf.subarray(i).toString('ascii');
        if (running && ('content-length: '.startsWith(rest.toLowerCase()) || /^Content-Length: \d+(\r(\n\r?)?)?$/i.test(rest))) break;
        throw new Error(`stdout: bytes after the last frame: ${JSON.stringify(buf.subarray(i, i + 200).toString())}`);
      }
      const header = buf.subarray(i, headerEnd).toString('ascii');
      const m = /^Content-Length: (\d+)(\r\nContent-Type: [^\r\n]+)?$/i.exec(header);
      if (!m) throw new Error(`stdout: not an LSP header: ${JSON.stringify(header.slice(0, 200))}`);
      const start = headerEnd + 4;
      if (start + Number(m[1]) > buf.length) {
        if (running) break;
        throw new Error('stdout: the last frame is cut short');
      }
      const body = buf.subarray(start, start + Number(m[1])).toString('utf8');
      const msg = JSON.parse(body) as { jsonrpc?: string };
      if (msg.jsonrpc !== '2.0') throw new Error(`stdout: not JSON-RPC 2.0: ${body.slice(0, 200)}`);
      i = start + Number(m[1]);
      frames++;
    }
    return frames;
  }
}

export function codes(d: Diagnostic[]): string[] {
  return d.map((x) => String(x.code));
}

/** The lines of the hcl_syntax diagnostics (other rules may report on the same fixtures). */
export function syntaxLines(d: Diagnostic[]): number[] {
  return d.filter((x) => x.code === 'hcl_syntax').map((x) => x.range.start.line);
}
