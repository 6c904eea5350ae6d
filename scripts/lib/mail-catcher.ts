// The development mail catcher: a real SMTP server (smtp-server) on loopback
// that keeps what it receives in memory, and a tiny inbox on loopback to read
// it — a list and each message as plain text, escaped. `npm start` runs one
// (and prints the inbox URL) so a newcomer can click a password reset link;
// the e2e suite runs one and reads mails over its JSON endpoint
// (e2e/support/mail.ts). Nothing here is fit for anything but a developer's
// machine: no authentication, no TLS, loopback only.
//
//   GET /                    the inbox (HTML)
//   GET /messages/<id>       one message (HTML, its text in <pre>)
//   GET /api/messages        every message as JSON, newest first (?to=<address> filters)
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { APP_NAME } from '../../lib/config/app-name.ts';

export type CaughtMail = { id: string; to: string[]; from: string; subject: string; text: string; receivedAt: string };

export type MailCatcher = { smtpUrl: string; inboxUrl: string; messages: () => CaughtMail[]; close: () => Promise<void> };

const HOST = '127.0.0.1';
const MAX_MESSAGES = 500;
const MAX_MESSAGE_BYTES = 1024 * 1024;

const addressesOf = (field: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((group) => group.value.map((entry) => (entry.address ?? '').toLowerCase())).filter(Boolean);

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem}pre{white-space:pre-wrap;background:#f4f4f5;padding:1rem}td{padding:.25rem .75rem .25rem 0;vertical-align:top}</style>
</head><body>${body}</body></html>`;
}

/** Starts the SMTP server and the inbox; port 0 picks a free one. */
export async function startMailCatcher(options: { smtpPort?: number; httpPort?: number } = {}): Promise<MailCatcher> {
  const store: CaughtMail[] = [];

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: MAX_MESSAGE_BYTES,
    banner: `${APP_NAME} development mail catcher`,
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const envelopeTo = session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase());
          store.unshift({
            id: crypto.randomUUID(),
            to: envelopeTo.length > 0 ? envelopeTo : addressesOf(parsed.to),
            from: parsed.from?.text ?? '',
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            receivedAt: new Date().toISOString(),
          });
          store.length = Math.min(store.length, MAX_MESSAGES);
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });

  const inbox = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', `http://${HOST}`);
    const send = (status: number, type: string, body: string) => {
      response.writeHead(status, {
        'Content-Type': `${type}; charset=utf-8`,
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-store',
      });
      response.end(body);
    };
    if (request.method !== 'GET') return send(405, 'text/plain', 'Method not allowed');
    if (url.pathname === '/api/messages') {
      const to = url.searchParams.get('to')?.toLowerCase();
      return send(200, 'application/json', JSON.stringify(to ? store.filter((mail) => mail.to.includes(to)) : store));
    }
    const one = /^\/messages\/([0-9a-f-]{36})$/.exec(url.pathname);
    if (one) {
      const mail = store.find((m) => m.id === one[1]);
      if (!mail) return send(404, 'text/html', page('Not found', '<p>No such message. <a href="/">Back to the inbox</a></p>'));
      return send(
        200,
        'text/html',
        page(
          mail.subject,
          `<p><a href="/">← Inbox</a></p><h1>${escapeHtml(mail.subject)}</h1>` +
            `<table><tr><td>From</td><td>${escapeHtml(mail.from)}</td></tr><tr><td>To</td><td>${escapeHtml(mail.to.join(', '))}</td></tr>` +
            `<tr><td>Received</td><td>${escapeHtml(mail.receivedAt)}</td></tr></table><pre>${escapeHtml(mail.text)}</pre>`,
        ),
      );
    }
    if (url.pathname === '/') {
      const rows = store
        .map((m) => `<tr><td>${escapeHtml(m.receivedAt)}</td><td>${escapeHtml(m.to.join(', '))}</td><td><a href="/messages/${m.id}">${escapeHtml(m.subject || '(no subject)')}</a></td></tr>`)
        .join('');
      return send(200, 'text/html', page(`${APP_NAME} inbox`, `<h1>Development inbox</h1><p>Mail the app sent (kept in memory until the launcher stops).</p>${rows ? `<table>${rows}</table>` : '<p>Nothing yet.</p>'}`));
    }
    return send(404, 'text/plain', 'Not found');
  });

  try {
    await new Promise<void>((resolve, reject) => {
      smtp.server.once('error', reject);
      smtp.listen(options.smtpPort ?? 0, HOST, () => resolve());
    });
    await new Promise<void>((resolve, reject) => {
      inbox.once('error', reject);
      inbox.listen(options.httpPort ?? 0, HOST, () => resolve());
    });
  } catch (error) {
    // A port was taken: leave nothing half-started.
    inbox.close();
    smtp.close(() => {});
    throw error;
  }
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  const httpPort = (inbox.address() as AddressInfo).port;
  return {
    smtpUrl: `smtp://${HOST}:${smtpPort}`,
    inboxUrl: `http://${HOST}:${httpPort}/`,
    messages: () => [...store],
    close: () =>
      new Promise<void>((resolve) => {
        inbox.close(() => smtp.close(() => resolve()));
        inbox.closeAllConnections();
      }),
  };
}

/** For `npm start`: the usual catcher ports (1025 SMTP, 1080 inbox) when free, else any free ones. */
export async function startDevMailCatcher(): Promise<MailCatcher> {
  try {
    return await startMailCatcher({ smtpPort: 1025, httpPort: 1080 });
  } catch {
    return startMailCatcher();
  }
}
