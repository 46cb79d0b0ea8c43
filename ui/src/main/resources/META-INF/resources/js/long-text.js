/**
 * Text that can be huge (a 2 MB prompt, a tool result, an attribute holding a whole document): past a size it
 * is shown folded, as its first characters and a "show all (2.0 MB)" button, so a span panel opens at once and
 * the browser lays out megabytes of text only when asked to.
 */
import { h } from './dom.js';

/** Texts longer than this many characters are folded. */
export const FOLD_ABOVE_CHARS = 10_000;
/** How many characters a folded text shows. */
export const FOLDED_CHARS = 2_000;

/** The UTF-8 size of a text, counted without encoding it. */
export function utf8Bytes(text) {
  let bytes = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      bytes += 4; // a surrogate pair: one character of four bytes
      index += 1;
    } else bytes += 3;
  }
  return bytes;
}

/** A byte size for people: "950 B", "12.3 kB", "2.0 MB" (decimal units). */
export function formatBytes(bytes) {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** The label of the button that unfolds `text`: "show all (2.0 MB)". */
export function showAllLabel(text) {
  return `show all (${formatBytes(utf8Bytes(text))})`;
}

/**
 * `text` in `container` (created as a span when not given). A short text is just that: the container, or the
 * plain string when there is none. A long one is its first FOLDED_CHARS characters plus a button that puts the
 * whole text in; the container then says `data-folded="true"` until unfolded.
 */
export function foldableText(text, container = null) {
  if (text.length <= FOLD_ABOVE_CHARS) {
    if (!container) return text;
    container.append(text);
    return container;
  }
  const holder = container ?? h('span', null);
  let cut = FOLDED_CHARS;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1; // never split a surrogate pair
  holder.append(text.slice(0, cut), h('span', { class: 'folded-ellipsis', 'aria-hidden': 'true' }, ' …'));
  holder.dataset.folded = 'true';
  const button = h('button', {
    type: 'button', class: 'btn btn-small show-all', 'data-testid': 'show-all',
    onClick: () => {
      holder.replaceChildren(text);
      holder.dataset.folded = 'false';
      button.remove();
    },
  }, showAllLabel(text));
  return h('div', { class: 'folded-text' }, holder, button);
}
