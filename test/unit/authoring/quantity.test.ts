import { strict as assert } from 'node:assert';
import { parseQuantity } from '../../../src/core/authoring/quantity';
import { closest, editDistance } from '../../../src/core/authoring/suggest';

describe('authoring: quantities and suggestions', () => {
  it('parses Kubernetes quantities into base units', () => {
    assert.equal(parseQuantity('500m'), 0.5);
    assert.equal(parseQuantity('1'), 1);
    assert.equal(parseQuantity(2), 2);
    assert.equal(parseQuantity('1Gi'), 1024 ** 3);
    assert.equal(parseQuantity('1000Mi'), 1000 * 1024 ** 2);
    assert.equal(parseQuantity('1G'), 1e9);
    assert.equal(parseQuantity('1.5'), 1.5);
    assert.equal(parseQuantity('1e3'), 1000);
    assert.equal(parseQuantity('.5'), 0.5);
    assert.equal(parseQuantity('1GB'), undefined);
    assert.equal(parseQuantity(true), undefined);
  });

  it('compares across units', () => {
    assert.ok(parseQuantity('500m')! < parseQuantity('1')!);
    assert.ok(parseQuantity('1000Mi')! < parseQuantity('1Gi')!);
    assert.ok(parseQuantity('1G')! < parseQuantity('1Gi')!);
    assert.equal(parseQuantity('1024Mi'), parseQuantity('1Gi'));
  });

  it('suggests close names only', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(closest('modelformat', ['modelFormat', 'storageUri']), 'modelFormat');
    assert.equal(closest('storageURI', ['modelFormat', 'storageUri']), 'storageUri');
    assert.equal(closest('frobnicate', ['modelFormat', 'storageUri']), undefined);
  });
});
