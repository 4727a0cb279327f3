// A button that downloads a document from the API (an invoice as a PDF)
// under a file name, and says so when the API refuses. The document comes as
// a Blob: the key goes in a header, so a plain link could not fetch it.
import { useState } from "react";
import { asApiError } from "../api/api-error.ts";

export function DownloadButton({
  download,
  fileName,
  label,
  accessibleName,
  small = false,
}: {
  /** Fetches the document. */
  download: () => Promise<Blob>;
  fileName: string;
  label: string;
  /** What a screen reader says when the label alone is too short ("PDF"). */
  accessibleName?: string;
  small?: boolean;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const blob = await download();
      const url = URL.createObjectURL(blob);
      const link = document.createElement("a");
      link.href = url;
      link.download = fileName;
      document.body.append(link);
      link.click();
      link.remove();
      // The browser has read the URL by now; keeping it would hold the file in memory.
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (caught) {
      setError(asApiError(caught).detail);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="download-button">
      <button
        type="button"
        className={small ? "button button-small" : "button"}
        onClick={() => void save()}
        disabled={busy}
        aria-label={accessibleName}
      >
        {busy ? "Preparing…" : label}
      </button>
      {error && (
        <span className="form-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
