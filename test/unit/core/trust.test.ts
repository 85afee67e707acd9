import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { effectiveSchemaSource, RESTRICTED_SETTINGS } from '../../../src/core/trust';

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')) as {
  capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
  contributes: { configuration: { properties: Record<string, unknown> } };
};

describe('workspace trust', () => {
  it('restricts in package.json exactly the settings the extension reads as restricted', () => {
    const declared = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.map((key) => key.replace(/^kserve\./, ''));
    assert.deepEqual([...declared].sort(), [...RESTRICTED_SETTINGS].sort());
    for (const key of RESTRICTED_SETTINGS) assert.ok(`kserve.${key}` in manifest.contributes.configuration.properties, key);
  });

  it('restricts every setting that moves data or work: the endpoint, its model, the timeouts, sizes and schema source', () => {
    for (const key of ['endpoint.model', 'validation.maxFileSizeKb', 'explorer.pageSize', 'schemas.source',
      'endpoint.connectTimeoutSeconds', 'endpoint.idleTimeoutSeconds', 'translate.deadlineSeconds', 'kubeconfig']) {
      assert.ok(RESTRICTED_SETTINGS.has(key), key);
    }
  });

  it('never reads schemas from the cluster on its own in an untrusted workspace', () => {
    assert.equal(effectiveSchemaSource('auto', false), 'bundled');
    assert.equal(effectiveSchemaSource('cluster', false), 'bundled');
    assert.equal(effectiveSchemaSource('auto', true), 'auto');
  });
});
