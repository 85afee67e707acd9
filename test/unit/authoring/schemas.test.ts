import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parseAllDocuments } from 'yaml';
import { convertCrd, dedupeSchema, generateSchemas, serializeSchema, JsonSchema, QUANTITY_PATTERN } from '../../../src/core/authoring/schemas';
import { SchemaSet } from '../../../src/core/authoring/schemaSet';
import { schemaAt } from '../../../src/core/authoring/schemaNavigator';
import { repoRoot, schemas, kserveDataDir } from './helpers';

function kserveCrds(): unknown[] {
  const dir = path.join(kserveDataDir, 'crds');
  return fs.readdirSync(dir).sort().flatMap((f) => parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8')).map((d) => d.toJS()));
}

const swagger = JSON.parse(fs.readFileSync(path.join(kserveDataDir, 'swagger.json'), 'utf8'));

describe('authoring: schema generation', function () {
  this.timeout(60_000);
  const generated = generateSchemas(kserveCrds(), { kserve: swagger });

  it('writes one schema per KServe kind, for the storage version', () => {
    assert.deepEqual(generated.index.kinds.map((k) => `${k.kind} ${k.version}`), [
      'ClusterServingRuntime v1alpha1', 'ClusterStorageContainer v1alpha1', 'InferenceGraph v1alpha1', 'InferenceService v1beta1',
      'LLMInferenceService v1alpha2', 'LLMInferenceServiceConfig v1alpha2', 'LocalModelCache v1alpha1',
      'LocalModelNamespaceCache v1alpha1', 'LocalModelNode v1alpha1', 'LocalModelNodeGroup v1alpha1', 'ServingRuntime v1alpha1',
      'TrainedModel v1alpha1',
    ]);
    const isvc = generated.index.kinds.find((k) => k.kind === 'InferenceService')!;
    assert.deepEqual([isvc.plural, isvc.namespaced, isvc.file], ['inferenceservices', true, 'inferenceservice.json']);
    assert.equal(generated.index.kinds.find((k) => k.kind === 'ClusterServingRuntime')?.namespaced, false);
  });

  it('matches the committed schemas/ byte for byte (deterministic, and regenerated)', () => {
    for (const [file, schema] of generated.schemas) {
      assert.equal(serializeSchema(schema), fs.readFileSync(path.join(repoRoot, 'schemas', file), 'utf8'), file);
    }
    assert.equal(`${JSON.stringify(generated.index, null, 2)}\n`, fs.readFileSync(path.join(repoRoot, 'schemas', 'index.json'), 'utf8'));
    const again = generateSchemas(kserveCrds(), { kserve: swagger });
    assert.equal(serializeSchema(again.schemas.get('inferenceservice.json')), serializeSchema(generated.schemas.get('inferenceservice.json')));
  });

  it('keeps the shipped schemas small', () => {
    const total = [...generated.schemas.values()].reduce((sum, s) => sum + serializeSchema(s).length, 0);
    assert.ok(total < 600 * 1024, `schemas total ${Math.round(total / 1024)} KiB`);
    assert.ok(serializeSchema(generated.schemas.get('inferenceservice.json')).length < 300 * 1024);
  });

  it('merges descriptions from swagger.json by property path', () => {
    const set = schemas();
    const isvc = set.resolve('InferenceService', set.schema('InferenceService'))!;
    const predictor = set.resolve('InferenceService', isvc.properties!.spec.properties!.predictor)!;
    assert.equal(predictor.description, 'Predictor defines the model serving spec');
    assert.match(set.resolve('InferenceService', predictor.properties!.minReplicas)!.description!, /^Minimum number of replicas/);
  });

  it('builds schemas from a cluster\'s CRDs with KServe descriptions from the bundled schemas and core ones from /openapi/v2', () => {
    const set = schemas();
    const core = { definitions: { 'io.k8s.api.core.v1.Probe': {
      description: 'Probe describes a health check.', properties: { periodSeconds: { description: 'How often (in seconds) to probe.' } },
    } } };
    const fromCluster = generateSchemas(kserveCrds(), { core }, (kind) => set.schema(kind));
    const clusterSet = new SchemaSet(fromCluster.index, (info) => fromCluster.schemas.get(info.file));
    const path = ['spec', 'predictor', 'model', 'livenessProbe'];
    assert.match(schemaAt(clusterSet, 'InferenceService', path)?.description ?? '', /^Periodic probe of container liveness/);
    assert.equal(schemaAt(clusterSet, 'InferenceService', [...path, 'periodSeconds'])?.description, 'How often (in seconds) to probe.');
    assert.equal(schemaAt(clusterSet, 'InferenceService', ['spec', 'predictor', 'minReplicas'])?.description,
      schemaAt(set, 'InferenceService', ['spec', 'predictor', 'minReplicas'])?.description);
  });

  it('types metadata: name required, DNS names, string-valued labels', () => {
    const metadata = generated.schemas.get('inferenceservice.json')!.properties!.metadata;
    assert.deepEqual(metadata.required, ['name']);
    assert.equal(metadata.additionalProperties, false);
    assert.equal(metadata.properties!.name.pattern, '^[a-z]([-a-z0-9]*[a-z0-9])?$');
    assert.deepEqual(metadata.properties!.labels.additionalProperties, { type: 'string' });
  });

  it('turns int-or-string quantities into integer-or-pattern-string and rejects unknown fields', () => {
    const crd = {
      kind: 'CustomResourceDefinition',
      spec: {
        group: 'serving.kserve.io', names: { kind: 'Demo', plural: 'demos' }, scope: 'Namespaced',
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: {
          spec: { type: 'object', properties: {
            cpu: { anyOf: [{ type: 'integer' }, { type: 'string' }], pattern: QUANTITY_PATTERN, 'x-kubernetes-int-or-string': true },
            port: { anyOf: [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true },
            free: { type: 'object', properties: { a: { type: 'string' } }, 'x-kubernetes-preserve-unknown-fields': true },
            when: { type: 'string', format: 'date-time', nullable: true },
          } },
        } } } }],
      },
    };
    const { schema } = convertCrd(crd);
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    const doc = (spec: object) => ({ apiVersion: 'serving.kserve.io/v1', kind: 'Demo', metadata: { name: 'd' }, spec });
    assert.equal(validate(doc({ cpu: '500m', port: 'http', free: { a: 'x', b: 1 }, when: null })), true, JSON.stringify(validate.errors));
    assert.equal(validate(doc({ cpu: 2 })), true);
    assert.equal(validate(doc({ cpu: '1GB' })), false);
    assert.equal(validate(doc({ cpu: 0.5 })), false);
    assert.equal(validate(doc({ extra: 1 })), false);
    assert.equal(schema.properties!.spec.properties!.when.format, undefined, 'formats are dropped');
  });

  it('moves repeated subtrees into $defs without changing what validates', () => {
    const repeated: JsonSchema = { type: 'object', properties: { image: { type: 'string' }, args: { type: 'array', items: { type: 'string' } },
      ports: { type: 'array', items: { type: 'object', properties: { containerPort: { type: 'integer' } }, additionalProperties: false } } },
    additionalProperties: false };
    const tree: JsonSchema = { type: 'object', properties: { a: { ...repeated, description: 'A' }, b: { ...repeated, description: 'B' } } };
    const deduped = dedupeSchema(tree);
    assert.equal(Object.keys(deduped.$defs ?? {}).length, 1);
    assert.deepEqual(deduped.properties!.a, { description: 'A', $ref: '#/$defs/a' });
    const ajv = new Ajv({ strict: false });
    const [before, after] = [ajv.compile(tree), ajv.compile(deduped)];
    for (const value of [{ a: { image: 'x' } }, { b: { ports: [{ containerPort: 'x' }] } }, { a: { bogus: 1 } }, { b: { args: ['a'] } }]) {
      assert.equal(after(value), before(value), JSON.stringify(value));
    }
  });
});
