/**
 * Alerting page: rules (with a sparkline of each rule's metric against its threshold over the last 24 h), the
 * current alerts, the history of transitions and notifications, silences and notification channels; plus the rule
 * form at #/alerts/new and #/alerts/rules/<id>. Each tab is its own address, so every view can be shared.
 */
import { h, replaceChildren } from './dom.js';
import { mountRuleForm } from './alert-rule-form.js';
import { mountRuleList } from './alert-rules.js';
import { mountActiveAlerts } from './alert-instances.js';
import { mountAlertHistory } from './alert-history.js';
import { mountSilences } from './alert-silences.js';
import { mountChannels } from './alert-channels.js';

const TABS = Object.freeze([
  { id: 'rules', label: 'Rules', href: '#/alerts', mount: mountRuleList },
  { id: 'active', label: 'Alerts', href: '#/alerts/active', mount: mountActiveAlerts },
  { id: 'history', label: 'History', href: '#/alerts/history', mount: mountAlertHistory },
  { id: 'silences', label: 'Silences', href: '#/alerts/silences', mount: mountSilences },
  { id: 'channels', label: 'Channels', href: '#/alerts/channels', mount: mountChannels },
]);

/** Mounts the page into `container`; returns `{unmount()}`. */
export function mountAlerts(container, { api, route }) {
  if (route.tab === 'new' || route.tab === 'edit') {
    document.title = `${route.tab === 'new' ? 'New alert rule' : 'Alert rule'} · Boxscore`;
    return mountRuleForm(container, { api, route });
  }
  const tab = TABS.find((candidate) => candidate.id === route.tab) ?? TABS[0];
  const body = h('div', { class: 'alerts-body', id: 'alerts-tab-body' });
  replaceChildren(container, h('section', { class: 'page alerts-page', 'aria-labelledby': 'alerts-title' },
    h('div', { class: 'page-header' },
      h('h1', { id: 'alerts-title', class: 'page-title' }, 'Alerts'),
      h('div', { class: 'toolbar-spacer' }),
      h('a', { class: 'btn btn-primary', href: '#/alerts/new', 'data-testid': 'new-rule' }, 'New rule')),
    h('nav', { class: 'tabs', 'aria-label': 'Alerting sections' },
      TABS.map((candidate) => h('a', {
        class: ['tab', candidate.id === tab.id && 'is-active'], href: candidate.href, dataset: { tab: candidate.id },
        'aria-current': candidate.id === tab.id ? 'page' : null,
      }, candidate.label))),
    body));
  document.title = `${tab.id === 'rules' ? 'Alert rules' : tab.label} · Alerts · Boxscore`;
  return tab.mount(body, { api, route });
}
