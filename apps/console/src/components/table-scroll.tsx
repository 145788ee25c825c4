import type { ReactNode } from 'react';

/**
 * A wide table on a narrow screen: it scrolls sideways inside a region that the keyboard can
 * reach (Tab to it, then the arrow keys), named for screen readers.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1)
    <section aria-label={label} tabIndex={0} style={{ overflowX: 'auto' }}>
      <div style={{ minWidth: 560 }}>{children}</div>
    </section>
  );
}
