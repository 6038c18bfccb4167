import { useEffect } from 'react';

const REGIONS = '.ant-table-content, .ant-table-body';

/**
 * A table wider than its card scrolls inside it; a keyboard user must be able to scroll it too, so each
 * such region (and only while it does scroll) takes focus (axe `scrollable-region-focusable`).
 */
function mark(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>(REGIONS)) {
    const scrolls = el.scrollWidth > el.clientWidth + 1;
    if (scrolls && el.tabIndex !== 0) el.tabIndex = 0;
    else if (!scrolls && el.hasAttribute('tabindex')) el.removeAttribute('tabindex');
  }
}

export function useFocusableScrollRegions(): void {
  useEffect(() => {
    let pending = 0;
    const schedule = () => {
      if (pending) return;
      pending = window.requestAnimationFrame(() => {
        pending = 0;
        mark(document);
      });
    };
    const observer = new MutationObserver(schedule);
    observer.observe(document.body, { childList: true, subtree: true });
    window.addEventListener('resize', schedule);
    schedule();
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', schedule);
      if (pending) window.cancelAnimationFrame(pending);
    };
  }, []);
}
