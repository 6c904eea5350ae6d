// What the demo launcher prints once the server answers: where to go, who to be.
import { APP_NAME } from '../../lib/config/app-name.ts';
import { BOB_TOTP_SECRET, DEMO_PASSWORD, DEMO_USERS } from '../../prisma/seed/demo-users.ts';

export function demoBanner(url: string, options: { demoUsers: boolean }): string {
  const lines = ['', `  ${APP_NAME} is running at ${url}`, ''];
  if (options.demoUsers) {
    lines.push('  Demo logins (password for all: ' + DEMO_PASSWORD + ')');
    for (const user of DEMO_USERS) {
      lines.push(`    ${user.email.padEnd(20)} ${user.name}${user.mfa ? ' — two-factor (TOTP) enabled' : ''}`);
    }
    const bob = DEMO_USERS.find((user) => user.mfa);
    if (bob) {
      const label = encodeURIComponent(`${APP_NAME}:${bob.email}`);
      lines.push(
        '',
        `  ${bob.email}'s TOTP secret: ${BOB_TOTP_SECRET}`,
        `    add it to an authenticator app, or: otpauth://totp/${label}?secret=${BOB_TOTP_SECRET}&issuer=${encodeURIComponent(APP_NAME)}`,
        `    recovery code (one-time): ${bob.mfa?.recoveryCodes[0] ?? 'see README'}`,
      );
    }
  }
  lines.push('', '  Press Ctrl-C to stop.', '');
  return lines.join('\n');
}
