// Harness of the real-VS-Code end-to-end test: packages the .vsix, installs it offline into code-server
// (VS Code in the browser, under Node 24), opens a fixture workspace in headless chromium through
// playwright-core and works the UI like a user: the squiggle of a rule finding and its row in the Problems
// panel, the status bar, the rule's quick fix from the light-bulb menu (Ctrl+.), save; then the same for a
// syntax error and its "Ignore" fix, a command from the palette, a hover, the network picture. It returns
// what it saw; server/test/e2e/code-server.test.ts asserts on it.
// Standalone: `node --import tsx scripts/e2e/code-server.ts` prints the result as JSON.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import * as os from 'node:os';
import { OUTPUT, REPO, aptInstalled, ensureAptPackage, ensureCodeServer, ensureNode24, ensurePlaywrightCore, freshDir, log, run, which } from './env';
import { ENI_RULE, eniFixTitle } from './expected';
import { packageVsix } from './vsix';

export const CODE_SERVER_FIXTURE = 'test-fixtures/e2e/vscode';
/** The fixture's file with the rule finding (on the function's `role` line), its function and its role. */
export const RULE_FILE = 'orders.tf';
export const RULE_FUNCTION = 'aws_lambda_function.orders';
export const RULE_ROLE = 'orders';
/** The rule, and the title of its quick fix picked from the light-bulb menu. */
export const RULE_ID = ENI_RULE;
export const RULE_FIX_TITLE = eniFixTitle(RULE_ROLE);
/** The fixture's file with a syntax error (line 8), silenced by the ignore quick fix. */
export const SYNTAX_FILE = 'main.tf';
export const SYNTAX_FIX_TITLE = 'Ignore hcl_syntax for this line';
/** The fixture's file with a function not attached to a VPC, for "Show Network Picture of Function". */
export const PICTURE_FILE = 'function.tf';
export const PICTURE_FUNCTION = 'aws_lambda_function.fn';
const PICTURE_COMMAND = 'Lambda VPC Lint: Show Network Picture of Function';
/**
 * What the hover on RULE_FUNCTION says once the fix is in: its role's ENI permissions are granted (the label
 * may name the actions in parentheses).
 */
export const HOVER_FIXED = /ENI permissions( \([^)]*\))?: granted/i;
/** The newest screenshots, overwritten by each run (the run folder keeps its own copies too). */
export const LATEST_SCREENSHOTS = {
  problem: path.join(OUTPUT, 'code-server-problem.png'),
  fixed: path.join(OUTPUT, 'code-server-fixed.png'),
  picture: path.join(OUTPUT, 'code-server-picture.png'),
  clean: path.join(OUTPUT, 'code-server-clean.png'),
};

/** What the run saw; a field is missing when the run stopped (see `error`) before its step. */
export interface CodeServerResult {
  /** Error squiggles rendered in RULE_FILE's editor before the fix. */
  squiggles?: number;
  /** Rows of the Problems panel before the fix (both files' problems). */
  problemsBefore?: string[];
  /** Our status bar item (its text and accessible label) before the fix. */
  statusBefore?: string;
  /** Entries of the light-bulb (Ctrl+.) menu at the rule's squiggle, and the one applied. */
  quickFixTitles?: string[];
  appliedTitle?: string;
  /** RULE_FILE as copied into the workspace, and on disk after the quick fix and Ctrl+S. */
  fileBefore: string;
  fileAfter?: string;
  /** Rows of the Problems panel once the rule's problem went away (the syntax error is still there). */
  problemsAfterFix?: string[];
  statusAfterFix?: string;
  /** The same for the syntax error in SYNTAX_FILE: menu entries, the one applied, the file before and after. */
  syntaxQuickFixTitles?: string[];
  syntaxAppliedTitle?: string;
  syntaxFileBefore: string;
  syntaxFileAfter?: string;
  /** The notification after "Lambda VPC Lint: Show Network Picture of Function" from the palette on a line with no function. */
  pictureNotice?: string;
  /** The hover on RULE_FUNCTION's header after the fix (its network picture). */
  hover?: string;
  /** The markdown document the palette command opened with the cursor on the function in PICTURE_FILE. */
  pictureMarkdown?: string;
  /** The Problems panel and status bar once both problems are fixed. */
  problemsAfter?: string[];
  statusAfter?: string;
  screenshots: string[];
  /** As listed by `code-server --list-extensions` after installing the .vsix. */
  installedExtensions: string[];
  /** The first UI step that failed, with what it waited for. */
  error?: string;
  dir: string;
  serverLog: string;
}

