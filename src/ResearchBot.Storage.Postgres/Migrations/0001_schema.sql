-- The PostgreSQL schema, table for table the SQLite one (Storage.Sqlite/Migrations 0001-0008) so that
-- `researchbot copy --to postgres` moves rows as they are: times are Unix ms (bigint), dates ISO text.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

CREATE TABLE papers (
    seq                 bigserial PRIMARY KEY,
    id                  text     NOT NULL UNIQUE,
    arxiv_id            text     UNIQUE,
    doi                 text     UNIQUE,
    title_key           text     NOT NULL COLLATE "C",
    title               text     NOT NULL,
    abstract            text,
    authors             text     NOT NULL DEFAULT '[]',  -- JSON array of display names, in order
    authors_truncated   bigint   NOT NULL DEFAULT 0,
    published           text,
    published_year_only bigint   NOT NULL DEFAULT 0,
    updated             text,
    categories          text     NOT NULL DEFAULT '',
    venue               text,
    arxiv_version       bigint,
    url                 text,
    citations           bigint,
    upvotes             bigint,
    sources             text     NOT NULL DEFAULT '',
    indexed_at          bigint   NOT NULL,
    -- Full-text search: the folded title (weight A) above the abstract (weight B), English stemming.
    search              tsvector GENERATED ALWAYS AS (
                            setweight(to_tsvector('english', title_key), 'A') ||
                            setweight(to_tsvector('english', coalesce(abstract, '')), 'B')) STORED
);
CREATE INDEX papers_search ON papers USING gin (search);
CREATE INDEX papers_title_key ON papers (title_key);
CREATE INDEX papers_indexed_at ON papers (indexed_at);
CREATE INDEX papers_upvoted ON papers (upvotes) WHERE upvotes > 0;

CREATE TABLE authors (
    id            bigserial PRIMARY KEY,
    display_name  text   NOT NULL,
    surname_key   text   NOT NULL COLLATE "C",
    given_key     text   NOT NULL DEFAULT '' COLLATE "C",
    paper_count   bigint NOT NULL DEFAULT 0
);
CREATE INDEX authors_surname ON authors (surname_key, given_key);
CREATE INDEX authors_given ON authors (given_key);
-- Spelling neighbours ("did you mean"): trigram similarity of folded surnames.
CREATE INDEX authors_surname_trgm ON authors USING gin (surname_key public.gin_trgm_ops);

-- position >= 1000 marks an author known from a profile page but not shown in the (cut) byline.
CREATE TABLE paper_authors (
    paper_seq  bigint NOT NULL REFERENCES papers (seq),
    position   bigint NOT NULL,
    author_id  bigint NOT NULL REFERENCES authors (id),
    name       text   NOT NULL,
    PRIMARY KEY (paper_seq, position)
);
CREATE INDEX paper_authors_author ON paper_authors (author_id, paper_seq);

CREATE TABLE author_metrics (
    author_id     bigint NOT NULL REFERENCES authors (id),
    source        text   NOT NULL,
    data          text   NOT NULL,
    retrieved_at  bigint NOT NULL,
    PRIMARY KEY (author_id, source)
);

CREATE TABLE similarity_models (
    version     serial PRIMARY KEY,
    kind        text   NOT NULL,
    dimensions  bigint NOT NULL,
    fitted_on   bigint NOT NULL,
    created_at  bigint NOT NULL,
    data        bytea  NOT NULL
);
CREATE INDEX similarity_models_kind ON similarity_models (kind, version);

CREATE TABLE similarity_vectors (
    seq            bigint PRIMARY KEY,
    model_version  bigint NOT NULL,
    year           bigint NOT NULL DEFAULT 0,
    categories     text   NOT NULL DEFAULT '',
    vector         bytea  NOT NULL
);
CREATE INDEX similarity_vectors_version ON similarity_vectors (model_version, seq);

CREATE TABLE alert_subscriptions (
    id                bigserial PRIMARY KEY,
    platform          text   NOT NULL,
    workspace         text   NOT NULL,
    channel           text   NOT NULL,
    query             text   NOT NULL,
    mode              bigint NOT NULL DEFAULT 0,
    digest_at         text   NOT NULL DEFAULT '09:00',
    time_zone         text   NOT NULL DEFAULT 'UTC',
    created_by        text   NOT NULL,
    created_at        bigint NOT NULL,
    start_after_seq   bigint NOT NULL,
    match_count       bigint NOT NULL DEFAULT 0,
    last_delivered_at bigint,
    disabled_at       bigint,
    disabled_reason   text,
    removed_at        bigint
);
CREATE INDEX alert_subscriptions_channel ON alert_subscriptions (platform, workspace, channel);

-- One row per (channel, paper), ever. claimed_at is also the lease: a row in Sending whose claim is older than the
-- lease was left by a process that died, and is offered again (as "may have been delivered") to the others.
CREATE TABLE alert_outbox (
    id               bigserial PRIMARY KEY,
    platform         text   NOT NULL,
    workspace        text   NOT NULL,
    channel          text   NOT NULL,
    paper_seq        bigint NOT NULL REFERENCES papers (seq),
    subscription_id  bigint NOT NULL REFERENCES alert_subscriptions (id),
    score            double precision NOT NULL,
    why              text   NOT NULL,
    created_at       bigint NOT NULL,
    due_at           bigint NOT NULL,
    state            bigint NOT NULL DEFAULT 0,
    attempts         bigint NOT NULL DEFAULT 0,
    next_attempt_at  bigint NOT NULL,
    message_key      text,
    claimed_at       bigint,
    first_claimed_at bigint,
    sent_at          bigint,
    last_error       text,
    UNIQUE (platform, workspace, channel, paper_seq)
);
CREATE INDEX alert_outbox_state ON alert_outbox (state, next_attempt_at);
CREATE INDEX alert_outbox_message ON alert_outbox (message_key);

CREATE TABLE alert_state (
    key    text   PRIMARY KEY,
    value  bigint NOT NULL
);
INSERT INTO alert_state (key, value) VALUES ('subscriptions_version', 0);

CREATE TABLE source_cursors (
    source      text   PRIMARY KEY,
    cursor      text,
    updated_at  bigint NOT NULL
);

CREATE TABLE source_cache (
    key         text   PRIMARY KEY,
    value       text   NOT NULL,
    stored_at   bigint NOT NULL
);

-- A bulk load in progress: the search and secondary indexes were dropped and author counts are stale; finished by
-- the loader, or on the next start when its process died (a session-level advisory lock tells a live one apart).
CREATE TABLE bulk_load (
    id            bigint PRIMARY KEY CHECK (id = 1),
    from_seq      bigint NOT NULL,
    started_at    bigint NOT NULL
);
CREATE INDEX papers_title_key_noarxiv ON papers (title_key) WHERE arxiv_id IS NULL;
