// Entry loaded by VS Code's extension host (code-server or desktop via @vscode/test-electron): run(): Promise<void>.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

interface Results {
  passed: string[];
  failed: { title: string; error: string }[];
  pending: string[];
  done: boolean;
  failures?: number;
}

function testFiles(root: string, pattern: RegExp): string[] {
  return fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => pattern.test(f))
    .sort()
    .map((f) => path.join(root, f));
}

export function run(): Promise<void> {
  return runMochaIn(__dirname, /\.test\.js$/);
}

/** Runs every matching file below `root` with mocha; also used by the in-VS Code benchmarks. */
export function runMochaIn(root: string, pattern: RegExp): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  if (process.env.KSERVE_TEST_GREP) mocha.grep(process.env.KSERVE_TEST_GREP);
  for (const file of testFiles(root, pattern)) mocha.addFile(file);
  const resultsFile = process.env.EXT_TEST_RESULTS;
  const results: Results = { passed: [], failed: [], pending: [], done: false };
  const save = () => resultsFile && fs.writeFileSync(resultsFile, JSON.stringify(results, null, 2));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      results.failures = failures;
      results.done = true;
      save();
      if (failures > 0) reject(new Error(`${failures} integration tests failed.`));
      else resolve();
    });
    runner.on('pass', (t) => { results.passed.push(t.fullTitle()); save(); });
    runner.on('pending', (t) => results.pending.push(t.fullTitle()));
    runner.on('fail', (t, err) => {
      results.failed.push({ title: t.fullTitle(), error: String((err as Error)?.stack ?? err) });
      save();
    });
  });
}