// The few playwright-core shapes used here (the package lives in the cache, outside the repo's types).
interface Locator {
  count(): Promise<number>;
  first(): Locator;
  nth(i: number): Locator;
  click(opts?: { timeout?: number; force?: boolean }): Promise<void>;
  hover(opts?: { timeout?: number }): Promise<void>;
  innerText(opts?: { timeout?: number }): Promise<string>;
  allInnerTexts(): Promise<string[]>;
  waitFor(opts?: { state?: 'attached' | 'visible' | 'hidden'; timeout?: number }): Promise<void>;
  filter(opts: { hasText: string | RegExp }): Locator;
  getAttribute(name: string): Promise<string | null>;
}
interface Page {
  goto(url: string, opts?: { timeout?: number; waitUntil?: 'load' | 'domcontentloaded' }): Promise<unknown>;
  locator(selector: string): Locator;
  keyboard: { press(key: string): Promise<void>; type(text: string, opts?: { delay?: number }): Promise<void> };
  mouse: { move(x: number, y: number): Promise<void> };
  screenshot(opts: { path: string; fullPage?: boolean }): Promise<unknown>;
  on(event: 'console' | 'pageerror', cb: (arg: { text?: () => string; message?: string }) => void): void;
}
interface Browser {
  newPage(opts?: { viewport?: { width: number; height: number } }): Promise<Page>;
  close(): Promise<void>;
}
interface Playwright {
  chromium: { launch(opts: { executablePath: string; headless: boolean; args: string[]; timeout?: number }): Promise<Browser> };
}

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Settings that keep the workbench quiet and deterministic. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  'editor.lightbulb.enabled': 'on',
  'files.autoSave': 'off',
  'window.restoreWindows': 'none',
};

/**
 * How much longer than usual to wait: the 1-minute load average per core (at least 1, at most 4), or
 * LAMBDA_VPC_LINT_E2E_SLOW. A loaded machine (other test processes) slows VS Code in Chromium a lot, and a
 * timeout there says nothing about the extension.
 */
const SLOWNESS = ((): number => {
  const set = Number(process.env.LAMBDA_VPC_LINT_E2E_SLOW);
  if (Number.isFinite(set) && set > 0) return set;
  return Math.min(4, Math.max(1, os.loadavg()[0] / Math.max(1, os.cpus().length)));
})();

/** A timeout scaled by SLOWNESS. */
function slow(ms: number): number {
  return Math.round(ms * SLOWNESS);
}

/** Polls `probe` until it returns a value (not undefined), retrying on errors; throws naming `what`. */
async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000, intervalMs = 500): Promise<T> {
  timeoutMs = slow(timeoutMs);
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      lastError = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${lastError ? ` (last error: ${lastError})` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Stops a process started with `detached` (its own process group) and everything it spawned. */
async function killGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) return;
  const gone = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return; // already gone
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 5000);
  await gone;
  clearTimeout(timer);
}

export interface CodeServerOptions {
  /** Print the browser console to the log (noisy; for debugging the harness). */
  browserConsole?: boolean;
}

