// What a step just did ("Version 2 was submitted for approval."), announced
// and given the focus once it is on screen: the button that was pressed is
// often gone after the step, and the focus must not fall back to the page.
// StatusMessage is the quieter kind, for a panel whose buttons stay.
import { type ReactNode, useEffect, useRef } from "react";

export function OutcomeMessage({ message }: { message: string }) {
  const element = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (message !== "") element.current?.focus();
  }, [message]);
  return (
    <p ref={element} className="outcome" role="status" tabIndex={-1}>
      {message}
    </p>
  );
}

/** What a step just did, announced where it stands without taking the focus (the page stays where it was). */
export function StatusMessage({ children }: { children: ReactNode }) {
  return (
    <p className="outcome" role="status">
      {children}
    </p>
  );
}
