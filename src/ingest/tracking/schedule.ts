const HOUR = 3_600_000;

export interface ScheduleStep {
  /** This step applies while the package is younger than this (hours since confirmation). */
  untilHours: number;
  everyHours: number;
}

/**
 * How often a package is polled as it ages. The first 48 hours decide VTR (a missing first scan must be caught
 * while it can still be fixed), so they are polled hourly; after that the answer changes slowly. At 30 days
 * polling stops: the package has left every VTR window.
 */
export const DEFAULT_SCHEDULE: readonly ScheduleStep[] = [
  { untilHours: 48, everyHours: 1 },
  { untilHours: 7 * 24, everyHours: 4 },
  { untilHours: 30 * 24, everyHours: 12 },
];

/** When to poll next, or null to stop (delivered, or older than the schedule's last step). */
export function nextPollAt(
  confirmedAt: number,
  now: number,
  delivered: boolean,
  schedule: readonly ScheduleStep[] = DEFAULT_SCHEDULE,
  random: () => number = Math.random,
): number | null {
  if (delivered) return null;
  const ageHours = (now - confirmedAt) / HOUR;
  const step = schedule.find((s) => ageHours < s.untilHours);
  if (!step) return null;
  // ±10% jitter so packages confirmed in one import do not all come due in the same minute.
  const interval = step.everyHours * HOUR * (0.9 + 0.2 * random());
  return Math.round(now + interval);
}

export const MAX_AGE_MS = (schedule: readonly ScheduleStep[] = DEFAULT_SCHEDULE): number =>
  Math.max(...schedule.map((s) => s.untilHours)) * HOUR;