export async function runCodeServer(opts: CodeServerOptions = {}): Promise<CodeServerResult> {
  ensureAptPackage('code-server', 'chromium', () => which('chromium') !== undefined || aptInstalled('chromium'));
  const chromiumPath = which('chromium') ?? '/usr/bin/chromium';
  const node24Bin = ensureNode24();
  const codeServer = ensureCodeServer(node24Bin);
  const playwright = require(ensurePlaywrightCore()) as Playwright;

  const dir = freshDir('code-server');
  const vsix = packageVsix(dir);
  const workspace = path.join(dir, 'workspace');
  cpSync(path.join(REPO, CODE_SERVER_FIXTURE), workspace, { recursive: true });
  const ruleFile = path.join(workspace, RULE_FILE);
  const syntaxFile = path.join(workspace, SYNTAX_FILE);
  const fileBefore = readFileSync(ruleFile, 'utf8');
  const syntaxFileBefore = readFileSync(syntaxFile, 'utf8');

  // Every state folder is private to the run: nothing lands in ~/.config or ~/.local.
  const userData = path.join(dir, 'user-data');
  const extensions = path.join(dir, 'extensions');
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  writeFileSync(path.join(dir, 'config.yaml'), 'auth: none\n');
  const env = {
    ...process.env,
    PATH: `${node24Bin}:${process.env['PATH'] ?? ''}`,
    XDG_CONFIG_HOME: path.join(dir, 'xdg-config'),
    XDG_DATA_HOME: path.join(dir, 'xdg-data'),
    XDG_CACHE_HOME: path.join(dir, 'xdg-cache'),
  };
  const dirFlags = ['--config', path.join(dir, 'config.yaml'), '--user-data-dir', userData, '--extensions-dir', extensions];

  run('code-server', codeServer, [...dirFlags, '--install-extension', vsix], { env });
  const installedExtensions = run('code-server', codeServer, [...dirFlags, '--list-extensions'], { env })
    .stdout.split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  log('code-server', `extensions: ${installedExtensions.join(', ')}`);

  const port = await freePort();
  const serverLog = path.join(dir, 'code-server.log');
  const logStream = createWriteStream(serverLog);
  log('code-server', `starting on 127.0.0.1:${port} (log ${serverLog}); waits scaled by ${SLOWNESS.toFixed(2)} for the load`);
  const child = spawn(
    codeServer,
    [
      ...dirFlags,
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      workspace,
    ],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout!.pipe(logStream);
  child.stderr!.pipe(logStream);

  // Each UI step fills in its part of the result; the first that fails stops the run and is recorded,
  // so the test reports which step broke while the earlier ones still pass.
  const r: CodeServerResult = { fileBefore, syntaxFileBefore, screenshots: [], installedExtensions, dir, serverLog };
  let browser: Browser | undefined;
  let page: Page | undefined;
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitFor('code-server to answer /healthz', async () => {
      if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}; see ${serverLog}`);
      const res = await fetch(`${base}/healthz`);
      return res.ok ? true : undefined;
    });

    log('browser', `launching ${chromiumPath}`);
    browser = await playwright.chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS, timeout: slow(60_000) });
    const pg = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page = pg;
    if (opts.browserConsole) pg.on('console', (m) => log('console', m.text?.() ?? ''));
    pg.on('pageerror', (e) => log('pageerror', e.message ?? ''));

    log('browser', `opening ${base}/?folder=${workspace}`);
    await pg.goto(`${base}/?folder=${encodeURIComponent(workspace)}`, { timeout: slow(60_000), waitUntil: 'domcontentloaded' });
    await pg.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: slow(90_000) });
    await waitFor('the explorer to list the fixture', async () => ((await pg.locator('.explorer-folders-view .monaco-list-row').count()) > 0 ? true : undefined), 90_000);
    log('browser', 'workbench loaded');

    // 1. The rule finding: its squiggle, its row in the Problems panel (beside the syntax error of main.tf,
    // which the server publishes too), the status bar's count.
    await openFile(pg, RULE_FILE);
    r.squiggles = await squiggles(pg);
    log('browser', `${r.squiggles} error squiggle(s) in ${RULE_FILE}`);
    await showProblems(pg);
    r.problemsBefore = await problemsWhen(pg, `rows of ${RULE_ID} and hcl_syntax`, (rows) => hasRow(rows, RULE_ID) && hasRow(rows, 'hcl_syntax'));
    log('browser', `problems: ${JSON.stringify(r.problemsBefore)}`);
    r.statusBefore = await statusText(pg, (t) => /running, 2 error/.test(t));
    log('browser', `status bar: ${r.statusBefore}`);

    // 2. Its quick fix from the light-bulb menu (the "before" screenshot shows the menu open at the squiggle);
    // save; the problem leaves the panel while the syntax error stays.
    const menu = await applyQuickFix(pg, RULE_ID, RULE_FIX_TITLE, () => screenshot(pg, r, '1-problem.png', LATEST_SCREENSHOTS.problem));
    r.quickFixTitles = menu.titles;
    r.appliedTitle = menu.applied;
    r.fileAfter = await save(pg, ruleFile, fileBefore);
    r.problemsAfterFix = await problemsWhen(pg, `the ${RULE_ID} row to disappear`, (rows) => !hasRow(rows, RULE_ID) && hasRow(rows, 'hcl_syntax'));
    r.statusAfterFix = await statusText(pg, (t) => /running, 1 error/.test(t));
    log('browser', `after the fix: problems ${JSON.stringify(r.problemsAfterFix)}, status bar: ${r.statusAfterFix}`);
    await screenshot(pg, r, '2-fixed.png', LATEST_SCREENSHOTS.fixed);

    // 3. The syntax error: its ignore quick fix, the same way.
    await openFile(pg, SYNTAX_FILE);
    await squiggles(pg);
    const syntaxMenu = await applyQuickFix(pg, 'hcl_syntax', SYNTAX_FIX_TITLE);
    r.syntaxQuickFixTitles = syntaxMenu.titles;
    r.syntaxAppliedTitle = syntaxMenu.applied;
    r.syntaxFileAfter = await save(pg, syntaxFile, syntaxFileBefore);

    // 4. A contributed command from the palette, through the extension to the server and back (the cursor is
    // in main.tf, which has no function).
    await runFromPalette(pg, PICTURE_COMMAND);
    r.pictureNotice = await notification(pg, /Lambda VPC Lint/);
    log('browser', `notification: ${r.pictureNotice}`);

    // 5. The hover on the fixed function's header: its network picture, ENI permissions now granted.
    await openFile(pg, RULE_FILE);
    r.hover = await hoverOn(pg, 'aws_lambda_function', HOVER_FIXED);
    log('browser', `hover: ${JSON.stringify(r.hover.slice(0, 300))}`);

    // 6. The network picture of a function: cursor on its block, the command opens a markdown document beside.
    await pg.keyboard.press('Escape');
    await openFile(pg, PICTURE_FILE);
    await pg.locator('.monaco-editor .view-line').filter({ hasText: PICTURE_FUNCTION.split('.')[0]! }).first().click();
    await runFromPalette(pg, PICTURE_COMMAND);
    r.pictureMarkdown = await waitFor(
      'the network picture document',
      // Editors render spaces as U+00A0: normalise whitespace before matching.
      async () => (await pg.locator('.monaco-editor .view-lines').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ')).find((t) => t.includes('Lambda function')),
      30_000,
    );
    log('browser', `network picture: ${JSON.stringify(r.pictureMarkdown.slice(0, 200))}`);
    await screenshot(pg, r, '3-picture.png', LATEST_SCREENSHOTS.picture);

    // 7. Both problems fixed: none of ours is left, and the status bar counts zero.
    r.problemsAfter = await problemsWhen(pg, 'every lambda-vpc-lint problem to disappear', (rows) => !hasRow(rows, 'lambda-vpc-lint'));
    r.statusAfter = await statusText(pg, (t) => /running, 0 error/.test(t));
    log('browser', `at the end: problems ${JSON.stringify(r.problemsAfter)}, status bar: ${r.statusAfter}`);
    await screenshot(pg, r, '4-clean.png', LATEST_SCREENSHOTS.clean);
  } catch (err) {
    r.error = err instanceof Error ? err.message : String(err);
    log('browser', `FAILED: ${r.error}`);
    if (page) await screenshot(page, r, 'failure.png').catch(() => undefined);
  } finally {
    if (browser) await browser.close().catch(() => undefined);
    await killGroup(child);
    logStream.end();
    log('code-server', 'stopped');
  }
  return r;
}

/** Saves a screenshot into the run folder (and, when given, to a fixed path for the newest run). */
async function screenshot(page: Page, r: CodeServerResult, name: string, latest?: string): Promise<void> {
  const file = path.join(r.dir, name);
  await page.screenshot({ path: file });
  r.screenshots.push(file);
  if (latest) cpSync(file, latest);
  log('browser', `screenshot ${file}`);
}

/** Quick Open (Ctrl+P), type the name, Enter; waits for the editor tab. */
async function openFile(page: Page, name: string): Promise<void> {
  await waitFor(
    `the editor tab of ${name}`,
    async () => {
      if ((await page.locator('.tab.active').filter({ hasText: name }).count()) > 0) return true;
      await page.locator('.monaco-workbench').click();
      await page.keyboard.press('Control+P');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: slow(5000) });
      await page.keyboard.type(name, { delay: 20 });
      await page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: name }).first().waitFor({ state: 'visible', timeout: slow(10_000) });
      await page.keyboard.press('Enter');
      await page.locator('.tab.active').filter({ hasText: name }).waitFor({ state: 'visible', timeout: slow(10_000) });
      return true;
    },
    60_000,
    1000,
  );
  log('browser', `opened ${name}`);
}

/** Opens the Problems panel (Ctrl+Shift+M) unless it is showing. */
async function showProblems(page: Page): Promise<void> {
  await waitFor(
    'the Problems panel',
    async () => {
      if ((await page.locator('.markers-panel').count()) > 0) {
        await page.locator('.markers-panel').first().waitFor({ state: 'visible', timeout: slow(1000) });
        return true;
      }
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel').first().waitFor({ state: 'visible', timeout: slow(5000) });
      return true;
    },
    60_000,
    1000,
  );
}

/** Runs a command from the palette (Ctrl+Shift+P) with the focus in the editor. */
async function runFromPalette(page: Page, title: string): Promise<void> {
  await waitFor(
    `the palette entry "${title}"`,
    async () => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+Shift+P');
      await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: slow(5000) });
      await page.keyboard.type(title, { delay: 10 });
      await page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: title }).first().waitFor({ state: 'visible', timeout: slow(10_000) });
      await page.keyboard.press('Enter');
      return true;
    },
    60_000,
    1000,
  );
  log('browser', `ran "${title}" from the palette`);
}

/** The text of the first notification toast matching `re`. */
async function notification(page: Page, re: RegExp): Promise<string> {
  return waitFor(
    `a notification matching ${re}`,
    async () => {
      const texts = await page.locator('.notifications-toasts .notification-toast').allInnerTexts();
      return texts.map((t) => t.replace(/\s+/g, ' ').trim()).find((t) => re.test(t));
    },
    30_000,
  );
}

async function problemRows(page: Page): Promise<string[]> {
  const rows = await page.locator('.markers-panel .monaco-list-row').allInnerTexts();
  return rows.map((r) => r.replace(/\s+/g, ' ').trim()).filter((r) => r !== '');
}

function hasRow(rows: string[], text: string): boolean {
  return rows.some((row) => row.includes(text));
}

/** The Problems panel's rows once `ready` accepts them (the panel is reopened if something closed it). */
async function problemsWhen(page: Page, what: string, ready: (rows: string[]) => boolean): Promise<string[]> {
  let last: string[] = [];
  try {
    return await waitFor(
      what,
      async () => {
        await showProblems(page);
        last = await problemRows(page);
        return ready(last) ? last : undefined;
      },
      90_000,
    );
  } catch (err) {
    throw new Error(`${err instanceof Error ? err.message : String(err)}; the panel last showed ${JSON.stringify(last)}`);
  }
}

/** The number of error squiggles in the active editor, once there is one. */
async function squiggles(page: Page): Promise<number> {
  return waitFor(
    'an error squiggle in the editor',
    async () => {
      const n = await page.locator('.monaco-editor .squiggly-error').count();
      return n > 0 ? n : undefined;
    },
    120_000,
  );
}

/**
 * Waits for the active editor to show unsaved changes, saves with Ctrl+S, and returns the file once the save
 * is over (the tab is clean again: the file is written completely) and the text on disk changed.
 */
async function save(page: Page, file: string, before: string): Promise<string> {
  await waitFor('the editor to show unsaved changes', async () => ((await page.locator('.tab.active.dirty').count()) > 0 ? true : undefined), 30_000);
  await page.keyboard.press('Control+S');
  const after = await waitFor(
    `${path.basename(file)} to be saved to disk`,
    async () => {
      if ((await page.locator('.tab.active.dirty').count()) > 0) return undefined;
      const text = readFileSync(file, 'utf8');
      return text !== before ? text : undefined;
    },
    30_000,
  );
  log('browser', `saved ${path.basename(file)}`);
  return after;
}

/** The text of our status bar item (its name is "Lambda VPC Lint"), once `ready` accepts it. */
async function statusText(page: Page, ready: (text: string) => boolean): Promise<string> {
  let last = '';
  try {
    return await waitFor(
      'the Lambda VPC Lint status bar item',
      async () => {
        const item = page.locator('.statusbar-item').filter({ hasText: 'Lambda VPC' }).first();
        const label = (await item.getAttribute('aria-label')) ?? '';
        last = `${(await item.innerText({ timeout: slow(2000) })).replace(/\s+/g, ' ').trim()} | ${label}`;
        return ready(last) ? last : undefined;
      },
      60_000,
    );
  } catch (err) {
    throw new Error(`${err instanceof Error ? err.message : String(err)}; it last showed "${last}"`);
  }
}

/** The position `[Ln L, Col C]` of the first Problems panel row containing `text`. */
async function problemPosition(page: Page, text: string): Promise<{ line: number; column: number }> {
  const rows = await problemsWhen(page, `a row of ${text}`, (all) => hasRow(all, text));
  const m = /\[Ln (\d+), Col (\d+)\]/.exec(rows.find((row) => row.includes(text))!);
  if (!m) throw new Error(`no position in the Problems panel row of ${text}: ${JSON.stringify(rows)}`);
  return { line: Number(m[1]), column: Number(m[2]) };
}

/**
 * Puts the cursor on the problem whose Problems panel row contains `rowText` (Go to Line, Ctrl+G, at the
 * position the row shows: the squiggle is then in view and the focus in the editor), opens the quick-fix
 * menu there with Ctrl+., the light bulb's, and picks the entry containing `title`. Returns all entries
 * shown and the one applied. The menu is reopened until the entry is there (the server may still be
 * analysing when the squiggle first shows). `onMenu` runs while the menu is open, before the pick.
 */
async function applyQuickFix(
  page: Page,
  rowText: string,
  title: string,
  onMenu: () => Promise<void> = async () => undefined,
): Promise<{ titles: string[]; applied: string }> {
  const at = await problemPosition(page, rowText);
  let titles: string[] = [];
  try {
    const menu = await waitFor(
      `the quick-fix menu with "${title}" at ${at.line}:${at.column}`,
      async () => {
        await page.keyboard.press('Escape');
        await page.locator('.monaco-editor .view-line').first().click({ timeout: slow(5000) });
        await page.keyboard.press('Control+G');
        await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: slow(5000) });
        await page.keyboard.type(`${at.line}:${at.column}`, { delay: 20 });
        await page.keyboard.press('Enter');
        await page.locator('.monaco-editor .squiggly-error').first().waitFor({ state: 'visible', timeout: slow(5000) });
        await page.keyboard.press('Control+.');
        const rows = page.locator('.action-widget .monaco-list-row');
        await rows.first().waitFor({ state: 'visible', timeout: slow(5000) });
        titles = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()).filter((t) => t !== '');
        const entry = rows.filter({ hasText: title }).first();
        if ((await entry.count()) === 0) {
          log('browser', `quick-fix menu without "${title}": ${JSON.stringify(titles)}; retrying`);
          await page.keyboard.press('Escape');
          return undefined;
        }
        const applied = (await entry.innerText()).replace(/\s+/g, ' ').trim();
        await onMenu();
        await entry.click();
        return { titles, applied };
      },
      60_000,
      1500,
    );
    log('browser', `applied quick fix "${menu.applied}" (menu: ${JSON.stringify(menu.titles)})`);
    return menu;
  } catch (err) {
    throw new Error(`${err instanceof Error ? err.message : String(err)}; the menu last showed ${JSON.stringify(titles)}`);
  }
}

/**
 * Hovers the mouse over the first token containing `token` in the active editor and returns the text of the
 * hover (whitespace normalised) once it matches `re`. Moves the mouse away and back until it does.
 */
async function hoverOn(page: Page, token: string, re: RegExp): Promise<string> {
  let last = '';
  try {
    return await waitFor(
      `a hover on "${token}" matching ${re}`,
      async () => {
        await page.keyboard.press('Escape');
        await page.mouse.move(0, 0);
        await page.locator('.monaco-editor .view-line span span').filter({ hasText: token }).first().hover({ timeout: slow(5000) });
        const hover = page.locator('.monaco-hover').filter({ hasText: 'Lambda function' }).first();
        await hover.waitFor({ state: 'visible', timeout: slow(5000) });
        last = (await hover.innerText({ timeout: slow(2000) })).replace(/\s+/g, ' ').trim();
        return re.test(last) ? last : undefined;
      },
      60_000,
      1000,
    );
  } catch (err) {
    throw new Error(`${err instanceof Error ? err.message : String(err)}; the hover last showed ${JSON.stringify(last)}`);
  }
}

if (require.main === module) {
  runCodeServer({ browserConsole: process.argv.includes('--console') }).then(
    (r) => {
      process.stdout.write(JSON.stringify(r, null, 2) + '\n');
      if (r.error) process.exitCode = 1;
    },
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
