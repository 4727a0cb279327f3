// A short form laid out in a row that takes one step when submitted (start
// an import or a backtest, set the switch date, move the test clock): the
// API checks what is sent and the page shows its refusal, so the browser's
// own validation is off.
import type { ReactNode } from "react";

export function StepForm({ onSend, children }: { onSend: () => void; children: ReactNode }) {
  return (
    <form
      className="inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        onSend();
      }}
      noValidate
    >
      {children}
    </form>
  );
}
