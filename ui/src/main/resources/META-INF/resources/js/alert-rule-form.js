/**
 * Create or edit an alert rule (#/alerts/new, #/alerts/rules/<id>). The form shows only the fields of the chosen
 * kind (threshold, drift, model swap, budget), checks what it can before sending, and shows the server's 400
 * message ("threshold: …") at the field it names. A live preview backtests the unsaved rule (debounced) over the last
 * 24 hours or 7 days: the metric against the threshold, and how often it would have fired, with the firings shaded.
 */
import { h, replaceChildren } from './dom.js';
import { formatCount, formatDateTime, instantMillis } from './format.js';
import {
  ALERT_METRICS, DRIFT_METRICS, GROUP_DIMENSIONS, OPERATORS, RULE_KINDS, SEVERITIES, formatMetricValue, groupText,
  isScoreMetric, metricInfo, parseDuration,
} from './alert-format.js';
import { fieldOfMessage, formField, radioGroup } from './alert-ui.js';
import { describeError, errorState, loadingState } from './states.js';
import { lineChart, chartLegend, SERIES_COLORS } from './svg-chart.js';
import { segmented } from './toolbar.js';

const PREVIEW_DEBOUNCE_MS = 400;
const PREVIEW_RANGES = Object.freeze([
  { id: '24h', label: '24h', title: 'Last 24 hours', millis: 24 * 3_600_000 },
  { id: '7d', label: '7d', title: 'Last 7 days', millis: 7 * 24 * 3_600_000 },
]);
const DURATION_HINT = 'e.g. 30s, 5m, 1h, 1h30m';
const EMPTY_RULE = Object.freeze({
  name: '', kind: 'threshold', enabled: true, filter: {}, groupBy: [], metric: 'latency_p95_ms', op: '>', window: '5m',
  for: '0s', keepFiringFor: '0s', interval: '1m', minCalls: 1, severity: 'warning', labels: {}, annotations: {}, channels: [],
  baselineDays: 7, alpha: 0.01, minChange: 0.3, minSamples: 30, period: 'month', timeZone: 'UTC', warnAtPercent: 80,
});

