// Answering with a file instead of JSON: a CSV or a PDF, with its content type
// and the name the browser gives it, shown in place (`inline`: a PDF opened in
// a tab) or saved (`attachment`: a download). Routes that answer a file
// declare CsvText or PdfFile as their response and return what these answer.
import type { FastifyReply } from "fastify";

type Disposition = "inline" | "attachment";

function sendFile<Reply extends FastifyReply>(
  reply: Reply,
  contentType: string,
  disposition: Disposition,
  filename: string,
  body: string | Buffer,
): Reply {
  reply.type(contentType).header("content-disposition", `${disposition}; filename="${filename}"`).send(body);
  return reply;
}

/** Answers `text` as a CSV file, saved as `filename` ("journal-2026-11.csv"). */
export function sendCsvFile<Reply extends FastifyReply>(reply: Reply, filename: string, text: string): Reply {
  return sendFile(reply, "text/csv; charset=utf-8", "attachment", filename, text);
}

/** Answers `pdf` as a PDF file named `filename`, opened in place or saved as `disposition` says. */
export function sendPdfFile<Reply extends FastifyReply>(
  reply: Reply,
  filename: string,
  pdf: Uint8Array,
  disposition: Disposition,
): Reply {
  return sendFile(reply, "application/pdf", disposition, filename, Buffer.from(pdf));
}
