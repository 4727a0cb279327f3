// The entry of the built page: the console, the customer portal under
// /portal/, or a partner's statements under /partner/, over one cache of API reads.
import { QueryClientProvider } from "@tanstack/react-query";
import { lazy, StrictMode, Suspense } from "react";
import { createRoot } from "react-dom/client";
import { queryClient } from "./api/query-client.ts";
import { App } from "./app.tsx";
import "./styles.css";

// The customer portal (/portal/…) is a page of its own, reached by a signed link, not the console.
const PortalApp = lazy(() => import("./portal/portal-app.tsx"));
const isPortal = window.location.pathname === "/portal" || window.location.pathname.startsWith("/portal/");
// A partner's statements (/partner/…), reached by the signed link billing operations send.
const PartnerViewApp = lazy(() => import("./partner-view/partner-view-app.tsx"));
const isPartnerView =
  window.location.pathname === "/partner" || window.location.pathname.startsWith("/partner/");

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      {isPortal ? (
        <Suspense fallback={null}>
          <PortalApp />
        </Suspense>
      ) : isPartnerView ? (
        <Suspense fallback={null}>
          <PartnerViewApp />
        </Suspense>
      ) : (
        <App />
      )}
    </QueryClientProvider>
  </StrictMode>,
);
