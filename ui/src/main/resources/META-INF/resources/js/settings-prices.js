/**
 * The prices tab: the project's own prices (looked up first) and the built-in catalog, in two tables filtered by
 * model text (kept in the address as ?model=). Admins add, change and delete project prices; "Override" starts
 * a project price from a built-in one. Any key may look; others are told that changing needs an admin key.
 */
import { h, replaceChildren } from './dom.js';
import { formatCost } from './format.js';
import { buildHash, replaceHash } from './router.js';
import { isForbidden } from './admin-access.js';
import { createPriceForm, todayUtc, PRICE_FIELDS } from './price-form.js';
import { describeError, errorState, loadingState } from './states.js';

/** USD per 1M tokens as shown in the tables: "$2.50"; a missing optional price "—" with what it falls back to. */
export function perMillionText(value) {
  return value == null ? '—' : formatCost(Number(value));
}

export function mountPriceSettings(container, { api, route }) {
  const lifetime = new AbortController();
  const options = { signal: lifetime.signal };
  let filterText = route.params.get('model') ?? '';
  let prices = { project: [], builtIn: [] };
  let canChange = false;
  let justSaved = null; // the row to flash after a save
  const filterInput = h('input', {
    type: 'search', class: 'input price-filter', value: filterText, placeholder: 'Filter by model…', autocomplete: 'off',
    spellcheck: 'false', 'aria-label': 'Filter prices by model', 'data-testid': 'price-filter',
    onInput: () => {
      filterText = filterInput.value;
      replaceHash(buildHash('/settings/prices', { model: filterText.trim() }));
      renderTables();
    },
  });
  const addButton = h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'add-price', onClick: () => openForm(null, 'Add a project price') }, 'Add price');
  const noticeSlot = h('div', { 'aria-live': 'polite' });
  const formSlot = h('div', null);
  const projectSlot = h('div', null);
  const builtInSlot = h('div', null);

  replaceChildren(container, loadingState('Loading prices…'));
  load();
  return { unmount: () => lifetime.abort() };

  async function load() {
    try {
      // Reading prices needs a read key; whether this key may change them shows in the admin API's answer.
      const [list, admin] = await Promise.all([
        api.listPrices(options),
        api.getProject(options).then(() => true, (error) => {
          if (error.name === 'AbortError' || error.unauthorized) throw error;
          return !isForbidden(error); // another failure: let a save say what is wrong
        }),
      ]);
      prices = { project: list.project ?? [], builtIn: list.builtIn ?? [] };
      canChange = admin;
      if (!container.contains(projectSlot)) layout();
      renderTables();
    } catch (error) {
      if (error.name === 'AbortError' || error.unauthorized) return;
      replaceChildren(container, errorState('Could not load the prices', error, () => {
        replaceChildren(container, loadingState('Loading prices…'));
        load();
      }));
    }
  }

  function layout() {
    addButton.hidden = !canChange;
    replaceChildren(container,
      h('div', { class: 'section-bar' },
        h('p', { class: 'muted' }, 'USD per 1M tokens. Project prices are looked up before the built-in catalog and re-price every call from their day on.'),
        h('div', { class: 'toolbar-spacer' }), filterInput, addButton),
      !canChange && h('div', { class: 'notice', 'data-testid': 'prices-read-only' },
        'You can look at the prices, but changing them needs an admin key.'),
      noticeSlot, formSlot,
      h('section', { class: 'price-section', 'aria-labelledby': 'project-prices-title' },
        h('h2', { class: 'section-title', id: 'project-prices-title' }, 'Project prices'), projectSlot),
      h('section', { class: 'price-section', 'aria-labelledby': 'built-in-prices-title' },
        h('h2', { class: 'section-title', id: 'built-in-prices-title' }, 'Built-in catalog'), builtInSlot));
  }

  function renderTables() {
    const needle = filterText.trim().toLowerCase();
    const matches = (price) => !needle || String(price.model ?? '').toLowerCase().includes(needle);
    const project = prices.project.filter(matches);
    const builtIn = prices.builtIn.filter(matches);
    replaceChildren(projectSlot, project.length
      ? priceTable(project, 'project')
      : h('div', { class: 'state state-empty price-empty', 'data-testid': 'no-project-prices' },
        h('div', { class: 'state-detail' }, prices.project.length
          ? `No project price matches "${filterText.trim()}".`
          : 'No project prices: every call is costed with the built-in catalog.')));
    replaceChildren(builtInSlot, builtIn.length
      ? priceTable(builtIn, 'built-in')
      : h('div', { class: 'state state-empty price-empty' },
        h('div', { class: 'state-detail' }, `No built-in price matches "${filterText.trim()}".`)));
    justSaved = null;
  }

  function priceTable(rows, origin) {
    const column = (label, className, title) => h('th', { scope: 'col', class: className, title }, label);
    return h('table', { class: ['data-table', 'prices-table'], 'data-testid': `${origin}-prices` },
      h('thead', null, h('tr', null,
        column('Provider'), column('Model'),
        PRICE_FIELDS.map((field) => column(field.label, 'num', `${field.label}, USD per 1M tokens`)),
        column('From'), column('Source'), canChange ? column('') : null)),
      h('tbody', null, rows.map((price) => priceRow(price, origin))));
  }

  function priceRow(price, origin) {
    const saved = justSaved && samePrice(price, justSaved);
    return h('tr', {
      class: ['price-row', saved && 'is-new'],
      dataset: { origin, provider: price.provider, model: price.model, effectiveFrom: price.effectiveFrom },
    },
    h('td', { 'data-col': 'provider' }, price.provider),
    h('td', { 'data-col': 'model' }, h('span', { class: 'mono' }, price.model),
      price.anyProvider && h('span', { class: 'badge badge-muted any-provider', title: 'Also applies when another provider serves this model' }, 'any provider')),
    PRICE_FIELDS.map((field) => h('td', {
      class: 'num', 'data-col': field.name,
      title: price[field.name] == null ? fallbackTitle(field.name) : `${price[field.name]} USD per 1M tokens`,
    }, perMillionText(price[field.name]))),
    h('td', { 'data-col': 'effectiveFrom', class: 'nowrap num-font' }, price.effectiveFrom),
    h('td', { 'data-col': 'source', class: 'price-source' }, price.source || h('span', { class: 'muted' }, '—')),
    canChange && h('td', { class: 'actions' }, origin === 'built-in'
      ? h('button', {
        type: 'button', class: 'btn btn-small', 'data-testid': 'override-price',
        'aria-label': `Override ${price.provider} ${price.model}`,
        onClick: () => openForm({ ...price, effectiveFrom: todayUtc(), source: '' }, `Override ${price.provider} ${price.model}`),
      }, 'Override')
      : h('div', { class: 'action-row' },
        h('button', {
          type: 'button', class: 'btn btn-small', 'data-testid': 'edit-price', 'aria-label': `Change ${price.provider} ${price.model} from ${price.effectiveFrom}`,
          onClick: () => openForm(price, `Change ${price.provider} ${price.model} from ${price.effectiveFrom}`),
        }, 'Change'),
        deleteControl(price))));
  }

  function deleteControl(price) {
    const wrap = h('span', { class: 'delete-control' });
    const label = `${price.provider} ${price.model} from ${price.effectiveFrom}`;
    const reset = () => replaceChildren(wrap, h('button', {
      type: 'button', class: 'btn btn-small btn-ghost danger-text', 'data-testid': 'delete-price', 'aria-label': `Delete ${label}`, onClick: ask,
    }, 'Delete'));
    const ask = () => {
      replaceChildren(wrap,
        h('button', { type: 'button', class: 'btn btn-small btn-danger', 'data-testid': 'confirm-delete-price', onClick: remove }, 'Delete price'),
        h('button', { type: 'button', class: 'btn btn-small', onClick: reset }, 'Keep'));
      wrap.querySelector('.btn-danger').focus();
    };
    async function remove() {
      try {
        await api.deletePrice(price, options);
        showNotice(`Deleted the project price ${label}. Its calls are costed with the next price that applies.`);
        await load();
      } catch (error) {
        if (error.name === 'AbortError' || error.unauthorized) return;
        replaceChildren(wrap, h('span', { class: 'inline-error small' }, describeError(error)));
      }
    }
    reset();
    return wrap;
  }

  function openForm(initial, title) {
    replaceChildren(noticeSlot);
    addButton.hidden = true;
    const providers = [...new Set([...prices.project, ...prices.builtIn].map((price) => price.provider))].sort();
    const form = createPriceForm({
      api, signal: lifetime.signal, initial, title, providers,
      onCancel: closeForm,
      onSaved: async (price) => {
        closeForm();
        justSaved = price;
        showNotice(`Saved the project price ${price.provider} ${price.model} from ${price.effectiveFrom}.`);
        await load();
      },
    });
    replaceChildren(formSlot, form.element);
    form.element.scrollIntoView({ block: 'nearest' });
    form.focus();
  }

  function closeForm() {
    replaceChildren(formSlot);
    addButton.hidden = !canChange;
  }

  function showNotice(text) {
    replaceChildren(noticeSlot, h('div', { class: 'notice notice-ok', role: 'status', 'data-testid': 'price-notice' }, text));
  }
}

function samePrice(a, b) {
  return a.provider === b.provider && a.model === b.model && a.effectiveFrom === b.effectiveFrom;
}

function fallbackTitle(field) {
  return field === 'reasoning' ? 'Not set: reasoning tokens are billed as output' : 'Not set: billed as input';
}
