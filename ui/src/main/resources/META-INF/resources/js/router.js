/**
 * Hash routes, so every view can be shared as a link:
 *   #/traces?q=&range=1h&from=&to=&live=off     trace list (old service=&model= links become q)
 *   #/traces/<traceId>?span=<spanId>             trace detail, optionally with a span opened
 *   #/analytics?range=24h&group=model&service=&model=&provider=&prompt_version=   usage dashboard
 *   #/drift?range=24h&kind=model&subject=&window=1h&baseline_days=7             swaps and drift checks
 *   #/compare?a=&b=&range=7d&service=&target=&provider=                         compare two models, what-if
 *   #/alerts, #/alerts/active|history|silences|channels                         alerting (rules first)
 *   #/alerts/new, #/alerts/rules/<ruleId>                                       create or edit a rule
 *   #/settings, #/settings/keys, #/settings/prices?model=, #/settings/evaluators  project, API keys, prices, judges
 *   #/users?range=&sort=&prefix=, #/users/<userId>?range=                       users and one user
 *   #/sessions?user=&range=, #/sessions/<sessionId>?range=                      sessions and one conversation
 *   #/prompts?range=, #/prompts/<fingerprint>?range=&a=&b=                      prompt versions, one prompt, compare
 */

/** Top-level pages that take no path argument; each is a tab of the header. */
const PAGES = new Set(['traces', 'analytics', 'drift', 'compare', 'alerts', 'settings']);
/** Pages that list entities and show one of them at #/<page>/<id>; the route carries the id under this name. */
const ENTITY_PAGES = Object.freeze({ users: 'userId', sessions: 'sessionId', prompts: 'fingerprint' });
/** Tabs of the alerts page that are a path segment: #/alerts/<tab>. */
export const ALERT_TABS = Object.freeze(['rules', 'active', 'history', 'silences', 'channels']);
/** Tabs of the settings page: #/settings (project) and #/settings/<tab>. */
export const SETTINGS_TABS = Object.freeze(['project', 'keys', 'prices', 'evaluators']);

/** Parses a location hash into `{name, traceId?, params}`; name is a page, 'trace' or 'not-found'. */
export function parseRoute(hash) {
  const text = hash.replace(/^#/, '') || '/traces';
  const [path, query = ''] = splitOnce(text, '?');
  const params = new URLSearchParams(query);
  const segments = path.split('/').filter(Boolean);
  if (segments.length === 0) return { name: 'traces', params };
  if (ENTITY_PAGES[segments[0]] && segments.length <= 2) {
    const id = segments.length === 2 ? decodeURIComponent(segments[1]) : null;
    return { name: segments[0], [ENTITY_PAGES[segments[0]]]: id, params };
  }
  if (segments.length === 1 && PAGES.has(segments[0])) {
    return segments[0] === 'alerts' ? { name: 'alerts', tab: 'rules', params } : { name: segments[0], params };
  }
  if (segments[0] === 'alerts' && segments.length === 2 && (ALERT_TABS.includes(segments[1]) || segments[1] === 'new')) {
    return { name: 'alerts', tab: segments[1], params };
  }
  if (segments[0] === 'alerts' && segments.length === 3 && segments[1] === 'rules') {
    return { name: 'alerts', tab: 'edit', ruleId: decodeURIComponent(segments[2]), params };
  }
  if (segments[0] === 'settings' && segments.length === 2 && SETTINGS_TABS.includes(segments[1])) {
    return { name: 'settings', tab: segments[1], params };
  }
  if (segments.length === 2 && segments[0] === 'traces') {
    return { name: 'trace', traceId: decodeURIComponent(segments[1]), params };
  }
  return { name: 'not-found', params, path };
}

/** Builds a hash such as `#/traces?service=a`; empty params are left out. */
export function buildHash(path, params = {}) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value != null && value !== '') search.set(name, String(value));
  }
  const query = search.toString();
  return `#${path}${query ? `?${query}` : ''}`;
}

/** Link to a trace's detail view. */
export function traceHref(traceId, spanId) {
  return buildHash(`/traces/${encodeURIComponent(traceId)}`, { span: spanId });
}

/** Link to a user's page. */
export function userHref(userId, params) {
  return buildHash(`/users/${encodeURIComponent(userId)}`, params);
}

/** Link to a session's page (the conversation). */
export function sessionHref(sessionId, params) {
  return buildHash(`/sessions/${encodeURIComponent(sessionId)}`, params);
}

/** Rewrites the address bar without adding a history entry or firing hashchange. */
export function replaceHash(hash) {
  if (window.location.hash !== hash) history.replaceState(null, '', hash);
}

function splitOnce(text, separator) {
  const index = text.indexOf(separator);
  return index < 0 ? [text] : [text.slice(0, index), text.slice(index + 1)];
}
