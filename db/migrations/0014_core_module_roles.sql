-- Core: roles are no longer a closed list. Modules declare roles of their own in their manifests
-- (docs/MODULES.md), and the application refuses a role no module declares; the database keeps only
-- the shape of a role name, so adding a module needs no change to the core's tables.
alter table users drop constraint if exists users_role_check;
alter table users add constraint users_role_name check (role ~ '^[a-z][a-z0-9_-]{1,39}$');
