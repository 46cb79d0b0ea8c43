/**
 * Where the API key lives: the launcher hands it over in the URL fragment (`#key=bx_…`); we keep it in
 * localStorage and strip it from the address bar so it does not linger in history or screenshots.
 */

const STORAGE_ITEM = 'boxscore.apiKey';

/** Reads, stores and forgets the API key of this browser. */
export const apiKeyStore = {
  get() {
    try {
      return localStorage.getItem(STORAGE_ITEM) || null;
    } catch {
      return null; // storage disabled (private mode): the form asks each time
    }
  },

  set(key) {
    try {
      localStorage.setItem(STORAGE_ITEM, key);
    } catch {
      // Nothing to do: without storage the key only lives until the next reload.
    }
  },

  clear() {
    try {
      localStorage.removeItem(STORAGE_ITEM);
    } catch {
      // ignored for the same reason as in set()
    }
  },
};

/**
 * Takes `key=…` out of a fragment such as `#key=bx_1` or `#key=bx_1&/traces/abc`, stores it and rewrites the
 * address bar without it (the rest of the fragment, if it is a route, is kept). Returns true when a key was found.
 */
export function adoptKeyFromFragment() {
  const fragment = window.location.hash.replace(/^#/, '');
  if (!fragment.startsWith('key=')) return false;
  const [keyPart, ...rest] = fragment.split('&');
  const key = decodeURIComponent(keyPart.slice('key='.length)).trim();
  const remainingRoute = rest.join('&');
  const route = remainingRoute.startsWith('/') ? remainingRoute : '/traces';
  history.replaceState(null, '', `${window.location.pathname}${window.location.search}#${route}`);
  if (!key) return false;
  apiKeyStore.set(key);
  return true;
}
