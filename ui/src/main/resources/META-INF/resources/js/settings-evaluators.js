/**
 * The evaluators tab: the project's LLM-as-judge evaluators with today's status (calls judged, spend against the
 * daily budget, why one is paused, its last judge error), a switch to pause or resume each, and a form for a new
 * one. The judge's API key is write-only: the list says whether one is stored, never shows it. Reading needs a read
 * key; creating, switching and deleting need an admin key (a 403 shows the "needs an admin key" state). A server
 * 400 ("samplingRate: …") is shown at the field it names.
 */
import { h, replaceChildren } from './dom.js';
import { formatCost, formatCount, formatDateTime, formatPercent } from './format.js';
import { fieldOfMessage, formField } from './alert-ui.js';
import { isForbidden, needsAdminState } from './admin-access.js';
import { describeError, errorState, loadingState } from './states.js';

const PAUSES = Object.freeze({
  disabled: 'Paused',
  budget: "Today's budget is spent",
  rate: 'At its calls-per-minute limit',
});

/** The status line of an evaluator: "Judging" or why it is not. */
export function pauseText(status) {
  return status?.paused ? (PAUSES[status.paused] ?? status.paused) : 'Judging';
}

/** "$0.42 of $2.00 today" */
export function spendText(status) {
  return `${formatCost(status.spendTodayUsd)} of ${formatCost(status.budgetUsd)} today`;
}

