import { strict as assert } from 'node:assert';
import { parse } from 'yaml';
import { formatEventList, newestFirst, summarizeEvent } from '../../../src/core/explorer/events';
import { editableManifestYaml, liveManifestYaml } from '../../../src/core/explorer/manifest';
import { KubeObject } from '../../../src/core/explorer/resources';
import { readyStatus, t5Spec } from '../../support/cluster-isvc';

const live: KubeObject = {
  apiVersion: 'serving.kserve.io/v1beta1',
  kind: 'InferenceService',
  metadata: {
    name: 'huggingface-t5', namespace: 'default', uid: 'u-1', resourceVersion: '77', generation: 3,
    creationTimestamp: '2025-01-01T00:00:00Z', labels: { team: 'nlp' },
    annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', 'serving.kserve.io/deploymentMode': 'Serverless' },
    managedFields: [{ manager: 'kubectl' }],
  },
  spec: t5Spec(),
  status: readyStatus({ url: 'http://huggingface-t5.default.example.com' }),
};

describe('explorer manifests and events', () => {
  it('shows the live object without managedFields', () => {
    const shown = parse(liveManifestYaml(live));
    assert.equal(shown.metadata.managedFields, undefined);
    assert.equal(shown.metadata.resourceVersion, '77');
    assert.equal(shown.status.url, 'http://huggingface-t5.default.example.com');
  });

  it('makes an editable copy without server-owned fields', () => {
    const copy = parse(editableManifestYaml(live));
    assert.deepEqual(Object.keys(copy), ['apiVersion', 'kind', 'metadata', 'spec']);
    assert.deepEqual(copy.metadata, { name: 'huggingface-t5', namespace: 'default', labels: { team: 'nlp' }, annotations: { 'serving.kserve.io/deploymentMode': 'Serverless' } });
    assert.deepEqual(copy.spec, t5Spec());
  });

  it('lists events newest first in aligned columns, warnings marked and repeats counted', () => {
    const event = (e: Record<string, unknown>) => summarizeEvent({ metadata: { name: 'e' }, involvedObject: { kind: 'InferenceService', name: 't5' }, ...e });
    const text = formatEventList('Events of default/t5', newestFirst([
      event({ type: 'Normal', reason: 'Created', message: 'created', lastTimestamp: '2025-01-01T00:01:00Z' }),
      event({ type: 'Warning', reason: 'InternalError', message: 'fails\n to load', lastTimestamp: '2025-01-01T00:02:00Z', count: 3, source: { component: 'v1beta1Controllers' } }),
    ]));
    const lines = text.trim().split('\n');
    assert.equal(lines[0], 'Events of default/t5');
    assert.match(lines[2], /^LAST SEEN\s+TYPE\s+REASON\s+COUNT\s+FROM\s+OBJECT\s+MESSAGE$/);
    assert.match(lines[3], /⚠ Warning\s+InternalError\s+x3\s+v1beta1Controllers\s+InferenceService\/t5\s+fails to load$/);
    assert.match(lines[4], /Normal\s+Created/);
    assert.match(formatEventList('none', []), /No events/);
  });
});
