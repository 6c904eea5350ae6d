'use client';
// Warns before an idle sign-out. It reads /api/session, which reports the
// expiry without extending it (so this polling never keeps a session alive),
// every 15 s and again just before warning — another tab may have been active.
// The dialog is a native modal <dialog>: the page behind it is inert (focus
// stays inside), it is announced with its title, and Escape means "stay".
import { useEffect, useRef, useState } from 'react';
import { formatCountdown } from './format';
import { announcement, clockSkewMs, idlePhase, warningLeadMs } from './idle-timing';
import { staySignedIn } from './session-actions';

const POLL_MS = 15_000;

type SessionStatus =
  | { authenticated: true; idleExpiresAt: string; absoluteExpiresAt: string }
  | { authenticated: false; reason?: string };

let signingOut = false;

/**
 * Ends the session through sign-out — the server revokes it and the browser's
 * cookie and storage are cleared — and the login page then says why. A real
 * form post, so it is a full page load: nothing of the signed-in app survives.
 * Once only: the poller, the countdown and "Stay signed in" can each find the
 * session over, and a second submit would abort the first navigation.
 */
function signOut(reason: string | undefined) {
  if (signingOut) return;
  signingOut = true;
  const form = document.createElement('form');
  form.method = 'post';
  form.action = '/logout';
  if (reason && reason !== 'none') {
    const input = document.createElement('input');
    input.type = 'hidden';
    input.name = 'reason';
    input.value = reason;
    form.append(input);
  }
  document.body.append(form);
  form.submit();
}

export function IdleWarning({ idleTimeoutMs }: { idleTimeoutMs: number }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const stayRef = useRef<() => void>(() => {});
  const [remainingMs, setRemainingMs] = useState<number | null>(null);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const leadMs = warningLeadMs(idleTimeoutMs);

  useEffect(() => {
    let expiresAt: number | null = null; // on our clock
    let absoluteAt: number | null = null;
    let skewMs = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let ticker: ReturnType<typeof setInterval> | undefined;
    let syncing: Promise<void> | null = null;
    let stopped = false;

    const dialog = () => dialogRef.current;

    function close() {
      clearInterval(ticker);
      ticker = undefined;
      setRemainingMs(null);
      setMessage('');
      if (dialog()?.open) dialog()!.close();
    }

    function tick() {
      if (expiresAt === null) return;
      const phase = idlePhase(Date.now(), expiresAt, leadMs);
      if (phase.phase !== 'warning') return void sync();
      setRemainingMs(phase.remainingMs);
      const spoken = announcement(phase.remainingMs / 1000, leadMs / 1000);
      if (spoken) setMessage(spoken);
    }

    /** Acts on the expiry last heard from the server (`fresh`: heard just now). */
    function schedule(fresh: boolean) {
      clearTimeout(timer);
      if (stopped || expiresAt === null) return;
      const now = Date.now();
      const phase = idlePhase(now, Math.min(expiresAt, absoluteAt ?? Infinity), absoluteAt !== null && absoluteAt < expiresAt ? 0 : leadMs);
      if (phase.phase === 'expired') {
        // Past the limit by our clock: only the server may say it is over.
        if (fresh) signOut(absoluteAt !== null && now >= absoluteAt ? 'expired' : 'idle');
        else void sync();
        return;
      }
      if (phase.phase === 'quiet') {
        close();
        // At warning time, ask the server again rather than trust an old expiry.
        timer = setTimeout(() => void sync(), Math.min(phase.warnInMs, 2 ** 31 - 1));
        return;
      }
      if (!dialog()?.open) {
        dialog()?.showModal();
        setRemainingMs(phase.remainingMs);
        const spoken = announcement(phase.remainingMs / 1000, leadMs / 1000);
        setMessage(spoken ?? '');
      }
      ticker ??= setInterval(tick, 1_000);
      timer = setTimeout(() => void sync(), phase.remainingMs);
    }

    function sync(): Promise<void> {
      syncing ??= (async () => {
        let fresh = false;
        try {
          const response = await fetch('/api/session', { cache: 'no-store', credentials: 'same-origin' });
          const status = (await response.json()) as SessionStatus;
          if (stopped) return;
          if (!status.authenticated) {
            // Another request (a prefetch, another tab) may have seen the expiry first and
            // removed the cookie; past our expiry, "no session" still means "idle".
            const pastExpiry = expiresAt !== null && Date.now() >= expiresAt - 1_000;
            return signOut(status.reason && status.reason !== 'none' ? status.reason : pastExpiry ? 'idle' : undefined);
          }
          skewMs = clockSkewMs(response.headers.get('date'), Date.now());
          expiresAt = Date.parse(status.idleExpiresAt) - skewMs;
          absoluteAt = Date.parse(status.absoluteExpiresAt) - skewMs;
          fresh = true;
        } catch {
          // Offline for a moment: keep counting down on what we last knew.
        }
        schedule(fresh);
      })().finally(() => {
        syncing = null;
      });
      return syncing;
    }

    stayRef.current = async () => {
      setBusy(true);
      try {
        const result = await staySignedIn();
        if (!result.ok) return signOut(result.reason);
        expiresAt = Date.parse(result.idleExpiresAt) - skewMs;
        schedule(true);
      } catch {
        await sync();
      } finally {
        setBusy(false);
      }
    };

    const onVisible = () => {
      if (document.visibilityState === 'visible') void sync();
    };
    const poll = setInterval(() => void sync(), POLL_MS);
    document.addEventListener('visibilitychange', onVisible);
    void sync();
    return () => {
      stopped = true;
      clearTimeout(timer);
      clearInterval(ticker);
      clearInterval(poll);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [leadMs]);

  const seconds = remainingMs === null ? 0 : remainingMs / 1000;
  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby="idle-warning-title"
      aria-describedby="idle-warning-text"
      onCancel={(event) => {
        // Escape: the user is here, so they stay.
        event.preventDefault();
        stayRef.current();
      }}
    >
      <h2 id="idle-warning-title">Are you still there?</h2>
      <p id="idle-warning-text">
        For your security, you will be signed out in{' '}
        <strong className="countdown">
          <time dateTime={`PT${Math.max(0, Math.ceil(seconds))}S`}>{formatCountdown(seconds)}</time>
        </strong>{' '}
        because you have not been active.
      </p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {message}
      </p>
      <div className="dialog-actions">
        <button type="button" className="button button-primary" autoFocus disabled={busy} onClick={() => stayRef.current()}>
          Stay signed in
        </button>
        <form method="post" action="/logout">
          <button type="submit" className="button button-secondary">
            Sign out
          </button>
        </form>
      </div>
    </dialog>
  );
}
