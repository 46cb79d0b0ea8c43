/** Toolbar controls shared by the list and analytics pages: filter dropdowns and segmented pickers. */
import { h, replaceChildren } from './dom.js';

/** A dropdown with an "all" entry first; `data-filter=name` identifies it. */
export function filterSelect(name, allLabel, selected) {
  const select = h('select', { class: 'select', name, 'data-filter': name },
    h('option', { value: '' }, allLabel));
  fillOptions(select, [], selected);
  return select;
}

/** Puts the API's values into a dropdown; a selected value the API does not list (yet) stays selectable. */
export function fillOptions(select, values, selected) {
  const all = [...new Set([...(values ?? []), ...(selected ? [selected] : [])])].sort((a, b) => a.localeCompare(b));
  replaceChildren(select, select.options[0], all.map((value) => h('option', { value }, value)));
  select.value = selected ?? '';
}

/** A labelled toolbar field around a control. */
export function toolbarField(label, control) {
  return h('label', { class: 'toolbar-field' }, h('span', { class: 'toolbar-label' }, label), control);
}

/**
 * A group of toggle buttons, one pressed. `options`: `[{id, label, title?}]`; each button has `data-<name>=id`.
 * @returns `{element, select(id)}`; select() only moves the pressed state (onSelect is for user clicks)
 */
export function segmented({ name, label, options, selected, onSelect }) {
  const labelId = `${name}-label`;
  const buttons = options.map((option) => h('button', {
    type: 'button', class: 'segment', title: option.title, dataset: { [name]: option.id },
    'aria-pressed': String(option.id === selected),
    onClick: () => {
      select(option.id);
      onSelect(option.id);
    },
  }, option.label));
  function select(id) {
    for (const button of buttons) button.setAttribute('aria-pressed', String(button.dataset[name] === id));
  }
  const element = h('div', { class: 'toolbar-field' },
    h('span', { class: 'toolbar-label', id: labelId }, label),
    h('div', { class: 'segmented', role: 'group', 'aria-labelledby': labelId }, buttons));
  return { element, select };
}
