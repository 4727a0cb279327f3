// A button that downloads a document from the API (an invoice as a PDF)
// under a file name, and says so when the API refuses.
import { useState } from "react";
import { apiDownload } from "../api/api-client.ts";
import { asApiError } from "../api/use-api.ts";

export function DownloadButton({ path, fileName, label }: { path: string; fileName: string; label: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const download = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const blob = await apiDownload(path);
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
      <button type="button" className="button" onClick={() => void download()} disabled={busy}>
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
