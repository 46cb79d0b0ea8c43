/**
 * Saved views of the trace list: named queries of the project. "Views" opens the list (choose one to run its q,
 * × deletes it); "Save view" asks for a name and saves the current query. Saving and deleting need an admin key:
 * the server's 403 is shown as it is, next to the form.
 */
import { h, replaceChildren } from './dom.js';
import { describeError, loadingState } from './states.js';

/**
 * Creates the two buttons and their popover.
 * @param api the API client
 * @param currentQuery returns the query the list shows (what "Save view" saves)
 * @param onChoose called with a view's q when one is chosen
 * @param signal ends the document listeners when the list is left
 * @returns `{element}`
 */
export function createSavedViews({ api, currentQuery, onChoose, signal }) {
  const panel = h('div', { class: 'views-panel', 'data-testid': 'views-panel', hidden: true });
  const viewsButton = h('button', {
    type: 'button', class: 'btn', 'data-testid': 'views-button', 'aria-haspopup': 'true', 'aria-expanded': 'false',
    onClick: () => (mode === 'list' ? close() : openList()),
  }, 'Views ▾');
  const saveButton = h('button', {
    type: 'button', class: 'btn', 'data-testid': 'save-view', 'aria-haspopup': 'true', 'aria-expanded': 'false',
    onClick: () => (mode === 'save' ? close() : openSave()),
  }, 'Save view');
  const element = h('div', { class: 'views' }, viewsButton, saveButton, panel);
  let mode = null; // 'list' | 'save' | null
  let views = [];

  document.addEventListener('mousedown', (event) => {
    if (mode && !element.contains(event.target)) close();
  }, { signal });
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || !mode) return;
    const opener = mode === 'list' ? viewsButton : saveButton;
    const hadFocus = element.contains(document.activeElement) || document.activeElement === document.body;
    close();
    if (hadFocus) opener.focus();
  }, { signal });
  return { element };

  function setMode(next) {
    mode = next;
    panel.hidden = !next;
    viewsButton.setAttribute('aria-expanded', String(next === 'list'));
    saveButton.setAttribute('aria-expanded', String(next === 'save'));
  }

  function close() {
    setMode(null);
    replaceChildren(panel);
  }

  async function openList(notice) {
    setMode('list');
    replaceChildren(panel, loadingState('Loading views…'));
    try {
      views = (await api.listViews({ signal })).views ?? [];
      if (mode !== 'list') return;
      renderList(notice);
    } catch (error) {
      if (error.name === 'AbortError' || error.unauthorized || mode !== 'list') return;
      replaceChildren(panel, h('div', { class: 'inline-error', role: 'alert' }, `Could not load the views: ${describeError(error)}`));
    }
  }

  function renderList(notice, failure) {
    const q = currentQuery();
    replaceChildren(panel,
      h('div', { class: 'views-title' }, 'Saved views'),
      views.length === 0
        ? h('p', { class: 'muted views-empty' }, 'No saved views yet. Run a query, then "Save view".')
        : h('ul', { class: 'views-list', 'data-testid': 'views-list' }, views.map((view) => h('li', {
          class: 'view-item', dataset: { viewId: view.id }, 'aria-current': view.q === q ? 'true' : null,
        },
        h('button', {
          type: 'button', class: 'view-choose', title: view.q || '(no filter)',
          onClick: () => {
            close();
            onChoose(view.q ?? '');
          },
        }, h('span', { class: 'view-name' }, view.name), h('span', { class: 'view-query mono' }, view.q || '(no filter)')),
        h('button', {
          type: 'button', class: 'btn btn-ghost btn-small view-delete', 'aria-label': `Delete view ${view.name}`,
          title: 'Delete this view', onClick: () => remove(view),
        }, '×')))),
      notice && h('div', { class: 'views-notice', role: 'status' }, notice),
      failure && h('div', { class: 'inline-error', role: 'alert', 'data-testid': 'views-error' }, failure));
  }

  async function remove(view) {
    try {
      await api.deleteView(view.id, { signal });
      views = views.filter((other) => other.id !== view.id);
      renderList(`Deleted "${view.name}".`);
    } catch (error) {
      if (error.name === 'AbortError' || error.unauthorized) return;
      if (error.status === 404) {
        openList(`"${view.name}" was already deleted.`);
        return;
      }
      renderList(null, `Could not delete "${view.name}": ${permissionText(error)}`);
    }
  }

  function openSave() {
    setMode('save');
    const q = currentQuery();
    const nameInput = h('input', {
      type: 'text', class: 'input', name: 'view-name', maxlength: '100', required: true, 'aria-label': 'View name',
      placeholder: 'e.g. slow gpt-4o calls',
    });
    const message = h('div', { class: 'views-message', 'data-testid': 'views-error', role: 'alert' });
    const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Save');
    const form = h('form', {
      class: 'views-form', 'data-testid': 'save-view-form', novalidate: true,
      onSubmit: async (event) => {
        event.preventDefault();
        const name = nameInput.value.trim();
        if (!name) {
          replaceChildren(message, 'Give the view a name.');
          nameInput.focus();
          return;
        }
        submit.disabled = true;
        replaceChildren(message);
        try {
          const view = await api.saveView({ name, q }, { signal });
          openList(`Saved "${view.name ?? name}".`);
        } catch (error) {
          if (error.name === 'AbortError' || error.unauthorized) return;
          submit.disabled = false;
          replaceChildren(message, `Could not save the view: ${permissionText(error)}`);
        }
      },
    },
    h('label', { class: 'views-title', for: 'view-name-input' }, 'Save the current query as a view'),
    h('code', { class: 'views-query' }, q || '(no filter: every trace)'),
    h('div', { class: 'views-form-row' }, nameInput, submit),
    message);
    nameInput.id = 'view-name-input';
    replaceChildren(panel, form);
    nameInput.focus();
  }
}

/** An error as the user must read it; a 403 says that views need an admin key, then the server's own words. */
function permissionText(error) {
  if (error.status === 403) return `this needs an admin key (${describeError(error)})`;
  return describeError(error);
}
