/** A stable colour slot per service name, so one service keeps its colour across spans and page loads. */

const SLOTS = 8;

/** Index 0..7 of the CSS class `svc-<n>` for a service name. */
export function serviceColorSlot(service) {
  let hash = 0;
  for (const char of String(service ?? '')) hash = (hash * 31 + char.codePointAt(0)) >>> 0;
  return hash % SLOTS;
}
