/**
 * What the suite runs against. With BASE_URL (and API_KEY) set, a running Boxscore server; otherwise the mock
 * server of this directory, started on a free port.
 */
import { startMockServer } from '../mock-server.js';

/** @returns `{baseUrl, apiKey, usesMock, close()}` */
export async function startTarget() {
  const baseUrl = process.env.BASE_URL?.replace(/\/+$/, '');
  if (baseUrl) {
    const apiKey = process.env.API_KEY;
    if (!apiKey) throw new Error('BASE_URL is set but API_KEY is not: set API_KEY to a key the server accepts.');
    return { baseUrl, apiKey, usesMock: false, close: async () => {} };
  }
  const server = await startMockServer();
  return { baseUrl: server.url, apiKey: server.apiKey, usesMock: true, close: server.close };
}
