// @ts-check
// Starts code-server (a real VS Code) on loopback in throwaway folders and opens its workbench in headless chromium.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

const run = promisify(execFile);
export const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

/** Installs code-server, Node 24 and chromium when missing (cached), and returns where they are. */
export async function ensureCodeServer() {
  // The setup's progress (first run only) goes to stderr, which is passed through; stdout carries the paths.
  const setup = run('bash', [path.join(repoRoot, 'test/harness/setup-code-server.sh')], { maxBuffer: 1 << 24 });
  setup.child.stderr?.pipe(process.stderr);
  const { stdout } = await setup;
  const vars = Object.fromEntries(stdout.trim().split('\n').filter((l) => l.includes('=')).map((l) => l.split('=', 2)));
  return { dir: vars.CODE_SERVER_DIR, node: vars.CODE_SERVER_NODE, chromium: process.env.CHROMIUM || '/usr/bin/chromium' };
}

const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'kserve.walkthrough.openOnFirstRun': false,
};

/**
 * @typedef {object} CodeServerOptions
 * @property {NodeJS.ProcessEnv} [env] reaches the extension host
 * @property {(...args: unknown[]) => void} [log]
 * @property {Record<string, string>} [workspaceFiles]
 * @property {Record<string, unknown>} [userSettings]
 * @property {number} [port]
 * @property {boolean} [installDev]
 * @property {string} [vsix] a VSIX to install instead of the extension under development
 */

/**
 * Starts code-server and resolves once it listens.
 * The returned `stop()` kills the server's whole process group and removes the throwaway folders.
 * @param {{ dir: string; node: string; chromium: string }} install @param {CodeServerOptions} [options]
 */
export async function startCodeServer(install, { env = {}, log = () => undefined, workspaceFiles = {}, userSettings = {}, port = 0, installDev = false, vsix } = {}) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kserve-cs-'));
  const dirs = Object.fromEntries(['userData', 'extensions', 'workspace', 'xdg', 'chrome'].map((d) => [d, path.join(tmp, d)]));
  Object.values(dirs).forEach((d) => fs.mkdirSync(d, { recursive: true }));
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...userSettings }, null, 2));
  if (installDev) {
    // Loads the working tree as an installed extension, so a plain browser tab (no test payload) gets it.
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    fs.symlinkSync(repoRoot, path.join(dirs.extensions, `${pkg.publisher}.${pkg.name}-${pkg.version}`));
  }
  for (const [name, text] of Object.entries(workspaceFiles)) {
    fs.mkdirSync(path.dirname(path.join(dirs.workspace, name)), { recursive: true });
    fs.writeFileSync(path.join(dirs.workspace, name), text);
  }
  const entry = path.join(install.dir, 'node_modules/code-server/out/node/entry.js');
  const common = ['--config', path.join(tmp, 'config.yaml'), '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
  const childEnv = { ...process.env, ...env, XDG_CONFIG_HOME: dirs.xdg, XDG_DATA_HOME: dirs.xdg, XDG_CACHE_HOME: dirs.xdg,
    TMPDIR: tmp, EXTENSIONS_GALLERY: '{}' };
  if (vsix) await run(install.node, [entry, ...common, '--install-extension', vsix], { env: childEnv });
  const server = spawn(install.node, [entry,
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', ...common,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--ignore-last-opened',
    // Without the smoke-test driver the built workbench ignores the ?payload= that carries the test paths.
    '--vscode-option', 'enable-smoke-test-driver'], {
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const serverLog = fs.createWriteStream(path.join(tmp, 'server.log'));
  server.stdout.pipe(serverLog);
  server.stderr.pipe(serverLog);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try { if (server.pid) process.kill(-server.pid, 'SIGTERM'); } catch { /* already gone */ }
    if (!process.env.KEEP_TMP) fs.rmSync(tmp, { recursive: true, force: true });
  };
  process.on('exit', stop);
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not listen within 60 s (log: ${tmp}/server.log)`)), 60_000);
    let seen = '';
    server.stdout.on('data', (chunk) => {
      seen += chunk;
      const match = seen.match(/HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (match) { clearTimeout(timer); resolve(match[1]); }
    });
    server.on('exit', (code) => { clearTimeout(timer); reject(new Error(`code-server exited with ${code}`)); });
  });
  log(`code-server at ${url}`);
  return { url, dirs, tmp, stop, logFile: path.join(tmp, 'server.log') };
}

/**
 * Opens the workbench for `server` in headless Debian chromium with our extension under development.
 * @param {{ chromium: string }} install
 * @param {{ url: string; dirs: Record<string, string> }} server
 * @param {{ testsPath?: string; onLog?: (type: string, args: unknown[]) => void; onExit?: (code: number) => void; devPath?: string }} [options]
 */
export async function openWorkbench(install, server, { testsPath, onLog, onExit, devPath = repoRoot } = {}) {
  const browser = await chromium.launchPersistentContext(server.dirs.chrome, {
    executablePath: install.chromium,
    headless: true,
    viewport: { width: 1400, height: 860 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
      // A headless page counts as hidden: keep its timers and rendering at full speed, as a visible window has.
      '--disable-renderer-backgrounding', '--disable-background-timer-throttling', '--disable-backgrounding-occluded-windows'],
  });
  const page = browser.pages()[0] ?? (await browser.newPage());
  if (process.env.DEBUG_CONSOLE) page.on('console', (m) => console.log('[browser]', m.type(), m.text()));
  // The workbench calls these in smoke-test mode: the extension host's console, and its exit code after the tests.
  await page.exposeFunction('codeAutomationLog', (type, args) => onLog?.(type, args));
  await page.exposeFunction('codeAutomationExit', (code) => onExit?.(code));
  const host = new URL(server.url).host;
  const remote = (p) => `vscode-remote://${host}${p}`;
  const payload = [['skipWelcome', 'true']];
  if (devPath) payload.push(['extensionDevelopmentPath', remote(devPath)]);
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  const url = `${server.url}/?folder=${encodeURIComponent(server.dirs.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  await page.goto(url);
  return { browser, page };
}