export function mountRuleForm(container, { api, route }) {
  const ruleId = route.tab === 'edit' ? route.ruleId : null;
  const lifetime = new AbortController();
  const options = { signal: lifetime.signal };
  let previewTimer = null;
  let previewGeneration = 0;
  let previewRange = '24h';

  load();
  return {
    unmount: () => {
      lifetime.abort();
      clearTimeout(previewTimer);
    },
  };

  async function load() {
    replaceChildren(container, h('div', { class: 'page' }, loadingState(ruleId ? 'Loading the rule…' : 'Loading…')));
    const quietly = (promise, fallback) => promise.catch((error) => {
      if (error.name === 'AbortError' || error.unauthorized) throw error;
      return fallback;
    });
    try {
      const [rule, channels, services, models] = await Promise.all([
        ruleId ? api.getRule(ruleId, options) : Promise.resolve({ ...EMPTY_RULE }),
        quietly(api.listChannels(options), { channels: [], failed: true }),
        quietly(api.listServices(options), { services: [] }),
        quietly(api.listModels(options), { models: [] }),
      ]);
      build({ ...EMPTY_RULE, ...rule }, channels, services.services ?? [], models.models ?? []);
    } catch (error) {
      if (error.name === 'AbortError' || error.unauthorized) return;
      replaceChildren(container, h('div', { class: 'page' },
        errorState(error.status === 404 ? 'No such alert rule' : 'Could not load the rule', error, () => load()),
        h('p', null, h('a', { href: '#/alerts' }, '← All rules'))));
    }
  }

  function build(rule, channelAnswer, services, models) {
    const readOnly = Boolean(rule.readOnly || rule.source === 'file');
    const fields = {};
    const field = (name, label, control, extra = {}) => {
      fields[name] = formField({ name, label, control, ...extra });
      return fields[name].element;
    };
    const input = (value, props = {}) => h('input', { class: 'input', value: value ?? '', ...props });
    const numberInput = (value, props = {}) => input(value, { type: 'number', step: 'any', inputmode: 'decimal', ...props });
    const select = (values, selected, props = {}) => h('select', { class: 'select', ...props },
      values.map((option) => h('option', { value: option.id ?? option, selected: (option.id ?? option) === selected }, option.label ?? option)));
    const choices = (list, selected, any) => [{ id: '', label: any }, ...[...new Set([...list, ...(selected ? [selected] : [])])]
      .sort().map((value) => ({ id: value, label: value }))];

    const kindGroup = radioGroup({
      name: 'kind', legend: 'Kind', options: RULE_KINDS, selected: rule.kind, onChange: () => { kindChanged(); changed(); },
    });
    const metricSelect = select([], rule.metric, { name: 'metric' });
    const thresholdSuffix = h('span', null);
    const groupBoxes = GROUP_DIMENSIONS.map((dimension) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', value: dimension, checked: rule.groupBy?.includes(dimension) }), ` ${dimension}`));
    const groupFieldset = h('fieldset', { class: 'checks', id: 'groupBy-set', tabindex: -1 }, h('legend', { class: 'visually-hidden' }, 'Group by'), groupBoxes);
    const labelsEditor = pairEditor('labels', rule.labels, 'team', 'payments');
    const annotationsEditor = pairEditor('annotations', rule.annotations, 'summary', 'Checkout is slow');
    const channels = channelAnswer.channels ?? [];
    const channelBoxes = channels.map((channel) => h('label', { class: 'check channel-check' },
      h('input', { type: 'checkbox', value: channel.id, checked: rule.channels?.includes(channel.id) }),
      ` ${channel.name} `, h('span', { class: 'muted small' }, channel.type),
      channel.status === 'failing' && h('span', { class: 'badge badge-error' }, 'failing')));
    const channelFieldset = h('fieldset', { class: 'checks checks-column', id: 'channels-set', tabindex: -1 },
      h('legend', { class: 'visually-hidden' }, 'Channels'),
      channels.length ? channelBoxes : h('span', { class: 'muted small' },
        channelAnswer.failed ? 'Could not load the channels.' : 'No channels yet. ', h('a', { href: '#/alerts/channels' }, 'Add a channel')));
    const enabledBox = h('input', { type: 'checkbox', checked: rule.enabled !== false, id: 'rule-enabled' });
    const formError = h('div', { class: 'form-error', role: 'alert', hidden: true });
    const saveButton = h('button', { type: 'submit', class: 'btn btn-primary', disabled: readOnly }, ruleId ? 'Save changes' : 'Create rule');
    const previewBody = h('div', { class: 'preview-body', 'aria-live': 'polite' });
    const previewPicker = segmented({
      name: 'previewRange', label: 'Preview', options: PREVIEW_RANGES, selected: previewRange,
      onSelect: (id) => { previewRange = id; runPreview(); },
    });

    const form = h('form', { class: 'rule-form', novalidate: true, 'aria-labelledby': 'rule-form-title' },
      readOnly && h('div', { class: 'notice', 'data-testid': 'read-only-notice' },
        'This rule is defined in a rules file on the server and is read-only here. Change the file to change it.'),
      section('Rule',
        field('name', 'Name', input(rule.name, { name: 'name', maxlength: 200, autocomplete: 'off', required: true }), { wide: true }),
        h('div', { class: 'form-field form-field-wide' }, kindGroup.element,
          h('div', { class: 'field-hint', 'data-kind-hint': '' }, RULE_KINDS.find((kind) => kind.id === rule.kind)?.hint)),
        field('severity', 'Severity', select(SEVERITIES, rule.severity, { name: 'severity' })),
        h('div', { class: 'form-field' }, h('span', { class: 'form-label' }, 'Status'),
          h('label', { class: 'toggle', for: 'rule-enabled' }, enabledBox, h('span', { class: 'toggle-track', 'aria-hidden': 'true' }), 'Enabled'))),
      section('What to watch',
        field('filter.service', 'Service', select(choices(services, rule.filter?.service, 'Any service'), rule.filter?.service ?? '', { name: 'service' })),
        field('filter.model', 'Model', select(choices(models, rule.filter?.model, 'Any model'), rule.filter?.model ?? '', { name: 'model' })),
        field('filter.provider', 'Provider', input(rule.filter?.provider, { name: 'provider', placeholder: 'any', autocomplete: 'off' })),
        field('filter.promptVersion', 'Prompt version', input(rule.filter?.promptVersion, { name: 'promptVersion', placeholder: 'any', autocomplete: 'off' })),
        field('groupBy', 'Group by (one alert per value)', groupFieldset, { wide: true, hint: 'Leave empty for one alert over all matching calls.' }),
        field('metric', 'Metric', metricSelect, { kinds: ['threshold', 'drift'] }),
        field('score', 'Score', input(rule.score, { name: 'score', placeholder: 'helpfulness', autocomplete: 'off', maxlength: 200 }),
          { kinds: ['threshold', 'drift'], hint: 'The score\'s name, as sent with the calls (a boolean\'s average is its share true).' })),
      section('When to fire',
        field('op', 'Condition', select(OPERATORS, rule.op ?? '>', { name: 'op' }), { kinds: ['threshold', 'drift'] }),
        field('threshold', 'Threshold', numberInput(rule.threshold, { name: 'threshold', required: true }), { kinds: ['threshold'], suffix: thresholdSuffix }),
        field('warnThreshold', 'Warning threshold', numberInput(rule.warnThreshold, { name: 'warnThreshold' }),
          { kinds: ['threshold'], hint: 'Optional: a warning before the threshold.' }),
        field('window', 'Window', input(rule.window, { name: 'window', class: 'input input-mono input-duration', autocomplete: 'off' }),
          { kinds: ['threshold', 'drift', 'swap'], hint: DURATION_HINT }),
        field('for', 'For', input(rule.for, { name: 'for', class: 'input input-mono input-duration', autocomplete: 'off' }),
          { kinds: ['threshold', 'drift'], hint: 'How long the condition must hold before firing.' }),
        field('keepFiringFor', 'Keep firing for', input(rule.keepFiringFor, { name: 'keepFiringFor', class: 'input input-mono input-duration', autocomplete: 'off' }),
          { kinds: ['threshold', 'drift'], hint: DURATION_HINT }),
        field('minCalls', 'Minimum calls', numberInput(rule.minCalls, { name: 'minCalls', step: 1, min: 1 }),
          { kinds: ['threshold'], hint: 'Fewer calls in the window count as no data.' }),
        field('interval', 'Evaluate every', input(rule.interval, { name: 'interval', class: 'input input-mono input-duration', autocomplete: 'off' }), { hint: DURATION_HINT }),
        field('baselineDays', 'Baseline days', numberInput(rule.baselineDays, { name: 'baselineDays', step: 1, min: 1 }), { kinds: ['drift'] }),
        field('alpha', 'Significance α', numberInput(rule.alpha, { name: 'alpha' }), { kinds: ['drift'] }),
        field('minChange', 'Minimum change', numberInput(rule.minChange, { name: 'minChange' }), { kinds: ['drift'], hint: '0.3 = 30%' }),
        field('minSamples', 'Minimum samples', numberInput(rule.minSamples, { name: 'minSamples', step: 1, min: 1 }), { kinds: ['drift'] }),
        field('period', 'Period', select(['day', 'week', 'month'], rule.period, { name: 'period' }), { kinds: ['budget'] }),
        field('amountUsd', 'Budget', numberInput(rule.amountUsd, { name: 'amountUsd', min: 0 }), { kinds: ['budget'], suffix: 'USD' }),
        field('warnAtPercent', 'Warn at', numberInput(rule.warnAtPercent, { name: 'warnAtPercent', min: 1, max: 99 }), { kinds: ['budget'], suffix: '%' }),
        field('timeZone', 'Time zone', input(rule.timeZone, { name: 'timeZone', autocomplete: 'off' }), { kinds: ['budget'], hint: 'Where periods start, e.g. Europe/Berlin' })),
      section('Notify',
        field('channels', 'Channels', channelFieldset, { wide: true })),
      section('Labels and annotations',
        field('labels', 'Labels', labelsEditor.element, { wide: true, hint: 'Added to every alert; silences and channels match on them.' }),
        field('annotations', 'Annotations', annotationsEditor.element, { wide: true, hint: 'Shown in notifications: summary, runbook_url, …' })),
      formError,
      h('div', { class: 'form-actions' },
        saveButton,
        h('a', { class: 'btn', href: '#/alerts' }, 'Cancel'),
        h('div', { class: 'toolbar-spacer' }),
        ruleId && !readOnly && deleteControl()));

    replaceChildren(container, h('section', { class: 'page rule-page', 'aria-labelledby': 'rule-form-title' },
      h('div', { class: 'page-header' },
        h('a', { class: 'btn btn-ghost btn-small', href: '#/alerts' }, '← Rules'),
        h('h1', { id: 'rule-form-title', class: 'page-title' }, ruleId ? rule.name : 'New alert rule')),
      h('div', { class: 'rule-layout' },
        form,
        h('aside', { class: 'panel rule-preview', 'aria-labelledby': 'preview-title', 'data-testid': 'rule-preview' },
          h('div', { class: 'panel-header' },
            h('h2', { id: 'preview-title', class: 'panel-title' }, 'Preview'),
            h('div', { class: 'toolbar-spacer' }),
            previewPicker.element),
          previewBody))));

    if (readOnly) for (const control of form.querySelectorAll('input, select, textarea, button')) control.disabled = true;
    kindChanged();
    form.addEventListener('input', changed);
    form.addEventListener('change', changed);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      save();
    });
    runPreview();

    function section(title, ...children) {
      return h('fieldset', { class: 'form-section' }, h('legend', { class: 'form-section-title' }, title),
        h('div', { class: 'form-grid' }, children));
    }

    function kindChanged() {
      const kind = kindGroup.value();
      for (const wrapper of form.querySelectorAll('[data-kinds]')) {
        wrapper.hidden = !wrapper.dataset.kinds.split(' ').includes(kind);
      }
      form.querySelector('[data-kind-hint]').textContent = RULE_KINDS.find((candidate) => candidate.id === kind)?.hint ?? '';
      const windowLabel = { threshold: 'Window', drift: 'Current window', swap: 'Keep firing for' }[kind];
      if (windowLabel) fields.window.element.querySelector('.form-label').textContent = windowLabel;
      // A drift rule's op is its direction: > a rise (the default), < a fall.
      fields.op.element.querySelector('.form-label').textContent = kind === 'drift' ? 'Direction' : 'Condition';
      const metrics = kind === 'drift' ? DRIFT_METRICS : ALERT_METRICS;
      const current = metricSelect.value || rule.metric;
      replaceChildren(metricSelect, metrics.map((metric) => h('option', { value: metric.id }, `${metric.label} (${metric.id})`)));
      metricSelect.value = metrics.some((metric) => metric.id === current) ? current : metrics[0].id;
      updateUnit();
    }

    function updateUnit() {
      thresholdSuffix.textContent = metricInfo(metricSelect.value).unit;
      // The score field belongs to score metrics; their guard counts scores, not calls.
      const score = isScoreMetric(metricSelect.value);
      const kind = kindGroup.value();
      fields.score.element.hidden = !score || !['threshold', 'drift'].includes(kind);
      fields.minCalls.element.querySelector('.form-label').textContent = score ? 'Minimum scores' : 'Minimum calls';
    }

    function changed(event) {
      if (event?.target === metricSelect) updateUnit();
      const name = event?.target?.closest?.('[data-field]')?.dataset.field;
      if (name && fields[name]) fields[name].setError(null);
      clearTimeout(previewTimer);
      previewTimer = setTimeout(runPreview, PREVIEW_DEBOUNCE_MS);
    }

    /** The rule body from the form, and the client-side problems by field. */
    function readRule() {
      const errors = {};
      const kind = kindGroup.value();
      const text = (name) => fields[name].control.value.trim();
      const number = (name, { required = false, integer = false, min } = {}) => {
        const control = fields[name].control;
        if (control.validity?.badInput) {
          errors[name] = 'must be a number';
          return undefined;
        }
        if (control.value === '') {
          if (required) errors[name] = 'is required';
          return undefined;
        }
        const value = Number(control.value);
        if (integer && !Number.isInteger(value)) errors[name] = 'must be a whole number';
        else if (min != null && value < min) errors[name] = `must be at least ${min}`;
        return value;
      };
      const duration = (name) => {
        const value = text(name);
        if (value && Number.isNaN(parseDuration(value))) errors[name] = `must be a duration such as 30s, 5m, 1h or 1h30m, not "${value}"`;
        return value || undefined;
      };
      const body = {
        name: text('name'),
        kind,
        enabled: enabledBox.checked,
        severity: fields.severity.control.value,
        filter: {
          service: fields['filter.service'].control.value || null,
          model: fields['filter.model'].control.value || null,
          provider: text('filter.provider') || null,
          promptVersion: text('filter.promptVersion') || null,
        },
        groupBy: groupBoxes.map((label) => label.querySelector('input')).filter((box) => box.checked).map((box) => box.value),
        interval: duration('interval'),
        labels: labelsEditor.read(errors, 'labels'),
        annotations: annotationsEditor.read(errors, 'annotations'),
        channels: channelBoxes.map((label) => label.querySelector('input')).filter((box) => box.checked).map((box) => box.value),
      };
      if (!body.name) errors.name = 'is required';
      if (kind === 'threshold' || kind === 'drift') {
        body.metric = metricSelect.value;
        if (isScoreMetric(body.metric)) {
          body.score = text('score');
          if (!body.score) errors.score = 'is required';
        }
      }
      if (kind !== 'budget') body.window = duration('window');
      if (kind === 'threshold' || kind === 'drift') {
        body.for = duration('for');
        body.keepFiringFor = duration('keepFiringFor');
      }
      if (kind === 'threshold') {
        body.op = fields.op.control.value;
        body.threshold = number('threshold', { required: true });
        body.warnThreshold = number('warnThreshold') ?? null;
        body.minCalls = number('minCalls', { integer: true, min: 1 });
      }
      if (kind === 'drift') {
        // Only a fall is worth saying: without op a drift rule watches rises, as it always has.
        if (fields.op.control.value !== '>') body.op = fields.op.control.value;
        body.baselineDays = number('baselineDays', { integer: true, min: 1 });
        body.alpha = number('alpha');
        body.minChange = number('minChange', { min: 0 });
        body.minSamples = number('minSamples', { integer: true, min: 1 });
      }
      if (kind === 'budget') {
        body.period = fields.period.control.value;
        body.amountUsd = number('amountUsd', { required: true });
        if (body.amountUsd != null && !(body.amountUsd > 0)) errors.amountUsd = 'must be more than 0';
        body.warnAtPercent = number('warnAtPercent');
        body.timeZone = text('timeZone') || undefined;
      }
      return { body: JSON.parse(JSON.stringify(body)), errors };
    }

    function showErrors(errors) {
      for (const [name, wrapper] of Object.entries(fields)) wrapper.setError(errors[name] ? `${errors[name]}` : null);
      const first = Object.keys(fields).find((name) => errors[name] && !fields[name].element.hidden);
      if (first) fields[first].control.focus();
      return first;
    }

    async function save() {
      formError.hidden = true;
      const { body, errors } = readRule();
      if (Object.keys(errors).length > 0) {
        showErrors(errors);
        return;
      }
      showErrors({});
      saveButton.disabled = true;
      try {
        const saved = ruleId ? await api.updateRule(ruleId, body, options) : await api.createRule(body, options);
        window.location.hash = `#/alerts?saved=${encodeURIComponent(saved.id)}`;
      } catch (error) {
        if (error.name === 'AbortError' || error.unauthorized) return;
        saveButton.disabled = false;
        const { field: path, problem } = fieldOfMessage(error.message);
        const name = path && fieldFor(path);
        if (error.status === 400 && name) {
          showErrors({ [name]: problem });
        } else {
          formError.hidden = false;
          replaceChildren(formError, `Could not save the rule: ${describeError(error)}`);
          formError.focus?.();
        }
      }
    }

    /** The form field a server message names: "filter.model", "groupBy[1]" → groupBy, "labels.team" → labels. */
    function fieldFor(path) {
      if (fields[path]) return path;
      const base = path.replace(/\[\d+\].*$/, '');
      if (fields[base]) return base;
      const head = path.split('.')[0];
      return fields[head] ? head : null;
    }

    function deleteControl() {
      const wrap = h('div', { class: 'delete-control' });
      const ask = () => replaceChildren(wrap,
        h('span', { class: 'muted small' }, 'Delete this rule and its alerts?'),
        h('button', { type: 'button', class: 'btn btn-danger', onClick: remove, 'data-testid': 'confirm-delete' }, 'Delete'),
        h('button', { type: 'button', class: 'btn', onClick: reset }, 'Keep'));
      const reset = () => replaceChildren(wrap, h('button', { type: 'button', class: 'btn btn-ghost danger-text', onClick: ask }, 'Delete rule…'));
      async function remove() {
        try {
          await api.deleteRule(ruleId, options);
          window.location.hash = '#/alerts';
        } catch (error) {
          if (error.name === 'AbortError' || error.unauthorized) return;
          replaceChildren(wrap, h('span', { class: 'inline-error' }, `Could not delete: ${describeError(error)}`));
        }
      }
      reset();
      return wrap;
    }

    async function runPreview() {
      clearTimeout(previewTimer);
      const myGeneration = ++previewGeneration;
      const { body, errors } = readRule();
      delete errors.name;
      if (!body.name) body.name = 'preview';
      if (Object.keys(errors).length > 0) {
        const names = Object.keys(errors).map((name) => fields[name]?.element.querySelector('.form-label')?.textContent ?? name);
        const missing = Object.values(errors).every((problem) => problem === 'is required');
        replaceChildren(previewBody, h('div', { class: 'panel-empty muted', 'data-testid': 'preview-blocked' },
          `${missing ? 'Enter' : 'Fix'} ${names.join(', ').toLowerCase()} to see how often this rule would have fired.`));
        return;
      }
      const range = PREVIEW_RANGES.find((candidate) => candidate.id === previewRange);
      const to = Math.ceil(Date.now() / 60_000) * 60_000;
      previewBody.setAttribute('aria-busy', 'true');
      if (!previewBody.firstChild) replaceChildren(previewBody, loadingState('Backtesting…'));
      try {
        const answer = await api.backtestDraft(body, { from: new Date(to - range.millis).toISOString(), to: new Date(to).toISOString() }, options);
        if (myGeneration !== previewGeneration) return;
        replaceChildren(previewBody, preview(body, answer, range));
      } catch (error) {
        if (error.name === 'AbortError' || error.unauthorized || myGeneration !== previewGeneration) return;
        replaceChildren(previewBody, h('div', { class: 'panel-empty inline-error', 'data-testid': 'preview-error' },
          `No preview: ${describeError(error)}`));
      } finally {
        if (myGeneration === previewGeneration) previewBody.removeAttribute('aria-busy');
      }
    }
  }
}