export function mountEvaluatorSettings(container, { api }) {
  const lifetime = new AbortController();
  const options = { signal: lifetime.signal };
  const formSlot = h('div', null);
  const listSlot = h('div', null);
  const newButton = h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'new-evaluator', onClick: openForm }, 'New evaluator');

  replaceChildren(container, loadingState('Loading evaluators…'));
  load();
  return { unmount: () => lifetime.abort() };

  async function load() {
    try {
      const { evaluators } = await api.listEvaluators(options);
      if (!container.contains(listSlot)) {
        replaceChildren(container,
          h('div', { class: 'section-bar' },
            h('p', { class: 'muted' },
              'Evaluators ask a judge model to score a sample of new LLM calls; the scores are stored with source llm_judge, '
              + 'and the judge\u2019s own calls show under service boxscore-judge.'),
            h('div', { class: 'toolbar-spacer' }), newButton),
          formSlot, listSlot);
      }
      renderList(evaluators);
    } catch (error) {
      if (error.name === 'AbortError' || error.unauthorized) return;
      replaceChildren(container, errorState('Could not load the evaluators', error, load));
    }
  }

  function renderList(evaluators) {
    if (evaluators.length === 0) {
      replaceChildren(listSlot, h('div', { class: 'state state-empty', 'data-testid': 'no-evaluators' },
        h('div', { class: 'state-title' }, 'No evaluators yet'),
        h('div', { class: 'state-detail' }, 'Create one to have a judge model score your calls.')));
      return;
    }
    replaceChildren(listSlot, h('table', { class: 'data-table evaluators-table', 'data-testid': 'evaluators-table' },
      h('thead', null, h('tr', null,
        ['Name', 'Score', 'Judge', 'Sample', 'Today', 'Status', ''].map((label) => h('th', { scope: 'col' }, label)))),
      h('tbody', null, evaluators.map(row))));
  }

  function row(evaluator) {
    const status = evaluator.status;
    const toggle = h('button', {
      type: 'button', class: 'btn btn-small', 'data-testid': 'toggle-evaluator',
      onClick: () => change(evaluator, { enabled: !evaluator.enabled }),
    }, evaluator.enabled ? 'Pause' : 'Resume');
    const actions = h('td', { class: 'row-actions' });
    const remove = h('button', {
      type: 'button', class: 'btn btn-small', 'data-testid': 'delete-evaluator',
      onClick: () => replaceChildren(actions,
        h('span', { class: 'muted', 'data-testid': 'delete-warning' }, 'Delete it? Its scores stay. '),
        h('button', { type: 'button', class: 'btn btn-small btn-danger', 'data-testid': 'confirm-delete', onClick: () => removeEvaluator(evaluator) }, 'Delete'),
        ' ',
        h('button', { type: 'button', class: 'btn btn-small', onClick: () => replaceChildren(actions, toggle, ' ', remove) }, 'Keep')),
    }, 'Delete');
    replaceChildren(actions, toggle, ' ', remove);
    return h('tr', { dataset: { evaluatorId: evaluator.id }, 'data-testid': 'evaluator-row' },
      h('td', null, h('strong', null, evaluator.name), h('div', { class: 'muted mono' }, evaluator.id)),
      h('td', null, evaluator.scoreName, h('div', { class: 'muted' }, evaluator.dataType)),
      h('td', null, evaluator.model, h('div', { class: 'muted' },
        `${evaluator.judgeKind} · ${evaluator.apiKeySet ? 'key set' : 'no key'}`)),
      h('td', { class: 'num-font' }, formatPercent(evaluator.samplingRate),
        h('div', { class: 'muted' }, evaluator.filter.service ? `service ${evaluator.filter.service}` : 'all calls')),
      h('td', { class: 'num-font', 'data-testid': 'evaluator-today' },
        `${formatCount(status.judgedToday)} judged`, h('div', { class: 'muted' }, spendText(status))),
      h('td', { 'data-testid': 'evaluator-status' }, pauseText(status),
        status.lastError ? h('div', { class: 'evaluator-error', title: formatDateTime(status.lastErrorAt) }, status.lastError) : null),
      actions);
  }

  async function change(evaluator, body) {
    try {
      await api.updateEvaluator(evaluator.id, body, options);
      await load();
    } catch (error) {
      if (error.name === 'AbortError' || error.unauthorized) return;
      if (isForbidden(error)) replaceChildren(formSlot, needsAdminState(error, 'Changing an evaluator'));
      else replaceChildren(formSlot, errorState('Could not change the evaluator', error, load));
    }
  }

  async function removeEvaluator(evaluator) {
    try {
      await api.deleteEvaluator(evaluator.id, options);
      await load();
    } catch (error) {
      if (error.name === 'AbortError' || error.unauthorized) return;
      if (isForbidden(error)) replaceChildren(formSlot, needsAdminState(error, 'Deleting an evaluator'));
      else replaceChildren(formSlot, errorState('Could not delete the evaluator', error, load));
    }
  }

  function openForm() {
    newButton.disabled = true;
    const input = (name, attributes = {}) => h('input', { class: 'input', name, autocomplete: 'off', spellcheck: 'false', ...attributes });
    const fields = {
      name: formField({ name: 'name', label: 'Name', control: input('name'), wide: true }),
      scoreName: formField({ name: 'scoreName', label: 'Score name', control: input('scoreName'), hint: 'Defaults to the name.' }),
      dataType: formField({
        name: 'dataType', label: 'Score type',
        control: h('select', { class: 'input', name: 'dataType' },
          ['numeric', 'boolean', 'categorical'].map((type) => h('option', { value: type }, type))),
      }),
      categories: formField({ name: 'categories', label: 'Categories', control: input('categories'), hint: 'Categorical only: labels separated by commas.' }),
      template: formField({
        name: 'template', label: 'Prompt template',
        control: h('textarea', { class: 'input', name: 'template', rows: 4 },
          'Rate from 0 to 1 how helpful the answer {{output}} is to {{input}}. Answer {"score": x, "explanation": "..."}'),
        hint: '{{input}}, {{output}} and {{model}} are replaced by the judged call\u2019s.', wide: true,
      }),
      judgeKind: formField({
        name: 'judgeKind', label: 'Judge API',
        control: h('select', { class: 'input', name: 'judgeKind' },
          h('option', { value: 'openai' }, 'OpenAI chat completions'), h('option', { value: 'anthropic' }, 'Anthropic messages')),
      }),
      baseUrl: formField({ name: 'baseUrl', label: 'Base URL', control: input('baseUrl', { value: 'https://api.openai.com/v1' }), wide: true }),
      model: formField({ name: 'model', label: 'Judge model', control: input('model', { value: 'gpt-4o-mini' }) }),
      apiKey: formField({ name: 'apiKey', label: 'Judge API key', control: input('apiKey', { type: 'password' }), hint: 'Stored, never shown again.' }),
      'filter.service': formField({ name: 'filter.service', label: 'Only service', control: input('filter.service'), hint: 'Empty: every service.' }),
      samplingRate: formField({ name: 'samplingRate', label: 'Sampling rate', control: input('samplingRate', { value: '0.1', inputmode: 'decimal' }), hint: 'Share of calls judged, above 0 up to 1.' }),
      dailyBudgetUsd: formField({ name: 'dailyBudgetUsd', label: 'Budget per day', control: input('dailyBudgetUsd', { value: '1', inputmode: 'decimal' }), suffix: 'USD' }),
      maxCallsPerMinute: formField({ name: 'maxCallsPerMinute', label: 'Calls per minute', control: input('maxCallsPerMinute', { value: '60', inputmode: 'numeric' }) }),
    };
    const formError = h('div', { class: 'form-error', role: 'alert', hidden: true });
    const saveButton = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Create');
    const cancel = h('button', { type: 'button', class: 'btn', onClick: close }, 'Cancel');
    const form = h('form', { class: 'panel settings-form', novalidate: true, 'data-testid': 'evaluator-form', 'aria-labelledby': 'evaluator-form-title' },
      h('h2', { id: 'evaluator-form-title', class: 'panel-title' }, 'New evaluator'),
      h('div', { class: 'form-grid' }, Object.values(fields).map((field) => field.element)),
      formError,
      h('div', { class: 'form-actions' }, saveButton, cancel));
    form.addEventListener('input', (event) => {
      const name = event.target.closest('[data-field]')?.dataset.field;
      fields[name]?.setError(null);
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      formError.hidden = true;
      const value = (name) => fields[name].control.value.trim();
      const problems = {
        name: value('name') ? null : 'is required',
        template: value('template').includes('{{output}}') ? null : 'must contain {{output}}',
        apiKey: value('apiKey') ? null : 'is required',
        samplingRate: rateProblem(value('samplingRate')),
        dailyBudgetUsd: Number(value('dailyBudgetUsd')) > 0 ? null : 'must be a number of USD above 0',
      };
      for (const [field, problem] of Object.entries(problems)) fields[field].setError(problem);
      const first = Object.keys(problems).find((field) => problems[field]);
      if (first) {
        fields[first].control.focus();
        return;
      }
      const body = {
        name: value('name'),
        dataType: value('dataType'),
        template: value('template'),
        judgeKind: value('judgeKind'),
        baseUrl: value('baseUrl'),
        model: value('model'),
        apiKey: value('apiKey'),
        filter: { service: value('filter.service') },
        samplingRate: Number(value('samplingRate')),
        dailyBudgetUsd: Number(value('dailyBudgetUsd')),
        maxCallsPerMinute: Number(value('maxCallsPerMinute')),
      };
      if (value('scoreName')) body.scoreName = value('scoreName');
      if (value('categories')) body.categories = value('categories').split(',').map((label) => label.trim()).filter(Boolean);
      saveButton.disabled = true;
      try {
        await api.createEvaluator(body, options);
        close();
        await load();
      } catch (error) {
        if (error.name === 'AbortError' || error.unauthorized) return;
        if (isForbidden(error)) {
          replaceChildren(formSlot, needsAdminState(error, 'Creating an evaluator'));
          newButton.disabled = false;
          return;
        }
        const { field, problem } = fieldOfMessage(error.message);
        const target = fields[field] ?? fields[field?.replace(/\[\d+\]$/, '')];
        if (error.status === 400 && target) {
          target.setError(problem);
          target.control.focus();
        } else {
          formError.hidden = false;
          replaceChildren(formError, `Could not create the evaluator: ${describeError(error)}`);
        }
      } finally {
        saveButton.disabled = false;
      }
    });
    replaceChildren(formSlot, form);
    fields.name.control.focus();
  }

  function close() {
    replaceChildren(formSlot);
    newButton.disabled = false;
  }
}

function rateProblem(text) {
  const rate = Number(text);
  return text !== '' && rate > 0 && rate <= 1 ? null : 'must be above 0 and at most 1';
}
