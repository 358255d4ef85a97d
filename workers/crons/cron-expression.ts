// Cron expressions as Cloudflare reads wrangler.toml [triggers]: five fields (minute, hour, day of
// month, month, day of week), in UTC. Shared by the local scheduler (scripts/lib/cron-scheduler.mjs),
// so it imports nothing.

export interface CronExpression {
  readonly source: string;
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly days: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  /** 0 = Sunday … 6 = Saturday, as Date#getUTCDay counts. */
  readonly weekdays: ReadonlySet<number>;
  /** Classic cron: when both day fields are restricted, a day matching either one runs. */
  readonly dayOrWeekday: boolean;
}

export class CronSyntaxError extends Error {}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const WEEKDAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

interface Field {
  name: string;
  min: number;
  max: number;
  names?: string[];
}

// Cloudflare numbers the days of the week 1 (Sunday) to 7 (Saturday) and refuses 0.
const FIELDS: Field[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: MONTHS },
  { name: "day of week", min: 1, max: 7, names: WEEKDAYS },
];

/** Parses one expression; a CronSyntaxError says which field is wrong and why. */
export function parseCron(source: string): CronExpression {
  const parts = source.trim().split(/\s+/);
  if (parts.length !== 5)
    throw new CronSyntaxError(
      `“${source}” has ${parts.length} fields; a cron trigger has five: minute hour day-of-month month day-of-week.`,
    );
  const [minutes, hours, days, months, weekdays] = parts.map((part, i) => parseField(part, FIELDS[i]!, source));
  return {
    source,
    minutes: minutes!,
    hours: hours!,
    days: days!,
    months: months!,
    weekdays: new Set([...weekdays!].map((day) => day - 1)),
    dayOrWeekday: parts[2] !== "*" && parts[4] !== "*",
  };
}

function parseField(text: string, field: Field, source: string): Set<number> {
  const values = new Set<number>();
  const fail = (why: string) => new CronSyntaxError(`In “${source}”, the ${field.name} field “${text}” ${why}`);
  for (const item of text.split(",")) {
    const match = item.match(/^(\*|[A-Za-z0-9]+(?:-[A-Za-z0-9]+)?)(?:\/(\d+))?$/);
    if (!match) throw fail("is not a value, a range (a-b), a list (a,b) or a step (*/n, a-b/n).");
    const [, range, stepText] = match;
    const step = stepText === undefined ? 1 : Number(stepText);
    if (step < 1) throw fail("has a step of 0; steps start at 1.");
    let from = field.min;
    let to = field.max;
    if (range !== "*") {
      const [start, end] = range!.split("-");
      from = value(start!, field, fail);
      // "5/15" means from 5 to the end of the field, every 15.
      to = end !== undefined ? value(end, field, fail) : stepText === undefined ? from : field.max;
      if (from > to) throw fail(`runs backwards (${from} is after ${to}).`);
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

function value(text: string, field: Field, fail: (why: string) => Error): number {
  const named = field.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return field.min + named;
  if (!/^\d+$/.test(text)) throw fail(`has “${text}”, which is neither a number${field.names ? " nor a name" : ""}.`);
  const n = Number(text);
  if (n < field.min || n > field.max)
    throw fail(
      `has ${n}, outside ${field.min}–${field.max}${field.name === "day of week" ? " (1 is Sunday, 7 is Saturday, as on Cloudflare)" : ""}.`,
    );
  return n;
}

/** Whether the expression fires in the UTC minute holding `time`. */
export function cronMatches(cron: CronExpression, time: Date): boolean {
  if (!cron.minutes.has(time.getUTCMinutes()) || !cron.hours.has(time.getUTCHours()) || !cron.months.has(time.getUTCMonth() + 1))
    return false;
  const day = cron.days.has(time.getUTCDate());
  const weekday = cron.weekdays.has(time.getUTCDay());
  return cron.dayOrWeekday ? day || weekday : day && weekday;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
// Leap-year February 29th on a given weekday recurs within 28 years; past that nothing will match.
const HORIZON_MS = 29 * 366 * 24 * HOUR;

/** The first minute strictly after `after` (ms since the epoch) at which the expression fires. */
export function nextFireTime(cron: CronExpression, after: number): number {
  let t = Math.floor(after / MINUTE) * MINUTE + MINUTE;
  const limit = after + HORIZON_MS;
  while (t <= limit) {
    const time = new Date(t);
    if (!cron.months.has(time.getUTCMonth() + 1)) {
      t = Date.UTC(time.getUTCFullYear(), time.getUTCMonth() + 1, 1);
    } else if (!cronMatches({ ...cron, minutes: ALL_MINUTES, hours: ALL_HOURS }, time)) {
      t = Date.UTC(time.getUTCFullYear(), time.getUTCMonth(), time.getUTCDate() + 1);
    } else if (!cron.hours.has(time.getUTCHours())) {
      t = Math.floor(t / HOUR) * HOUR + HOUR;
    } else if (!cron.minutes.has(time.getUTCMinutes())) {
      t += MINUTE;
    } else {
      return t;
    }
  }
  throw new CronSyntaxError(`“${cron.source}” never fires (no such date).`);
}

const ALL_MINUTES: ReadonlySet<number> = new Set(Array.from({ length: 60 }, (_, i) => i));
const ALL_HOURS: ReadonlySet<number> = new Set(Array.from({ length: 24 }, (_, i) => i));
