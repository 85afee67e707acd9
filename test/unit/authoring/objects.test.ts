import { strict as assert } from 'node:assert';
import { documentObject, parseFieldPath, serverDiagnostics } from '../../../src/core/authoring/objects';
import { at, fixture } from './helpers';

describe('authoring: server errors on the document', () => {
  const text = fixture('valid/huggingface-storage-hf.yaml');

  it('parses the API server\'s field paths', () => {
    assert.deepEqual(parseFieldPath('spec.containers[0].name'), ['spec', 'containers', 0, 'name']);
    assert.deepEqual(parseFieldPath('metadata.labels[app.kubernetes.io/name]'), ['metadata', 'labels', 'app.kubernetes.io/name']);
    assert.deepEqual(parseFieldPath('.spec.predictor.foo'), ['spec', 'predictor', 'foo']);
  });

  it('returns the document as an object by its index in the file', () => {
    assert.equal((documentObject(text, 2)?.metadata as { name: string }).name, 'huggingface-llama3-hf');
    assert.equal(documentObject(text, 7), undefined);
  });

  it('puts each cause on its field, or the nearest ancestor that exists', () => {
    const diagnostics = serverDiagnostics(text, 2, [
      { field: 'spec.predictor.model.storageUri', message: 'Invalid value: "hf://x": unsupported' },
      { field: 'spec.predictor.minReplicas', message: 'Invalid value: -1: must be >= 0' },
    ], 'ignored');
    assert.deepEqual(diagnostics.map((d) => [at(text, d.range), d.message]), [
      ['45:18-45:58', 'API server: spec.predictor.model.storageUri: Invalid value: "hf://x": unsupported'],
      ['39:2-39:11', 'API server: spec.predictor.minReplicas: Invalid value: -1: must be >= 0'],
    ]);
  });

  it('finds the field inside a structural error message, else uses the kind', () => {
    const [named] = serverDiagnostics(text, 2, [], 'failed to create typed patch object: .spec.predictor.model.modelFormat.name: expected string');
    assert.equal(at(text, named.range), '42:14-42:25');
    const [plain] = serverDiagnostics(text, 1, [], 'admission webhook denied the request');
    assert.equal(text.slice(plain.range.start, plain.range.end), 'ClusterStorageContainer');
  });
});
