/**
 * The mock's API keys and project (/api/v1/admin/…), as query-api's ApiKeyFilter and AdminResource answer:
 * the start-up key (like the real server's bootstrap key: admin scope, not listed) plus keys created through the
 * API, each with its scopes; a revoked key is refused (401). Every /api/ path needs a key that may read,
 * /api/v1/admin one that may administer (403 otherwise). Bodies are checked field by field with the real
 * server's messages ("retentionDays: must be a whole number from 1 to 3650").
 */
import { randomBytes } from 'node:crypto';

const SCOPES = ['ingest', 'read', 'admin'];
const MAX_RETENTION_DAYS = 3650;
const KEY_ID = /^key_[0-9a-f]{16}$/;

export class AdminError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

class BadParameter extends AdminError {
  constructor(name, problem) {
    super(400, 'bad_parameter', `${name}: ${problem}`);
  }
}

/**
 * The project and its keys, in memory. Two keys are seeded so the settings page has rows to show: an ingest key
 * in use and a revoked one.
 */
export function createAdminStore(bootstrapKey, now = Date.now()) {
  const store = {
    bootstrapKey,
    project: { id: 'default', name: 'Default project', retentionDays: 30, createdAt: iso(now - 40 * 86_400_000) },
    keys: new Map(), // keyId → {key, info}
  };
  const seeded = addKey(store, 'checkout ingest', ['ingest'], 200, now - 20 * 86_400_000);
  seeded.info.lastUsedAt = iso(now - 3 * 60_000);
  const revoked = addKey(store, 'old laptop', ['read'], null, now - 35 * 86_400_000);
  revoked.info.revokedAt = iso(now - 30 * 86_400_000);
  revoked.info.lastUsedAt = iso(now - 31 * 86_400_000);
  return store;
}

/**
 * The caller of an `Authorization` header value: `{scopes, keyId}` (keyId null for the start-up key), or null
 * when the key is missing, unknown or revoked.
 */
export function authenticate(store, header) {
  const match = /^bearer\s+(\S+)\s*$/i.exec(String(header ?? '').trim());
  if (!match) return null;
  const key = match[1];
  if (key === store.bootstrapKey) return { scopes: ['admin'], keyId: null };
  for (const { key: secret, info } of store.keys.values()) {
    if (secret === key) return info.revokedAt ? null : { scopes: info.scopes, keyId: info.keyId };
  }
  return null;
}

/** Whether the caller's key has the scope; admin implies every scope (as Principal.may). */
export function may(principal, scope) {
  return principal.scopes.includes(scope) || principal.scopes.includes('admin');
}

/** ApiKeyFilter's scope checks after authentication: the 403 message, or null when the call may go on. */
export function refusal(principal, path) {
  if (path.startsWith('/api/v1/admin') && !may(principal, 'admin')) return 'this API key may not administer the project';
  if (!may(principal, 'read')) return 'this API key may not read';
  return null;
}

/** Records that a key was used (its lastUsedAt), as the filter does once a call passed its checks. */
export function used(store, principal) {
  if (principal.keyId) store.keys.get(principal.keyId).info.lastUsedAt = iso(Date.now());
}

/**
 * Answers one /api/v1/admin call; `body` is the parsed JSON (undefined without one).
 * @returns `[status, answer]`
 * @throws AdminError for 400/404/405 answers
 */
export function handleAdmin(store, method, path, body) {
  const route = path.replace(/\/+$/, '');
  if (route === '/api/v1/admin/project') {
    if (method === 'GET') return [200, store.project];
    if (method === 'PUT') {
      const object = requireObject(body);
      const name = optionalName(object);
      const retentionDays = optionalRetention(object);
      store.project = {
        ...store.project, name: name ?? store.project.name, retentionDays: retentionDays ?? store.project.retentionDays,
      };
      return [200, store.project];
    }
    throw notAllowed(method, route);
  }
  if (route === '/api/v1/admin/keys') {
    if (method === 'GET') {
      const keys = [...store.keys.values()].map(({ info }) => info)
        .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
      return [200, { keys }];
    }
    if (method === 'POST') {
      const object = requireObject(body);
      const name = optionalName(object);
      const scopes = scopesOf(object.scopes);
      const requestsPerSecond = requestsPerSecondOf(object.requestsPerSecond);
      const { key, info } = addKey(store, name ?? 'key', scopes, requestsPerSecond, Date.now());
      return [201, { key, info }];
    }
    throw notAllowed(method, route);
  }
  const keyMatch = /^\/api\/v1\/admin\/keys\/([^/]+)$/.exec(route);
  if (keyMatch) {
    if (method !== 'DELETE') throw notAllowed(method, route);
    const keyId = decodeURIComponent(keyMatch[1]);
    if (!KEY_ID.test(keyId)) throw new BadParameter('keyId', 'must be a key id such as key_0123456789abcdef');
    const entry = store.keys.get(keyId);
    if (!entry) throw new AdminError(404, 'not_found', `no key ${keyId} in this project`);
    entry.info.revokedAt ??= iso(Date.now());
    return [200, entry.info];
  }
  throw new AdminError(404, 'not_found', `No API endpoint ${route}`);
}

function addKey(store, name, scopes, requestsPerSecond, createdMillis) {
  const key = `bx_${randomBytes(32).toString('base64url')}`;
  const info = {
    keyId: `key_${randomBytes(8).toString('hex')}`, name, prefix: key.slice(0, 10), scopes: [...scopes].sort(),
    requestsPerSecond, createdAt: iso(createdMillis), revokedAt: null, lastUsedAt: null,
  };
  const entry = { key, info };
  store.keys.set(info.keyId, entry);
  return entry;
}

function requireObject(body) {
  if (body == null || typeof body !== 'object' || Array.isArray(body)) throw new BadParameter('body', 'must be a JSON object');
  return body;
}

function optionalName(object) {
  const name = object.name;
  if (name == null) return null;
  if (typeof name !== 'string' || name.trim() === '' || name.length > 200) {
    throw new BadParameter('name', 'must be a non-blank string of at most 200 characters');
  }
  return name;
}

function optionalRetention(object) {
  const days = object.retentionDays;
  if (days == null) return null;
  if (!Number.isInteger(days) || days < 1 || days > MAX_RETENTION_DAYS) {
    throw new BadParameter('retentionDays', `must be a whole number from 1 to ${MAX_RETENTION_DAYS}`);
  }
  return days;
}

function scopesOf(value) {
  if (!Array.isArray(value) || value.length === 0) {
    throw new BadParameter('scopes', 'must be a non-empty array of "ingest", "read", "admin"');
  }
  const scopes = new Set();
  for (const entry of value) {
    // Jackson's asText(""): strings as they are, numbers and booleans as their text, anything else empty.
    const text = ['string', 'number', 'boolean'].includes(typeof entry) ? String(entry).toLowerCase() : '';
    if (!SCOPES.includes(text)) throw new BadParameter('scopes', 'must contain only "ingest", "read", "admin"');
    scopes.add(text);
  }
  return [...scopes];
}

function requestsPerSecondOf(value) {
  if (value == null) return null;
  if (!Number.isInteger(value) || value < 1 || value > 1_000_000) {
    throw new BadParameter('requestsPerSecond', 'must be a whole number from 1 to 1000000');
  }
  return value;
}

function notAllowed(method, path) {
  return new AdminError(405, 'method_not_allowed', `${method} is not allowed on ${path}`);
}

function iso(millis) {
  return new Date(millis).toISOString();
}
