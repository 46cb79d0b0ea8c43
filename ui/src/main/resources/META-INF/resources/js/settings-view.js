/**
 * Settings page: the project (name, retention), its API keys, the prices LLM calls are costed with and its LLM-as-judge
 * evaluators. Each tab is
 * its own address (#/settings, #/settings/keys, #/settings/prices,
 * #/settings/evaluators). Everything but reading prices needs an admin
 * key; other keys get a "needs an admin key" state rather than forms the server would refuse.
 */
import { h, replaceChildren } from './dom.js';
import { mountProjectSettings } from './settings-project.js';
import { mountKeySettings } from './settings-keys.js';
import { mountPriceSettings } from './settings-prices.js';
import { mountEvaluatorSettings } from './settings-evaluators.js';

const TABS = Object.freeze([
  { id: 'project', label: 'Project', href: '#/settings', mount: mountProjectSettings },
  { id: 'keys', label: 'API keys', href: '#/settings/keys', mount: mountKeySettings },
  { id: 'prices', label: 'Prices', href: '#/settings/prices', mount: mountPriceSettings },
  { id: 'evaluators', label: 'Evaluators', href: '#/settings/evaluators', mount: mountEvaluatorSettings },
]);

/** Mounts the page into `container`; returns `{unmount()}`. */
export function mountSettings(container, { api, route }) {
  const tab = TABS.find((candidate) => candidate.id === route.tab) ?? TABS[0];
  const body = h('div', { class: 'settings-body', id: 'settings-tab-body' });
  replaceChildren(container, h('section', { class: 'page settings-page', 'aria-labelledby': 'settings-title' },
    h('div', { class: 'page-header' }, h('h1', { id: 'settings-title', class: 'page-title' }, 'Settings')),
    h('nav', { class: 'tabs', 'aria-label': 'Settings sections' },
      TABS.map((candidate) => h('a', {
        class: ['tab', candidate.id === tab.id && 'is-active'], href: candidate.href, dataset: { tab: candidate.id },
        'aria-current': candidate.id === tab.id ? 'page' : null,
      }, candidate.label))),
    body));
  document.title = `${tab.label} · Settings · Boxscore`;
  return tab.mount(body, { api, route });
}
