-- The catalog of record. Constraints mirror the API's validation so no code path can store less.
create table product (
  id                 uuid primary key,
  -- Insertion order: the immutable key that list pagination walks (see ProductRepository).
  seq                bigint generated always as identity unique,
  sku                varchar(64)   not null unique check (sku ~ '^[A-Za-z0-9._-]{1,64}$'),
  name               varchar(200)  not null check (length(name) >= 1),
  description        varchar(4000) not null default '',
  category           varchar(64)   not null check (length(category) >= 1),
  brand              varchar(64)   not null check (length(brand) >= 1),
  price_amount_minor bigint        not null check (price_amount_minor >= 0),
  price_currency     char(3)       not null check (price_currency ~ '^[A-Z]{3}$'),
  stock              bigint        not null check (stock >= 0),
  attributes         jsonb         not null default '{}'::jsonb check (jsonb_typeof(attributes) = 'object'),
  created_at         timestamptz   not null,
  updated_at         timestamptz   not null,
  version            bigint        not null check (version >= 1)
);

create index product_category_seq on product (category, seq);

-- The transactional outbox behind GET /products/changes. Writers insert with position NULL in the
-- product's own transaction; FeedSequencer numbers committed rows later (docs/change-feed.md).
create table change_event (
  id           bigint generated always as identity primary key,
  position     bigint unique,
  product_id   uuid        not null,
  version      bigint      not null,
  kind         varchar(6)  not null check (kind in ('UPSERT', 'DELETE')),
  -- Protobuf bytes: polyshop.catalog.v1.Product for UPSERT, ProductDeleted for DELETE.
  payload      bytea       not null,
  committed_at timestamptz not null
);

create index change_event_unsequenced on change_event (id) where position is null;
create index change_event_product on change_event (product_id, position);

-- One row: the last position handed out, the purge horizon (cursors below it get 410) and when
-- tombstones were last purged. Its row lock serialises sequencer and compactor across replicas.
create table feed_head (
  singleton      boolean primary key default true check (singleton),
  last_position  bigint not null,
  purged_through bigint not null,
  purged_at      timestamptz
);

insert into feed_head (singleton, last_position, purged_through) values (true, 0, 0);

-- POST /products Idempotency-Key records: claimed in flight, then completed with the response.
create table idempotency_key (
  key               varchar(255) primary key,
  request_hash      varchar(64)  not null,
  state             varchar(9)   not null check (state in ('IN_FLIGHT', 'COMPLETED')),
  response_status   int,
  response_location text,
  response_etag     text,
  response_body     text,
  created_at        timestamptz  not null
);

create index idempotency_key_created_at on idempotency_key (created_at);

-- How many demo products the seeder has already laid down (one row).
create table demo_seed (
  singleton boolean primary key default true check (singleton),
  products  int not null
);
