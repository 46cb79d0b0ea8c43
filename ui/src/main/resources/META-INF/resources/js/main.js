/** Entry point: API key handling, the app shell (header key chip) and routing between the views. */
import { adoptKeyFromFragment, apiKeyStore } from './api-key.js';
import { createApiClient } from './api-client.js';
import { h, replaceChildren } from './dom.js';
import { maskKey } from './format.js';
import { renderKeyForm } from './key-form.js';
import { parseRoute } from './router.js';
import { mountTraceDetail } from './trace-detail-view.js';
import { mountTraceList } from './trace-list-view.js';
import { mountUsers } from './users-view.js';
import { mountSessions } from './sessions-view.js';
import { mountAnalytics } from './analytics-view.js';
import { mountDrift } from './drift-view.js';
import { mountCompare } from './compare-view.js';
import { mountPrompts } from './prompts-view.js';
import { mountAlerts } from './alerts-view.js';
import { createAlertBadge } from './alert-badge.js';
import { mountSettings } from './settings-view.js';

/** The views of the header tabs, by route name. */
const PAGE_VIEWS = {
  users: mountUsers, sessions: mountSessions, // list or, with an id, one user or session
  prompts: mountPrompts, // list or, with a fingerprint, one prompt
  traces: mountTraceList, analytics: mountAnalytics, drift: mountDrift, compare: mountCompare, alerts: mountAlerts,
  settings: mountSettings,
};

const app = document.getElementById('app');
const keyChip = document.getElementById('key-chip');
const keyChipValue = document.getElementById('key-chip-value');
let currentView = null;
let keyFormMessage; // undefined while no form is shown

const api = createApiClient({
  getKey: () => apiKeyStore.get(),
  onUnauthorized: (error) => {
    apiKeyStore.clear(); // a rejected key must not be retried on the next reload
    showKeyForm(`The server rejected the API key: ${error.message}`);
  },
});

const alertBadge = createAlertBadge({
  api,
  element: document.getElementById('alert-badge'),
  countElement: document.getElementById('alert-badge-count'),
});

document.getElementById('change-key').addEventListener('click', () => {
  apiKeyStore.clear();
  showKeyForm(null);
});
window.addEventListener('hashchange', () => {
  if (adoptKeyFromFragment()) keyFormMessage = undefined;
  render();
});

adoptKeyFromFragment();
render();

function render() {
  if (!apiKeyStore.get()) {
    showKeyForm(null);
    return;
  }
  keyFormMessage = undefined;
  updateKeyChip();
  unmountView();
  alertBadge.start();
  const route = parseRoute(window.location.hash);
  const tab = route.name === 'trace' ? 'traces' : route.name;
  for (const link of document.querySelectorAll('[data-nav]')) {
    link.classList.toggle('is-active', link.dataset.nav === tab);
    if (link.dataset.nav === tab) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (route.name === 'trace') {
    currentView = mountTraceDetail(app, { api, route });
  } else if (PAGE_VIEWS[route.name]) {
    currentView = PAGE_VIEWS[route.name](app, { api, route });
  } else {
    replaceChildren(app, h('div', { class: 'page' }, h('div', { class: 'state state-empty' },
      h('div', { class: 'state-title' }, 'Page not found'),
      h('div', { class: 'state-detail' }, `Nothing lives at ${route.path}.`),
      h('a', { class: 'btn', href: '#/traces' }, 'Go to traces'))));
  }
}

/** Replaces the current view with the key form; repeated 401s from parallel calls show it once. */
function showKeyForm(message) {
  if (keyFormMessage !== undefined && keyFormMessage === message) return;
  keyFormMessage = message;
  unmountView();
  alertBadge.stop();
  updateKeyChip();
  document.title = 'API key · Boxscore';
  renderKeyForm(app, {
    message,
    onSubmit: (key) => {
      apiKeyStore.set(key);
      render();
    },
  });
}

function unmountView() {
  currentView?.unmount();
  currentView = null;
}

function updateKeyChip() {
  const key = apiKeyStore.get();
  keyChip.hidden = !key;
  keyChipValue.textContent = maskKey(key);
}
