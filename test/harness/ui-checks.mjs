// @ts-check
// UI mode: loads the extension without a test runner and drives the workbench DOM with Playwright.
// Each test/ui/*.ui.mjs exports `name` and a default async function({ page, log, screenshot, cluster }) that throws on failure.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { openWorkbench, repoRoot, startCodeServer } from './code-server.mjs';

let packaged;
function packageVsix(log) {
  if (!packaged) {
    execFileSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
    packaged = path.join(repoRoot, 'dist/kserve-toolkit.vsix');
    log(`packaged ${packaged} (${(fs.statSync(packaged).size / 1024).toFixed(0)} KiB)`);
    // Put the development bundle back for the checks that load the working tree.
    execFileSync('node', ['scripts/build.mjs'], { cwd: repoRoot, stdio: 'ignore' });
  }
  return packaged;
}

export async function runUiChecks(install, cluster, { log, saveScreenshots }) {
  const dir = path.join(repoRoot, 'test/ui');
  const checks = fs.readdirSync(dir).filter((f) => f.endsWith('.ui.mjs')).sort();
  const shots = path.join(repoRoot, '.test-results', 'screenshots');
  fs.mkdirSync(shots, { recursive: true });
  const totals = { passed: 0, failed: 0 };
  for (const file of checks) {
    const check = await import(path.join(dir, file));
    let server;
    let browser;
    try {
      const vsix = check.fromVsix ? packageVsix(log) : undefined;
      server = await startCodeServer(install, { env: cluster.env, log, workspaceFiles: check.workspaceFiles ?? {}, vsix });
      const opened = await openWorkbench(install, server, vsix ? { devPath: '' } : {});
      browser = opened.browser;
      const page = opened.page;
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      const screenshot = async (name) => {
        const target = path.join(shots, name);
        await page.screenshot({ path: target });
        if (saveScreenshots) fs.copyFileSync(target, path.join(repoRoot, 'media', name));
        log(`screenshot ${target}`);
      };
      await check.default({ page, log, screenshot, cluster });
      totals.passed++;
      console.log(`  ✔ ui: ${check.name ?? file}`);
    } catch (err) {
      totals.failed++;
      console.log(`  FAILED: ui: ${check.name ?? file}\n    ${String(err instanceof Error ? err.message : err).split('\n').slice(0, 8).join('\n    ')}`);
      await browser?.pages()[0]?.screenshot({ path: path.join(shots, `failed-${file}.png`) }).catch(() => undefined);
    } finally {
      await browser?.close().catch(() => undefined);
      server?.stop();
    }
  }
  return totals;
}
