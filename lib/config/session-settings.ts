// Session settings that are each valid alone but contradict one another. zod
// checks every variable's shape; this checks how they fit together, and each
// message names both settings so the fix is obvious.

/** The timing settings checked here, as the env schema parses them (lib/session builds its policy from the same names). */
type SessionTimingSettings = {
  SESSION_PROFILE: string;
  SESSION_IDLE_TIMEOUT: number;
  SESSION_ROTATION_INTERVAL: number;
  SESSION_ROTATION_GRACE: number;
  SESSION_TOUCH_INTERVAL: number;
};

/** PSD2 RTS Art. 4(3)(d): at most 5 minutes of inactivity. */
export const PSD2_MAX_IDLE_MS = 5 * 60_000;

const show = (ms: number) =>
  ms % 3_600_000 === 0 ? `${ms / 3_600_000}h` : ms % 60_000 === 0 ? `${ms / 60_000}m` : ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;

export function sessionSettingProblems(env: SessionTimingSettings, explicitIdle: boolean): string[] {
  const problems: string[] = [];
  if (env.SESSION_ROTATION_GRACE >= env.SESSION_ROTATION_INTERVAL) {
    problems.push(
      `SESSION_ROTATION_GRACE (${show(env.SESSION_ROTATION_GRACE)}) must be shorter than SESSION_ROTATION_INTERVAL ` +
        `(${show(env.SESSION_ROTATION_INTERVAL)}): the previous secret's grace has to end before the next rotation`,
    );
  }
  if (env.SESSION_TOUCH_INTERVAL >= env.SESSION_IDLE_TIMEOUT) {
    problems.push(
      `SESSION_TOUCH_INTERVAL (${show(env.SESSION_TOUCH_INTERVAL)}) must be shorter than SESSION_IDLE_TIMEOUT ` +
        `(${show(env.SESSION_IDLE_TIMEOUT)}): activity is recorded at most once per touch interval`,
    );
  }
  if (explicitIdle && env.SESSION_PROFILE === 'psd2' && env.SESSION_IDLE_TIMEOUT > PSD2_MAX_IDLE_MS) {
    problems.push(
      `SESSION_IDLE_TIMEOUT (${show(env.SESSION_IDLE_TIMEOUT)}) exceeds the ${show(PSD2_MAX_IDLE_MS)} that ` +
        `SESSION_PROFILE=psd2 allows (PSD2 RTS Art. 4(3)(d)); lower it or choose another profile`,
    );
  }
  return problems;
}
