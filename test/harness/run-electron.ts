// Runs the same integration suite in desktop VS Code, for machines that can download it.
// Expects a running test cluster (KSERVE_TEST_STATE) like the code-server runner.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../../..');
  const state = process.env.KSERVE_TEST_STATE ?? path.join(root, '.test-results/cluster');
  // A fresh profile whose settings keep the first-run walkthrough and the welcome page out of the tests' editors.
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'kserve-electron-'));
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'),
    JSON.stringify({ 'workbench.startupEditor': 'none', 'kserve.walkthrough.openOnFirstRun': false }, null, 2));
  try {
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out/test/integration/index.js'),
      launchArgs: ['--disable-extensions', '--disable-workspace-trust', '--user-data-dir', userData],
      extensionTestsEnv: { KSERVE_TEST_STATE: state, KUBECONFIG: path.join(state, 'kubeconfig') },
    });
  } finally {
    fs.rmSync(userData, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
