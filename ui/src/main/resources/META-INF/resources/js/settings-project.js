/**
 * The project tab: its name and how many days its spans are kept. Both are checked here first; a 400 from the
 * server ("retentionDays: …") is shown at the field it names.
 */
import { h, replaceChildren } from './dom.js';
import { formatDateTime, formatCount } from './format.js';
import { fieldOfMessage, formField } from './alert-ui.js';
import { isForbidden, needsAdminState } from './admin-access.js';
import { describeError, errorState, loadingState } from './states.js';

/** Limits of AdminResource (Project.MAX_RETENTION_DAYS). */
export const MAX_NAME_LENGTH = 200;
export const MAX_RETENTION_DAYS = 3650;

export function mountProjectSettings(container, { api }) {
  const lifetime = new AbortController();
  const options = { signal: lifetime.signal };
  load();
  return { unmount: () => lifetime.abort() };

  async function load() {
    replaceChildren(container, loadingState('Loading the project…'));
    try {
      render(await api.getProject(options));
    } catch (error) {
      if (error.name === 'AbortError' || error.unauthorized) return;
      replaceChildren(container, isForbidden(error)
        ? needsAdminState(error, 'The project settings page')
        : errorState('Could not load the project', error, load));
    }
  }

  function render(project) {
    const fields = {
      name: formField({
        name: 'name', label: 'Name',
        control: h('input', { class: 'input', name: 'name', value: project.name, autocomplete: 'off', spellcheck: 'false' }),
        wide: true,
      }),
      retentionDays: formField({
        name: 'retentionDays', label: 'Retention',
        control: h('input', {
          class: 'input input-retention', name: 'retentionDays', type: 'number', inputmode: 'numeric', min: 1,
          max: MAX_RETENTION_DAYS, step: 1, value: String(project.retentionDays),
        }),
        suffix: 'days', wide: true,
        hint: `Spans are kept this many days (1 to ${formatCount(MAX_RETENTION_DAYS)}). A change applies to spans ingested from now on.`,
      }),
    };
    const formError = h('div', { class: 'form-error', role: 'alert', hidden: true });
    const saved = h('span', { class: 'save-status', role: 'status', 'data-testid': 'project-saved' });
    const saveButton = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Save');
    const form = h('form', { class: 'panel settings-form', novalidate: true, 'aria-labelledby': 'project-form-title', 'data-testid': 'project-form' },
      h('h2', { id: 'project-form-title', class: 'panel-title' }, 'Project'),
      h('dl', { class: 'kv-grid project-facts' },
        h('dt', null, 'Project ID'), h('dd', { class: 'mono', 'data-testid': 'project-id' }, project.id),
        h('dt', null, 'Created'), h('dd', { class: 'num-font' }, formatDateTime(project.createdAt))),
      h('div', { class: 'form-grid' }, fields.name.element, fields.retentionDays.element),
      formError,
      h('div', { class: 'form-actions' }, saveButton, saved));

    form.addEventListener('input', (event) => {
      const name = event.target.closest('[data-field]')?.dataset.field;
      fields[name]?.setError(null);
      saved.textContent = '';
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      formError.hidden = true;
      saved.textContent = '';
      const name = fields.name.control.value.trim();
      const retentionText = fields.retentionDays.control.value.trim();
      const problems = {
        name: !name ? 'is required' : name.length > MAX_NAME_LENGTH ? `must be at most ${MAX_NAME_LENGTH} characters` : null,
        retentionDays: retentionProblem(retentionText),
      };
      for (const [field, problem] of Object.entries(problems)) fields[field].setError(problem);
      const first = Object.keys(problems).find((field) => problems[field]);
      if (first) {
        fields[first].control.focus();
        return;
      }
      saveButton.disabled = true;
      try {
        const updated = await api.updateProject({ name, retentionDays: Number(retentionText) }, options);
        fields.name.control.value = updated.name;
        fields.retentionDays.control.value = String(updated.retentionDays);
        saved.textContent = `Saved. Spans are kept ${formatCount(updated.retentionDays)} ${updated.retentionDays === 1 ? 'day' : 'days'}.`;
      } catch (error) {
        if (error.name === 'AbortError' || error.unauthorized) return;
        if (isForbidden(error)) {
          replaceChildren(container, needsAdminState(error, 'Changing the project'));
          return;
        }
        const { field, problem } = fieldOfMessage(error.message);
        if (error.status === 400 && fields[field]) {
          fields[field].setError(problem);
          fields[field].control.focus();
        } else {
          formError.hidden = false;
          replaceChildren(formError, `Could not save the project: ${describeError(error)}`);
        }
      } finally {
        saveButton.disabled = false;
      }
    });
    replaceChildren(container, form);
  }
}

/** What is wrong with a retention value as typed, or null. */
function retentionProblem(text) {
  if (text === '') return 'is required';
  const days = Number(text);
  if (!Number.isInteger(days)) return 'must be a whole number of days';
  if (days < 1 || days > MAX_RETENTION_DAYS) return `must be from 1 to ${formatCount(MAX_RETENTION_DAYS)} days`;
  return null;
}
