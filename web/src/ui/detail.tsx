// One term and its value in a page's details (a <dl className="details">):
// a value left empty says "Not set" rather than showing nothing.
import type { ReactNode } from "react";

export function Detail({ term, children }: { term: string; children: ReactNode }) {
  const empty = children === null || children === undefined || children === false || children === "";
  return (
    <div className="detail">
      <dt>{term}</dt>
      <dd>{empty ? <span className="muted">Not set</span> : children}</dd>
    </div>
  );
}
