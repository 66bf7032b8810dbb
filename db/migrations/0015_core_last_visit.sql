-- Core: when a person was last here before their current sign-in, so their work page can say what
-- changed since. Set at sign-in from the last activity of their earlier sessions (sessions.last_seen_at,
-- kept fresh to the minute), so it costs one update per sign-in and one primary-key read per work page.
-- Only the latest visit is kept, never a log of visits: no more personal data than the page needs.
alter table users add column previous_visit_at timestamptz;
