/**
 * Compare / What-if: two models' real calls side by side over a time range (cost, tokens, latency, TTFT, errors,
 * finish reasons), and the range's real traffic re-priced as another model, per service and in total, with the
 * API's stated assumption. Either part needs its models chosen; the choices live in the address.
 */
import { h, replaceChildren } from './dom.js';
import {
  formatCost, formatCostChange, formatCount, formatDecimal, formatDuration, formatPercent, formatRelativeChange,
  formatTokens,
} from './format.js';
import { buildHash, replaceHash } from './router.js';
import { describeError, errorState, loadingState } from './states.js';
import { ANALYTICS_RANGES, analyticsBounds, analyticsRange } from './analytics-range.js';
import { costFigure, priceText, tokensFigure } from './usage-figures.js';
import { fillOptions, filterSelect, segmented, toolbarField } from './toolbar.js';

const DEFAULT_RANGE = '7d';

/** Mounts the view into `container`; returns `{unmount()}`. */
/** Why the what-if answer priced the target as served by its provider. */
const CHOSEN_BY = {
  target_provider: 'as asked',
  'project price': 'the provider of the project\'s own price',
  'built-in price': 'the provider of the built-in price',
};

export function mountCompare(container, { api, route }) {
  const params = route.params;
  const state = {
    a: params.get('a') ?? '',
    b: params.get('b') ?? '',
    range: analyticsRange(params.get('range') ?? DEFAULT_RANGE).id,
    service: params.get('service') ?? '',
    target: params.get('target') ?? '',
    provider: params.get('provider') ?? '',
    source: params.get('source') ?? '',
  };
  const lifetime = new AbortController();
  let compareGeneration = 0;
  let whatIfGeneration = 0;

  const compareBody = h('div', { class: 'panel-body' });
  const optionsError = h('div', { class: 'inline-error toolbar-error', role: 'alert' });
  const whatIfBody = h('div', { class: 'panel-body' });
  const aSelect = filterSelect('a', 'Choose…', state.a);
  const bSelect = filterSelect('b', 'Choose…', state.b);
  const serviceSelect = filterSelect('service', 'All services', state.service);
  const sourceSelect = filterSelect('source', 'All models', state.source);
  const priced = h('datalist', { id: 'priced-models' });
  const targetInput = h('input', {
    class: 'input input-mono', type: 'text', name: 'target', list: 'priced-models', value: state.target,
    placeholder: 'a priced model, e.g. gpt-4o-mini', 'data-field': 'target', autocomplete: 'off', spellcheck: 'false',
  });
  const providers = h('datalist', { id: 'price-providers' });
  // Empty: the API picks the one provider that prices the target (the project's own prices first) or asks.
  const providerInput = h('input', {
    class: 'input input-mono', type: 'text', name: 'provider', list: 'price-providers', value: state.provider,
    placeholder: 'auto', 'data-field': 'provider', autocomplete: 'off', spellcheck: 'false', size: 12,
  });
  const rangePicker = segmented({
    name: 'range', label: 'Time range', selected: state.range, options: ANALYTICS_RANGES,
    onSelect: (id) => { state.range = id; changed('range'); },
  });
  for (const [select, field] of [[aSelect, 'a'], [bSelect, 'b'], [serviceSelect, 'service'], [sourceSelect, 'source']]) {
    select.addEventListener('change', () => {
      state[field] = select.value;
      changed(field);
    });
  }
  const whatIfForm = h('form', {
    class: 'toolbar toolbar-inset', 'aria-label': 'What-if target',
    onSubmit: (event) => {
      event.preventDefault();
      state.target = targetInput.value.trim();
      state.provider = providerInput.value.trim();
      rememberAddress();
      loadWhatIf();
    },
  },
  toolbarField('Traffic of', sourceSelect),
  toolbarField('Re-priced as', targetInput),
  toolbarField('Served by', providerInput),
  h('button', { type: 'submit', class: 'btn btn-primary' }, 'Re-price'),
  priced, providers);

  replaceChildren(container, h('section', { class: 'page compare-page', 'aria-labelledby': 'compare-title' },
    h('div', { class: 'page-header' }, h('h1', { id: 'compare-title', class: 'page-title' }, 'Compare models')),
    h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Models, range and service' },
      toolbarField('Model A', aSelect),
      toolbarField('Model B', bSelect),
      rangePicker.element,
      toolbarField('Service', serviceSelect),
      optionsError),
    h('section', { class: 'panel', 'aria-labelledby': 'side-by-side-title' },
      h('div', { class: 'panel-header' }, h('h2', { id: 'side-by-side-title', class: 'panel-title' }, 'Side by side')),
      compareBody),
    h('section', { class: 'panel', 'aria-labelledby': 'what-if-title' },
      h('div', { class: 'panel-header' },
        h('h2', { id: 'what-if-title', class: 'panel-title' }, 'What if'),
        h('span', { class: 'muted small' }, 'The range\'s real token counts priced as another model')),
      whatIfForm,
      whatIfBody)));

  document.title = 'Compare · Boxscore';
  rememberAddress();
  loadOptions();
  loadCompare();
  loadWhatIf();
  return { unmount: () => lifetime.abort() };

  function changed(field) {
    let whatIfChanged = ['range', 'service', 'source'].includes(field);
    // Choosing B first suggests re-pricing A's traffic as B, the question a model switch starts with.
    if (field === 'b' && !state.target && state.b) {
      targetInput.value = state.target = state.b;
      whatIfChanged = true;
    }
    if (field === 'a' && !state.source && state.a) {
      sourceSelect.value = state.source = state.a;
      whatIfChanged = true;
    }
    rememberAddress();
    if (field !== 'source') loadCompare();
    if (whatIfChanged) loadWhatIf();
  }

  function rememberAddress() {
    replaceHash(buildHash('/compare', {
      a: state.a, b: state.b, range: state.range === DEFAULT_RANGE ? '' : state.range, service: state.service,
      target: state.target, provider: state.provider, source: state.source,
    }));
  }

  async function loadOptions() {
    const [models, services, prices] = await Promise.allSettled([
      api.listModels({ signal: lifetime.signal }),
      api.listServices({ signal: lifetime.signal }),
      api.listPrices({ signal: lifetime.signal }),
    ]);
    if (models.status === 'fulfilled') {
      for (const [select, field] of [[aSelect, 'a'], [bSelect, 'b'], [sourceSelect, 'source']]) {
        fillOptions(select, models.value.models, state[field]);
      }
    }
    if (services.status === 'fulfilled') fillOptions(serviceSelect, services.value.services, state.service);
    if (prices.status === 'fulfilled') {
      const names = [...new Set([...(prices.value.project ?? []), ...(prices.value.builtIn ?? [])].map((price) => price.model))].sort();
      replaceChildren(priced, names.map((name) => h('option', { value: name })));
      const providerNames = [...new Set([...(prices.value.project ?? []), ...(prices.value.builtIn ?? [])].map((price) => price.provider))].sort();
      replaceChildren(providers, providerNames.map((name) => h('option', { value: name })));
    }
    const failed = [[models, 'models'], [services, 'services'], [prices, 'prices']]
      .filter(([answer]) => answer.status === 'rejected' && answer.reason.name !== 'AbortError' && !answer.reason.unauthorized);
    replaceChildren(optionsError, failed.map(([answer, what]) => `Could not load the ${what}: ${describeError(answer.reason)}. `));
  }

  async function loadCompare() {
    const myGeneration = ++compareGeneration;
    if (!state.a || !state.b) {
      replaceChildren(compareBody, h('div', { class: 'panel-empty muted', 'data-testid': 'compare-prompt' },
        'Choose model A and model B to see their calls side by side.'));
      return;
    }
    replaceChildren(compareBody, loadingState('Comparing…'));
    try {
      const answer = await api.compare({ a: state.a, b: state.b, service: state.service, ...analyticsBounds(state.range) },
        { signal: lifetime.signal });
      if (myGeneration !== compareGeneration) return;
      replaceChildren(compareBody, compareTable(answer));
    } catch (error) {
      if (error.name === 'AbortError' || error.unauthorized || myGeneration !== compareGeneration) return;
      replaceChildren(compareBody, errorState('Could not compare the models', error, () => loadCompare()));
    }
  }

  function compareTable(answer) {
    const a = answer.a;
    const b = answer.b;
    const perCall = (row) => (row?.cost?.usd != null && row.cost.pricedCalls > 0 ? row.cost.usd / row.cost.pricedCalls : null);
    const rows = [
      ['calls', 'Calls', (row) => row?.calls ?? 0, formatCount],
      ['error-rate', 'Error rate', (row) => row?.errorRate, formatPercent],
      ['cost', 'Cost', (row) => row?.cost?.usd, null, (row) => (row ? costFigure(row.cost) : '—')],
      ['cost-per-call', 'Cost per priced call', perCall, formatCost],
      ['input-tokens', 'Input tokens', (row) => row?.tokens?.input, null, (row) => (row ? tokensFigure(row.tokens.input, row.tokens) : '—')],
      ['output-tokens', 'Output tokens', (row) => row?.tokens?.output, null, (row) => (row ? tokensFigure(row.tokens.output, row.tokens) : '—')],
      ['output-per-call', 'Output tokens per call', (row) => row?.outputTokensPerCall, formatDecimal],
      ['latency-p50', 'Latency p50', (row) => row?.latencyMs?.p50, formatDuration],
      ['latency-p95', 'Latency p95', (row) => row?.latencyMs?.p95, formatDuration],
      ['latency-p99', 'Latency p99', (row) => row?.latencyMs?.p99, formatDuration],
      ['ttft-p50', 'TTFT p50', (row) => row?.ttftMs?.p50, formatDuration],
      ['ttft-p95', 'TTFT p95', (row) => row?.ttftMs?.p95, formatDuration],
      ['finish-reasons', 'Finish reasons', () => null, null, (row) => finishReasons(row?.finishReasons)],
    ];
    // Evaluation scores (gen_ai.evaluation.result) recorded for either model's calls: the average and how many.
    for (const score of answer.scores ?? []) {
      const side = (row) => (row === a ? score.a : score.b);
      rows.push([`score-${score.name}`, `Score: ${score.name}`, (row) => side(row)?.average, null,
        (row) => (side(row) ? `${formatDecimal(side(row).average)} (${formatCount(side(row).scored)} scored)` : '—')]);
    }
    return h('div', null,
      h('table', { class: 'data-table compare-table', 'data-testid': 'compare-table' },
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, ''),
          h('th', { scope: 'col', class: 'num' }, h('span', { class: 'chip chip-model' }, answer.aModel)),
          h('th', { scope: 'col', class: 'num' }, h('span', { class: 'chip chip-model' }, answer.bModel)),
          h('th', { scope: 'col', class: 'num' }, 'B vs A'))),
        h('tbody', null, rows.map(([id, text, value, format, render]) => {
          const va = value(a);
          const vb = value(b);
          const change = typeof va === 'number' && typeof vb === 'number' && va !== 0 ? (vb - va) / va : null;
          return h('tr', { dataset: { metric: id } },
            h('th', { scope: 'row' }, text),
            h('td', { class: 'num', 'data-col': 'a' }, render ? render(a) : format(va)),
            h('td', { class: 'num', 'data-col': 'b' }, render ? render(b) : format(vb)),
            h('td', { class: 'num muted', 'data-col': 'change' }, formatRelativeChange(change)));
        }))),
      (!a || !b) && h('p', { class: 'muted small' },
        `${[!a && answer.aModel, !b && answer.bModel].filter(Boolean).join(' and ')} had no calls in this range.`),
      answer.scoresNote && h('p', { class: 'muted small' }, `Quality scores: ${answer.scoresNote}.`));
  }

  async function loadWhatIf() {
    const myGeneration = ++whatIfGeneration;
    if (!state.target) {
      replaceChildren(whatIfBody, h('div', { class: 'panel-empty muted', 'data-testid': 'what-if-prompt' },
        'Enter a priced model to re-price this range\'s traffic with it.'));
      return;
    }
    replaceChildren(whatIfBody, loadingState('Re-pricing…'));
    try {
      const answer = await api.whatIf({
        model: state.target, target_provider: state.provider, source_model: state.source, service: state.service,
        ...analyticsBounds(state.range),
      }, { signal: lifetime.signal });
      if (myGeneration !== whatIfGeneration) return;
      replaceChildren(whatIfBody, whatIfResult(answer));
    } catch (error) {
      if (error.name === 'AbortError' || error.unauthorized || myGeneration !== whatIfGeneration) return;
      replaceChildren(whatIfBody, errorState('Could not re-price the traffic', error, () => loadWhatIf()));
    }
  }

  function whatIfResult(answer) {
    const row = (line, isTotal) => {
      const change = line.actualUsd ? line.differenceUsd / line.actualUsd : null;
      return h('tr', { class: ['what-if-row', isTotal && 'is-total'], dataset: { service: isTotal ? '(total)' : line.service } },
        h('th', { scope: 'row', 'data-col': 'service' }, isTotal ? 'Total' : line.service || '(no service)'),
        h('td', { class: 'num', 'data-col': 'calls' }, formatCount(line.calls)),
        h('td', { class: 'num', 'data-col': 'compared' }, formatCount(line.comparedCalls)),
        h('td', { class: 'num', 'data-col': 'actual' }, line.actualUsd == null ? h('span', { class: 'unpriced' }, 'unpriced') : formatCost(line.actualUsd)),
        h('td', { class: 'num', 'data-col': 'what-if' }, line.whatIfUsd == null ? '—' : formatCost(line.whatIfUsd)),
        h('td', { class: ['num', line.differenceUsd < 0 && 'saving', line.differenceUsd > 0 && 'extra'], 'data-col': 'difference' },
          formatCostChange(line.differenceUsd),
          change != null && h('span', { class: 'muted small' }, ` (${formatRelativeChange(change)})`)),
        h('td', { class: 'num', 'data-col': 'unpriced' }, line.unpricedCalls > 0
          ? h('span', { class: 'unpriced', title: 'Calls without a known price are left out of both costs' }, formatTokens(line.unpricedCalls))
          : '0'),
        h('td', { 'data-col': 'estimated' }, line.estimated && h('span', { class: 'flag flag-estimated' }, 'est. tokens')));
    };
    const prices = answer.targetPrices ?? [];
    return h('div', null,
      answer.targetProvider && h('p', { class: 'what-if-price', 'data-testid': 'what-if-price' },
        `Priced as ${answer.targetModel} served by ${answer.targetProvider}`,
        answer.targetProviderChosenBy && h('span', { class: 'muted' }, ` (${CHOSEN_BY[answer.targetProviderChosenBy] ?? answer.targetProviderChosenBy})`),
        prices.length > 0 && ': ',
        prices.map((price, i) => h('span', { class: 'price-used', dataset: { origin: price.origin } },
          i > 0 && '; ', priceText(price)))),
      h('p', { class: 'assumption', 'data-testid': 'what-if-assumption' }, answer.assumption),
      answer.total.calls === 0
        ? h('div', { class: 'panel-empty muted' }, 'No LLM calls in this range match the chosen model and service.')
        : h('table', { class: 'data-table what-if-table', 'data-testid': 'what-if-table' },
          h('thead', null, h('tr', null,
            h('th', { scope: 'col' }, 'Service'), h('th', { scope: 'col', class: 'num' }, 'Calls'),
            h('th', { scope: 'col', class: 'num' }, 'Compared calls'), h('th', { scope: 'col', class: 'num' }, 'Actual cost'),
            h('th', { scope: 'col', class: 'num' }, `As ${answer.targetModel}`), h('th', { scope: 'col', class: 'num' }, 'Difference'),
            h('th', { scope: 'col', class: 'num' }, 'Unpriced calls'), h('th', { scope: 'col' }, ''))),
          h('tbody', null, answer.services.map((line) => row(line, false))),
          h('tfoot', null, row(answer.total, true))));
  }
}

function finishReasons(reasons) {
  const entries = Object.entries(reasons ?? {}).sort((x, y) => y[1] - x[1]);
  if (entries.length === 0) return '—';
  return entries.map(([reason, count]) => `${reason} ${formatCount(count)}`).join(', ');
}
