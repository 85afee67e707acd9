import { strict as assert } from 'node:assert';
import { KubeObject } from '../../../src/core/explorer/resources';
import { summarizeResource, unreadableResource } from '../../../src/core/explorer/summary';
import { WatchCache, WatchEvent, WatchEventType } from '../../../src/core/explorer/watchCache';

interface Row {
  name: string;
  resourceVersion?: string;
  phase?: unknown;
}

const obj = (name: string, rv: string, phase = 'Ready', namespace = 'team-a'): KubeObject =>
  ({ metadata: { name, namespace, resourceVersion: rv }, status: { phase } });
const project = (o: KubeObject): Row => ({ name: o.metadata.name, resourceVersion: o.metadata.resourceVersion, phase: (o.status as { phase?: string })?.phase });
const event = (type: WatchEventType, object: KubeObject): WatchEvent => ({ type, object });

/** Deterministic pseudo-random numbers, so a failing sequence can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe('explorer watch cache', () => {
  it('keeps going past objects it cannot read: skips a null item, stands in for one that throws', () => {
    const cache = new WatchCache(summarizeResource, (object) => unreadableResource(object));
    const runtime = (name: string, formats: unknown[], rv = '1') => ({ metadata: { name, resourceVersion: rv }, spec: { supportedModelFormats: formats } }) as KubeObject;
    const changes = cache.replace([null as unknown as KubeObject, runtime('odd', [null]), runtime('hf', [{ name: 'huggingface', version: '1' }])], '5');
    assert.deepEqual(changes.map((c) => c.key), ['odd', 'hf']);
    assert.deepEqual(cache.get('odd')?.handles, []);
    assert.deepEqual(cache.get('hf')?.handles, ['huggingface:1']);
    assert.equal(cache.apply(event('ADDED', { metadata: { resourceVersion: '6' } } as KubeObject)), undefined, 'no name: skipped');
    const dropping = new WatchCache(summarizeResource);
    dropping.replace([runtime('hf', [{ name: 'huggingface' }])], '1');
    assert.equal(dropping.apply(event('MODIFIED', runtime('hf', [null], '2')))?.kind, 'deleted', 'unreadable without a stand-in: left out');
  });

  it('folds a list and ADDED/MODIFIED/DELETED events into one entry per object', () => {
    const cache = new WatchCache(project);
    const initial = cache.replace([obj('a', '10'), obj('b', '11')], '11');
    assert.deepEqual(initial.map((c) => `${c.kind}:${c.key}`), ['added:team-a/a', 'added:team-a/b']);
    assert.equal(cache.resourceVersion, '11');
    assert.equal(cache.apply(event('MODIFIED', obj('a', '12', 'NotReady')))?.kind, 'modified');
    assert.equal(cache.get('team-a/a')?.phase, 'NotReady');
    assert.equal(cache.apply(event('ADDED', obj('c', '13')))?.kind, 'added');
    assert.equal(cache.apply(event('DELETED', obj('b', '14')))?.kind, 'deleted');
    assert.deepEqual(cache.values().map((r) => r.name).sort(), ['a', 'c']);
    assert.equal(cache.resourceVersion, '14');
  });

  it('ignores duplicate and older events, and deletions of unknown objects', () => {
    const cache = new WatchCache(project);
    cache.replace([obj('a', '20')], '20');
    assert.equal(cache.apply(event('ADDED', obj('a', '20'))), undefined, 'the same version again');
    assert.equal(cache.apply(event('MODIFIED', obj('a', '19', 'Stale'))), undefined, 'an older version');
    assert.equal(cache.get('team-a/a')?.phase, 'Ready');
    assert.equal(cache.apply(event('DELETED', obj('zzz', '21'))), undefined);
    assert.equal(cache.size, 1);
  });

  it('treats an ADDED for a known object as a modification (a re-watch replays it)', () => {
    const cache = new WatchCache(project);
    cache.replace([obj('a', '5')], '5');
    assert.equal(cache.apply(event('ADDED', obj('a', '6', 'FailedToLoad')))?.kind, 'modified');
    assert.equal(cache.size, 1);
  });

  it('moves the resourceVersion on bookmarks without changing items, and never backwards', () => {
    const cache = new WatchCache(project);
    cache.replace([obj('a', '5')], '5');
    assert.equal(cache.apply({ type: 'BOOKMARK', object: { metadata: { name: '', resourceVersion: '90' } } }), undefined);
    assert.equal(cache.resourceVersion, '90');
    cache.apply(event('MODIFIED', obj('a', '80')));
    assert.equal(cache.resourceVersion, '90');
    assert.equal(cache.apply({ type: 'ERROR', object: { metadata: undefined } as unknown as KubeObject }), undefined);
  });

  it('reports the difference when a relist replaces the contents', () => {
    const cache = new WatchCache(project);
    cache.replace([obj('a', '1'), obj('b', '2'), obj('c', '3')], '3');
    const changes = cache.replace([obj('a', '1'), obj('b', '7', 'NotReady'), obj('d', '8')], '8');
    assert.deepEqual(changes.map((c) => `${c.kind}:${c.value.name}`).sort(), ['added:d', 'deleted:c', 'modified:b']);
  });

  it('keeps namespaces apart: the same name in two namespaces is two objects', () => {
    const cache = new WatchCache(project);
    cache.replace([obj('t5', '1', 'Ready', 'team-a'), obj('t5', '2', 'Ready', 'team-b')], '2');
    assert.equal(cache.size, 2);
  });

  it('matches a replay of random event sequences, with no duplicates', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const next = random(seed);
      const cache = new WatchCache(project);
      const truth = new Map<string, string>();
      let version = 100;
      const names = ['a', 'b', 'c', 'd', 'e'];
      const initial = names.filter(() => next() < 0.5).map((n) => obj(n, String(++version)));
      cache.replace(initial, String(version));
      for (const o of initial) truth.set(o.metadata.name, o.metadata.resourceVersion!);
      for (let i = 0; i < 200; i++) {
        const name = names[Math.floor(next() * names.length)];
        const roll = next();
        if (roll < 0.15 && truth.has(name)) {
          cache.apply(event('DELETED', obj(name, String(++version))));
          truth.delete(name);
        } else if (roll < 0.25 && truth.has(name)) {
          cache.apply(event('MODIFIED', obj(name, truth.get(name)!)));
        } else if (roll < 0.3) {
          cache.apply({ type: 'BOOKMARK', object: { metadata: { name: '', resourceVersion: String(++version) } } });
        } else {
          const rv = String(++version);
          cache.apply(event(truth.has(name) ? 'MODIFIED' : 'ADDED', obj(name, rv)));
          truth.set(name, rv);
        }
      }
      const rows = cache.values();
      assert.equal(new Set(rows.map((r) => r.name)).size, rows.length, `seed ${seed}: no duplicates`);
      assert.deepEqual(Object.fromEntries(rows.map((r) => [r.name, r.resourceVersion])), Object.fromEntries(truth), `seed ${seed}`);
      assert.equal(cache.resourceVersion, String(version));
    }
  });
});
