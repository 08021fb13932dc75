// Harness of the real-VS-Code end-to-end test: packages the .vsix, installs it offline into code-server
// (VS Code in the browser, under Node 24), opens a fixture workspace in headless chromium through
// playwright-core and works the UI like a user: squiggle, Problems panel, status bar, the quick fix from the
// light-bulb menu (Ctrl+.), save. It returns what it saw; server/test/e2e/code-server.test.ts asserts on it.
// Standalone: `node --import tsx scripts/e2e/code-server.ts` prints the result as JSON.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { OUTPUT, REPO, aptInstalled, ensureAptPackage, ensureCodeServer, ensureNode24, ensurePlaywrightCore, freshDir, log, run, which } from './env';
import { packageVsix } from './vsix';

export const CODE_SERVER_FIXTURE = 'test-fixtures/e2e/vscode';
export const CODE_SERVER_FILE = 'main.tf';
/** The fixture's file with a Lambda function, for "Show Network Picture of Function". */
export const PICTURE_FILE = 'function.tf';
export const PICTURE_FUNCTION = 'aws_lambda_function.fn';
const PICTURE_COMMAND = 'Lambda VPC Lint: Show Network Picture of Function';
/** The newest screenshots, overwritten by each run (the run folder keeps its own copies too). */
export const LATEST_SCREENSHOTS = {
  problem: path.join(OUTPUT, 'code-server-problem.png'),
  fixed: path.join(OUTPUT, 'code-server-fixed.png'),
  picture: path.join(OUTPUT, 'code-server-picture.png'),
};

/** What the run saw; a field is missing when the run stopped (see `error`) before its step. */
export interface CodeServerResult {
  /** Error squiggles rendered in the editor while the file is broken. */
  squiggles?: number;
  /** Rows of the Problems panel while the file is broken. */
  problemsBefore?: string[];
  /** Our status bar item: its text and accessible label. */
  statusBefore?: string;
  /** Entries of the light-bulb (Ctrl+.) menu, and the one applied. */
  quickFixTitles?: string[];
  appliedTitle?: string;
  fileBefore: string;
  /** The file on disk after the quick fix and Ctrl+S. */
  fileAfter?: string;
  /** The notification after "Lambda VPC Lint: Show Network Picture of Function" from the palette on a line with no function. */
  pictureNotice?: string;
  problemsAfter?: string[];
  statusAfter?: string;
  /** The markdown document the same command opened with the cursor on the function in PICTURE_FILE. */
  pictureMarkdown?: string;
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
  screenshot(opts: { path: string; fullPage?: boolean }): Promise<unknown>;
  on(event: 'console' | 'pageerror', cb: (arg: { text?: () => string; message?: string }) => void): void;
  waitForTimeout(ms: number): Promise<void>;
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

/** Polls `probe` until it returns a value (not undefined), retrying on errors; throws naming `what`. */
async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000, intervalMs = 500): Promise<T> {
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
  const file = path.join(workspace, CODE_SERVER_FILE);
  const fileBefore = readFileSync(file, 'utf8');

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
  log('code-server', `starting on 127.0.0.1:${port} (log ${serverLog})`);
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
  const r: CodeServerResult = { fileBefore, screenshots: [], installedExtensions, dir, serverLog };
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
    browser = await playwright.chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
    const pg = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page = pg;
    if (opts.browserConsole) pg.on('console', (m) => log('console', m.text?.() ?? ''));
    pg.on('pageerror', (e) => log('pageerror', e.message ?? ''));

    log('browser', `opening ${base}/?folder=${workspace}`);
    await pg.goto(`${base}/?folder=${encodeURIComponent(workspace)}`, { timeout: 60_000, waitUntil: 'domcontentloaded' });
    await pg.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 90_000 });
    await waitFor('the explorer to list the fixture', async () => ((await pg.locator('.explorer-folders-view .monaco-list-row').count()) > 0 ? true : undefined), 90_000);
    log('browser', 'workbench loaded');

    await openFile(pg, CODE_SERVER_FILE);
    r.squiggles = await waitFor(
      'an error squiggle in the editor',
      async () => {
        const n = await pg.locator('.monaco-editor .squiggly-error').count();
        return n > 0 ? n : undefined;
      },
      120_000,
    );
    log('browser', `${r.squiggles} error squiggle(s)`);

    await showProblems(pg);
    r.problemsBefore = await waitFor(
      'a lambda-vpc-lint row in the Problems panel',
      async () => {
        const rows = await problemRows(pg);
        return rows.some((row) => row.includes('lambda-vpc-lint')) ? rows : undefined;
      },
      60_000,
    );
    log('browser', `problems: ${JSON.stringify(r.problemsBefore)}`);
    const statusBefore = await statusText(pg, (t) => /\d/.test(t));
    r.statusBefore = statusBefore;
    log('browser', `status bar: ${statusBefore}`);
    await screenshot(pg, r, '1-problem.png', LATEST_SCREENSHOTS.problem);

    const menu = await applyIgnoreQuickFix(pg);
    r.quickFixTitles = menu.titles;
    r.appliedTitle = menu.applied;
    log('browser', `applied quick fix "${menu.applied}" (menu: ${JSON.stringify(menu.titles)})`);

    // Save: the file on disk has the fix.
    await waitFor('the editor to show unsaved changes', async () => ((await pg.locator('.tab.active.dirty').count()) > 0 ? true : undefined), 30_000);
    await pg.keyboard.press('Control+S');
    r.fileAfter = await waitFor(
      'the fix to be saved to disk',
      async () => {
        const text = readFileSync(file, 'utf8');
        return text !== fileBefore ? text : undefined;
      },
      30_000,
    );
    log('browser', 'saved');

    // A contributed command from the palette, through the extension to the server and back.
    await runFromPalette(pg, PICTURE_COMMAND);
    r.pictureNotice = await notification(pg, /Lambda VPC Lint/);
    log('browser', `notification: ${r.pictureNotice}`);

    // The network picture of a function: cursor on its block, the command opens a markdown document beside.
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
    await screenshot(pg, r, '2-picture.png', LATEST_SCREENSHOTS.picture);

    // Last, as it waits on the server's re-analysis of the saved main.tf: the problem is gone.
    r.problemsAfter = await waitFor(
      'the lambda-vpc-lint problem to disappear',
      async () => {
        const rows = await problemRows(pg);
        return rows.some((row) => row.includes('lambda-vpc-lint')) ? undefined : rows;
      },
      60_000,
    );
    r.statusAfter = await statusText(pg, (t) => t !== statusBefore);
    log('browser', `after the fix: problems ${JSON.stringify(r.problemsAfter)}, status bar: ${r.statusAfter}`);
    await screenshot(pg, r, '3-fixed.png', LATEST_SCREENSHOTS.fixed);
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
      await input.waitFor({ state: 'visible', timeout: 5000 });
      await page.keyboard.type(name, { delay: 20 });
      await page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: name }).first().waitFor({ state: 'visible', timeout: 10_000 });
      await page.keyboard.press('Enter');
      await page.locator('.tab.active').filter({ hasText: name }).waitFor({ state: 'visible', timeout: 10_000 });
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
        await page.locator('.markers-panel').first().waitFor({ state: 'visible', timeout: 1000 });
        return true;
      }
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel').first().waitFor({ state: 'visible', timeout: 5000 });
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
      await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 5000 });
      await page.keyboard.type(title, { delay: 10 });
      await page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: title }).first().waitFor({ state: 'visible', timeout: 10_000 });
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

