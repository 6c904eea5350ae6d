// What a request gets while the database is unreachable: 503 with Retry-After,
// JSON for APIs and Server Action calls, otherwise a calm self-contained page
// (no scripts, no stack trace, not the login page — nobody was signed out).
import { APP_NAME, APP_NAME_HTML } from '../config/app-name';

export const RETRY_AFTER_SECONDS = 15;

export function wantsJson(pathname: string, headers: Headers): boolean {
  return pathname.startsWith('/api/') || headers.has('next-action') || /\bapplication\/json\b/.test(headers.get('accept') ?? '');
}

export function unavailableResponse(pathname: string, headers: Headers): Response {
  const common = { 'Retry-After': String(RETRY_AFTER_SECONDS), 'Cache-Control': 'no-store' };
  if (wantsJson(pathname, headers)) {
    return Response.json({ error: 'service_unavailable', retryAfterSeconds: RETRY_AFTER_SECONDS }, { status: 503, headers: common });
  }
  return new Response(UNAVAILABLE_PAGE, { status: 503, headers: { ...common, 'Content-Type': 'text/html; charset=utf-8' } });
}

export const UNAVAILABLE_HEADING = `${APP_NAME} is temporarily unavailable`;

const UNAVAILABLE_PAGE = `<!doctype html><html lang="en-GB"><head><meta charset="utf-8">
<title>Temporarily unavailable — ${APP_NAME_HTML}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
</head><body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.5; color: #0f2a3d">
<main>
<p style="font-weight: 600">${APP_NAME_HTML}</p>
<h1>${APP_NAME_HTML} is temporarily unavailable</h1>
<p>We cannot reach our records for a moment, so nothing can be shown or changed right now. Your money and your
session are safe: you stay signed in, and nothing you did before this is lost.</p>
<p>Please try again in a few seconds.</p>
<p><a href="">Try again</a></p>
</main></body></html>`;
