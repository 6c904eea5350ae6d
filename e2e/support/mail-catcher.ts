// The e2e suite's mail catcher: the same real SMTP server `npm start` runs
// (scripts/lib/mail-catcher.ts), on the ports environment.ts chose. Run as a
// Playwright webServer:
//
//   E2E_MAIL_SMTP_PORT=2525 E2E_MAIL_HTTP_PORT=2580 tsx e2e/support/mail-catcher.ts
//
// Health: GET http://127.0.0.1:<E2E_MAIL_HTTP_PORT>/api/messages
import { startMailCatcher } from '../../scripts/lib/mail-catcher.ts';

const port = (name: string) => {
  const value = Number(process.env[name]);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a port number`);
  return value;
};

const catcher = await startMailCatcher({ smtpPort: port('E2E_MAIL_SMTP_PORT'), httpPort: port('E2E_MAIL_HTTP_PORT') });
console.log(`[e2e mail] SMTP ${catcher.smtpUrl}, inbox ${catcher.inboxUrl}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void catcher.close().then(() => process.exit(0));
  });
}
