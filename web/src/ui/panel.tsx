// A panel of a page: a region named by its own heading, so that a screen
// reader lists it and a test finds it by that name.
import { type ReactNode, useId } from "react";

export function Panel({
  title,
  className = "panel",
  children,
}: {
  title: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  const titleId = useId();
  return (
    <section className={className} aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      {children}
    </section>
  );
}
