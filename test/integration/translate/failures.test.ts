import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { Scenario } from '../../simulator';
import { makeCertificates, startTlsEndpoint } from '../../unit/translate/networkFixtures';
import { closeAllEditors, openEditor, select, selectAll, simulatedEndpoint, translateSelection, useSettings, waitFor, type SimulatedEndpoint } from './helpers';

const ORIGINAL = 'Intro line.\nThe house is wonderful.\nLast line.';
const SELECTED = 'The house is wonderful.';

describe('translate: failures leave the document as it was', function () {
  this.timeout(60_000);
  let endpoint: SimulatedEndpoint;

  beforeEach(async () => {
    endpoint = await simulatedEndpoint({}, { 'endpoint.idleTimeoutSeconds': 1, 'endpoint.connectTimeoutSeconds': 2 });
  });

  afterEach(async () => {
    await endpoint.restore();
    await closeAllEditors();
  });

  /** Translates SELECTED in ORIGINAL and checks the outcome, the message shown and that the document is unchanged. */
  async function expectFailure(code: string, message: RegExp): Promise<vscode.TextEditor> {
    const editor = await openEditor(ORIGINAL);
    select(editor, SELECTED);
    const outcome = await translateSelection();
    assert.equal(outcome.status, 'failed');
    assert.equal(outcome.error?.code, code, outcome.error?.message);
    assert.match(outcome.error?.message ?? '', message);
    assert.deepEqual(endpoint.api.lastError, outcome.error, 'the message shown is the one reported');
    assert.equal(editor.document.getText(), ORIGINAL, 'the document is restored exactly');
    assert.equal(endpoint.api.isTranslating, false);
    return editor;
  }

  const serverCases: [string, Scenario, string, RegExp][] = [
    ['404 model not found', { kind: 'status404' }, 'modelNotFound', /^Translate: Model "t5" was not found on the endpoint \(HTTP 404: Model with name t5 does not exist\.\)\. Set kserve\.endpoint\.model/],
    ['503 not ready', { kind: 'status503' }, 'modelNotReady', /Model "t5" is not ready yet \(HTTP 503.*\)\. Wait until the InferenceService is Ready/],
    ['500 OpenAIError', { kind: 'error500', message: 'CUDA error: device-side assert' }, 'serverError', /failed to generate text \(HTTP 500: CUDA error: device-side assert\)\. Check the predictor's logs/],
    ['422 bad request', { kind: 'error422' }, 'badRequest', /rejected the request as invalid \(HTTP 422: body\.prompt: Field required\)/],
    ['a stream that ends without [DONE]', { kind: 'cutBeforeDone', afterChunks: 2 }, 'streamIncomplete', /stopped before it was complete \(the stream ended without \[DONE\]\)/],
    ['an error event inside the stream', { kind: 'errorEvent', afterChunks: 2, message: 'CUDA out of memory' }, 'streamError', /reported an error while streaming: CUDA out of memory/],
    ['a non-SSE body', { kind: 'nonSse' }, 'notEventStream', /answered with "text\/html" instead of an event stream \(probably a login page/],
    ['timeout (no answer)', { kind: 'hang' }, 'timeout', /did not answer within 1 s\. .*kserve\.endpoint\.idleTimeoutSeconds/],
    ['timeout (stream stalls)', { kind: 'stallAfter', afterChunks: 2 }, 'timeout', /stopped sending text for 1 s.*v0\.16 to v0\.19.*predictor's logs/],
  ];

  for (const [name, scenario, code, message] of serverCases) {
    it(`${name}: explains cause and remedy`, async () => {
      endpoint.simulator.setScenario(scenario);
      await expectFailure(code, message);
      assert.equal(endpoint.simulator.requests.length, 1);
    });
  }

  it('an endless stream of pieces is cut off at the text limit, and the document is restored', async () => {
    endpoint.simulator.setScenario({ kind: 'manyChunks', count: 1_000_000 });
    await expectFailure('streamTooLarge', /^Translate: The endpoint sent far more than a translation \(the answer is longer than 262144 characters\)/);
  });

  it('a stream that keeps going past kserve.translate.deadlineSeconds is stopped, and the document is restored', async () => {
    const restore = await useSettings({ 'translate.deadlineSeconds': 1 });
    try {
      // Four pieces 400 ms apart: never idle for the 1 s idle timeout, but 1.6 s in all.
      endpoint.simulator.setScenario({ kind: 'slowChunks', delayMs: 400 });
      await expectFailure('deadlineExceeded', /^Translate: The translation took longer than 1 s, so it was stopped\. Raise kserve\.translate\.deadlineSeconds/);
    } finally {
      await restore();
    }
  });

  it('a stream cut mid-way had written text, and all of it is taken back', async () => {
    endpoint.simulator.setScenario({ kind: 'cutBeforeDone', afterChunks: 3 });
    let sawPartial = false;
    const watcher = vscode.workspace.onDidChangeTextDocument((e) => (sawPartial ||= e.document.getText().includes('Das')));
    try {
      await expectFailure('streamIncomplete', /without \[DONE\]/);
    } finally {
      watcher.dispose();
    }
    assert.ok(sawPartial, 'partial text was streamed before the cut');
  });

  it('connection refused: names the address and the setting', async () => {
    const port = endpoint.simulator.port;
    await endpoint.simulator.close();
    await expectFailure('connectionRefused', new RegExp(`Could not connect to http://127\\.0\\.0\\.1:${port}: the connection was refused\\..*kserve\\.endpoint\\.url`));
  });

  it('DNS failure: names the host', async () => {
    const restore = await useSettings({ 'endpoint.url': 'http://kserve-t5.invalid' });
    try {
      await expectFailure('dnsFailure', /Could not resolve the host name kserve-t5\.invalid/);
    } finally {
      await restore();
    }
  });

  it('TLS failure: an untrusted certificate points at kserve.endpoint.caFile, which then fixes it', async () => {
    const certificates = makeCertificates();
    const tls = await startTlsEndpoint(certificates);
    const restore = await useSettings({ 'endpoint.url': tls.url });
    try {
      await expectFailure('tlsFailure', /TLS verification failed for 127\.0\.0\.1:\d+: .*kserve\.endpoint\.caFile/);
      await closeAllEditors();
      await useSettings({ 'endpoint.caFile': certificates.caFile });
      const editor = await openEditor(ORIGINAL);
      select(editor, SELECTED);
      const outcome = await translateSelection();
      assert.equal(outcome.status, 'completed', JSON.stringify(outcome.error));
      assert.equal(editor.document.getText(), 'Intro line.\nSicher.\nLast line.');
    } finally {
      await useSettings({ 'endpoint.caFile': undefined });
      await restore();
      await tls.close();
      certificates.cleanUp();
    }
  });

  it('an empty selection: asks to select text and sends nothing', async () => {
    const editor = await openEditor(ORIGINAL);
    editor.selection = new vscode.Selection(1, 3, 1, 3);
    const outcome = await translateSelection();
    assert.equal(outcome.error?.code, 'emptySelection');
    assert.match(outcome.error?.message ?? '', /There is no text to translate: select the text first/);
    selectAll(editor);
    editor.selections = [new vscode.Selection(0, 0, 0, 0), new vscode.Selection(1, 0, 1, 0)];
    assert.equal((await translateSelection()).error?.code, 'emptySelection');
    assert.equal(endpoint.simulator.requests.length, 0);
    assert.equal(editor.document.getText(), ORIGINAL);
  });

  it('no endpoint configured: offers to choose an InferenceService or set the URL', async () => {
    const restore = await useSettings({ 'endpoint.url': undefined });
    try {
      await waitFor(() => endpoint.api.activeEndpoint === undefined, 'the endpoint to be unset');
      await waitFor(() => endpoint.api.statusBarText.includes('no model chosen'), 'the status bar to say so');
      await expectFailure('noEndpoint', /No translation endpoint is configured\. Choose a T5 InferenceService in the KServe explorer, or set kserve\.endpoint\.url/);
      assert.equal(endpoint.simulator.requests.length, 0);
    } finally {
      await restore();
    }
  });
});
