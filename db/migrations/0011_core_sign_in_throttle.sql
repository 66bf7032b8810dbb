-- Core: failed sign-in attempts, so sign-in is throttled per account and per client address on
-- every app server alike (the counts live here, not in one process's memory).
--
-- Neither the e-mail address nor the client address is stored: only keyed hashes (HMAC-SHA256 with
-- an installation secret from `settings`), so the table is no log of who tried to sign in from where.
-- No organisation_id: an attempt may name an address no account has, and must be counted exactly as
-- one that exists (otherwise the answer would reveal which e-mails have accounts).
create table sign_in_attempts (
  id bigint generated always as identity primary key,
  account_key text not null,
  client_key text not null,
  attempted_at timestamptz not null default now(),
  -- An attempt is recorded before the password is checked, so parallel guesses see each other;
  -- it stops counting when it was refused by the throttle itself or a later sign-in succeeded.
  counts boolean not null default true
);
create index sign_in_attempts_account_idx on sign_in_attempts (account_key, attempted_at) where counts;
create index sign_in_attempts_client_idx on sign_in_attempts (client_key, attempted_at) where counts;
create index sign_in_attempts_at_idx on sign_in_attempts (attempted_at);

-- The application's database role may not delete (records are archived, never deleted). These rows
-- are short-lived security state, not records, and are pruned after a day by this one function,
-- which runs with its owner's rights and can remove nothing younger.
create function sign_in_attempts_prune() returns void
  language sql
  security definer
  set search_path = public, pg_temp
  as $$ delete from sign_in_attempts where attempted_at < now() - interval '1 day' $$;
