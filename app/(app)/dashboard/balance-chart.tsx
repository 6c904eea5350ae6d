'use client';
// The balance-over-time chart (recharts: SVG, no eval, inline styles only, so
// it runs under the nonce CSP). Its text alternative — a summary and a table —
// is rendered by the page on the server, so it exists even without scripts.
// The chart is drawn only in the browser: with `responsive` its size is unknown
// on the server, where recharts rendered an empty box anyway. Its series comes
// as one number per day from `fromDay` — 183 numbers in the page's payload,
// not 183 objects serialised, embedded and parsed again (ADR 028).
import { useId, useMemo, useSyncExternalStore } from 'react';
import { Area, AreaChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { BalancePoint } from '@/lib/banking/balance-history';
import { addDays } from '@/lib/banking/calendar';
import { formatDay, formatMoney } from '@/app/ui/format';

const ACCENT = '#0b6e4f';
const GRID = '#e3e8ed';
const TICK = '#52606d';

const monthTick = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'short' });

function compactMoney(minor: number, currency: string): string {
  return new Intl.NumberFormat('en-IE', { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(minor / 100);
}

type TooltipProps = { active?: boolean; payload?: readonly { payload?: BalancePoint }[]; currency: string };

function ChartTooltip({ active, payload, currency }: TooltipProps) {
  const point = payload?.[0]?.payload;
  if (!active || !point) return null;
  return (
    <div className="chart-tooltip">
      <span>{formatDay(point.day)}</span>
      <strong>{formatMoney(point.totalMinor, currency)}</strong>
    </div>
  );
}

const subscribeToNothing = () => () => {};

/** False on the server and while hydrating, true once the page runs in the browser. */
function useInBrowser(): boolean {
  return useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
}

type Props = { fromDay: string; totals: readonly number[]; currency: string; title: string; description: string };

export function BalanceChart(props: Props) {
  // Nothing of the chart runs on the server: not even its 183 points.
  if (!useInBrowser()) return <div className="chart-canvas" aria-hidden="true" />;
  return <BalanceAreaChart {...props} />;
}

function BalanceAreaChart({ fromDay, totals, currency, title, description }: Props) {
  const gradientId = `balance-fill-${useId().replace(/:/g, '')}`;
  const points = useMemo<BalancePoint[]>(() => totals.map((totalMinor, i) => ({ day: addDays(fromDay, i), totalMinor })), [fromDay, totals]);
  const monthStarts = points.filter((point) => point.day.endsWith('-01')).map((point) => point.day);
  return (
    <AreaChart
      data={points}
      responsive
      style={{ width: '100%', height: '100%' }}
      margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
      title={title}
      desc={description}
    >
      <defs>
        <linearGradient id={gradientId} x1="0" y1="0" x2="0" y2="1">
          <stop offset="0%" stopColor={ACCENT} stopOpacity={0.28} />
          <stop offset="100%" stopColor={ACCENT} stopOpacity={0.02} />
        </linearGradient>
      </defs>
      <CartesianGrid stroke={GRID} vertical={false} />
      <XAxis
        dataKey="day"
        ticks={monthStarts}
        tickFormatter={(day: string) => monthTick.format(new Date(`${day}T12:00:00Z`))}
        tick={{ fill: TICK, fontSize: 12 }}
        tickLine={false}
        axisLine={{ stroke: GRID }}
      />
      <YAxis
        width={64}
        tickFormatter={(value: number) => compactMoney(value, currency)}
        tick={{ fill: TICK, fontSize: 12 }}
        tickLine={false}
        axisLine={false}
        domain={['auto', 'auto']}
      />
      <Tooltip content={<ChartTooltip currency={currency} />} cursor={{ stroke: TICK, strokeDasharray: '3 3' }} />
      <Area
        type="monotone"
        dataKey="totalMinor"
        name="Total balance"
        stroke={ACCENT}
        strokeWidth={2}
        fill={`url(#${gradientId})`}
        isAnimationActive={false}
        activeDot={{ r: 4, fill: ACCENT, stroke: '#fff', strokeWidth: 2 }}
      />
    </AreaChart>
  );
}
