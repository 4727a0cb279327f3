// Where customer emails go: an SMTP server when SMTP_URL is configured, or
// else a folder (`<data directory>/outbox/<email id>.eml`), so that a
// Fairbill with no mail server still produces every message, readable in any
// mail client.
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Transporter } from "nodemailer";

export type OutgoingEmail = {
  id: string;
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
};

export type EmailTransport = {
  kind: "smtp" | "folder";
  send(email: OutgoingEmail): Promise<void>;
};

export function createEmailTransport(settings: {
  smtpUrl: string | undefined;
  dataDirectory: string;
}): EmailTransport {
  return settings.smtpUrl === undefined
    ? folderTransport(join(settings.dataDirectory, "outbox"))
    : smtpTransport(settings.smtpUrl);
}

/**
 * A nodemailer transport made when the first message is sent: nodemailer is
 * loaded then, not at every process's start (most processes send no email).
 */
function transporterOnFirstSend(options: object): () => Promise<Transporter> {
  let transporter: Promise<Transporter> | undefined;
  return () => {
    transporter ??= import("nodemailer").then(({ default: nodemailer }) =>
      nodemailer.createTransport(options),
    );
    return transporter;
  };
}

// One connection per message (no pool): nothing stays open between sends, so nothing needs closing.
function smtpTransport(url: string): EmailTransport {
  const transporter = transporterOnFirstSend({
    url,
    // Fail an attempt within a minute rather than nodemailer's minutes; the job queue retries it.
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
  });
  return {
    kind: "smtp",
    send: async (email) => {
      await (await transporter()).sendMail(messageOf(email));
    },
  };
}

function folderTransport(directory: string): EmailTransport {
  const composer = transporterOnFirstSend({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    kind: "folder",
    send: async (email) => {
      const info = await (await composer()).sendMail(messageOf(email));
      await mkdir(directory, { recursive: true });
      const path = join(directory, `${email.id}.eml`);
      // Written beside and renamed, so a reader of the folder never sees half a message.
      const partialPath = `${path}.partial`;
      await writeFile(partialPath, info.message as Buffer);
      await rename(partialPath, path);
    },
  };
}

function messageOf(email: OutgoingEmail) {
  return {
    from: email.from,
    to: email.to,
    subject: email.subject,
    html: email.html,
    text: email.text,
    // The same Message-ID on every attempt, so a receiving server can drop a second copy.
    messageId: `<${email.id}@fairbill>`,
  };
}
