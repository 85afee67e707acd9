import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { KServeToolkitApi } from '../../../src/extension';
import { WalkthroughProgress } from '../../../src/features/walkthrough';
import { readyStatus, TestCluster, uniqueName } from '../../support/cluster';
import { activateExtension, waitFor } from '../../support/extension';
import { startSimulator, type Simulator } from '../../simulator';
import { selectContext, TreeReader } from '../explorer/treeHelpers';
import { closeAllEditors, openEditor, selectAll, translateSelection, useSettings } from '../translate/helpers';

describe('walkthrough: each step completes on its real event', function () {
  this.timeout(60_000);
  let api: KServeToolkitApi;
  let cluster: TestCluster;
  let namespace: string;
  let simulator: Simulator;
  let progress: WalkthroughProgress;

  before(async () => {
    api = await activateExtension();
    cluster = TestCluster.fromEnv();
    namespace = await cluster.createNamespace(uniqueName('kst-walk'));
    simulator = await startSimulator();
    await closeAllEditors();
    // A fresh tracker on the extension's own events: what happened before this test does not count.
    progress = new WalkthroughProgress({
      explorerChanged: (listener) => api.explorer.onDidChangeData(listener),
      snapshot: () => api.explorer.snapshot(),
      applied: (listener) => api.authoring.onDidApply(listener),
      deployed: () => ({ dispose: () => undefined }),
      translated: (listener) => api.translate.onDidFinishTranslation(listener),
    });
  });

  after(async () => {
    progress?.dispose();
    await api?.translate.useInferenceService(undefined);
    await simulator?.close();
    await cluster?.deleteInferenceService(namespace, 't5-walkthrough');
    await cluster?.cleanup();
    await closeAllEditors();
  });

  it('connects, shows a service, holds a manifest, applies it, sees it Ready, and translates: in that order, each on its event', async () => {
    assert.equal(progress.completed.length, 0);
    await selectContext(api.explorer, 'kapi');
    await vscode.commands.executeCommand('kserve.explorer.selectNamespaces', [namespace]);
    await waitFor(() => progress.completed.includes('connected'), 'the connected step');
    await waitFor(() => api.walkthrough.completed.includes('connected'), 'the extension\'s own tracker to see it too');
    assert.ok(!progress.completed.includes('servicesShown'), 'an empty namespace shows no service');

    const name = 't5-walkthrough';
    const manifest = ['apiVersion: serving.kserve.io/v1beta1', 'kind: InferenceService', 'metadata:', `  name: ${name}`, `  namespace: ${namespace}`,
      'spec:', '  predictor:', '    model:', '      modelFormat:', '        name: huggingface', '      args:', '        - --model_name=t5',
      '        - --model_id=google-t5/t5-small', ''].join('\n');
    const editor = await openEditor(manifest, 'yaml');
    await waitFor(() => progress.completed.includes('manifestOpen'), 'the manifest step');
    assert.ok(!progress.completed.includes('applied'));

    await api.authoring.whenSchemasReady();
    const outcome = await api.authoring.runClusterAction('apply', { uri: editor.document.uri, all: true }, { confirmed: true });
    assert.deepEqual(outcome?.results.map((r) => r.ok), [true]);
    await waitFor(() => progress.completed.includes('applied'), 'the apply step');
    await new TreeReader(api.explorer).service(namespace, name);
    await waitFor(() => progress.completed.includes('servicesShown'), 'the services step');
    assert.ok(!progress.completed.includes('serviceReady'), 'not Ready before the controller says so');

    await cluster.setStatus(namespace, name, readyStatus({ url: simulator.url }));
    await waitFor(() => progress.completed.includes('serviceReady'), 'the Ready step');

    await api.translate.useInferenceService({ context: 'kapi', namespace, name, url: simulator.url, model: 't5' });
    const text = await openEditor('The house is wonderful.');
    selectAll(text);
    assert.equal((await translateSelection()).status, 'completed');
    await waitFor(() => progress.completed.includes('translated'), 'the translate step');
    assert.deepEqual(progress.completed, ['connected', 'manifestOpen', 'applied', 'servicesShown', 'serviceReady', 'translated']);
  });
});

describe('translate: kserve.translate.defaultService', function () {
  this.timeout(60_000);

  it('makes the named service the target on the first translation when none was chosen', async () => {
    const api = await activateExtension();
    const cluster = TestCluster.fromEnv();
    const namespace = await cluster.createNamespace(uniqueName('kst-default'));
    const simulator = await startSimulator({ requireHost: `t5-default.${namespace}.example.com` });
    const restore = await useSettings({ 'ingress.url': simulator.url, 'endpoint.url': undefined, 'translate.defaultService': `${namespace}/t5-default` });
    try {
      await cluster.createInferenceService(namespace, 't5-default');
      await cluster.markReady(namespace, 't5-default');
      await selectContext(api.explorer, 'kapi');
      await api.translate.useInferenceService(undefined);
      const editor = await openEditor('How are you?');
      selectAll(editor);
      const outcome = await translateSelection();
      assert.equal(outcome.status, 'completed', JSON.stringify(outcome.error));
      assert.equal(editor.document.getText(), 'Wie geht es Ihnen?');
      assert.equal(api.translate.activeEndpoint?.inferenceService?.name, 't5-default');
    } finally {
      await api.translate.useInferenceService(undefined);
      await restore();
      await simulator.close();
      await cluster.cleanup();
      await closeAllEditors();
    }
  });
});
