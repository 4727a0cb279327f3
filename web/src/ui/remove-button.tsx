// The Remove button of one part of a form being edited (a tax id, an invoice
// line, a tier, a charge): "Remove", and for a screen reader which one,
// since every part has one.
import type { ReactNode } from "react";

export function RemoveButton({
  of,
  shown,
  onRemove,
  disabled,
  small = false,
  danger = false,
}: {
  /** Which one it removes, read after "Remove": "line 2". */
  of: ReactNode;
  /** What the button shows after "Remove" ("charge"), where parts of several kinds stand together. */
  shown?: string;
  onRemove: () => void;
  /** While it is the last one, which the form cannot do without. */
  disabled?: boolean;
  small?: boolean;
  /** For a whole part of the form (a charge, a price book) rather than a row. */
  danger?: boolean;
}) {
  const className = ["button button-quiet", small && "button-small", danger && "button-danger"]
    .filter(Boolean)
    .join(" ");
  return (
    <button type="button" className={className} onClick={onRemove} disabled={disabled}>
      Remove<span className="visually-hidden"> {of}</span>
      {shown && <span aria-hidden="true"> {shown}</span>}
    </button>
  );
}
