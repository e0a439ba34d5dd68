-- An Idempotency-Key belongs to its caller (the token subject the gateway relays as Polyshop-Caller;
-- '' for callers without one), so one client's key can neither replay nor block another's.
alter table idempotency_key add column caller varchar(255) not null default '';
alter table idempotency_key drop constraint idempotency_key_pkey;
alter table idempotency_key add primary key (caller, key);
