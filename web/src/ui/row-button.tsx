// A small button in a table's row (Revoke, Top up, Archive): its visible
// label, and for a screen reader what it acts on, since every row has one.
import type { ReactNode } from "react";

export function RowButton({
  label,
  of,
  onClick,
  danger = false,
  disabled,
}: {
  label: string;
  /** What the button acts on, read after the label: "Revoke Acme key". */
  of: ReactNode;
  onClick: () => void;
  danger?: boolean;
  disabled?: boolean | undefined;
}) {
  return (
    <button
      type="button"
      className={danger ? "button button-small button-danger" : "button button-small"}
      onClick={onClick}
      disabled={disabled}
    >
      {label}
      <span className="visually-hidden"> {of}</span>
    </button>
  );
}
