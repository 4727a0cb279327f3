// Email for tests: a real SMTP server on this machine that keeps what it
// receives (parsed with a MIME parser, as a mail client would read it), a
// data folder for the outbox that is removed afterwards, and the outbox's
// .eml files read back.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerEnvelope } from "smtp-server";

export type ReceivedMail = { envelope: SMTPServerEnvelope; mail: ParsedMail };

/** An SMTP server that accepts anyone, or only the given login. */
export class SmtpReceiver {
  readonly received: ReceivedMail[] = [];
  private readonly server: SMTPServer;

  constructor(login?: { username: string; password: string }) {
    this.server = new SMTPServer({
      logger: false,
      disabledCommands: ["STARTTLS"],
      ...(login
        ? {
            allowInsecureAuth: true,
            onAuth(auth, _session, callback) {
              if (auth.username === login.username && auth.password === login.password) {
                callback(null, { user: login.username });
              } else callback(new Error("Invalid username or password"));
            },
          }
        : { authOptional: true }),
      onData: (stream, session, callback) => {
        simpleParser(stream).then(
          (mail) => {
            this.received.push({ envelope: session.envelope, mail });
            callback();
          },
          (error: Error) => callback(error),
        );
      },
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", () => resolve()));
  }

  /** The SMTP_URL that reaches this server, with the given credentials in it if any. */
  url(credentials?: string): string {
    const port = (this.server.server.address() as AddressInfo).port;
    return `smtp://${credentials ? `${credentials}@` : ""}127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A fresh folder under the system's temporary one, to hold a test's data (its email outbox). */
export function temporaryDataDirectory(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `${prefix}-`));
}

export async function removeDataDirectory(dataDirectory: string | undefined): Promise<void> {
  if (dataDirectory) await rm(dataDirectory, { recursive: true, force: true });
}

/** The email the outbox of `dataDirectory` holds for `emailId`, parsed. */
export async function outboxEmail(dataDirectory: string, emailId: string | undefined): Promise<ParsedMail> {
  return simpleParser(await readFile(join(dataDirectory, "outbox", `${emailId}.eml`)));
}
