/**
 * Prompts: every prompt fingerprint / version seen in a time range with its calls, cost, latency, tokens and
 * scores; one fingerprint's versions with the template each carried and a timeline of which version served when;
 * and two versions compared side by side, each difference tested (the drift tests) and marked when significant.
 * The fingerprint is a path segment (#/prompts/<fingerprint>), the range and the compared versions live in the
 * address.
 */
import { h, replaceChildren } from './dom.js';
import {
  formatCost, formatCount, formatDateTime, formatDecimal, formatDuration, formatPercent, formatPValue,
  formatRelativeChange, shortId,
} from './format.js';
import { buildHash, replaceHash } from './router.js';
import { errorState, loadingState } from './states.js';
import { ANALYTICS_RANGES, analyticsBounds, analyticsRange } from './analytics-range.js';
import { costFigure } from './usage-figures.js';
import { filterSelect, fillOptions, segmented, toolbarField } from './toolbar.js';
import { chartLegend, lineChart } from './svg-chart.js';

const DEFAULT_RANGE = '7d';

/** How each compared quantity reads: its label and the format of its two values. */
const TESTS = {
  cost_per_call_usd: { label: 'Cost per call (median)', format: (usd) => (usd == null ? '—' : formatCost(usd)) },
  latency_ms: { label: 'Latency (median)', format: formatDuration },
  ttft_ms: { label: 'Time to first token (median)', format: formatDuration },
  tokens_per_call: { label: 'Tokens per call (median)', format: formatDecimal },
  output_tokens_per_call: { label: 'Output tokens per call (median)', format: formatDecimal },
  error_rate: { label: 'Error rate', format: formatPercent },
  finish_reason_mix: { label: 'Finish-reason mix', format: () => '—' },
};
/** A compare test's verdict as the page says it: `drift` is a significant difference between the versions. */
export const PROMPT_VERDICTS = Object.freeze({
  drift: { text: 'significant', badge: 'badge-error' },
  no_drift: { text: 'not significant', badge: 'badge-ok' },
  insufficient_samples: { text: 'not enough samples', badge: 'badge-warn' },
});

/** A test's label: a score's is "Score: <name>". */
export function testLabel(metric) {
  if (metric.startsWith('score:')) return `Score: ${metric.slice('score:'.length)}`;
  return TESTS[metric]?.label ?? metric;
}

/** Link to one fingerprint's page. */
export function promptHref(fingerprint, params) {
  return buildHash(`/prompts/${encodeURIComponent(fingerprint)}`, params);
}

