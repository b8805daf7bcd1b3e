import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { createMailTransport, type MailTransport } from "../../src/server/modules/notifications/dispatcher";

/** A message as the test SMTP server received and parsed it. */
export interface ReceivedMail {
  /** Envelope recipients (RCPT TO). */
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** The X-Spelplan-Outbox-Id header: which outbox row this is. */
  outboxId: string;
}

export interface TestSmtpServer {
  port: number;
  url: string;
  /** Every accepted message, in the order received. */
  messages: ReceivedMail[];
  /** Messages refused so far (when `failWhile` answered true). */
  refused: number;
  /** A nodemailer transport to this server, as the dispatcher gets from SMTP_URL. */
  transport(): MailTransport;
  /** Refuse messages (451, a temporary failure) while this returns true. */
  failWhile: (() => boolean) | null;
  close(): Promise<void>;
}

/** A real SMTP server on a free port (no TLS, no auth) that parses what it receives with mailparser. */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  const transports: MailTransport[] = [];
  const state: TestSmtpServer = {
    port: 0,
    url: "",
    messages,
    refused: 0,
    failWhile: null,
    transport() {
      const t = createMailTransport(this.url) as MailTransport;
      transports.push(t);
      return t;
    },
    async close() {
      for (const t of transports) t.close?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          if (state.failWhile?.()) {
            state.refused++;
            const err = new Error("Try again later") as Error & { responseCode: number };
            err.responseCode = 451;
            return callback(err);
          }
          const header = parsed.headers.get("x-spelplan-outbox-id");
          messages.push({
            to: session.envelope.rcptTo.map((a) => a.address),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : "",
            messageId: parsed.messageId ?? "",
            outboxId: typeof header === "string" ? header : "",
          });
          callback();
        })
        .catch((err) => callback(err));
    },
  });
  // A client that dies mid-session (a killed server process in the crash test) resets its connection.
  server.on("error", () => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  state.port = (server.server.address() as AddressInfo).port;
  state.url = `smtp://127.0.0.1:${state.port}`;
  return state;
}

/** The messages to one address. */
export function mailTo(server: TestSmtpServer, address: string): ReceivedMail[] {
  return server.messages.filter((m) => m.to.includes(address));
}

/** Every http(s) link in a text. */
export function linksIn(text: string): string[] {
  return text.match(/https?:\/\/[^\s<>"]+/g) ?? [];
}
