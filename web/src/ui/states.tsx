// The three states every page goes through besides showing its data: waiting
// for the API, having nothing to show, and a refusal or failure, which shows
// the API's own explanation and each bad field.
import type { ReactNode } from "react";
import type { ApiError } from "../api/api-error.ts";

export function LoadingState({ label = "Loading…" }: { label?: string }) {
  return (
    <p className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <p className="state-title">{title}</p>
      {children}
    </div>
  );
}

export function ErrorState({
  error,
  title,
  onRetry,
}: {
  error: ApiError;
  title?: string;
  onRetry?: () => void;
}) {
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">{title ?? errorTitle(error)}</p>
      <p>{error.detail}</p>
      {error.fieldErrors.length > 0 && (
        <ul className="field-error-list">
          {error.fieldErrors.map((fieldError) => (
            <li key={`${fieldError.path} ${fieldError.message}`}>
              <code>{fieldError.path}</code> {fieldError.message}
            </li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

function errorTitle(error: ApiError): string {
  if (error.status === 0) return "Fairbill did not answer";
  if (error.status === 403) return "Your key's role cannot do this";
  if (error.status === 404) return "Not found";
  if (error.status >= 500) return "Fairbill failed to answer";
  return "The request was refused";
}
