// @ts-check
// npm test: lint and type-check (sources and the JavaScript tools), build, unit tests in plain Node, then integration
// tests inside a real VS Code. Each suite writes a {"passed", "failed"} summary file; the totals are their sum.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const results = path.join(root, '.test-results');
const started = Date.now();
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** @param {string} title */
function step(title) {
  console.log(`\n== ${title} (+${Math.round((Date.now() - started) / 1000)}s)`);
}

/**
 * Runs a command with inherited output; true when it exited 0.
 * @param {string} command @param {string[]} args @param {NodeJS.ProcessEnv} [env]
 */
function run(command, args, env = {}) {
  return spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status === 0;
}

/** @param {string} message */
function stop(message) {
  console.log(message);
  console.log('tests: 0 passed, 1 failed');
  process.exit(1);
}

/**
 * The summary a suite wrote, counting a suite that exited non-zero without failures as one failure.
 * @param {string} file @param {boolean} ok @returns {{ passed: number; failed: number }}
 */
function summary(file, ok) {
  const read = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : { passed: 0, failed: 0 };
  return { passed: read.passed, failed: read.failed + (!ok && read.failed === 0 ? 1 : 0) };
}

step('lint');
if (!run(npx, ['eslint', 'src', 'test', 'bench', 'scripts'])) stop('lint failed');
step('type-check and compile');
fs.rmSync(path.join(root, 'out'), { recursive: true, force: true });
if (!run(npx, ['tsc', '-p', '.', '--outDir', 'out'])) stop('type errors');
if (!run(npx, ['tsc', '-p', 'tsconfig.tools.json'])) stop('type errors in the JavaScript tools');
step('build');
if (!run(process.execPath, ['scripts/build.mjs'])) stop('bundle failed');

fs.mkdirSync(results, { recursive: true });
const unitFile = path.join(results, 'unit-summary.json');
const integrationFile = path.join(results, 'integration-summary.json');
for (const file of [unitFile, integrationFile]) fs.rmSync(file, { force: true });

step(`unit tests (Node ${process.version})`);
const unit = summary(unitFile, run(npx, ['mocha'], { MOCHA_SUMMARY: unitFile }));
step('integration tests (code-server)');
const integration = summary(integrationFile, run(process.execPath, ['test/harness/run-code-server.mjs', '--summary', integrationFile]));

const passed = unit.passed + integration.passed;
const failed = unit.failed + integration.failed;
step(`done: unit ${unit.passed} passed / ${unit.failed} failed, integration ${integration.passed} passed / ${integration.failed} failed`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
