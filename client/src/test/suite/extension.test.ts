// The extension in a real VS Code desktop (run by runTest.ts). The workspace is a copy of
// test-fixtures/e2e/vscode: main.tf has a syntax error on line 8, which the server reports as hcl_syntax.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, DIAGNOSTIC_SOURCE } from '../../ids';

const EXTENSION_ID = 'lambda-vpc-lint.lambda-vpc-lint';
const BROKEN_LINE = 7; // 0-based

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
}

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

describe('Lambda VPC Lint in VS Code', function () {
  this.timeout(120_000);
  let doc: vscode.TextDocument;

  before(async function () {
    const workspace = process.env['LAMBDA_VPC_LINT_TEST_WORKSPACE'];
    assert.ok(workspace, 'runTest.ts passes the workspace folder');
    doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(workspace, 'main.tf')));
    await vscode.window.showTextDocument(doc);
  });

  it('opens .tf files as the terraform language and activates', async function () {
    assert.equal(doc.languageId, 'terraform');
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is loaded`);
    await until('activation', () => (ext.isActive ? true : undefined));
  });

  it('registers its commands', async function () {
    const all = new Set(await vscode.commands.getCommands(true));
    for (const c of Object.values(Commands)) assert.ok(all.has(c), `command ${c}`);
  });

  it('publishes hcl_syntax on the broken line', async function () {
    const diags = await until('diagnostics', () => (ours(doc.uri).length > 0 ? ours(doc.uri) : undefined));
    const d = diags.find((x) => codeOf(x) === 'hcl_syntax');
    assert.ok(d, JSON.stringify(diags.map(codeOf)));
    assert.equal(d.range.start.line, BROKEN_LINE);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
  });

  it('offers "Ignore hcl_syntax for this line"; applying it clears the problem', async function () {
    const d = ours(doc.uri).find((x) => codeOf(x) === 'hcl_syntax');
    assert.ok(d);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const ignore = actions.find((a) => /ignore hcl_syntax/i.test(a.title));
    assert.ok(ignore?.edit, `actions: ${JSON.stringify(actions.map((a) => a.title))}`);
    const before = doc.getText();
    assert.ok(await vscode.workspace.applyEdit(ignore.edit));
    assert.notEqual(doc.getText(), before);
    await until('the problem to go away', () => (ours(doc.uri).length === 0 ? true : undefined));
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(doc.getText(), before);
    await until('the problem to come back after revert', () => (ours(doc.uri).length > 0 ? true : undefined));
  });

  it('Restart Server restarts and the diagnostics come back', async function () {
    await vscode.commands.executeCommand(Commands.restartServer);
    await until('diagnostics after the restart', () => (ours(doc.uri).length > 0 ? true : undefined));
  });

  it('Check Workspace and Show Network Picture run without errors', async function () {
    await vscode.commands.executeCommand(Commands.checkWorkspace);
    // No Lambda function in this file: the command answers with a message, not an error.
    await vscode.commands.executeCommand(Commands.showNetworkPicture);
  });
});
