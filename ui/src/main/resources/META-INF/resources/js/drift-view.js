/**
 * Drift: silent model swaps in a time range (a request model answered by a new response model or system
 * fingerprint, with the request model's figures before and after), and a drift check of one subject (model,
 * service, provider or prompt version) against its baseline, metric by metric, with the test's p-value and sample
 * sizes, or "not enough samples" when the API ran no test. The subject's scores are metrics too (`score:<name>`), so the
 * overview and the check show a score that drifted (a prompt version that made answers worse) next to cost and latency.
 */
import { h, replaceChildren } from './dom.js';
import {
  formatCost, formatCount, formatDateTime, formatDecimal, formatDuration, formatPercent, formatPValue,
  formatRelativeChange, formatScore,
} from './format.js';
import { buildHash, replaceHash } from './router.js';
import { describeError, errorState, loadingState } from './states.js';
import { ANALYTICS_RANGES, TOTALS_BUCKET, analyticsBounds, analyticsRange } from './analytics-range.js';
import { fillOptions, filterSelect, segmented, toolbarField } from './toolbar.js';
import { taskPool } from './task-pool.js';

/** Drift tests the overview runs at once (one per subject row). */
const OVERVIEW_CONCURRENCY = 4;

/** What a drift check can be about (API parameter names). */
const SUBJECT_KINDS = Object.freeze([
  { id: 'model', label: 'Model' },
  { id: 'service', label: 'Service' },
  { id: 'provider', label: 'Provider' },
  { id: 'prompt_version', label: 'Prompt version' },
]);
/** Current windows a drift check compares with the same window on earlier days (the API allows at most 1 day). */
const DRIFT_WINDOWS = Object.freeze([
  { id: '1h', label: '1h', title: 'The last hour', millis: 3_600_000 },
  { id: '6h', label: '6h', title: 'The last 6 hours', millis: 6 * 3_600_000 },
  { id: '24h', label: '24h', title: 'The last 24 hours', millis: 24 * 3_600_000 },
]);
const BASELINE_DAYS = Object.freeze([1, 7, 14, 28]);

/** How each drift metric reads: its label and how its baseline/current values are formatted. */
const METRICS = {
  latency_ms: { label: 'Latency (median)', format: formatDuration },
  ttft_ms: { label: 'Time to first token (median)', format: formatDuration },
  // null here means no value to show, not an unknown price.
  cost_per_call_usd: { label: 'Cost per call (median)', format: (usd) => (usd == null ? '—' : formatCost(usd)) },
  tokens_per_call: { label: 'Tokens per call (median)', format: formatDecimal },
  output_tokens_per_call: { label: 'Output tokens per call (median)', format: formatDecimal },
  error_rate: { label: 'Error rate', format: formatPercent },
  finish_reason_mix: { label: 'Finish-reason mix', format: () => '—' },
};
/** Score metrics (`score:<name>`) read by their test: a numeric score's mean, a boolean's share true, a mix. */
const SCORE_TESTS = {
  mann_whitney_u: { suffix: 'mean', format: formatScore },
  chi_square_2x2: { suffix: 'share true', format: formatPercent },
  chi_square_homogeneity: { suffix: 'mix', format: () => '—' },
};
const SCORE_PREFIX = 'score:';
const VERDICTS = {
  drift: { text: 'drift', badge: 'badge-error' },
  no_drift: { text: 'no drift', badge: 'badge-ok' },
  insufficient_samples: { text: 'not enough samples', badge: 'badge-warn' },
};

