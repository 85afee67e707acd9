import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { KServeToolkitApi } from '../../../src/extension';
import { CLUSTER_CONTEXTS, TestCluster, uniqueName } from '../../support/cluster';
import { activateExtension, waitFor } from '../../support/extension';
import { selectContext, TreeReader } from '../explorer/treeHelpers';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const fixture = (name: string) => fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'manifests', name), 'utf8');

function kserveDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'KServe');
}

async function openYaml(content: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language: 'yaml', content });
  return vscode.window.showTextDocument(document);
}

describe('authoring: KServe manifests in the editor', function () {
  this.timeout(60_000);
  let api: KServeToolkitApi;

  before(async () => {
    api = await activateExtension();
    await api.authoring.whenSchemasReady();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('shows the diagnostics of a broken file where they are', async () => {
    const uri = vscode.Uri.file(path.join(repoRoot, 'test', 'fixtures', 'manifests', 'broken', 'unknown-field.yaml'));
    await vscode.window.showTextDocument(uri);
    const diagnostics = await waitFor(() => kserveDiagnostics(uri).length === 4 && kserveDiagnostics(uri), 'four KServe diagnostics');
    assert.deepEqual(diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.range.end.character, d.message]), [
      [4, 2, 8, 'Unknown field "lables" in metadata. Did you mean "labels"?'],
      [9, 6, 17, 'Unknown field "modelformat" in spec.predictor.model. Did you mean "modelFormat"?'],
      [11, 6, 16, 'Unknown field "storageURI" in spec.predictor.model. Did you mean "storageUri"?'],
      [12, 6, 16, 'Unknown field "frobnicate" in spec.predictor.model.'],
    ]);
    assert.ok(diagnostics.every((d) => d.severity === vscode.DiagnosticSeverity.Error && d.code === 'schema.additionalProperties'));
  });

  it('applies a quick fix', async () => {
    const editor = await openYaml(fixture('broken/lint-deprecated.yaml'));
    const uri = editor.document.uri;
    const deprecated = await waitFor(() => kserveDiagnostics(uri).find((d) => d.code === 'lint.deprecated-framework'), 'the deprecation warning');
    assert.equal(deprecated.severity, vscode.DiagnosticSeverity.Warning);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, deprecated.range);
    const convert = actions.find((a) => a.title === 'Convert to predictor.model with modelFormat sklearn');
    assert.ok(convert?.edit, `fix offered (got ${actions.map((a) => a.title).join(', ')})`);
    assert.equal(convert.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(convert.edit));
    assert.match(editor.document.getText(), /\n {4}model:\n {6}modelFormat:\n {8}name: sklearn\n {6}storageUri:/);
    await waitFor(() => kserveDiagnostics(uri).filter((d) => d.code === 'lint.deprecated-framework').length === 1,
      'only the other document\'s warning left');
  });

  it('offers modelFormat under predictor.model', async () => {
    const text = 'apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: demo\nspec:\n  predictor:\n    model:\n      ';
    const editor = await openYaml(text);
    const end = editor.document.positionAt(text.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, end);
    const item = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'modelFormat');
    assert.ok(item, 'modelFormat is offered');
    assert.equal(item.kind, vscode.CompletionItemKind.Property);
    assert.equal((item.documentation as vscode.MarkdownString).value, 'ModelFormat being served.');
    const hover = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(5, 4));
    assert.ok(hover.some((h) => h.contents.some((c) => (c as vscode.MarkdownString).value?.includes('Predictor defines the model serving spec'))));
  });

  it('expands a contributed snippet into a manifest with no diagnostics', async () => {
    const editor = await openYaml('');
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'yaml', name: 'KServe: T5 InferenceService (Hugging Face backend)' });
    await waitFor(() => editor.document.getText().includes('--backend=huggingface'), 'the snippet to be inserted');
    const result = await api.authoring.validate(editor.document);
    assert.deepEqual(result?.documents.map((d) => [d.kind.kind, d.name]), [['InferenceService', 'huggingface-t5']]);
    assert.deepEqual(result?.diagnostics, []);
    assert.deepEqual(kserveDiagnostics(editor.document.uri), []);
  });
});

