/**
 * What the settings pages show to a key that may not administer the project: the API answers 403 to every
 * /api/v1/admin call and to price changes, so the pages say so instead of showing forms that cannot work.
 */
import { h } from './dom.js';

/** True for the API's "your key may not do this" answer. */
export function isForbidden(error) {
  return error?.status === 403;
}

/** The "needs an admin key" state, quoting the server's reason. */
export function needsAdminState(error, what = 'This page') {
  return h('div', { class: 'state state-empty needs-admin', role: 'note', 'data-testid': 'needs-admin' },
    h('div', { class: 'state-title' }, `${what} needs an admin key`),
    h('div', { class: 'state-detail' },
      'The API key this browser uses is not an admin key of the project, so the server does not allow this',
      error?.message ? ` ("${error.message}").` : '.'),
    h('p', { class: 'muted' },
      'Ask a project admin for a key with the admin scope, then use "Change" next to the API key in the header.'));
}
