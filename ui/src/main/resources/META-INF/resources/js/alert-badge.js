/**
 * The header's firing-alerts badge, on every page: the number of firing alerts from `GET /alerts?state=firing`,
 * refreshed every 30 s and on each navigation, hidden when nothing fires. Any failure (no alerting on the server,
 * 401, 500, network) hides it quietly: the badge never takes a page over or shows the key form.
 */
const POLL_MS = 30_000;

export function createAlertBadge({ api, element, countElement }) {
  let timer = null;
  let inFlight = null;

  function show(count) {
    element.hidden = !(count > 0);
    countElement.textContent = count > 0 ? String(count) : '';
    const text = `${count} alert${count === 1 ? '' : 's'} firing`;
    element.setAttribute('aria-label', text);
    element.title = `${text} — open Alerts`;
    element.dataset.count = String(count);
  }

  async function refresh() {
    if (inFlight) return inFlight;
    inFlight = (async () => {
      try {
        const answer = await api.listAlerts({ state: 'firing' }, { quiet: true });
        const alerts = Array.isArray(answer?.alerts) ? answer.alerts : [];
        show(alerts.filter((alert) => alert.state === 'firing' || alert.state == null).length);
      } catch {
        show(0);
      } finally {
        inFlight = null;
      }
    })();
    return inFlight;
  }

  return {
    /** Refreshes now and restarts the 30 s poll. */
    start() {
      clearInterval(timer);
      timer = setInterval(() => {
        if (document.visibilityState !== 'hidden') refresh();
      }, POLL_MS);
      return refresh();
    },
    stop() {
      clearInterval(timer);
      timer = null;
      show(0);
    },
    refresh,
  };
}