/** The preview: chart of the metric per group with the threshold lines and shaded firings, count and intervals. */
function preview(rule, answer, range) {
  const from = instantMillis(answer.from);
  const to = instantMillis(answer.to);
  const metricId = rule.kind === 'budget' ? 'cost_usd' : rule.kind === 'swap' ? 'calls' : rule.metric;
  const format = (value) => formatMetricValue(metricId, value);
  const shown = (answer.series ?? []).slice(0, SERIES_COLORS);
  const series = shown.map((line, index) => ({
    name: groupText(line.group) || 'all calls',
    colorIndex: index,
    points: line.points.map((point) => ({ t: instantMillis(point.at), v: point.value })),
  }));
  const firings = answer.firings ?? [];
  const thresholds = [
    answer.warnThreshold != null && { v: answer.warnThreshold, label: 'warn', kind: 'warn' },
    answer.threshold != null && { v: answer.threshold, label: `${answer.op ?? ''} threshold`.trim(), kind: 'critical' },
  ].filter(Boolean);
  const bands = firings.map((firing) => ({
    from: instantMillis(firing.firedAt), to: firing.resolvedAt ? instantMillis(firing.resolvedAt) : to,
    label: `${groupText(firing.group) || 'fired'}: ${formatDateTime(firing.firedAt).slice(0, 16)} – ${firing.resolvedAt ? formatDateTime(firing.resolvedAt).slice(0, 16) : 'still firing'}`,
  }));
  const fired = answer.fired ?? firings.length;
  const title = rule.kind === 'budget' ? 'Spend in the period (USD)' : rule.kind === 'swap' ? 'Calls per step' : metricInfo(metricId).label;
  return h('div', null,
    h('p', { class: ['would-fire', fired > 0 ? 'would-fire-yes' : 'would-fire-no'], 'data-testid': 'would-fire', dataset: { fired: String(fired) } },
      rule.kind === 'drift'
        ? 'Drift rules are tested against their baseline at each evaluation; the chart shows the metric.'
        : `Would have fired ${formatCount(fired)} time${fired === 1 ? '' : 's'} in the ${range.title.toLowerCase()}.`),
    series.length > 1 && chartLegend(series),
    lineChart({ title: `${title} · ${answer.step ?? ''} steps`, series, from, to, format, testId: 'preview-chart', thresholds, bands }),
    firings.length > 0 && h('table', { class: 'data-table firings-table', 'data-testid': 'firings-table' },
      h('caption', { class: 'visually-hidden' }, 'When the rule would have fired'),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, 'Fired'), h('th', { scope: 'col' }, 'Resolved'), h('th', { scope: 'col' }, 'Group'),
        h('th', { scope: 'col', class: 'num' }, 'Peak'))),
      h('tbody', null, firings.slice(0, 20).map((firing) => h('tr', { class: 'firing-row' },
        h('td', { class: 'nowrap num-font' }, formatDateTime(firing.firedAt).slice(0, 16)),
        h('td', { class: 'nowrap num-font' }, firing.resolvedAt ? formatDateTime(firing.resolvedAt).slice(0, 16) : h('span', { class: 'has-errors' }, 'still firing')),
        h('td', null, groupText(firing.group) || '—'),
        h('td', { class: 'num' }, format(firing.peak)))))),
    firings.length > 20 && h('div', { class: 'muted small' }, `… and ${formatCount(firings.length - 20)} more`));
}

