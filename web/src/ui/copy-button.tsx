// Copies a text (a new API key) to the clipboard. The Clipboard API exists
// only on HTTPS and localhost; elsewhere the button selects the text so that
// Ctrl+C (⌘C) copies it, and says so.
import { useState } from "react";

export function CopyButton({ text, targetId, label }: { text: string; targetId: string; label: string }) {
  const [outcome, setOutcome] = useState<string>("");

  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error("no clipboard");
      await navigator.clipboard.writeText(text);
      setOutcome("Copied to the clipboard.");
    } catch {
      const target = document.getElementById(targetId);
      if (target instanceof HTMLInputElement) {
        target.focus();
        target.select();
      }
      setOutcome("Selected: press Ctrl+C (⌘C) to copy.");
    }
  };

  return (
    <span className="copy-button">
      <button type="button" className="button" onClick={() => void copy()}>
        {label}
      </button>
      <span role="status" aria-live="polite" className="copy-outcome">
        {outcome}
      </span>
    </span>
  );
}
