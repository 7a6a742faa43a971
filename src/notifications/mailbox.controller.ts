import { Controller, Get, Header, UseFilters } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Public } from '../access/access.decorator.js';
import { HttpAppErrorFilter } from '../common/http-error.filter.js';

const MAILBOX_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/**
 * The development mailbox at /dev/mailbox: the last 200 notification e-mails, as sent or (with
 * no SMTP_URL) as kept, newest first. Outside production only (the module mounts it there and
 * nowhere else): it shows everyone's mail to whoever opens it, as a developer's inbox does.
 */
@Controller('dev/mailbox')
@UseFilters(HttpAppErrorFilter)
@Public()
export class MailboxController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('content-security-policy', MAILBOX_CSP)
  @Header('cache-control', 'no-store')
  async page(): Promise<string> {
    const mails: { messageId: string; toAddress: string; subject: string; body: string; createdAt: Date; sentAt: Date | null; transport: string | null; attempts: number; lastError: string | null }[] =
      await this.dataSource.query(
        `SELECT message_id AS "messageId", to_address AS "toAddress", subject, body, created_at AS "createdAt", sent_at AS "sentAt", transport, attempts, last_error AS "lastError"
         FROM notification_emails ORDER BY id DESC LIMIT 200`,
      );
    const items = mails.map((m) => {
      const state = m.sentAt ? `${m.transport === 'smtp' ? 'sent by SMTP' : 'kept here (no SMTP_URL)'} ${m.sentAt.toISOString()}` : `waiting (attempts ${m.attempts}${m.lastError ? `: ${m.lastError}` : ''})`;
      return `<article><h2>${escapeHtml(m.subject)}</h2><p class="meta">To ${escapeHtml(m.toAddress)} · ${escapeHtml(m.messageId)} · ${escapeHtml(state)}</p><pre>${escapeHtml(m.body)}</pre></article>`;
    });
    return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>Development mailbox · 整零通</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}article{border-bottom:1px solid #ddd;padding:.5rem 0}h2{font-size:1rem;margin:.5rem 0}.meta{color:#666;font-size:12px}pre{white-space:pre-wrap;font:inherit}</style>
</head><body><h1>Development mailbox</h1><p>${mails.length} e-mail(s), newest first.</p>${items.join('\n') || '<p>No e-mail yet.</p>'}</body></html>`;
  }
}