/** Mounts the view into `container`; returns `{unmount()}`. */
export function mountDrift(container, { api, route }) {
  const params = route.params;
  const state = {
    range: analyticsRange(params.get('range')).id,
    kind: SUBJECT_KINDS.some((kind) => kind.id === params.get('kind')) ? params.get('kind') : 'model',
    subject: params.get('subject') ?? '',
    window: DRIFT_WINDOWS.some((window) => window.id === params.get('window')) ? params.get('window') : '1h',
    baselineDays: BASELINE_DAYS.includes(Number(params.get('baseline_days'))) ? Number(params.get('baseline_days')) : 7,
  };
  const lifetime = new AbortController();
  let swapsGeneration = 0;
  let driftGeneration = 0;
  let subjectValues = null;
  let overviewGeneration = 0;
  let overviewPool = null;

  const swapsBody = h('div', { class: 'panel-body' });
  const subjectsError = h('div', { class: 'inline-error toolbar-error', role: 'alert' });
  const driftBody = h('div', { class: 'panel-body' });
  const rangePicker = segmented({
    name: 'range', label: 'Swaps in', selected: state.range, options: ANALYTICS_RANGES,
    onSelect: (id) => { state.range = id; rememberAddress(); loadSwaps(); loadSubjects(); },
  });
  const kindSelect = h('select', { class: 'select', 'data-field': 'kind' },
    SUBJECT_KINDS.map((kind) => h('option', { value: kind.id, selected: kind.id === state.kind }, kind.label)));
  const subjectSelect = filterSelect('subject', 'Choose…', state.subject);
  const windowSelect = h('select', { class: 'select select-narrow', 'data-field': 'window' },
    DRIFT_WINDOWS.map((window) => h('option', { value: window.id, selected: window.id === state.window }, window.title)));
  const baselineSelect = h('select', { class: 'select select-narrow', 'data-field': 'baseline-days' },
    BASELINE_DAYS.map((days) => h('option', { value: days, selected: days === state.baselineDays },
      `same window, ${days} previous day${days === 1 ? '' : 's'}`)));
  kindSelect.addEventListener('change', () => {
    state.kind = kindSelect.value;
    state.subject = '';
    fillOptions(subjectSelect, subjectValues?.[state.kind], '');
    rememberAddress();
    renderDriftPrompt();
  });
  for (const [select, apply] of [
    [subjectSelect, () => { state.subject = subjectSelect.value; }],
    [windowSelect, () => { state.window = windowSelect.value; }],
    [baselineSelect, () => { state.baselineDays = Number(baselineSelect.value); }],
  ]) {
    select.addEventListener('change', () => {
      apply();
      rememberAddress();
      loadDrift();
    });
  }

  replaceChildren(container, h('section', { class: 'page drift-page', 'aria-labelledby': 'drift-title' },
    h('div', { class: 'page-header' }, h('h1', { id: 'drift-title', class: 'page-title' }, 'Drift')),
    h('section', { class: 'panel', 'aria-labelledby': 'swaps-title' },
      h('div', { class: 'panel-header' },
        h('h2', { id: 'swaps-title', class: 'panel-title' }, 'Silent model swaps'),
        h('span', { class: 'muted small' }, 'A request model started being answered by another response model or system fingerprint'),
        h('div', { class: 'toolbar-spacer' }),
        rangePicker.element),
      swapsBody),
    h('section', { class: 'panel', 'aria-labelledby': 'drift-check-title' },
      h('div', { class: 'panel-header' }, h('h2', { id: 'drift-check-title', class: 'panel-title' }, 'Drift check')),
      h('div', { class: 'toolbar toolbar-inset', role: 'toolbar', 'aria-label': 'Drift subject and windows' },
        toolbarField('Subject', kindSelect),
        toolbarField(SUBJECT_KINDS.find((kind) => kind.id === state.kind).label, subjectSelect),
        toolbarField('Current window', windowSelect),
        toolbarField('Baseline', baselineSelect),
        h('div', { class: 'toolbar-spacer' }),
        h('button', { type: 'button', class: 'btn', onClick: () => loadDrift() }, 'Run again'),
        subjectsError),
      driftBody)));
  kindSelect.addEventListener('change', () => {
    subjectSelect.closest('label').querySelector('.toolbar-label').textContent =
      SUBJECT_KINDS.find((kind) => kind.id === state.kind).label;
  });

  document.title = 'Drift · Boxscore';
  rememberAddress();
  loadSwaps();
  loadSubjects();
  if (state.subject) loadDrift(); else renderDriftPrompt();
  return { unmount: () => { lifetime.abort(); overviewPool?.clear(); } };

  function rememberAddress() {
    replaceHash(buildHash('/drift', {
      range: state.range, kind: state.kind, subject: state.subject, window: state.window,
      baseline_days: state.baselineDays,
    }));
  }

  /** Subject values with LLM calls in the range, from the metrics grouped by every subject kind (usage only). */
  async function loadSubjects() {
    try {
      const { from, to } = analyticsBounds(state.range);
      const answer = await api.metrics({
        from, to, bucket: TOTALS_BUCKET, group_by: SUBJECT_KINDS.map((kind) => kind.id).join(','), fields: 'usage',
      }, { signal: lifetime.signal });
      subjectValues = Object.fromEntries(SUBJECT_KINDS.map((kind) =>
        [kind.id, answer.rows.map((row) => row.group?.[kind.id]).filter(Boolean)]));
      fillOptions(subjectSelect, subjectValues[state.kind], state.subject);
      replaceChildren(subjectsError);
      if (!state.subject) renderDriftPrompt();
    } catch (error) {
      if (error.name === 'AbortError' || error.unauthorized) return;
      replaceChildren(subjectsError, `Could not load the subjects: ${describeError(error)}`);
    }
  }

  async function loadSwaps() {
    const myGeneration = ++swapsGeneration;
    replaceChildren(swapsBody, loadingState('Looking for model swaps…'));
    try {
      const answer = await api.swaps(analyticsBounds(state.range), { signal: lifetime.signal });
      if (myGeneration !== swapsGeneration) return;
      replaceChildren(swapsBody, answer.swaps.length === 0
        ? h('div', { class: 'panel-empty muted', 'data-testid': 'no-swaps' },
          `No request model changed its response model or system fingerprint in the ${analyticsRange(state.range).title.toLowerCase()}.`)
        : swapsTable(answer));
    } catch (error) {
      if (error.name === 'AbortError' || error.unauthorized || myGeneration !== swapsGeneration) return;
      replaceChildren(swapsBody, errorState('Could not load model swaps', error, () => loadSwaps()));
    }
  }

  function swapsTable(answer) {
    const window = formatDuration(answer.comparisonWindowSeconds * 1000);
    const side = (label, before, after, format) => h('tr', null,
      h('th', { scope: 'row' }, label), h('td', { class: 'num' }, format(before)), h('td', { class: 'num' }, format(after)));
    return h('table', { class: 'data-table swaps-table', 'data-testid': 'swaps-table' },
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, 'At'), h('th', { scope: 'col' }, 'Request model'), h('th', { scope: 'col' }, 'What changed'),
        h('th', { scope: 'col' }, `${window} before → after`))),
      h('tbody', null, answer.swaps.map((swap) => h('tr', { class: 'swap-row', dataset: { requestModel: swap.requestModel } },
        h('td', { class: 'nowrap num-font', 'data-col': 'at', title: formatDateTime(swap.at) }, minute(swap.at)),
        h('td', { 'data-col': 'request-model' },
          h('a', { class: 'mono', href: buildHash('/traces', { model: swap.requestModel, range: state.range }) }, swap.requestModel),
          swap.provider && h('div', { class: 'muted small' }, swap.provider)),
        h('td', { 'data-col': 'change' },
          h('span', { class: 'badge badge-warn' }, swap.kind === 'response_model' ? 'response model' : 'system fingerprint'),
          h('div', { class: 'swap-change mono' },
            variant(swap.fromResponseModel, swap.fromSystemFingerprint), ' → ',
            variant(swap.toResponseModel, swap.toSystemFingerprint))),
        h('td', { 'data-col': 'before-after' },
          h('table', { class: 'mini-table' },
            h('thead', null, h('tr', null, h('th'), h('th', { class: 'num' }, 'before'), h('th', { class: 'num' }, 'after'))),
            h('tbody', null,
              side('calls', swap.before.calls, swap.after.calls, formatCount),
              side('latency p95', swap.before.latencyP95Ms, swap.after.latencyP95Ms, formatDuration),
              side('cost / call', swap.before.costPerCallUsd, swap.after.costPerCallUsd, formatCost),
              side('output tokens / call', swap.before.outputTokensPerCall, swap.after.outputTokensPerCall, formatDecimal),
              side('error rate', swap.before.errorRate, swap.after.errorRate, formatPercent))))))));
  }

  /** Without a subject: every subject of the kind with its verdict at a glance (≤ 4 drift tests at once). */
  function renderDriftPrompt() {
    const myGeneration = ++overviewGeneration;
    overviewPool?.clear();
    const kind = SUBJECT_KINDS.find((candidate) => candidate.id === state.kind);
    const kindPicker = segmented({
      name: 'overviewKind', label: 'Overview of', options: SUBJECT_KINDS, selected: state.kind,
      onSelect: (id) => {
        kindSelect.value = id;
        kindSelect.dispatchEvent(new Event('change'));
      },
    });
    const header = h('div', { class: 'panel-header' },
      h('span', { class: 'muted small' }, `Every ${kind.label.toLowerCase()} with LLM calls in the ${analyticsRange(state.range).title.toLowerCase()}, `
        + 'tested against its baseline. Choose one for the full check.'),
      h('div', { class: 'toolbar-spacer' }), kindPicker.element);
    if (subjectValues == null) {
      replaceChildren(driftBody, header, loadingState(`Loading the ${kind.label.toLowerCase()}s…`));
      return;
    }
    const subjects = [...new Set(subjectValues[state.kind] ?? [])].sort((a, b) => a.localeCompare(b));
    if (subjects.length === 0) {
      replaceChildren(driftBody, header, h('div', { class: 'panel-empty muted', 'data-testid': 'drift-prompt' },
        `No ${kind.label.toLowerCase()} has LLM calls in this range. Pick a longer range above.`));
      return;
    }
    overviewPool = taskPool(OVERVIEW_CONCURRENCY);
    const pool = overviewPool;
    const rows = subjects.map((subject) => {
      const verdictCell = h('td', { 'data-col': 'verdict' }, h('span', { class: 'muted small' }, 'testing…'));
      const changeCell = h('td', { 'data-col': 'change', class: 'biggest-change' });
      const samplesCell = h('td', { class: 'num', 'data-col': 'samples' });
      const open = () => {
        state.subject = subject;
        fillOptions(subjectSelect, subjectValues?.[state.kind], subject);
        rememberAddress();
        loadDrift();
      };
      const row = h('tr', { class: 'drift-overview-row', dataset: { subject }, onClick: (event) => { if (event.target.tagName !== 'BUTTON') open(); } },
        h('th', { scope: 'row' }, h('button', { type: 'button', class: ['subject-button', state.kind === 'model' && 'mono'], onClick: open,
          title: `Open the drift check of ${subject}` }, subject)),
        verdictCell, changeCell, samplesCell);
      pool.run(async () => {
        if (myGeneration !== overviewGeneration) return;
        try {
          const answer = await api.drift(driftQuery(subject), { signal: lifetime.signal });
          if (myGeneration !== overviewGeneration) return;
          const summary = summarizeDrift(answer);
          row.dataset.verdict = summary.verdict;
          replaceChildren(verdictCell, h('span', { class: ['badge', VERDICTS[summary.verdict]?.badge] }, VERDICTS[summary.verdict]?.text ?? summary.verdict));
          replaceChildren(changeCell, summary.biggest
            ? [label(summary.biggest.metric), ' ', h('strong', { class: 'has-errors' }, formatRelativeChange(summary.biggest.relativeChange)),
              h('span', { class: 'muted small' }, ` p ${formatPValue(summary.biggest.pValue)}`)]
            : h('span', { class: 'muted' }, '—'));
          replaceChildren(samplesCell, `${formatCount(summary.currentSamples)} / ${formatCount(summary.baselineSamples)}`);
        } catch (error) {
          if (error.name === 'AbortError' || error.unauthorized || myGeneration !== overviewGeneration) return;
          row.dataset.verdict = 'error';
          replaceChildren(verdictCell, h('span', { class: 'inline-error small', title: describeError(error) }, 'test failed'));
        }
      });
      return row;
    });
    replaceChildren(driftBody, header, h('table', { class: 'data-table drift-overview-table', 'data-testid': 'drift-overview' },
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, kind.label), h('th', { scope: 'col' }, 'Verdict'),
        h('th', { scope: 'col' }, 'Biggest significant change'), h('th', { scope: 'col', class: 'num' }, 'Samples (current / baseline)'))),
      h('tbody', null, rows)));
  }

  /** The drift API's query for a subject of the current kind, window and baseline. */
  function driftQuery(subject) {
    const window = DRIFT_WINDOWS.find((candidate) => candidate.id === state.window);
    const to = Math.ceil(Date.now() / 60_000) * 60_000;
    return {
      [state.kind]: subject,
      from: new Date(to - window.millis).toISOString(),
      to: new Date(to).toISOString(),
      baseline_days: state.baselineDays,
    };
  }

  async function loadDrift() {
    if (!state.subject) {
      renderDriftPrompt();
      return;
    }
    const myGeneration = ++driftGeneration;
    overviewGeneration += 1;
    overviewPool?.clear();
    replaceChildren(driftBody, loadingState('Running the drift tests…'));
    try {
      const answer = await api.drift(driftQuery(state.subject), { signal: lifetime.signal });
      if (myGeneration !== driftGeneration) return;
      replaceChildren(driftBody, driftResult(answer));
    } catch (error) {
      if (error.name === 'AbortError' || error.unauthorized || myGeneration !== driftGeneration) return;
      replaceChildren(driftBody, errorState('Could not run the drift check', error, () => loadDrift()));
    }
  }

  function driftResult(answer) {
    const metrics = answer.metrics ?? [];
    const insufficient = metrics.filter((metric) => metric.verdict === 'insufficient_samples');
    const drifted = metrics.filter((metric) => metric.verdict === 'drift');
    const subject = Object.entries(answer.subject ?? {}).map(([name, value]) => `${name} ${value}`).join(', ');
    const summary = drifted.length > 0
      ? h('div', { class: 'verdict verdict-drift', 'data-testid': 'drift-verdict' },
        `${subject}: drift in ${drifted.map((metric) => label(metric.metric)).join(', ')}`)
      : insufficient.length === metrics.length
        ? h('div', { class: 'verdict verdict-insufficient', 'data-testid': 'drift-verdict' },
          `Not enough samples to test ${subject}: each side needs at least ${formatCount(answer.minSamples)} calls `
          + `(current window ${formatCount(metrics[0]?.currentSamples ?? 0)}, baseline ${formatCount(metrics[0]?.baselineSamples ?? 0)}).`)
        : h('div', { class: 'verdict verdict-ok', 'data-testid': 'drift-verdict' },
          `${subject}: no drift at α = ${answer.alpha} and a change of at least ${formatPercent(answer.minRelativeChange)}`);
    return h('div', null,
      summary,
      h('div', { class: 'muted small drift-windows' },
        `Current window ${minute(answer.currentFrom)} – ${minute(answer.currentTo)} against `
        + `${formatCount(answer.baselineWindows?.length ?? 0)} baseline window${answer.baselineWindows?.length === 1 ? '' : 's'}.`),
      h('table', { class: 'data-table drift-table', 'data-testid': 'drift-table' },
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, 'Metric'), h('th', { scope: 'col', class: 'num' }, 'Baseline'),
          h('th', { scope: 'col', class: 'num' }, 'Current'), h('th', { scope: 'col', class: 'num' }, 'Change'),
          h('th', { scope: 'col', class: 'num' }, 'p-value'), h('th', { scope: 'col' }, 'Test'),
          h('th', { scope: 'col', class: 'num' }, 'Samples (baseline / current)'), h('th', { scope: 'col' }, 'Verdict'))),
        h('tbody', null, metrics.map((metric) => {
          const format = METRICS[metric.metric]?.format ?? scoreTest(metric)?.format ?? formatDecimal;
          const verdict = VERDICTS[metric.verdict] ?? { text: metric.verdict, badge: '' };
          return h('tr', { class: 'drift-row', dataset: { metric: metric.metric, verdict: metric.verdict } },
            h('td', null, label(metric.metric), scoreTest(metric) && h('span', { class: 'muted small' }, ` (${scoreTest(metric).suffix})`)),
            h('td', { class: 'num' }, format(metric.baseline)),
            h('td', { class: 'num' }, format(metric.current)),
            h('td', { class: 'num' }, formatRelativeChange(metric.relativeChange)),
            h('td', { class: 'num', 'data-col': 'p-value' }, formatPValue(metric.pValue)),
            h('td', { class: 'muted small' }, metric.test),
            h('td', { class: 'num', 'data-col': 'samples' },
              `${formatCount(metric.baselineSamples)} / ${formatCount(metric.currentSamples)}`),
            h('td', { 'data-col': 'verdict' }, h('span', { class: ['badge', verdict.badge] }, verdict.text)));
        }))));
  }
}