describe('authoring: large files and CodeLens', function () {
  this.timeout(60_000);
  let api: KServeToolkitApi;

  before(async () => {
    api = await activateExtension();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.workspace.getConfiguration('kserve').update('validation.maxFileSizeKb', undefined, vscode.ConfigurationTarget.Global);
  });

  it('checks a file above the size cap only on save, with a note', async () => {
    await vscode.workspace.getConfiguration('kserve').update('validation.maxFileSizeKb', 16, vscode.ConfigurationTarget.Global);
    const broken = fixture('broken/enum.yaml');
    const text = Array.from({ length: 60 }, () => broken).join('---\n');
    assert.ok(text.length > 16 * 1024);
    const file = path.join(os.tmpdir(), `${uniqueName('kst-large')}.yaml`);
    fs.writeFileSync(file, text);
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(file));
    const uri = editor.document.uri;
    const note = await waitFor(() => kserveDiagnostics(uri).find((d) => d.code === 'size'), 'the size note');
    assert.equal(note.severity, vscode.DiagnosticSeverity.Information);
    assert.match(note.message, /larger than 16 KB.*when you save it/);
    assert.equal(kserveDiagnostics(uri).length, 1, 'not validated while typing');
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '# saved\n'));
    await editor.document.save();
    await waitFor(() => kserveDiagnostics(uri).filter((d) => d.code === 'schema.enum').length === 120, 'validation on save');
    fs.rmSync(file, { force: true });
  });

  it('validates one very large document off the extension host\'s thread, with exact ranges', async () => {
    const labels = Array.from({ length: 8_000 }, (_, i) => `    label-${i}: value-${i}`).join('\n');
    const text = `apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: big\n  labels:\n${labels}\n` +
      'spec:\n  predictor:\n    minReplicas: two\n    model:\n      modelFormat:\n        name: sklearn\n';
    assert.ok(text.length > 150 * 1024);
    const file = path.join(os.tmpdir(), `${uniqueName('kst-big')}.yaml`);
    fs.writeFileSync(file, text);
    try {
      const editor = await vscode.window.showTextDocument(vscode.Uri.file(file));
      const diagnostic = await waitFor(() => kserveDiagnostics(editor.document.uri).find((d) => d.code === 'schema.type'), 'the diagnostic');
      assert.equal(editor.document.getText(diagnostic.range), 'two');
      assert.match(diagnostic.message, /spec\.predictor\.minReplicas: expected an integer/);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it('puts Dry-run and Apply above each KServe document', async () => {
    const editor = await openYaml(fixture('valid/huggingface-storage-hf.yaml'));
    await api.authoring.validate(editor.document);
    const lenses = await waitFor(async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
      return found.length >= 6 && found;
    }, 'the CodeLenses');
    const titles = lenses.map((l) => `${l.range.start.line} ${l.command?.title}`);
    assert.deepEqual(titles, ['9 $(beaker) Dry-run', '9 $(cloud-upload) Apply', '9 Dry-run all 2', '9 Apply all 2',
      '34 $(beaker) Dry-run', '34 $(cloud-upload) Apply']);
    assert.deepEqual(lenses[4].command?.arguments, [{ uri: editor.document.uri, index: 2 }]);
  });
});

describe('authoring: dry-run and apply against the test cluster', function () {
  this.timeout(60_000);
  let api: KServeToolkitApi;
  let cluster: TestCluster;
  let namespace: string;

  before(async () => {
    api = await activateExtension();
    cluster = TestCluster.fromEnv();
    namespace = await cluster.createNamespace(uniqueName('kst-authoring'));
    await selectContext(api.explorer, CLUSTER_CONTEXTS.admin);
    await api.authoring.whenSchemasReady();
  });

  const applied: string[] = [];

  after(async () => {
    await Promise.all(applied.map((name) => cluster.deleteInferenceService(namespace, name)));
    await cluster?.cleanup();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('uses the connected cluster\'s KServe CRDs as schemas', () => {
    assert.equal(api.authoring.schemaOrigin, `cluster ${CLUSTER_CONTEXTS.admin}`);
  });

  it('shows the API server\'s error from a dry-run on the field it names', async () => {
    const text = fixture('valid/sklearn-iris.yaml').replace('namespace: kserve-test', `namespace: ${namespace}`)
      .replace('  predictor:\n', '  predictor:\n    minReplicas: two\n');
    const editor = await openYaml(text);
    const outcome = await api.authoring.runClusterAction('dryRun', { uri: editor.document.uri, index: 0 });
    assert.equal(outcome?.results.length, 1);
    assert.equal(outcome.results[0].ok, false);
    const server = await waitFor(() => vscode.languages.getDiagnostics(editor.document.uri).find((d) => d.message.startsWith('API server:')),
      'the server\'s diagnostic');
    assert.match(server.message, /minReplicas/);
    assert.match(server.message, /integer/);
    assert.equal(editor.document.getText(server.range), 'two');
    await assert.rejects(cluster.getInferenceService(namespace, 'sklearn-iris'), 'a dry-run creates nothing');
  });

  it('applies a manifest, which creates the object and the explorer shows it', async () => {
    const name = uniqueName('applied');
    const text = fixture('valid/sklearn-iris.yaml').replace('name: sklearn-iris', `name: ${name}`).replace('namespace: kserve-test', `namespace: ${namespace}`);
    const editor = await openYaml(text);
    applied.push(name);
    const dryRun = await api.authoring.runClusterAction('dryRun', { uri: editor.document.uri, index: 0 });
    assert.deepEqual(dryRun?.results.map((r) => r.ok), [true]);
    const outcome = await api.authoring.runClusterAction('apply', { uri: editor.document.uri, all: true }, { confirmed: true });
    assert.deepEqual(outcome?.results.map((r) => [r.kind, r.name, r.namespace, r.ok]), [['InferenceService', name, namespace, true]]);
    const created = await cluster.getInferenceService(namespace, name);
    assert.equal((created.spec as { predictor: { model: { modelFormat: { name: string } } } }).predictor.model.modelFormat.name, 'sklearn');
    const managers = (created.metadata as { managedFields?: { manager?: string }[] }).managedFields?.map((f) => f.manager);
    assert.ok(managers?.includes('kserve-toolkit'), `applied with the field manager (got ${managers})`);
    const tree = new TreeReader(api.explorer);
    await tree.service(namespace, name);
  });

  it('applies to the namespace an alias resolves to, and reports that namespace', async () => {
    const name = uniqueName('aliased');
    const text = fixture('valid/sklearn-iris.yaml').replace('name: sklearn-iris', `name: ${name}\n  labels: {team: &ns ${namespace}}`)
      .replace('namespace: kserve-test', 'namespace: *ns');
    const editor = await openYaml(text);
    applied.push(name);
    const outcome = await api.authoring.runClusterAction('apply', { uri: editor.document.uri, all: true }, { confirmed: true });
    assert.deepEqual(outcome?.results.map((r) => [r.name, r.namespace, r.ok]), [[name, namespace, true]], JSON.stringify(outcome));
    const created = await cluster.getInferenceService(namespace, name);
    assert.equal((created.metadata as { labels?: Record<string, string> }).labels?.team, namespace);
  });
});
