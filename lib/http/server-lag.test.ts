import { describe, expect, it } from 'vitest';
import { createServerLag } from './server-lag';

describe('createServerLag', () => {
  it('is 0 on a server that has answered nothing and waits on nothing', () => {
    expect(createServerLag().current(1_000)).toBe(0);
  });

  it('is the age of the oldest unanswered request while it waits', () => {
    const lag = createServerLag();
    lag.started(1_000);
    lag.started(4_000);
    expect(lag.current(13_000)).toBe(12_000);
  });

  it('remembers the slowest answer of the window, and forgets it when the window has passed', () => {
    const lag = createServerLag(30_000);
    lag.started(0)(12_000); // a page that took 12 s
    lag.started(20_000)(20_500);
    expect(lag.current(25_000)).toBe(12_000);
    expect(lag.current(43_000)).toBe(500); // the 12 s answer (given at 12 s) has left the window
    expect(lag.current(51_000)).toBe(0);
  });

  it('counts an answer once, however often the callback is called', () => {
    const lag = createServerLag();
    const answered = lag.started(0);
    lag.started(5_000);
    answered(1_000);
    answered(1_000);
    expect(lag.current(6_000)).toBe(1_000);
  });
});