/**
 * A drift answer at a glance: "drift" when a metric drifted, "insufficient_samples" when no metric could be tested,
 * else "no_drift"; `biggest` is the drifted metric with the largest relative change.
 */
export function summarizeDrift(answer) {
  const metrics = answer.metrics ?? [];
  const drifted = metrics.filter((metric) => metric.verdict === 'drift');
  const verdict = drifted.length > 0 ? 'drift'
    : metrics.length === 0 || metrics.every((metric) => metric.verdict === 'insufficient_samples') ? 'insufficient_samples' : 'no_drift';
  const biggest = drifted.reduce((best, metric) =>
    (best == null || Math.abs(metric.relativeChange ?? 0) > Math.abs(best.relativeChange ?? 0) ? metric : best), null);
  return {
    verdict, biggest,
    currentSamples: Math.max(0, ...metrics.map((metric) => metric.currentSamples ?? 0)),
    baselineSamples: Math.max(0, ...metrics.map((metric) => metric.baselineSamples ?? 0)),
  };
}

function label(metric) {
  if (metric?.startsWith(SCORE_PREFIX)) return `Score “${metric.slice(SCORE_PREFIX.length)}”`;
  return METRICS[metric]?.label ?? metric;
}

/** How a score metric of the answer reads, from its test; null for the calls' metrics. */
function scoreTest(metric) {
  return metric.metric?.startsWith(SCORE_PREFIX) ? SCORE_TESTS[metric.test] ?? null : null;
}

/** Swaps and windows are per minute: "2026-11-29 02:02". */
function minute(iso) {
  return formatDateTime(iso).slice(0, 16);
}

function variant(model, fingerprint) {
  return [model || '(no model)', fingerprint && `(${fingerprint})`].filter(Boolean).join(' ');
}
