// Runs the same integration suite in desktop VS Code, for machines that can download it.
// Expects a running test cluster (KSERVE_TEST_STATE) like the code-server runner.
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../../..');
  const state = process.env.KSERVE_TEST_STATE ?? path.join(root, '.test-results/cluster');
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out/test/integration/index.js'),
    launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: { KSERVE_TEST_STATE: state, KUBECONFIG: path.join(state, 'kubeconfig') },
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
