// The one built entry (server/out/main.js, the package's `bin`):
// `--stdio` (or `--node-ipc`, `--socket=N`, as vscode-languageclient passes) starts the LSP server; anything else is the CLI.
import { runCli } from './cli/main';

const argv = process.argv.slice(2);
const lspFlags = ['--stdio', '--node-ipc'];
if (argv.some((a) => lspFlags.includes(a) || a.startsWith('--socket=') || a.startsWith('--clientProcessId'))) {
  // Loaded only for the language server: the CLI does not pay for the LSP packages at start-up.
  (require('./lsp/server') as typeof import('./lsp/server')).startServer();
} else {
  runCli(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`lambda-vpc-lint: internal error: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
