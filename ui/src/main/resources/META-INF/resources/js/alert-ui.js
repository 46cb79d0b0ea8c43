/** DOM pieces shared by the alerting views: state and severity badges, group chips, form fields with errors. */
import { h, replaceChildren } from './dom.js';
import { ALERT_STATES } from './alert-format.js';

/** A state chip: firing (red), pending (amber), no data (grey), error (red), inactive (green). */
export function stateBadge(state) {
  const info = ALERT_STATES[state] ?? { label: state ?? 'unknown', badge: 'badge-muted' };
  return h('span', { class: ['badge', 'state-badge', info.badge], dataset: { state: state ?? '' } }, info.label);
}

export function severityBadge(severity) {
  return h('span', { class: ['severity', `severity-${['critical', 'warning', 'info'].includes(severity) ? severity : 'info'}`] },
    severity ?? '—');
}

/** One chip per label of an alert's group: "model gpt-4o". */
export function groupChips(group) {
  const entries = Object.entries(group ?? {});
  if (entries.length === 0) return null;
  return h('span', { class: 'group-chips' }, entries.map(([name, value]) =>
    h('span', { class: ['chip', name === 'model' && 'chip-model'], title: name }, `${name} ${value || '(none)'}`)));
}

/** Only links into this app or to http(s) pages: a `javascript:` URL from the API never becomes clickable. */
export function safeHref(url) {
  if (typeof url !== 'string') return null;
  if (url.startsWith('/#/') || url.startsWith('#/')) return url.startsWith('/') ? url.slice(1) : url;
  return /^https?:\/\//i.test(url) ? url : null;
}

let fieldIds = 0;

/**
 * A labelled form field with a hint and an error slot wired to the control through aria-describedby.
 * @returns `{element, control, setError(message|null)}`; `data-field=name` marks the wrapper.
 */
export function formField({ name, label, control, hint, kinds, wide = false, suffix }) {
  const id = control.id || `f-${name.replace(/[^\w-]/g, '-')}-${(fieldIds += 1)}`;
  control.id = id;
  const hintElement = hint ? h('div', { class: 'field-hint', id: `${id}-hint` }, hint) : null;
  const error = h('div', { class: 'field-error', id: `${id}-error`, role: 'alert', hidden: true });
  control.setAttribute('aria-describedby', [hintElement && `${id}-hint`, `${id}-error`].filter(Boolean).join(' '));
  const element = h('div', { class: ['form-field', wide && 'form-field-wide'], dataset: kinds ? { field: name, kinds: kinds.join(' ') } : { field: name } },
    h('label', { class: 'form-label', for: id }, label),
    suffix ? h('div', { class: 'input-with-suffix' }, control, h('span', { class: 'input-suffix' }, suffix)) : control,
    hintElement, error);
  return {
    element,
    control,
    setError(message) {
      error.hidden = !message;
      replaceChildren(error, message ?? '');
      if (message) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    },
  };
}

/** A fieldset of radio buttons drawn as a segmented control: `{element, value(), set(id)}`. */
export function radioGroup({ name, legend, options, selected, onChange }) {
  const inputs = options.map((option) => h('input', {
    type: 'radio', name, value: option.id, checked: option.id === selected, class: 'radio-segment-input',
    id: `${name}-${option.id}`,
    onChange: () => onChange?.(option.id),
  }));
  const element = h('fieldset', { class: 'radio-segments', dataset: { field: name } },
    h('legend', { class: 'form-label' }, legend),
    h('div', { class: 'segmented' }, options.map((option, index) => [
      inputs[index],
      h('label', { class: 'segment', for: `${name}-${option.id}`, title: option.hint ?? null }, option.label)])));
  return {
    element,
    value: () => inputs.find((input) => input.checked)?.value ?? null,
    set: (id) => { for (const input of inputs) input.checked = input.value === id; },
  };
}

/** Splits an API error message "field: problem" into `{field, problem}` (field null when there is none). */
export function fieldOfMessage(message) {
  const match = /^([A-Za-z_][\w.]*(?:\[\d+\])?(?:\.[\w.]+)?(?:\[\d+\])?(?:\.[\w]+)?): (.*)$/s.exec(message ?? '');
  return match ? { field: match[1], problem: match[2] } : { field: null, problem: message ?? '' };
}
