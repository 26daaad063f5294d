/**
 * Local wall-clock time in a bank's IANA time zone at a given instant, for cut-offs and operating days.
 * Intl does the time-zone arithmetic (it reads no clock when given an instant); each zone's UTC offset
 * is memoised per 15-minute slot inside the registry instance that owns the clock, because one
 * `formatToParts` costs about 7 µs and a route selection looks at every candidate bank.
 * @internal
 */

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
// Every real zone changes its offset on a quarter-hour boundary, so the offset is constant in a slot.
const SLOT_MS = 15 * MINUTE_MS;
const MEMO_MAX = 512;

/** Local time of an instant in a zone. */
export interface LocalTime {
  /** The zone's offset from UTC at the instant, ms. */
  readonly offsetMs: number;
  /** Days since 1970-01-01 of the local date. */
  readonly day: number;
  /** Minutes since local midnight. */
  readonly minuteOfDay: number;
  /** ISO weekday of the local date, 1 = Monday. */
  readonly weekday: number;
}

/** A zone's clock: its formatter and offset memo. Owned by one registry. */
export interface ZoneClock {
  readonly zone: string;
  readonly formatter: Intl.DateTimeFormat;
  readonly memo: Map<number, number>;
  /** Texts of local dates and cut-off instants already written (bounded, like `memo`). */
  readonly texts: Map<number, string>;
}

/** A clock for `zone`, or undefined when the runtime does not know the zone. */
export function createZoneClock(zone: string): ZoneClock | undefined {
  try {
    const formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    return { zone, formatter, memo: new Map(), texts: new Map() };
  } catch {
    return undefined;
  }
}

/** The zone's UTC offset at `instant`, ms. */
export function offsetAt(clock: ZoneClock, instant: number): number {
  const slot = Math.floor(instant / SLOT_MS);
  const known = clock.memo.get(slot);
  if (known !== undefined) return known;
  const fields: Record<string, number> = {};
  for (const part of clock.formatter.formatToParts(slot * SLOT_MS)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const local = Date.UTC(
    fields.year as number,
    (fields.month as number) - 1,
    fields.day as number,
    fields.hour as number,
    fields.minute as number,
    fields.second as number,
  );
  const offset = local - slot * SLOT_MS;
  // A bounded memo: a long-lived registry judged at ever-new instants must not grow without limit.
  if (clock.memo.size >= MEMO_MAX) clock.memo.clear();
  clock.memo.set(slot, offset);
  return offset;
}

/** Local date and time of `instant` in the clock's zone. */
export function localTime(clock: ZoneClock, instant: number): LocalTime {
  const offsetMs = offsetAt(clock, instant);
  const local = instant + offsetMs;
  const day = Math.floor(local / DAY_MS);
  const minuteOfDay = Math.floor((local - day * DAY_MS) / MINUTE_MS);
  // 1970-01-01 was a Thursday (ISO weekday 4).
  const weekday = ((((day + 3) % 7) + 7) % 7) + 1;
  return { offsetMs, day, minuteOfDay, weekday };
}

/** The UTC instant of local `minuteOfDay` on local `day` in the zone. */
export function instantOfLocal(clock: ZoneClock, day: number, minuteOfDay: number): number {
  const wall = day * DAY_MS + minuteOfDay * MINUTE_MS;
  // Two passes: the offset at the guessed instant may differ across a DST change earlier that day.
  const guess = wall - offsetAt(clock, wall);
  return wall - offsetAt(clock, guess);
}

/** ISO `YYYY-MM-DD` of a day number (H. Hinnant's civil-from-days, proleptic Gregorian). */
export function isoDate(day: number): string {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** ISO instant text of epoch ms (UTC, milliseconds). */
export function isoInstant(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  const rest = ms - day * DAY_MS;
  const h = Math.floor(rest / 3_600_000);
  const m = Math.floor((rest % 3_600_000) / MINUTE_MS);
  const s = Math.floor((rest % MINUTE_MS) / 1000);
  const milli = rest % 1000;
  return `${isoDate(day)}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(milli).padStart(3, '0')}Z`;
}

/** {@link isoDate} or {@link isoInstant} through the clock's bounded memo (days are small numbers, instants large). */
export function memoText(clock: ZoneClock, value: number, instant: boolean): string {
  const key = instant ? value : -1 - value;
  const known = clock.texts.get(key);
  if (known !== undefined) return known;
  const text = instant ? isoInstant(value) : isoDate(value);
  if (clock.texts.size >= MEMO_MAX) clock.texts.clear();
  clock.texts.set(key, text);
  return text;
}
