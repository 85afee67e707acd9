#!/usr/bin/env node
// @ts-check
/// <reference lib="dom" />
// Takes the README screenshots from the sandbox (cluster, seeded InferenceServices, simulated T5, code-server) into media/.
//   node scripts/build.mjs && npx tsc -p . --outDir out && node test/sandbox/screenshots.mjs
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ensureCluster } from '../harness/cluster.mjs';
import { ensureCodeServer, openWorkbench, repoRoot, startCodeServer } from '../harness/code-server.mjs';
import { SAMPLE_MANIFEST, startSimulatorProcess, writeWorkspace } from './sandbox.mjs';
import { seedLlmSandbox, seedSandbox, seedTroubleshooting } from './seed.mjs';

const started = Date.now();
const log = (...a) => console.log(`[screenshots +${((Date.now() - started) / 1000).toFixed(1)}s]`, ...a);
const media = path.join(repoRoot, 'media');
const stops = [];
const stopAll = () => { while (stops.length) { try { stops.pop()(); } catch { /* keep stopping the rest */ } } };

// The sandbox's manifest with one mistake: `modelformat` for `modelFormat`.
const MANIFEST_WITH_MISTAKE = SAMPLE_MANIFEST.replace('modelFormat:', 'modelformat:');

async function main() {
  const install = await ensureCodeServer();
  process.env.KSERVE_TEST_STATE = path.join(repoRoot, '.sandbox', 'screenshots-cluster');
  let cluster;
  try {
    cluster = await ensureCluster(log);
  } catch (err) {
    // up.sh stopped halfway (or was interrupted): stop what it had started there.
    spawnSync('bash', [path.join(repoRoot, 'test/cluster/down.sh'), process.env.KSERVE_TEST_STATE, '--wipe'], { stdio: 'inherit' });
    throw err;
  }
  stops.push(cluster.stop);
  const simulatorUrl = await startSimulatorProcess(stops);
  log(`simulated T5 endpoint at ${simulatorUrl}`);
  log(`InferenceServices: ${(await seedSandbox(cluster.state)).join(', ')}`);
  log(`LLMInferenceServices: ${(await seedLlmSandbox(cluster.state)).join(', ')}`);
  const troubleshooting = await seedTroubleshooting(cluster.state);
  stops.push(() => void troubleshooting.stop());
  log(`not Ready: ${troubleshooting.seeded.join(', ')}`);
  const server = await startCodeServer(install, {
    env: cluster.env,
    installDev: true,
    log,
    workspaceFiles: { 'inference-service.yaml': MANIFEST_WITH_MISTAKE },
    userSettings: {
      'kserve.ingress.url': simulatorUrl,
      'workbench.colorTheme': 'Default Light Modern',
      // Noise in a picture: a light bulb beside the translated sentence, a "Ports 1" badge for a port seen in passing.
      'editor.lightbulb.enabled': 'off',
      'remote.autoForwardPorts': false,
    },
  });
  stops.push(server.stop);
  writeWorkspace(server.dirs.workspace);
  const { browser, page } = await openWorkbench(install, server, { devPath: '' });
  try {
    await takeScreenshots(page);
  } catch (err) {
    const failed = path.join(repoRoot, '.sandbox', 'screenshots-failed.png');
    await page.screenshot({ path: failed }).then(() => log(`page at the failure: ${failed}`), () => undefined);
    throw err;
  } finally {
    await browser.close().catch(() => undefined);
  }
}

