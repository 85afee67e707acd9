import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { InferenceServiceTarget } from '../../../src/core/target';
import type { EndpointTestResult } from '../../../src/features/translate';
import { startSimulator } from '../../simulator';
import { closeAllEditors, openEditor, readExtensionLog, selectAll, simulatedEndpoint, translateSelection, useSettings, waitFor, type SimulatedEndpoint } from './helpers';

const ISVC_HOST = 'huggingface-t5.default.example.com';
const TOKEN = 'tok-9f8e7d6c5b4a-secret';

describe('translate: target, token and endpoint test', function () {
  this.timeout(60_000);
  let endpoint: SimulatedEndpoint;

  afterEach(async () => {
    await endpoint.api.useInferenceService(undefined);
    await endpoint.restore();
    await closeAllEditors();
  });

  it('sends the Host header and the bearer token, never logs the token, and never sends it to another host', async () => {
    endpoint = await simulatedEndpoint({ requireHost: ISVC_HOST, requireBearer: TOKEN }, { 'endpoint.hostHeader': ISVC_HOST });
    await waitFor(() => endpoint.api.activeEndpoint?.hostHeader === ISVC_HOST, 'the Host header setting');
    await vscode.commands.executeCommand('kserve.setEndpointToken', TOKEN);
    const editor = await openEditor('The house is wonderful.');
    selectAll(editor);
    const outcome = await translateSelection();
    assert.equal(outcome.status, 'completed', JSON.stringify(outcome.error));
    assert.equal(editor.document.getText(), 'Das Haus ist wunderbar.');
    const [request] = endpoint.simulator.requests;
    assert.equal(request.headers.host, ISVC_HOST);
    assert.equal(request.headers.authorization, `Bearer ${TOKEN}`);

    // Same address, other routed host: the token stored for the first one is not sent.
    await useSettings({ 'endpoint.hostHeader': 'other-model.default.example.com' });
    await waitFor(() => endpoint.api.activeEndpoint?.hostHeader === 'other-model.default.example.com', 'the new Host header');
    selectAll(editor);
    const other = await translateSelection();
    assert.equal(other.status, 'failed');
    assert.equal(endpoint.simulator.requests[1].headers.authorization, undefined, 'no token for another host');
    assert.equal(editor.document.getText(), 'Das Haus ist wunderbar.');

    const log = await readExtensionLog('other-model.default.example.com');
    const requestLines = log.split('\n').filter((line) => line.includes('/openai/v1/completions')).join('\n');
    assert.match(requestLines, new RegExp(`POST ${endpoint.simulator.url.replace(/[.]/g, '\\.')}/openai/v1/completions \\(Host: ${ISVC_HOST.replace(/[.]/g, '\\.')}, with Authorization header\\) → 200`));
    assert.ok(!log.includes(TOKEN), 'the token is not in the log');
    assert.ok(!log.includes('The house is wonderful'), 'no text in the log without kserve.log.includeBodies');
    await useSettings({ 'endpoint.hostHeader': ISVC_HOST });
    await waitFor(() => endpoint.api.activeEndpoint?.hostHeader === ISVC_HOST, 'the first Host header again');
    await vscode.commands.executeCommand('kserve.setEndpointToken', '');
  });

  it('never shows or logs a stored token, even when the server echoes it back', async () => {
    const echoed = 'tok-echoed-4c3b2a19-secret';
    endpoint = await simulatedEndpoint({ requireBearer: TOKEN, echoRefusedToken: true });
    await vscode.commands.executeCommand('kserve.setEndpointToken', echoed);
    const editor = await openEditor('The house is wonderful.');
    selectAll(editor);
    const refused = await translateSelection();
    assert.equal(refused.error?.code, 'forbidden');
    assert.match(refused.error?.message ?? '', /RBAC: access denied for token <redacted>/);
    assert.ok(!JSON.stringify(refused).includes(echoed), 'not in the message shown');
    await vscode.commands.executeCommand('kserve.setEndpointToken', TOKEN);
    endpoint.simulator.setScenario({ kind: 'errorEvent', afterChunks: 1, message: `upstream rejected ${TOKEN}` });
    selectAll(editor);
    const failed = await translateSelection();
    assert.equal(failed.error?.code, 'streamError');
    assert.ok(!failed.error?.message.includes(TOKEN), failed.error?.message);
    const log = await readExtensionLog('upstream rejected');
    assert.ok(!log.includes(echoed) && !log.includes(TOKEN), 'no token in the log');
    await vscode.commands.executeCommand('kserve.setEndpointToken', '');
  });

  it('uses the InferenceService chosen in the explorer, through the ingress with Host from status.url', async () => {
    endpoint = await simulatedEndpoint({ requireHost: ISVC_HOST }, { 'endpoint.url': undefined });
    const ingress = endpoint.simulator.url;
    const target: InferenceServiceTarget = { context: 'kind', namespace: 'default', name: 'huggingface-t5', url: `http://${ISVC_HOST}`, model: 't5' };
    await useSettings({ 'ingress.url': ingress });
    await endpoint.api.useInferenceService(target);
    await waitFor(() => endpoint.api.statusBarText.includes('default/huggingface-t5'), 'the status bar to show the InferenceService');
    assert.equal(endpoint.api.activeEndpoint?.source, 'inferenceService');
    assert.equal(endpoint.api.activeEndpoint?.hostHeader, ISVC_HOST);
    const editor = await openEditor('How are you?');
    selectAll(editor);
    const outcome = await translateSelection();
    assert.equal(outcome.status, 'completed', JSON.stringify(outcome.error));
    assert.equal(editor.document.getText(), 'Wie geht es Ihnen?');
    assert.equal(endpoint.simulator.requests[0].headers.host, ISVC_HOST);

    await vscode.commands.executeCommand('kserve.selectTranslationTarget', { action: 'useSettings' });
    await waitFor(() => endpoint.api.activeEndpoint === undefined, 'the settings (empty) to be used again');
  });

  it('prefers the chosen InferenceService over the endpoint settings', async () => {
    endpoint = await simulatedEndpoint();
    const other = await startSimulator();
    try {
      await endpoint.api.useInferenceService({ context: 'kind', namespace: 'team-a', name: 't5-small', url: other.url, model: 't5' });
      const editor = await openEditor('The house is wonderful.');
      selectAll(editor);
      assert.equal((await translateSelection()).status, 'completed');
      assert.equal(other.requests.length, 1);
      assert.equal(endpoint.simulator.requests.length, 0);
    } finally {
      await other.close();
    }
  });

  it('tests the endpoint through its readiness route, and explains a model that is not ready', async () => {
    endpoint = await simulatedEndpoint();
    const ok = await vscode.commands.executeCommand<EndpointTestResult>('kserve.testEndpoint');
    assert.equal(ok.ok, true, JSON.stringify(ok.error));
    assert.equal(ok.method, 'models');
    assert.equal(endpoint.simulator.requests[0].path, '/openai/v1/models/t5');
    endpoint.simulator.setModelReady('t5', false);
    const notReady = await endpoint.api.testEndpoint();
    assert.equal(notReady.ok, false);
    assert.equal(notReady.error?.code, 'modelNotReady');
    assert.match(notReady.error?.message ?? '', /^Test Endpoint: Model "t5" is served but not ready yet/);
    assert.deepEqual(endpoint.simulator.requests.slice(-2).map((r) => r.path), ['/openai/v1/models/t5', '/openai/v1/models']);
  });

  it('names the served models when the model name is wrong, and switches to the one chosen', async () => {
    endpoint = await simulatedEndpoint({ models: [{ name: 't5-small', ready: true }, { name: 'flan', ready: false }] }, { 'endpoint.model': 't5' });
    const wrong = await endpoint.api.testEndpoint();
    assert.equal(wrong.ok, false);
    assert.equal(wrong.error?.code, 'modelNotFound');
    assert.equal(wrong.error?.message,
      'Test Endpoint: The endpoint serves no model named "t5"; it serves "t5-small", "flan". Set kserve.endpoint.model to the name the runtime serves (its --model_name, usually the InferenceService name).');
    assert.deepEqual(wrong.servedModels, ['t5-small', 'flan']);
    // What the notification's "Use "t5-small"" button runs.
    await vscode.commands.executeCommand('kserve.selectTranslationTarget', { action: 'useModel', model: 't5-small' });
    await waitFor(() => endpoint.api.activeEndpoint?.model === 't5-small', 'the served model to be used');
    assert.equal(vscode.workspace.getConfiguration('kserve').get('endpoint.model'), 't5-small');
    const ok = await endpoint.api.testEndpoint();
    assert.equal(ok.ok, true, JSON.stringify(ok.error));
    assert.equal(endpoint.simulator.requests.at(-1)?.path, '/openai/v1/models/t5-small');
  });

  it('keeps the path of status.url through kserve.ingress.url, for Test Endpoint and translation', async () => {
    const prefix = '/serving/default/huggingface-t5';
    endpoint = await simulatedEndpoint({ requireHost: 'models.example.com', pathPrefix: prefix }, { 'endpoint.url': undefined });
    await useSettings({ 'ingress.url': endpoint.simulator.url });
    await endpoint.api.useInferenceService({ context: 'kind', namespace: 'default', name: 'huggingface-t5', url: `http://models.example.com${prefix}`, model: 't5' });
    await waitFor(() => endpoint.api.activeEndpoint?.baseUrl === `${endpoint.simulator.url}${prefix}`, 'the ingress address with the status.url path');
    const tested = await endpoint.api.testEndpoint();
    assert.equal(tested.ok, true, JSON.stringify(tested.error));
    const editor = await openEditor('The house is wonderful.');
    selectAll(editor);
    const outcome = await translateSelection();
    assert.equal(outcome.status, 'completed', JSON.stringify(outcome.error));
    assert.equal(editor.document.getText(), 'Das Haus ist wunderbar.');
    assert.deepEqual(endpoint.simulator.requests.map((r) => [r.path, r.headers.host]), [
      [`${prefix}/openai/v1/models/t5`, 'models.example.com'],
      [`${prefix}/openai/v1/completions`, 'models.example.com'],
    ]);
  });

  it('shows names from settings and the cluster in the status bar tooltip as text, not Markdown', async () => {
    const hostile = '`x` **bold** [link](command:kserve.showLog) $(zap)';
    endpoint = await simulatedEndpoint({}, { 'endpoint.model': hostile });
    await waitFor(() => endpoint.api.statusBarTooltip.includes('Model: '), 'the tooltip');
    const tooltip = endpoint.api.statusBarTooltip;
    assert.ok(!tooltip.includes(hostile), tooltip);
    assert.ok(!tooltip.includes('[link](command:'), 'no live link');
    assert.match(tooltip, /\\\*\\\*bold\\\*\\\*/, 'the asterisks are escaped');
  });

  it('shows the active target in the status bar', async () => {
    endpoint = await simulatedEndpoint({}, { 'endpoint.hostHeader': 'shown.example.com' });
    await waitFor(() => endpoint.api.statusBarText === '$(globe) shown.example.com', `status bar text (was "${endpoint.api.statusBarText}")`);
  });
});
