-- Organisations: the time zone the change history (and later every time shown) is read in. A
-- municipality's day starts at its own midnight, and an event at 12:03 UTC in May happened at 14:03 in
-- Malmö. Default Europe/Stockholm: every Swedish municipality.
--
-- The check asks the engine itself whether it knows the zone: PostgreSQL and PGlite both raise an error
-- for a name they do not know in AT TIME ZONE, caught here so a bad name is a check violation, not a
-- crash. The application checks the name with Intl too (core/history.tsx isTimeZone) before it writes.
create function riktning_is_time_zone(name text) returns boolean
  language plpgsql
  immutable
  set search_path = pg_catalog, pg_temp
  as $$
begin
  perform timestamptz '2000-01-01 00:00:00+00' at time zone name;
  return true;
exception when others then
  return false;
end
$$;

alter table organisations
  add column time_zone text not null default 'Europe/Stockholm'
  constraint organisations_time_zone_known check (length(time_zone) between 1 and 64 and riktning_is_time_zone(time_zone));
