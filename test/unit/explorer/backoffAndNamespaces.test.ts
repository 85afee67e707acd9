import { strict as assert } from 'node:assert';
import { Backoff } from '../../../src/core/explorer/backoff';
import { ALL_NAMESPACES, isNamespaceName, parseSelection, visibleNamespaces } from '../../../src/core/explorer/namespaces';

describe('explorer reconnect backoff', () => {
  it('doubles from the initial delay up to the cap', () => {
    const backoff = new Backoff({ initialMs: 100, maxMs: 1000, factor: 2, jitter: 0 }, () => 0.5);
    assert.deepEqual(Array.from({ length: 6 }, () => backoff.next()), [100, 200, 400, 800, 1000, 1000]);
    assert.equal(backoff.attempt, 6);
    backoff.reset();
    assert.equal(backoff.next(), 100);
  });

  it('spreads delays by the jitter fraction and never exceeds the cap', () => {
    const low = new Backoff({ initialMs: 1000, maxMs: 1500, factor: 2, jitter: 0.2 }, () => 0);
    const high = new Backoff({ initialMs: 1000, maxMs: 1500, factor: 2, jitter: 0.2 }, () => 0.999999);
    assert.equal(low.next(), 800);
    assert.equal(high.next(), 1200);
    assert.equal(high.next(), 1500, 'capped even with jitter');
    const spread = new Set(Array.from({ length: 50 }, () => new Backoff(undefined, Math.random).next()));
    assert.ok(spread.size > 10, 'random jitter gives different delays');
  });
});

describe('explorer namespace selection', () => {
  it('shows every listed namespace for "all", sorted', () => {
    assert.deepEqual(visibleNamespaces(ALL_NAMESPACES, ['team-b', 'default', 'team-a'], 'default'), ['default', 'team-a', 'team-b']);
  });

  it('falls back to the context namespace when namespaces may not be listed', () => {
    assert.deepEqual(visibleNamespaces(ALL_NAMESPACES, undefined, 'team-a'), ['team-a']);
  });

  it('shows exactly the chosen namespaces, even ones the cluster does not list', () => {
    assert.deepEqual(visibleNamespaces({ all: false, names: ['team-b', 'team-a', 'team-a'] }, ['default'], 'default'), ['team-a', 'team-b']);
  });

  it('reads persisted selections defensively', () => {
    assert.deepEqual(parseSelection({ all: true }), ALL_NAMESPACES);
    assert.deepEqual(parseSelection({ all: false, names: ['team-a', 'Bad_Name', 3] }), { all: false, names: ['team-a'] });
    assert.equal(parseSelection({ all: false, names: [] }), undefined);
    assert.equal(parseSelection('team-a'), undefined);
    assert.equal(parseSelection(null), undefined);
  });

  it('accepts DNS-1123 labels only', () => {
    assert.ok(isNamespaceName('kserve-test-1'));
    for (const bad of ['', 'Team', '-a', 'a-', 'a_b', 'x'.repeat(64)]) assert.ok(!isNamespaceName(bad), bad);
  });
});
