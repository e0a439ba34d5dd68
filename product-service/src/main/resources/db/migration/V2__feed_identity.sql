-- The feed's identity, sent with every page: positions mean something only within one feed id.
-- database_incarnation names the PostgreSQL database the id was issued in (cluster system
-- identifier, WAL timeline, database oid); FeedIdentity issues a new feed id when it no longer
-- matches, i.e. after a restore into a new database or cluster, or a standby promotion.
alter table feed_head add column feed_id uuid not null default gen_random_uuid();
alter table feed_head add column database_incarnation text;
