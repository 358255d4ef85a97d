import type { Hours, Pro } from "../api/network-types";

/** One weekday row of the hours editor: off, or one range. */
export interface DayHours {
  on: boolean;
  start: string;
  end: string;
}

export interface ProFormValues {
  name: string;
  phone: string;
  trades: string[];
  timeZone: string;
  active: boolean;
  jobCap: number;
  postcodes: string;
  cities: string;
  radiusKm: string;
  baseLat: string;
  baseLng: string;
  days: DayHours[];
  slotMinutes: number;
  bufferMinutes: number;
  minNoticeMinutes: number;
}

export function formValues(pro: Pro | null, defaultZone: string): ProFormValues {
  const day = (weekday: number): DayHours => {
    const hours = pro?.hours.find((h) => h.weekday === weekday);
    return hours ? { on: true, start: hours.start, end: hours.end } : { on: !pro && weekday < 5, start: "08:00", end: "17:00" };
  };
  return {
    name: pro?.name ?? "",
    phone: pro?.phone ?? "",
    trades: pro?.trades ?? [],
    timeZone: pro?.timeZone ?? defaultZone,
    active: pro?.active ?? true,
    jobCap: pro?.jobCap ?? 3,
    postcodes: pro?.postcodes.join(", ") ?? "",
    cities: pro?.cities.join(", ") ?? "",
    radiusKm: pro?.radiusKm?.toString() ?? "",
    baseLat: pro?.baseLat?.toString() ?? "",
    baseLng: pro?.baseLng?.toString() ?? "",
    days: [0, 1, 2, 3, 4, 5, 6].map(day),
    slotMinutes: pro?.slotMinutes ?? 60,
    bufferMinutes: pro?.bufferMinutes ?? 30,
    minNoticeMinutes: pro?.minNoticeMinutes ?? 60,
  };
}

const list = (text: string) =>
  text
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
const numberOrNull = (text: string) => (text.trim() === "" ? null : Number(text));

/** The request body for POST /pros and PATCH /pros/:id. */
export function toRequest(values: ProFormValues) {
  const hours: Hours[] = values.days.flatMap((d, weekday) => (d.on ? [{ weekday, start: d.start, end: d.end }] : []));
  return {
    name: values.name,
    phone: values.phone,
    trades: values.trades,
    timeZone: values.timeZone,
    active: values.active,
    jobCap: values.jobCap,
    postcodes: list(values.postcodes),
    cities: list(values.cities),
    radiusKm: numberOrNull(values.radiusKm),
    baseLat: numberOrNull(values.baseLat),
    baseLng: numberOrNull(values.baseLng),
    hours,
    slotMinutes: values.slotMinutes,
    bufferMinutes: values.bufferMinutes,
    minNoticeMinutes: values.minNoticeMinutes,
  };
}
