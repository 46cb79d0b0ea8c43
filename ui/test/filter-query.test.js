// The filter bar's reading of the grammar and of the snippets' highlight ranges (pure functions, no browser).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  completionContext, filterTerm, queryErrorPosition, queryFromParams, queryTerms, replaceTerm, termAt,
} from '../src/main/resources/META-INF/resources/js/filter-query.js';
import { normalizeHighlights } from '../src/main/resources/META-INF/resources/js/match-snippet.js';

test('terms keep quoted spaces, and the caret finds its term', () => {
  assert.deepEqual(queryTerms('model:"gpt 4o"  -status:error "a b"').map((term) => term.text),
    ['model:"gpt 4o"', '-status:error', '"a b"']);
  assert.deepEqual(termAt('service:a mod', 13), { start: 10, end: 13, text: 'mod', before: 'mod' });
  assert.deepEqual(termAt('service:a ', 10), { start: 10, end: 10, text: '', before: '' });
  assert.equal(termAt('model:gpt-4o', 8).before, 'model:gp');
});

test('what to complete: keys, attribute keys, values, examples, nothing in phrases', () => {
  assert.deepEqual(completionContext('mo'), { kind: 'keys', negation: '', prefix: 'mo' });
  assert.deepEqual(completionContext('-us'), { kind: 'keys', negation: '-', prefix: 'us' });
  assert.deepEqual(completionContext('attr.ht'), { kind: 'attr-keys', negation: '', prefix: 'ht' });
  assert.deepEqual(completionContext('model:gp'), { kind: 'values', negation: '', key: 'model', prefix: 'gp' });
  assert.deepEqual(completionContext('-model:"gpt 4'), { kind: 'values', negation: '-', key: 'model', prefix: 'gpt 4' });
  assert.deepEqual(completionContext('attr.http.route:/ch'), { kind: 'values', negation: '', key: 'attr.http.route', prefix: '/ch' });
  assert.deepEqual(completionContext('latency:>'), { kind: 'examples', negation: '', key: 'latency', prefix: '>' });
  assert.equal(completionContext('"refund po'), null);
  assert.equal(completionContext('model:"a b"'), null);
  assert.equal(completionContext('weird:x'), null);
});

test('values are quoted when they hold spaces; a term is replaced in place', () => {
  assert.equal(filterTerm('user', 'Ada Lovelace'), 'user:"Ada Lovelace"');
  assert.equal(filterTerm('model', 'gpt-4o'), 'model:gpt-4o');
  assert.deepEqual(replaceTerm('a mo b', { start: 2, end: 4 }, 'model:'), { text: 'a model: b', caret: 8 });
});

test('old service= and model= addresses become q terms in front of q', () => {
  assert.equal(queryFromParams(new URLSearchParams('service=checkout&model=gpt-4o')), 'service:checkout model:gpt-4o');
  assert.equal(queryFromParams(new URLSearchParams('service=a b&q=status:error')), 'service:"a b" status:error');
  assert.equal(queryFromParams(new URLSearchParams('q= latency:>2s ')), 'latency:>2s');
});

test('a q error names its 1-based position; other messages do not', () => {
  assert.deepEqual(queryErrorPosition("q: position 7: expected a value after 'model:'"),
    { position: 7, detail: "expected a value after 'model:'" });
  assert.equal(queryErrorPosition('limit must be an integer'), null);
});

test('highlight ranges are cut to the snippet, sorted and merged', () => {
  assert.deepEqual(normalizeHighlights([[5, 9], [0, 2], [8, 12], [20, 30], [3, 3], ['x', 1]], 25), [[0, 2], [5, 12], [20, 25]]);
  assert.deepEqual(normalizeHighlights(null, 10), []);
});
