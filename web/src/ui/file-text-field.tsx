// A file chosen from the computer, read as text in the browser (a CSV to
// upload): a labelled file input with its hint and error, wired like the
// other fields. The page receives the file's name and text, or nothing when
// the choice is cleared.
import { useFieldNotes } from "./form-field.tsx";

export type ChosenFile = { name: string; text: string };

export function FileTextField({
  label,
  accept,
  onFileChange,
  hint,
  error,
}: {
  label: string;
  accept: string;
  onFileChange: (file: ChosenFile | undefined) => void;
  hint?: string;
  error?: string | undefined;
}) {
  const notes = useFieldNotes(hint, error);
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={notes.id}>{label}</label>
      <input
        id={notes.id}
        type="file"
        accept={accept}
        aria-describedby={notes.describedBy}
        aria-invalid={error !== undefined || undefined}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file === undefined) onFileChange(undefined);
          else void file.text().then((text) => onFileChange({ name: file.name, text }));
        }}
      />
      {notes.shown}
    </div>
  );
}
