/**
 * The dialog that shows a new API key once. The server keeps only a digest, so this is the only time the key can
 * be read: a warning says so, and Copy puts it on the clipboard (or, where the clipboard is not available,
 * selects it so the user can copy it by hand).
 */
import { h } from './dom.js';

/**
 * Opens the modal dialog for `created` (`{key, info}` as POST /api/v1/admin/keys answers).
 * @param onClose called once the dialog closed (Done, Escape); the key is then removed from the page
 * @returns `{close()}`
 */
export function showKeySecret(created, { onClose } = {}) {
  const { key, info } = created;
  const field = h('input', {
    class: 'input input-mono secret-input', readonly: true, value: key, spellcheck: 'false', autocomplete: 'off',
    'aria-label': 'The new API key', 'data-testid': 'new-key-secret', onFocus: (event) => event.target.select(),
  });
  const status = h('div', { class: 'copy-status small', role: 'status', 'data-testid': 'copy-status' });
  const copyButton = h('button', { type: 'button', class: 'btn', 'data-testid': 'copy-key', onClick: copy }, 'Copy');
  const doneButton = h('button', { type: 'button', class: 'btn btn-primary', onClick: () => dialog.close() }, 'Done');
  const dialog = h('dialog', { class: 'dialog key-secret-dialog', 'aria-labelledby': 'key-secret-title', 'data-testid': 'key-secret-dialog' },
    h('h2', { id: 'key-secret-title', class: 'dialog-title' }, 'API key created'),
    h('p', { class: 'muted' }, `"${info.name}" · ${info.scopes.join(', ')}`),
    h('div', { class: 'notice notice-secret', role: 'note', 'data-testid': 'key-secret-warning' },
      h('strong', null, 'Copy this key now: it will not be shown again.'),
      h('p', null, 'Boxscore stores only a digest of it. If you lose it, revoke it and create a new one.')),
    h('div', { class: 'secret-row' }, field, copyButton),
    status,
    h('div', { class: 'dialog-actions' }, doneButton));
  dialog.addEventListener('close', () => {
    dialog.remove();
    onClose?.();
  }, { once: true });
  document.body.append(dialog);
  dialog.showModal();
  copyButton.focus();
  return { close: () => dialog.open && dialog.close() };

  async function copy() {
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(key);
      status.dataset.copied = 'clipboard';
      status.textContent = 'Copied to the clipboard.';
    } catch {
      // No clipboard (an insecure origin, or permission refused): select the key for Ctrl+C / ⌘C.
      field.focus();
      field.select();
      status.dataset.copied = 'selected';
      status.textContent = 'The key is selected: press Ctrl+C (⌘C on a Mac) to copy it.';
    }
  }
}
