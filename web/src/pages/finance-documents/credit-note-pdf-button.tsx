// A credit note's PDF as a download button, in the credit-note list and
// under an invoice's credit notes.
import { api } from "../../api/api-client.ts";
import { answer } from "../../api/typed-client.ts";
import { DownloadButton } from "../../ui/download-button.tsx";

export function CreditNotePdfButton({
  note,
  small = false,
}: {
  note: { id: string; number: string };
  small?: boolean;
}) {
  return (
    <DownloadButton
      download={() =>
        answer(api.GET("/v1/credit-notes/{id}/pdf", { params: { path: { id: note.id } }, parseAs: "blob" }))
      }
      fileName={`${note.number}.pdf`}
      label={`PDF of ${note.number}`}
      small={small}
    />
  );
}
