import { describe, expect, it } from 'vitest';
import { createAvailabilityMonitor, isDatabaseUnreachableError } from './availability';

function setup(probeResults: boolean[]) {
  let clock = 0;
  let probes = 0;
  const monitor = createAvailabilityMonitor({
    probe: async () => {
      probes++;
      if (!(probeResults.shift() ?? true)) throw new Error('ECONNREFUSED');
    },
    recheckMs: 1_000,
    now: () => clock,
    log: () => {},
  });
  return { monitor, advance: (ms: number) => (clock += ms), probes: () => probes };
}

describe('createAvailabilityMonitor', () => {
  it('never probes a database nobody has seen fail', async () => {
    const { monitor, probes } = setup([]);
    for (let i = 0; i < 5; i++) expect(await monitor.check()).toBe('up');
    expect(probes()).toBe(0);
  });

  it('is down right after a failure, probes at most once per interval, and is up once a probe succeeds', async () => {
    const { monitor, advance, probes } = setup([false, true]);
    monitor.markSuspect(new Error('Connection terminated unexpectedly'));
    expect(await monitor.check()).toBe('down'); // within the interval: no probe
    expect(probes()).toBe(0);
    advance(1_000);
    expect(await monitor.check()).toBe('down'); // probe 1 fails
    expect(await monitor.check()).toBe('down'); // cached
    expect(probes()).toBe(1);
    advance(1_000);
    expect(await monitor.check()).toBe('up'); // probe 2 succeeds
    advance(5_000);
    expect(await monitor.check()).toBe('up');
    expect(probes()).toBe(2);
  });

  it('trusts a query that just succeeded (the health probe) at once', async () => {
    const { monitor, probes } = setup([]);
    monitor.markSuspect('x');
    expect(await monitor.check()).toBe('down');
    monitor.markReachable();
    expect(await monitor.check()).toBe('up');
    expect(probes()).toBe(0);
  });

  it('shares one probe among requests that arrive together', async () => {
    const { monitor, advance, probes } = setup([false]);
    monitor.markSuspect('x');
    advance(1_000);
    const results = await Promise.all(Array.from({ length: 20 }, () => monitor.check()));
    expect(results.every((r) => r === 'down')).toBe(true);
    expect(probes()).toBe(1);
  });

  it('counts a probe that hangs as down', async () => {
    let clock = 0;
    const monitor = createAvailabilityMonitor({ probe: () => new Promise(() => {}), probeTimeoutMs: 20, now: () => clock, log: () => {} });
    monitor.markSuspect('x');
    clock += 5_000;
    expect(await monitor.check()).toBe('down');
  });
});

describe('isDatabaseUnreachableError', () => {
  it('recognises what Prisma throws when PostgreSQL is stopped', () => {
    // The shape seen from @prisma/adapter-pg 7.10 with the server down.
    const adapterError = Object.assign(new Error('DatabaseNotReachable'), { name: 'DriverAdapterError', cause: { kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 5432 } });
    const prismaError = Object.assign(new Error('Invalid `prisma.session.findUnique()` invocation'), { code: 'P1001', meta: { driverAdapterError: adapterError } });
    expect(isDatabaseUnreachableError(prismaError)).toBe(true);
    expect(isDatabaseUnreachableError(adapterError)).toBe(true);
    expect(isDatabaseUnreachableError(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isDatabaseUnreachableError(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('does not mistake ordinary failures for an outage', () => {
    expect(isDatabaseUnreachableError(Object.assign(new Error('Unique constraint failed'), { code: 'P2002' }))).toBe(false);
    expect(isDatabaseUnreachableError(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isDatabaseUnreachableError(null)).toBe(false);
    expect(isDatabaseUnreachableError('ECONNREFUSED')).toBe(false);
  });
});
