// A panel of a page: a region named by its own heading, so that a screen
// reader lists it and a test finds it by that name; with the panel's own
// actions (a "New subscription" link) beside the heading.
import { type ReactNode, useId } from "react";

export function Panel({
  title,
  actions,
  className = "panel",
  children,
}: {
  title: ReactNode;
  actions?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  const titleId = useId();
  const heading = <h2 id={titleId}>{title}</h2>;
  return (
    <section className={className} aria-labelledby={titleId}>
      {actions ? (
        <div className="panel-heading">
          {heading}
          {actions}
        </div>
      ) : (
        heading
      )}
      {children}
    </section>
  );
}

/** A panel of terms and their values (an invoice's customer, dates and totals). */
export function DetailsPanel({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <Panel title={title}>
      <dl className="details">{children}</dl>
    </Panel>
  );
}
