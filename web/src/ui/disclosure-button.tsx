// A button that shows or hides a part of the page (a form to rename a plan,
// a campaign's editor, a child's invoices), telling a screen reader whether
// that part is shown now (aria-expanded).
import type { ReactNode } from "react";

export function DisclosureButton({
  open,
  onToggle,
  small = false,
  children,
}: {
  open: boolean;
  onToggle: () => void;
  /** The small button of a table's row. */
  small?: boolean;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={small ? "button button-small" : "button"}
      aria-expanded={open}
      onClick={onToggle}
    >
      {children}
    </button>
  );
}
