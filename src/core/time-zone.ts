// The time zone an organisation reads its times in (organisations.time_zone, migration 0017): Europe/
// Stockholm for every Swedish municipality, another IANA zone where an installation needs one.
import type { Executor } from './db/schema';

export const DEFAULT_TIME_ZONE = 'Europe/Stockholm';

/** Whether Intl (and so every page) can show times in this zone; the database checks the same on write. */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The zones to choose from, as Intl names them (sorted, canonical). */
export const timeZones = (): readonly string[] => Intl.supportedValuesOf('timeZone');

export async function organisationTimeZone(db: Executor, organisationId: string): Promise<string> {
  const row = await db.selectFrom('organisations').select('time_zone').where('id', '=', organisationId).executeTakeFirst();
  return row?.time_zone ?? DEFAULT_TIME_ZONE;
}
