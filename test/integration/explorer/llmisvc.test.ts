import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { KServeToolkitApi } from '../../../src/extension';
import type { EndpointTestResult } from '../../../src/features/translate';
import { CLUSTER_CONTEXTS, TestCluster, uniqueName } from '../../support/cluster';
import {
  createLlmInferenceService, deleteLlmInferenceService, llmMissingConfigStatus, llmReadyStatus, optSpec, setLlmStatus,
} from '../../support/cluster-llmisvc';
import { activateExtension, waitFor } from '../../support/extension';
import { startSimulator, type Simulator } from '../../simulator';
import { closeAllEditors, openEditor, selectAll, translateSelection } from '../translate/helpers';
import { selectContext, TreeReader } from './treeHelpers';

const MODEL = 'facebook/opt-125m';

describe('LLMInferenceService: explorer, authoring and run on selection against the test cluster', function () {
  this.timeout(60_000);
  let api: KServeToolkitApi;
  let tree: TreeReader;
  let cluster: TestCluster;
  let namespace: string;
  let simulator: Simulator;
  const created: string[] = [];

  before(async () => {
    api = await activateExtension();
    tree = new TreeReader(api.explorer);
    cluster = TestCluster.fromEnv();
    namespace = await cluster.createNamespace(uniqueName('kst-llm'));
    simulator = await startSimulator({ api: 'vllm', pathPrefix: `/${namespace}/opt-125m`, models: [{ name: MODEL, ready: true }] });
    await selectContext(api.explorer, CLUSTER_CONTEXTS.admin);
    await vscode.commands.executeCommand('kserve.explorer.selectNamespaces', [namespace]);
    await waitFor(() => api.explorer.snapshot().visibleNamespaces.join() === namespace, 'the namespace selection');
  });

  after(async () => {
    await api.translate.useInferenceService(undefined);
    await Promise.all(created.map((name) => deleteLlmInferenceService(cluster, namespace, name)));
    await simulator?.close();
    await cluster?.cleanup();
    await closeAllEditors();
  });

  it('lists LLMInferenceServices beside InferenceServices, read at v1alpha2, with status, the presets gate and the topology', async () => {
    created.push('opt-125m', 'opt-preset');
    await createLlmInferenceService(cluster, namespace, 'opt-125m', optSpec(MODEL), 'v1alpha1');
    await createLlmInferenceService(cluster, namespace, 'opt-preset', { ...optSpec(MODEL), baseRefs: [{ name: 'team-overrides' }] });
    await cluster.createInferenceService(namespace, 'huggingface-t5');
    await setLlmStatus(cluster, namespace, 'opt-125m', llmReadyStatus({ gateway: simulator.url, namespace, name: 'opt-125m', model: MODEL }));
    await setLlmStatus(cluster, namespace, 'opt-preset', llmMissingConfigStatus('team-overrides', namespace));

    const ready = await tree.waitForDescription(namespace, 'opt-125m', /^LLM · Ready · single-node · scheduler$/);
    const preset = await tree.waitForDescription(namespace, 'opt-preset', /^LLM · NotReady · ConfigNotFound$/);
    assert.deepEqual(await tree.serviceNames(namespace), ['huggingface-t5', 'opt-125m', 'opt-preset']);
    assert.equal(tree.item(ready).contextValue, 'kserve.isvc.withUrl', 'the same actions as an InferenceService');
    assert.match(tree.tooltip(preset), /LLMInferenceService/);
    assert.match(tree.tooltip(preset), /LLMInferenceServiceConfig 'team-overrides' not found/);

    const rows = await tree.children(ready);
    const row = (label: string) => rows.find((d) => tree.label(d) === label);
    assert.equal(tree.description(row('URL')!), `${simulator.url}/${namespace}/opt-125m`);
    assert.equal(tree.description(row('Topology')!), 'single-node · scheduler');
    assert.equal(tree.description(row('Model name')!), MODEL);
    assert.equal(tree.description(row('Presets combined')!), 'True');
    assert.deepEqual((await tree.children(row('Addresses')!)).map((a) => tree.label(a)), ['gateway-external-model-routing', 'gateway-external']);
    const conditions = (await tree.children(row('Conditions')!)).map((c) => tree.label(c));
    for (const sub of ['MainWorkloadReady', 'InferencePoolReady', 'SchedulerWorkloadReady', 'GatewaysReady', 'HTTPRoutesReady']) {
      assert.ok(conditions.includes(sub), `${sub} among ${conditions.join(', ')}`);
    }
    const presetRows = await tree.children(preset);
    assert.equal(tree.description(presetRows.find((d) => tree.label(d) === 'Presets combined')!), 'False · ConfigNotFound');

    const snapshot = api.explorer.snapshot().namespaces[namespace].services;
    assert.deepEqual(snapshot.map((s) => [s.kind, s.name, s.phase]), [
      ['InferenceService', 'huggingface-t5', 'Unknown'], ['LLMInferenceService', 'opt-125m', 'Ready'], ['LLMInferenceService', 'opt-preset', 'NotReady'],
    ]);
    const manifest = await vscode.commands.executeCommand<vscode.TextDocument>('kserve.isvc.openManifest', { namespace, name: 'opt-125m', serviceKind: 'LLMInferenceService' });
    assert.match(manifest.getText(), /^apiVersion: serving\.kserve\.io\/v1alpha2\nkind: LLMInferenceService\n/m, 'created at v1alpha1, read at v1alpha2');
  });

  it('follows a status change of one LLMInferenceService to Ready', async () => {
    await setLlmStatus(cluster, namespace, 'opt-preset', llmReadyStatus({ gateway: 'http://gateway.invalid', namespace, name: 'opt-preset', model: MODEL }));
    await tree.waitForDescription(namespace, 'opt-preset', /^LLM · Ready · single-node · scheduler$/);
  });

  it('streams a selection through the path-based route, as a prompt and as chat messages', async () => {
    await vscode.commands.executeCommand('kserve.isvc.useForTranslation', { namespace, name: 'opt-125m', serviceKind: 'LLMInferenceService' });
    await waitFor(() => api.translate.activeEndpoint?.inferenceService?.name === 'opt-125m', 'opt-125m to be the target');
    assert.equal(api.translate.activeEndpoint?.api, 'vllm');
    const tested = await vscode.commands.executeCommand<EndpointTestResult>('kserve.testEndpoint');
    assert.equal(tested.ok, true, JSON.stringify(tested.error));

    const editor = await openEditor('How are you?\n\nThe house is wonderful.');
    selectAll(editor);
    const outcome = await translateSelection();
    assert.equal(outcome.status, 'completed', JSON.stringify(outcome.error));
    assert.equal(editor.document.getText(), 'Wie geht es Ihnen?\n\nDas Haus ist wunderbar.');

    await vscode.commands.executeCommand('kserve.selectTranslationTarget', { action: 'useStyle', style: 'chat' });
    await waitFor(() => api.translate.activeEndpoint?.style === 'chat', 'the chat style');
    const chatEditor = await openEditor('How are you?');
    selectAll(chatEditor);
    assert.equal((await translateSelection()).status, 'completed');
    assert.equal(chatEditor.document.getText(), 'Wie geht es Ihnen?');

    const prefix = `/${namespace}/opt-125m`;
    const paths = simulator.requests.map((r) => `${r.method} ${r.path}`);
    assert.deepEqual([...new Set(paths)], [`GET ${prefix}/v1/models`, `POST ${prefix}/v1/completions`, `POST ${prefix}/v1/chat/completions`]);
    const chat = simulator.requests.at(-1)!.body as { model: string; messages: { role: string; content: string }[] };
    assert.equal(chat.model, MODEL);
    assert.deepEqual(chat.messages.map((m) => m.role), ['system', 'user']);
    assert.equal(chat.messages[1].content, 'How are you?');
  });

  it('validates a broken LLMInferenceService in the editor, and dry-runs a good one on the API server', async () => {
    await api.authoring.whenSchemasReady();
    const broken = [
      'apiVersion: serving.kserve.io/v1alpha2', 'kind: LLMInferenceService', 'metadata:', '  name: opt-broken', 'spec:', '  model:',
      '    uri: hf://facebook/opt-125m', '    criticality: Critical', '  replicas: one', '',
    ].join('\n');
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: broken });
    await vscode.window.showTextDocument(document);
    const found = await waitFor(() => {
      const list = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'KServe');
      return list.length === 2 && list;
    }, 'two KServe diagnostics');
    assert.deepEqual(found.map((d) => [d.range.start.line, d.range.start.character, d.range.end.character, d.message]), [
      [7, 4, 15, 'Unknown field "criticality" in spec.model.'],
      [8, 12, 15, 'Wrong type for spec.replicas: expected an integer, got "one".'],
    ]);

    const good = ['apiVersion: serving.kserve.io/v1alpha1', 'kind: LLMInferenceService', 'metadata:', '  name: opt-dry-run',
      `  namespace: ${namespace}`, 'spec:', '  model:', '    uri: hf://facebook/opt-125m', ''].join('\n');
    const goodDocument = await vscode.workspace.openTextDocument({ language: 'yaml', content: good });
    await vscode.window.showTextDocument(goodDocument);
    const superseded = await waitFor(() => vscode.languages.getDiagnostics(goodDocument.uri).find((d) => d.code === 'lint.superseded-version'),
      'the superseded-version note');
    assert.equal(superseded.severity, vscode.DiagnosticSeverity.Information);
    const dryRun = await api.authoring.runClusterAction('dryRun', { uri: goodDocument.uri, index: 0 });
    assert.deepEqual(dryRun?.results.map((r) => [r.kind, r.name, r.ok]), [['LLMInferenceService', 'opt-dry-run', true]]);
    await assert.rejects(cluster.customObjects.getNamespacedCustomObject({
      group: 'serving.kserve.io', version: 'v1alpha2', plural: 'llminferenceservices', namespace, name: 'opt-dry-run',
    }), 'a dry-run creates nothing');
  });
});
