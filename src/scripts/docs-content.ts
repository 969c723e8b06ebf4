/**
 * Behaviour for rendered docs content: copy buttons on code blocks. The buttons ship `hidden` so a
 * page without this script shows no dead controls; one delegated listener serves any number of blocks.
 */
export function initDocsContent(root: ParentNode = document): void {
  for (const b of root.querySelectorAll<HTMLButtonElement>('figure.code-block > button.code-copy')) b.hidden = false;
  if ((root as { __docsCopy?: boolean }).__docsCopy) return;
  (root as { __docsCopy?: boolean }).__docsCopy = true;
  root.addEventListener('click', (ev) => {
    const button = (ev.target as Element | null)?.closest?.('button.code-copy');
    if (!(button instanceof HTMLButtonElement)) return;
    const code = button.closest('figure.code-block')?.querySelector('pre code');
    if (!code || !navigator.clipboard) return;
    void navigator.clipboard.writeText(code.textContent ?? '').then(() => {
      button.textContent = 'Copied';
      button.setAttribute('aria-label', 'Copied');
      setTimeout(() => { button.textContent = 'Copy'; button.setAttribute('aria-label', 'Copy code'); }, 1500);
    });
  });
}

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => initDocsContent());
  else initDocsContent();
}