async function takeScreenshots(page) {
  const save = async (name) => {
    // Let hovers finish fading in; spinners run forever, so only finite animations count.
    await page.evaluate(() => Promise.all(document.getAnimations()
      .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity).map((a) => a.finished.catch(() => undefined))));
    await page.screenshot({ path: path.join(media, name) });
    log(`saved media/${name}`);
  };
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  // VS Code's walkthrough service starts when a walkthrough is first shown and counts the steps done from then on.
  await openWalkthrough(page);
  await page.locator('.activitybar .action-item a[aria-label^="KServe"]').first().click({ timeout: 60_000 });
  const sidebar = page.locator('[id="workbench.parts.sidebar"]');
  const rows = sidebar.locator('.monaco-list-row[role=treeitem]');
  const row = (level, text) => rows.and(page.locator(`[aria-level="${level}"]`)).filter({ hasText: text }).first();
  await row(2, 'team-a').waitFor({ timeout: 60_000 });
  // Hide the kube-* namespaces the way a user would: the view's namespace filter.
  await sidebar.locator('.action-label[aria-label^="Select Namespaces"]').first().click();
  const pick = (label, checked) => page.locator(`.quick-input-widget .monaco-list-row[aria-checked="${checked}"]`)
    .filter({ hasText: label }).first();
  for (const [label, checked] of [['All namespaces', true], ['default', false], ['team-a', false], ['team-b', false], ['troubleshooting', false], ['llm-demo', false]]) {
    await pick(label, checked).click({ timeout: 10_000 });
    await pick(label, !checked).waitFor({ timeout: 5_000 });
  }
  await page.keyboard.press('Enter');
  await row(2, 'kube-system').waitFor({ state: 'detached', timeout: 10_000 });
  for (const namespace of ['default', 'team-a']) {
    await row(2, namespace).click();
    await row(2, namespace).locator('.monaco-tl-twistie.collapsible:not(.collapsed)').waitFor({ timeout: 10_000 });
  }
  const t5 = row(3, 'huggingface-t5');
  await t5.filter({ hasText: 'Ready' }).waitFor({ timeout: 30_000 });
  await row(3, 'sklearn-iris').filter({ hasText: 'InProgress' }).waitFor({ timeout: 30_000 });
  await row(3, 'llama3-vllm').filter({ hasText: 'FailedToLoad' }).waitFor({ timeout: 30_000 });
  await widenSidebar(page, sidebar, 460);

  // 1. huggingface-t5 chosen for translation, its details and live manifest; the failed service's tooltip.
  await t5.click({ button: 'right' });
  // A click right after the menu opens can be taken for the end of the right-click: focus the entry, press Enter.
  const useForTranslation = page.locator('.monaco-menu .action-item', { hasText: 'Use Service for Translation' }).first();
  await useForTranslation.hover({ timeout: 10_000 });
  await page.locator('.monaco-menu .action-item.focused', { hasText: 'Use Service for Translation' }).waitFor({ timeout: 5_000 });
  await page.keyboard.press('Enter');
  const target = page.locator('.statusbar-item', { hasText: /default\/huggingface-t5/ }).first();
  await target.waitFor({ timeout: 15_000 });
  await t5.click();
  await row(4, 'Model format').waitFor({ timeout: 15_000 });
  await t5.hover();
  await t5.locator('.action-label[aria-label="Open Live Manifest"]').click({ timeout: 10_000 });
  await page.locator('.editor-instance .view-lines', { hasText: 'Live manifest' }).first().waitFor({ timeout: 15_000 });
  // A selected row draws its status icon in the selection colour: clear the selection (Escape in the tree).
  await sidebar.locator('.monaco-list').first().focus();
  await page.keyboard.press('Escape');
  await sidebar.locator('.monaco-list-row.selected').waitFor({ state: 'detached', timeout: 5_000 });
  // Hovered near its right end, the tooltip leaves the row below it readable.
  const failed = await row(3, 'llama3-vllm').boundingBox();
  await page.mouse.move(failed.x + failed.width - 80, failed.y + failed.height / 2, { steps: 3 });
  await page.locator('.workbench-hover, .monaco-hover').filter({ hasText: 'CUDA out of memory' }).first()
    .waitFor({ state: 'visible', timeout: 15_000 });
  await save('screenshot-explorer-tree.png');

  // 2. Translate: select the sentence, run the command from the palette.
  await openFile(page, 'translate-me.md');
  const editor = page.locator('.editor-instance .monaco-editor').first();
  const lines = editor.locator('.view-lines');
  await lines.filter({ hasText: 'The house is wonderful.' }).waitFor({ timeout: 15_000 });
  await lines.click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Shift+End');
  await runCommand(page, 'KServe: Translate Selection');
  await lines.filter({ hasText: 'Das Haus ist wunderbar.' }).waitFor({ timeout: 30_000 });
  await page.locator('.statusbar-item', { hasText: /default\/huggingface-t5/ }).locator('.codicon-globe').first()
    .waitFor({ timeout: 15_000 }); // the spinner is gone: the translation has finished
  await target.hover();
  await page.locator('.workbench-hover, .monaco-hover', { hasText: 'KServe translation target' }).first()
    .waitFor({ state: 'visible', timeout: 15_000 });
  await save('screenshot-translate.png');

  // 3. Authoring: the manifest with a mistake, its diagnostic in a hover and in the Problems panel.
  await openFile(page, 'inference-service.yaml');
  const squiggle = editor.locator('.squiggly-error').first();
  await squiggle.waitFor({ timeout: 30_000 });
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel .monaco-list-row', { hasText: 'modelformat' }).first().waitFor({ timeout: 15_000 });
  const box = await squiggle.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 4);
  await page.locator('.monaco-hover', { hasText: 'Did you mean' }).first().waitFor({ state: 'visible', timeout: 15_000 });
  await save('screenshot-authoring.png');

  // 4. Why a service is not Ready: its diagnosis row, its pod and containers; then the failed container's log.
  await page.keyboard.press('Control+J'); // the panel: out of the way
  await row(2, 'default').click();
  await row(2, 'default').locator('.monaco-tl-twistie.collapsed').waitFor({ timeout: 10_000 });
  await row(2, 'team-a').click();
  await row(2, 'team-a').locator('.monaco-tl-twistie.collapsed').waitFor({ timeout: 10_000 });
  await row(2, 'troubleshooting').click();
  await row(2, 'troubleshooting').locator('.monaco-tl-twistie.collapsible:not(.collapsed)').waitFor({ timeout: 10_000 });
  const typo = row(3, 't5-model-typo');
  await typo.click();
  const diagnosis = row(4, 'Model not found');
  await diagnosis.waitFor({ timeout: 30_000 });
  await row(4, 'Pods').click();
  await row(5, 't5-model-typo-predictor').click();
  const initializer = row(6, 'storage-initializer');
  await initializer.waitFor({ timeout: 15_000 });
  await sidebar.locator('.monaco-list').first().focus();
  await page.keyboard.press('Escape');
  const hovered = await diagnosis.boundingBox();
  await page.mouse.move(hovered.x + hovered.width - 60, hovered.y + hovered.height / 2, { steps: 3 });
  await page.locator('.workbench-hover, .monaco-hover').filter({ hasText: 'HF_TOKEN' }).first().waitFor({ state: 'visible', timeout: 15_000 });
  await save('screenshot-diagnosis.png');
  await initializer.click();
  await page.locator('.editor-instance .view-lines', { hasText: 'Repository Not Found' }).first().waitFor({ timeout: 15_000 });
  await page.mouse.move(10, 10);
  await save('screenshot-logs.png');

  // 5. LLMInferenceServices: the Ready one's topology, presets gate, addresses and conditions; the missing preset.
  await row(2, 'troubleshooting').click();
  await row(2, 'troubleshooting').locator('.monaco-tl-twistie.collapsed').waitFor({ timeout: 10_000 });
  await row(2, 'llm-demo').click();
  const llm = row(3, 'opt-125m');
  await llm.filter({ hasText: 'LLM · Ready' }).waitFor({ timeout: 30_000 });
  await row(3, 'opt-125m-preset').filter({ hasText: 'ConfigNotFound' }).waitFor({ timeout: 30_000 });
  await llm.click();
  await row(4, 'Topology').waitFor({ timeout: 15_000 });
  await row(4, 'Conditions').click();
  await row(5, 'SchedulerWorkloadReady').waitFor({ timeout: 15_000 });
  await sidebar.locator('.monaco-list').first().focus();
  await page.keyboard.press('Escape');
  const preset = await row(3, 'opt-125m-preset').boundingBox();
  await page.mouse.move(preset.x + preset.width - 80, preset.y + preset.height / 2, { steps: 3 });
  await page.locator('.workbench-hover, .monaco-hover').filter({ hasText: 'team-overrides' }).first().waitFor({ state: 'visible', timeout: 15_000 });
  await save('screenshot-llmisvc.png');

  // 6. The walkthrough opened at the start: the steps done since are checked off.
  await openWalkthrough(page);
  await page.mouse.move(10, 10);
  await save('screenshot-walkthrough.png');

  // 7. Guided deploy: every step's default (Enter), up to the review of the manifests.
  // From the rocket in the view's title, as a user would.
  await page.locator('[id="workbench.parts.sidebar"] .action-label[aria-label^="Deploy a Model"]').first().click({ timeout: 15_000 });
  const review = page.locator('.editor-instance .view-lines', { hasText: 'Deploy a Model. Review' }).first();
  for (let step = 0; step < 15 && !(await review.isVisible()); step++) {
    const widget = page.locator('.quick-input-widget:visible');
    await widget.or(review).first().waitFor({ timeout: 20_000 });
    if (await review.isVisible()) break;
    const previous = await widget.evaluate((w) => w.textContent);
    // Pressed on the input itself, which focuses it first: the widget is replaced between steps.
    await widget.locator('input').first().press('Enter');
    // The next step replaces the widget's text (or closes it): wait for that, not for a time.
    await page.waitForFunction((before) => {
      const current = document.querySelector('.quick-input-widget');
      return !current || getComputedStyle(current).display === 'none' || current.textContent !== before;
    }, previous, { timeout: 20_000 });
  }
  await review.waitFor({ timeout: 20_000 });
  // The Dry-run and Deploy buttons are on the step's notification: show it in the notification list.
  await runCommand(page, 'Notifications: Show Notifications');
  await page.locator('.notifications-center', { hasText: 'review the manifests' }).first().waitFor({ timeout: 15_000 });
  await save('screenshot-deploy-review.png');
}

