// The card of the pages a person sees before signing in (sign-in, invitations,
// password resets): the brand, the page's heading, and its forms. The
// browser's tab is named after the page.
import { type ReactNode, useEffect } from "react";

export function SignInCard({
  title,
  documentTitle = title,
  children,
}: {
  title: string;
  /** The tab's name, before " · Fairbill", when it is shorter than the heading. */
  documentTitle?: string;
  children: ReactNode;
}) {
  useEffect(() => {
    document.title = `${documentTitle} · Fairbill`;
  }, [documentTitle]);
  return (
    <main id="main" className="sign-in">
      <div className="sign-in-card">
        <p className="brand brand-large" aria-hidden="true">
          Fairbill
        </p>
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}
