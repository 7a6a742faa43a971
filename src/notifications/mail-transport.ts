import nodemailer, { type Transporter } from 'nodemailer';

/** One e-mail as the worker hands it over; `messageId` is fixed per e-mail, for the receiver's de-duplication. */
export interface MailMessage {
  messageId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
}

/** Where e-mails go: an SMTP server, or nowhere (kept in the database for the development mailbox). */
export interface MailTransport {
  readonly name: 'smtp' | 'mailbox';
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** SMTP through nodemailer; resolves once the server accepted the message. */
export class SmtpTransport implements MailTransport {
  readonly name = 'smtp' as const;
  private readonly transporter: Transporter;

  constructor(url: string) {
    this.transporter = nodemailer.createTransport(url);
  }

  async send(message: MailMessage): Promise<void> {
    await this.transporter.sendMail({ messageId: message.messageId, from: message.from, to: message.to, subject: message.subject, text: message.text });
  }

  close(): void {
    this.transporter.close();
  }
}

/** No SMTP server: the e-mail row is the mail; /dev/mailbox shows it. */
export class MailboxTransport implements MailTransport {
  readonly name = 'mailbox' as const;
  async send(): Promise<void> {}
  close(): void {}
}

export function createMailTransport(smtpUrl: string | null): MailTransport {
  return smtpUrl ? new SmtpTransport(smtpUrl) : new MailboxTransport();
}
