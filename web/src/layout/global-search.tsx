// The search box of the top bar: customers, invoices and plans by name,
// number, external id or email, on the search page it opens. "/" (when not
// typing in a field) or Ctrl+K / Cmd+K puts the cursor in it from any page.
import { type FormEvent, useEffect, useRef, useState } from "react";
import { navigate, useLocation } from "../routing/router.ts";

/** The search page of a text: /search?q=… */
function searchPath(text: string): string {
  return `/search?${new URLSearchParams({ q: text }).toString()}`;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

export function GlobalSearch() {
  const { path, query } = useLocation();
  const shown = path === "/search" ? (query.get("q") ?? "") : "";
  const [text, setText] = useState(shown);
  const input = useRef<HTMLInputElement>(null);

  // The box shows what the search page searched for, and empties elsewhere.
  useEffect(() => setText(shown), [shown]);

  useEffect(() => {
    const focus = (event: KeyboardEvent) => {
      const slash = event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey;
      const commandK = event.key.toLowerCase() === "k" && (event.ctrlKey || event.metaKey);
      if ((slash && !isTyping(event.target)) || commandK) {
        event.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    window.addEventListener("keydown", focus);
    return () => window.removeEventListener("keydown", focus);
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (trimmed !== "") navigate(searchPath(trimmed));
  };

  return (
    <search className="global-search">
      <form onSubmit={submit}>
        {/* A short name: a longer one ("Find customers…") would also answer to a form's "Customer" label. */}
        <label htmlFor="global-search" className="visually-hidden">
          Quick find
        </label>
        <input
          ref={input}
          id="global-search"
          className="global-search-input"
          type="search"
          value={text}
          maxLength={200}
          placeholder="Find…  ( / )"
          aria-keyshortcuts="/ Control+K Meta+K"
          title="Customers, invoices and plans by name, number, external id or email"
          onChange={(event) => setText(event.target.value)}
        />
      </form>
    </search>
  );
}