async function openWalkthrough(page) {
  const walkthroughs = await quickInput(page, 'F1', '>Welcome: Open Walkthrough');
  await walkthroughs.filter({ hasText: 'Open Walkthrough' }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  const listed = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Get started with KServe' }).first();
  await listed.waitFor({ timeout: 15_000 });
  await listed.click();
  await page.locator('.gettingStartedContainer', { hasText: 'Pick a context' }).first().waitFor({ timeout: 15_000 });
}

async function widenSidebar(page, sidebar, width) {
  const box = await sidebar.boundingBox();
  if (box.width >= width) return;
  const x = box.x + box.width;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + (width - box.width), y, { steps: 5 });
  await page.mouse.up();
  const widened = await sidebar.boundingBox();
  if (widened.width < width - 2) throw new Error(`the side bar is ${widened.width}px wide after dragging its sash, expected ${width}`);
}

async function quickInput(page, key, text) {
  await page.keyboard.press(key);
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(text);
  return page.locator('.quick-input-widget .monaco-list-row');
}

async function openFile(page, name) {
  const picks = await quickInput(page, 'Control+P', name);
  await picks.filter({ hasText: name }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 15_000 });
}

async function runCommand(page, title) {
  const picks = await quickInput(page, 'F1', `>${title}`);
  await picks.filter({ hasText: title }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
}

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => { stopAll(); process.exit(1); });
process.on('exit', stopAll);
main().then(() => { stopAll(); process.exit(0); }, (err) => {
  console.error(err);
  stopAll();
  process.exit(1);
});
