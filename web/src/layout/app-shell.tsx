// The frame around every signed-in page: a header with the search box, the environment (a
// person with a role in both switches between them), who is signed in and
// with which role, their account and sign-out; a navigation sidebar that
// becomes a menu button at phone width; and the main region, whose heading
// takes the focus after each navigation.
import { type ReactNode, useEffect, useRef, useState } from "react";
import { Link } from "../routing/link.tsx";
import { useLocation } from "../routing/router.ts";
import { can, useSession, useSignedInSession } from "../session/session-context.tsx";
import { GlobalSearch } from "./global-search.tsx";
import { roleLabels, sectionOf, sections } from "./navigation.ts";

export function AppShell({ children }: { children: ReactNode }) {
  const session = useSignedInSession();
  const { signOut, switchEnvironment } = useSession();
  const { path } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const shownPath = useRef(path);
  const current = sectionOf(path);

  // After a navigation (not on the first page shown), the menu closes and the
  // new page's heading takes the focus.
  useEffect(() => {
    if (shownPath.current === path) return;
    shownPath.current = path;
    setMenuOpen(false);
    document.querySelector<HTMLElement>("main h1")?.focus();
  }, [path]);

  const visibleSections = sections.filter((section) => can(session, section.permission));
  // A person's session may act in either environment where they have a role; a key belongs to one.
  const roles = session.me.roles;
  const otherEnvironment =
    session.credentialType === "session"
      ? session.environment === "live"
        ? roles.test !== null
          ? ("test" as const)
          : undefined
        : roles.live !== null
          ? ("live" as const)
          : undefined
      : undefined;

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <button
          type="button"
          className="menu-button"
          aria-expanded={menuOpen}
          aria-controls="sidebar"
          onClick={() => setMenuOpen((open) => !open)}
        >
          <span aria-hidden="true">☰</span> Menu
        </button>
        <Link to="/" className="brand">
          Fairbill
        </Link>
        <GlobalSearch />
        <span className={`environment environment-${session.environment}`}>
          {session.environment === "live" ? "Live" : "Test"} environment
        </span>
        {otherEnvironment !== undefined && (
          <button
            type="button"
            className="button button-quiet"
            onClick={() => void switchEnvironment(otherEnvironment)}
          >
            Switch to {otherEnvironment}
          </button>
        )}
        <span className="session-role">
          <span className="visually-hidden">
            {session.credentialType === "session"
              ? "Signed in as a person with the role "
              : "Signed in with a key of role "}
          </span>
          <span aria-hidden="true">Role: </span>
          {roleLabels[session.role] ?? session.role}
        </span>
        <Link to="/account" className="session-person">
          {session.person.name}
        </Link>
        <button type="button" className="button button-quiet" onClick={signOut}>
          Sign out
        </button>
      </header>
      <div className="shell-body">
        <nav
          id="sidebar"
          className={`sidebar${menuOpen ? " sidebar-open" : ""}`}
          aria-label="Console sections"
        >
          <ul>
            {visibleSections.map((section) => (
              <li key={section.path}>
                <Link to={section.path} aria-current={current === section ? "page" : undefined}>
                  {section.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" className="main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}