/** Rows of name/value inputs for labels and annotations: `{element, read(errors, field)}`. */
function pairEditor(name, initial, namePlaceholder, valuePlaceholder) {
  const rows = h('div', { class: 'pair-rows' });
  const addRow = (key = '', value = '') => {
    const row = h('div', { class: 'pair-row' },
      h('input', { class: 'input input-mono pair-name', value: key, placeholder: namePlaceholder, 'aria-label': `${name} name`, autocomplete: 'off' }),
      h('input', { class: 'input pair-value', value, placeholder: valuePlaceholder, 'aria-label': `${name} value`, autocomplete: 'off' }),
      h('button', {
        type: 'button', class: 'btn btn-ghost btn-icon', 'aria-label': `Remove this ${name === 'labels' ? 'label' : 'annotation'}`,
        onClick: () => { row.remove(); rows.dispatchEvent(new Event('input', { bubbles: true })); },
      }, '×'));
    rows.append(row);
    return row;
  };
  for (const [key, value] of Object.entries(initial ?? {})) addRow(key, value);
  const element = h('div', { class: 'pair-editor', tabindex: -1 }, rows,
    h('button', {
      type: 'button', class: 'btn btn-small', onClick: () => addRow().querySelector('input').focus(),
    }, name === 'labels' ? '+ Label' : '+ Annotation'));
  return {
    element,
    read(errors, field) {
      const out = {};
      for (const row of rows.children) {
        const key = row.querySelector('.pair-name').value.trim();
        const value = row.querySelector('.pair-value').value;
        if (!key && !value) continue;
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) errors[field] = `"${key}" is not a name: use letters, digits and _`;
        out[key] = value;
      }
      return out;
    },
  };
}
