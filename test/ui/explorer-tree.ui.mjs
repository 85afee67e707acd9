// @ts-check
// A person opens the KServe view on a cluster with InferenceServices, expands a namespace and reads their status.
import { createRequire } from 'node:module';
import path from 'node:path';

export const name = 'the explorer tree shows seeded InferenceServices with their status';

const require = createRequire(import.meta.url);
const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

export default async function ({ page, log, screenshot, cluster }) {
  const support = require(path.join(repoRoot, 'out/test/support/cluster.js'));
  const testCluster = support.TestCluster.fromStateDir(cluster.state);
  // "a-" sorts before every other namespace, so the row is on screen without scrolling.
  const namespace = await testCluster.createNamespace(support.uniqueName('a-ui'));
  await Promise.all(['bert-sentiment', 'huggingface-t5', 'llama-chat'].map((n) => testCluster.createInferenceService(namespace, n)));
  await Promise.all([
    testCluster.markReady(namespace, 'huggingface-t5'),
    testCluster.setStatus(namespace, 'bert-sentiment', support.failedToLoadStatus('ModelLoadFailed', 'model.safetensors not found in storage')),
    testCluster.setStatus(namespace, 'llama-chat', support.inProgressStatus({ modelState: 'Loading' })),
  ]);
  log(`seeded 3 InferenceServices in ${namespace}`);

  await page.locator('.activitybar .action-item a[aria-label^="KServe"]').first().click();
  const view = page.locator('[id="workbench.parts.sidebar"] .monaco-list');
  const rows = view.locator('.monaco-list-row[role=treeitem]');
  await rows.filter({ hasText: 'kapi' }).first().waitFor({ timeout: 60_000 });
  await rows.filter({ hasText: namespace }).first().click();
  for (const service of ['bert-sentiment', 'huggingface-t5', 'llama-chat']) {
    await rows.filter({ hasText: service }).first().waitFor({ timeout: 30_000 });
  }
  await rows.filter({ hasText: namespace }).filter({ hasText: '3 services' }).first().waitFor({ timeout: 10_000 });
  const texts = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  log(`tree rows: ${JSON.stringify(texts)}`);
  const row = (service) => texts.find((t) => t.startsWith(service)) ?? '';
  const expect = (service, pattern) => {
    if (!pattern.test(row(service))) throw new Error(`row of ${service} is "${row(service)}", expected ${pattern}`);
  };
  expect('huggingface-t5', /Ready/);
  expect('bert-sentiment', /FailedToLoad · ModelLoadFailed/);
  expect('llama-chat', /InProgress/);
  const levels = await rows.filter({ hasText: 'huggingface-t5' }).first().getAttribute('aria-level');
  if (levels !== '3') throw new Error(`a service sits at level 3 (context → namespace → service), got ${levels}`);
  await rows.filter({ hasText: 'huggingface-t5' }).first().hover();
  await screenshot('screenshot-explorer-tree.png');
  await testCluster.cleanup();
}