/** Mounts the view into `container`; returns `{unmount()}`. */
export function mountPrompts(container, { api, route }) {
  const params = route.params;
  const state = {
    fingerprint: route.fingerprint ?? null,
    range: analyticsRange(params.get('range') ?? DEFAULT_RANGE).id,
    a: params.get('a') ?? '',
    b: params.get('b') ?? '',
  };
  const lifetime = new AbortController();
  let generation = 0;
  let compareGeneration = 0;
  let bounds = analyticsBounds(state.range);

  const listBody = h('div', { class: 'panel-body' });
  const detailBody = h('div', { class: 'panel-body' });
  const compareBody = h('div', { class: 'panel-body' });
  const aSelect = filterSelect('a', 'Choose…', state.a);
  const bSelect = filterSelect('b', 'Choose…', state.b);
  for (const [select, field] of [[aSelect, 'a'], [bSelect, 'b']]) {
    select.addEventListener('change', () => {
      state[field] = select.value;
      rememberAddress();
      loadCompare();
    });
  }
  const rangePicker = segmented({
    name: 'range', label: 'Time range', selected: state.range, options: ANALYTICS_RANGES,
    onSelect: (id) => { state.range = id; rememberAddress(); load(); },
  });
  const title = state.fingerprint ? 'Prompt' : 'Prompts';
  replaceChildren(container, h('section', { class: 'page prompts-page', 'aria-labelledby': 'prompts-title' },
    h('div', { class: 'page-header' },
      h('h1', { id: 'prompts-title', class: 'page-title' }, title),
      state.fingerprint && h('code', { class: 'chip chip-model', 'data-testid': 'prompt-fingerprint' }, state.fingerprint),
      state.fingerprint && h('a', { class: 'btn btn-ghost btn-small', href: buildHash('/prompts', rangeParam()) }, 'All prompts')),
    h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Time range' }, rangePicker.element),
    state.fingerprint
      ? [
        h('section', { class: 'panel', 'aria-labelledby': 'prompt-versions-title' },
          h('div', { class: 'panel-header' }, h('h2', { id: 'prompt-versions-title', class: 'panel-title' }, 'Versions')),
          detailBody),
        h('section', { class: 'panel', 'aria-labelledby': 'prompt-compare-title' },
          h('div', { class: 'panel-header' },
            h('h2', { id: 'prompt-compare-title', class: 'panel-title' }, 'Compare two versions'),
            h('span', { class: 'muted small' }, 'Each difference tested as the drift check tests it; A is the baseline')),
          h('div', { class: 'toolbar toolbar-inset', role: 'toolbar', 'aria-label': 'Versions to compare' },
            toolbarField('Version A', aSelect), toolbarField('Version B', bSelect)),
          compareBody),
      ]
      : h('section', { class: 'panel', 'aria-labelledby': 'prompt-list-title' },
        h('div', { class: 'panel-header' },
          h('h2', { id: 'prompt-list-title', class: 'panel-title' }, 'Prompt versions'),
          h('span', { class: 'muted small' }, 'From the agent extension, OpenLLMetry and OpenInference prompt attributes')),
        listBody)));
  document.title = `${title} · Boxscore`;
  rememberAddress();
  load();
  return { unmount: () => lifetime.abort() };

  function rangeParam() {
    return { range: state.range === DEFAULT_RANGE ? '' : state.range };
  }

  function rememberAddress() {
    replaceHash(state.fingerprint
      ? promptHref(state.fingerprint, { ...rangeParam(), a: state.a, b: state.b })
      : buildHash('/prompts', rangeParam()));
  }

  async function load() {
    const myGeneration = ++generation;
    bounds = analyticsBounds(state.range);
    const body = state.fingerprint ? detailBody : listBody;
    replaceChildren(body, loadingState(state.fingerprint ? 'Loading the prompt…' : 'Loading prompt versions…'));
    try {
      if (state.fingerprint) {
        // The range's chart bucket (3h for 7 days): a version change shows within hours, not days.
        const detail = await api.prompt(state.fingerprint, { ...bounds, bucket: analyticsRange(state.range).bucket },
          { signal: lifetime.signal });
        if (myGeneration !== generation) return;
        replaceChildren(detailBody, detailView(detail));
        const versions = detail.versions.map((version) => version.version).filter(Boolean);
        // Two versions and none chosen: compare the two latest, the question a prompt change starts with.
        if (!state.a && !state.b && versions.length >= 2) {
          [state.a, state.b] = versions.slice(-2);
          rememberAddress();
        }
        fillOptions(aSelect, versions, state.a);
        fillOptions(bSelect, versions, state.b);
        loadCompare();
      } else {
        const answer = await api.prompts(bounds, { signal: lifetime.signal });
        if (myGeneration !== generation) return;
        replaceChildren(listBody, answer.prompts.length === 0
          ? h('div', { class: 'panel-empty muted', 'data-testid': 'prompts-empty' },
            'No calls in this range name a prompt version or fingerprint.')
          : versionsTable(answer.prompts, true));
      }
    } catch (error) {
      if (error.name === 'AbortError' || error.unauthorized || myGeneration !== generation) return;
      replaceChildren(body, errorState(state.fingerprint && error.status === 404
        ? 'No calls of this prompt in the range' : 'Could not load the prompts', error, () => load()));
    }
  }

  function versionsTable(versions, linked) {
    return h('table', { class: 'data-table prompts-table', 'data-testid': 'prompts-table' },
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, 'Prompt'), h('th', { scope: 'col' }, 'Version'),
        h('th', { scope: 'col' }, 'First seen'), h('th', { scope: 'col' }, 'Last seen'),
        h('th', { scope: 'col', class: 'num' }, 'Calls'), h('th', { scope: 'col', class: 'num' }, 'Cost'),
        h('th', { scope: 'col', class: 'num' }, 'Per call'), h('th', { scope: 'col', class: 'num' }, 'Latency p50 / p95'),
        h('th', { scope: 'col', class: 'num' }, 'Tokens in / out'), h('th', { scope: 'col' }, 'Scores'))),
      h('tbody', null, versions.map((version) => {
        const prompt = h('span', { class: 'prompt-cell' },
          version.name && h('span', { class: 'prompt-name' }, version.name),
          version.fingerprint ? h('code', { class: 'muted small', title: version.fingerprint }, shortId(version.fingerprint, 12))
            : h('span', { class: 'muted small' }, 'no fingerprint'));
        return h('tr', {
          class: 'prompt-row',
          dataset: { fingerprint: version.fingerprint ?? '', version: version.version ?? '' },
        },
        h('td', { 'data-col': 'prompt' }, linked && version.fingerprint
          ? h('a', { href: promptHref(version.fingerprint, rangeParam()) }, prompt) : prompt),
        h('td', { 'data-col': 'version' }, version.version ?? h('span', { class: 'muted' }, '—')),
        h('td', { 'data-col': 'first-seen' }, formatDateTime(version.firstSeen)),
        h('td', { 'data-col': 'last-seen' }, formatDateTime(version.lastSeen)),
        h('td', { class: 'num', 'data-col': 'calls' }, formatCount(version.calls)),
        h('td', { class: 'num', 'data-col': 'cost' }, version.cost ? costFigure(version.cost) : '—'),
        h('td', { class: 'num', 'data-col': 'cost-per-call' }, formatCost(version.cost?.usdPerPricedCall)),
        h('td', { class: 'num', 'data-col': 'latency' },
          `${formatDuration(version.latencyMs?.p50)} / ${formatDuration(version.latencyMs?.p95)}`),
        h('td', { class: 'num', 'data-col': 'tokens' },
          `${formatCount(version.tokens?.input ?? 0)} / ${formatCount(version.tokens?.output ?? 0)}`),
        h('td', { 'data-col': 'scores' }, scoresText(version.scores)));
      })));
  }

  function detailView(detail) {
    const versions = [...new Set(detail.timeline.map((point) => point.version ?? ''))];
    const step = detail.bucketSeconds * 1000;
    const from = Date.parse(detail.from);
    const to = Date.parse(detail.to);
    const series = versions.map((version, index) => {
      const calls = new Map(detail.timeline.filter((point) => (point.version ?? '') === version)
        .map((point) => [Date.parse(point.bucket), point.calls]));
      const points = [];
      for (let t = Math.floor(from / step) * step; t < to; t += step) points.push({ t, v: calls.get(t) ?? 0 });
      return { name: version || '(no version)', colorIndex: index, points };
    });
    return h('div', null,
      detail.name && h('p', { class: 'prompt-title' }, h('span', { class: 'muted' }, 'Name '), detail.name),
      versionsTable(detail.versions, false),
      h('h3', { class: 'panel-subtitle' }, 'Which version served when'),
      h('div', { class: 'prompt-timeline', 'data-testid': 'prompt-timeline' },
        lineChart({
          title: 'Calls per version', series, from, to, format: formatCount, testId: 'prompt-timeline-chart', height: 160,
        }),
        chartLegend(series)),
      h('h3', { class: 'panel-subtitle' }, 'Templates'),
      detail.templates.length === 0
        ? h('p', { class: 'muted small' }, 'No call of this prompt carried its template text.')
        : h('div', { class: 'prompt-templates' }, detail.templates.map((template) => h('div', {
          class: 'prompt-template', dataset: { version: template.version ?? '' },
        },
        h('div', { class: 'prompt-template-head' },
          h('strong', null, template.version ?? '(no version)'),
          template.capturedAt && h('span', { class: 'muted small' }, ` captured ${formatDateTime(template.capturedAt)}`)),
        template.template == null
          ? h('p', { class: 'muted small' }, 'Not captured: the calls carried no template text.')
          : h('pre', { class: 'prompt-template-text' }, template.template)))));
  }

  async function loadCompare() {
    const myGeneration = ++compareGeneration;
    if (!state.a || !state.b || state.a === state.b) {
      replaceChildren(compareBody, h('div', { class: 'panel-empty muted', 'data-testid': 'prompt-compare-hint' },
        'Choose two different versions to compare them.'));
      return;
    }
    replaceChildren(compareBody, loadingState('Comparing…'));
    try {
      const answer = await api.comparePrompts({
        a_fingerprint: state.fingerprint, a_version: state.a, b_fingerprint: state.fingerprint, b_version: state.b,
        ...bounds,
      }, { signal: lifetime.signal });
      if (myGeneration !== compareGeneration) return;
      replaceChildren(compareBody, compareView(answer));
    } catch (error) {
      if (error.name === 'AbortError' || error.unauthorized || myGeneration !== compareGeneration) return;
      replaceChildren(compareBody, errorState('Could not compare the versions', error, () => loadCompare()));
    }
  }

  function compareView(answer) {
    const significant = answer.tests.filter((test) => test.verdict === 'drift');
    const summary = significant.length > 0
      ? h('div', { class: 'verdict verdict-drift', 'data-testid': 'prompt-compare-verdict' },
        `${answer.bVersion} differs significantly from ${answer.aVersion} in ${significant.map((test) => testLabel(test.metric)).join(', ')}`)
      : h('div', { class: 'verdict verdict-ok', 'data-testid': 'prompt-compare-verdict' },
        `No significant difference between ${answer.aVersion} and ${answer.bVersion} at α = ${answer.alpha}`);
    const side = (figures) => figures ?? { calls: 0 };
    return h('div', null,
      summary,
      h('table', { class: 'data-table prompt-sides', 'data-testid': 'prompt-sides' },
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, ''),
          h('th', { scope: 'col', class: 'num' }, `A: ${answer.aVersion}`),
          h('th', { scope: 'col', class: 'num' }, `B: ${answer.bVersion}`))),
        h('tbody', null,
          [['calls', 'Calls', (f) => formatCount(f.calls)],
            ['cost', 'Cost', (f) => (f.cost ? costFigure(f.cost) : '—')],
            ['latency', 'Latency p50 / p95', (f) => `${formatDuration(f.latencyMs?.p50)} / ${formatDuration(f.latencyMs?.p95)}`],
            ['scores', 'Scores', (f) => scoresText(f.scores)]].map(([id, text, render]) => h('tr', { dataset: { figure: id } },
            h('th', { scope: 'row' }, text),
            h('td', { class: 'num', 'data-col': 'a' }, render(side(answer.a))),
            h('td', { class: 'num', 'data-col': 'b' }, render(side(answer.b))))))),
      h('table', { class: 'data-table prompt-tests', 'data-testid': 'prompt-tests' },
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, 'Quantity'), h('th', { scope: 'col', class: 'num' }, 'A'),
          h('th', { scope: 'col', class: 'num' }, 'B'), h('th', { scope: 'col', class: 'num' }, 'Change'),
          h('th', { scope: 'col', class: 'num' }, 'p-value'),
          h('th', { scope: 'col', class: 'num' }, 'Samples (A / B)'), h('th', { scope: 'col' }, 'Difference'))),
        h('tbody', null, answer.tests.map((test) => {
          const format = TESTS[test.metric]?.format ?? formatDecimal;
          const verdict = PROMPT_VERDICTS[test.verdict] ?? { text: test.verdict, badge: '' };
          return h('tr', { class: ['prompt-test-row', test.verdict === 'drift' && 'is-significant'], dataset: { metric: test.metric, verdict: test.verdict } },
            h('td', null, testLabel(test.metric)),
            h('td', { class: 'num', 'data-col': 'a' }, format(test.baseline)),
            h('td', { class: 'num', 'data-col': 'b' }, format(test.current)),
            h('td', { class: 'num' }, formatRelativeChange(test.relativeChange)),
            h('td', { class: 'num', 'data-col': 'p-value' }, formatPValue(test.pValue)),
            h('td', { class: 'num', 'data-col': 'samples' },
              `${formatCount(test.baselineSamples)} / ${formatCount(test.currentSamples)}`),
            h('td', { 'data-col': 'verdict' }, h('span', { class: ['badge', verdict.badge] }, verdict.text)));
        }))));
  }
}

/** "helpfulness 0.81 (400)"-style text of a version's scores, or a dash. */
function scoresText(scores) {
  if (!scores || scores.length === 0) return h('span', { class: 'muted' }, '—');
  return scores.map((score, index) => h('span', { class: 'prompt-score', dataset: { score: score.name } },
    index > 0 && ', ',
    `${score.name} ${score.average == null ? labelsText(score.labels) : formatDecimal(score.average)} (${formatCount(score.scored)})`));
}

function labelsText(labels) {
  const entries = Object.entries(labels ?? {}).sort((x, y) => y[1] - x[1]);
  return entries.length === 0 ? '—' : entries.map(([label, count]) => `${label} ${formatCount(count)}`).join(' ');
}