/** The text of our status bar item (its name is "Lambda VPC Lint"), once `ready` accepts it. */
async function statusText(page: Page, ready: (text: string) => boolean): Promise<string> {
  return waitFor(
    'the Lambda VPC Lint status bar item',
    async () => {
      const item = page.locator('.statusbar-item').filter({ hasText: 'Lambda VPC' }).first();
      const label = (await item.getAttribute('aria-label')) ?? '';
      const text = `${(await item.innerText({ timeout: 2000 })).replace(/\s+/g, ' ').trim()} | ${label}`;
      return ready(text) ? text : undefined;
    },
    30_000,
  );
}

/**
 * A click on the squiggle puts the cursor (and the focus) on the problem; Ctrl+. then opens the quick-fix
 * menu, the light bulb's. Picks the entry that ignores the finding; returns all entries shown and the one applied.
 */
async function applyIgnoreQuickFix(page: Page): Promise<{ titles: string[]; applied: string }> {
  return waitFor(
    'the quick-fix menu with an "Ignore" entry',
    async () => {
      await page.keyboard.press('Escape');
      // The squiggle is a decoration under the text layer: a forced click lands on the text at its position.
      await page.locator('.monaco-editor .squiggly-error').first().click({ timeout: 5000, force: true });
      await page.keyboard.press('Control+.');
      const rows = page.locator('.action-widget .monaco-list-row');
      await rows.first().waitFor({ state: 'visible', timeout: 5000 });
      const titles = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()).filter((t) => t !== '');
      const ignore = rows.filter({ hasText: /Ignore/i }).first();
      if ((await ignore.count()) === 0) {
        log('browser', `quick-fix menu without an ignore entry: ${JSON.stringify(titles)}; retrying`);
        await page.keyboard.press('Escape');
        return undefined;
      }
      const applied = (await ignore.innerText()).replace(/\s+/g, ' ').trim();
      await ignore.click();
      return { titles, applied };
    },
    60_000,
    1500,
  );
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
