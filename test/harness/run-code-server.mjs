#!/usr/bin/env node
// @ts-check
// Integration tests in a real VS Code (code-server), offline, driven by headless chromium.
//   node test/harness/run-code-server.mjs            the mocha suite in the extension host, then the UI checks
//   node test/harness/run-code-server.mjs --suite    only the suite        --ui   only the UI checks
//   --tests DIR  another compiled mocha entry (e.g. out/bench/host)   --grep TEXT  only matching tests    --save-screenshots  also copy screenshots to media/
//   --repeat N   the suite N times, each in a fresh code-server and extension host (for activation timings)
//   --summary FILE  also write {"passed": N, "failed": N} to FILE
// Prints "integration: N passed, N failed" and exits non-zero on any failure.
import fs from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import { ensureCluster } from './cluster.mjs';
import { ensureCodeServer, openWorkbench, repoRoot, startCodeServer } from './code-server.mjs';
import { runUiChecks } from './ui-checks.mjs';

const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const onlyUi = args.includes('--ui');
const onlySuite = args.includes('--suite');
const timeoutMs = Number(process.env.KSERVE_TEST_TIMEOUT_MS ?? 900_000);
const started = Date.now();
const log = (...a) => console.log(`[harness +${((Date.now() - started) / 1000).toFixed(1)}s]`, ...a);
const MOCHA_LINE = /passing|failing|pending|✔|✓|^\s+\d+\) |^\s{2,}\S|^\||^#{2,3} /;

async function runSuite(install, cluster) {
  const resultsFile = path.join(repoRoot, '.test-results', `integration-${process.pid}.json`);
  fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
  fs.rmSync(resultsFile, { force: true });
  const env = { ...cluster.env, EXT_TEST_RESULTS: resultsFile };
  const grep = option('--grep');
  if (grep) env.KSERVE_TEST_GREP = grep;
  const server = await startCodeServer(install, { env, log });
  /** @type {import('playwright-core').BrowserContext | undefined} */
  let browser;
  try {
    const exitCode = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`suite did not finish within ${timeoutMs / 1000} s`)), timeoutMs);
      openWorkbench(install, server, {
        testsPath: path.resolve(repoRoot, option('--tests') ?? 'out/test/integration'),
        onLog: (type, logArgs) => {
          const text = format(...logArgs);
          if (process.env.DEBUG_CONSOLE || MOCHA_LINE.test(text)) (type === 'error' ? console.error : console.log)(text);
        },
        onExit: (code) => { clearTimeout(timer); resolve(code); },
      }).then((opened) => { browser = opened.browser; }, reject);
    });
    const results = fs.existsSync(resultsFile)
      ? JSON.parse(fs.readFileSync(resultsFile, 'utf8'))
      : { passed: [], failed: [{ title: 'extension host', error: `exited ${exitCode} without results` }] };
    for (const f of results.failed) console.log(`  FAILED: ${f.title}\n    ${f.error.split('\n').slice(0, 6).join('\n    ')}`);
    if (exitCode !== 0 && results.failed.length === 0) results.failed.push({ title: 'extension host', error: `exit ${exitCode}` });
    return { passed: results.passed.length, failed: results.failed.length };
  } catch (err) {
    console.error(`suite error: ${err instanceof Error ? err.message : err} (code-server log: ${server.logFile})`);
    return { passed: 0, failed: 1 };
  } finally {
    await browser?.close().catch(() => undefined);
    server.stop();
  }
}

async function main() {
  // On a first run both install or build for minutes: let them overlap.
  const [install, cluster] = await Promise.all([ensureCodeServer(), ensureCluster(log)]);
  log(`code-server ${install.dir}`);
  const totals = { passed: 0, failed: 0 };
  const add = (r) => { totals.passed += r.passed; totals.failed += r.failed; };
  const repeat = Math.max(1, Number(option('--repeat') ?? 1));
  for (let i = 0; i < repeat && !onlyUi; i++) add(await runSuite(install, cluster));
  if (!onlySuite) add(await runUiChecks(install, cluster, { log, saveScreenshots: args.includes('--save-screenshots') }));
  cluster.stop();
  log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`integration: ${totals.passed} passed, ${totals.failed} failed`);
  const summary = option('--summary');
  if (summary) fs.writeFileSync(summary, JSON.stringify(totals));
  process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
}

process.on('SIGINT', () => process.exit(130));
main().catch((err) => {
  console.error(err);
  process.exit(1);
});
