-- Topic alerts: per-channel subscriptions and the delivery outbox (see README.md, "Topic alerts").
-- Times are Unix ms. A subscription is never deleted (removed_at), so outbox rows keep their reference.
CREATE TABLE alert_subscriptions (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    platform          TEXT    NOT NULL,
    workspace         TEXT    NOT NULL,
    channel           TEXT    NOT NULL,
    query             TEXT    NOT NULL,
    mode              INTEGER NOT NULL DEFAULT 0,      -- AlertMode: 0 instant, 1 daily, 2 weekly
    digest_at         TEXT    NOT NULL DEFAULT '09:00',
    time_zone         TEXT    NOT NULL DEFAULT 'UTC',  -- IANA id
    created_by        TEXT    NOT NULL,
    created_at        INTEGER NOT NULL,
    start_after_seq   INTEGER NOT NULL,                -- only papers with a larger seq match: no backlog
    match_count       INTEGER NOT NULL DEFAULT 0,
    last_delivered_at INTEGER,
    disabled_at       INTEGER,
    disabled_reason   TEXT,
    removed_at        INTEGER
);
CREATE INDEX alert_subscriptions_channel ON alert_subscriptions (platform, workspace, channel);

-- One row per (channel, paper), ever: the UNIQUE constraint is what makes "at most once per pair" hold even if
-- two subscriptions of a channel match, the same paper is re-imported, or two processes match concurrently.
CREATE TABLE alert_outbox (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    platform         TEXT    NOT NULL,
    workspace        TEXT    NOT NULL,
    channel          TEXT    NOT NULL,
    paper_seq        INTEGER NOT NULL REFERENCES papers (seq),
    subscription_id  INTEGER NOT NULL REFERENCES alert_subscriptions (id),
    score            REAL    NOT NULL,
    why              TEXT    NOT NULL,
    created_at       INTEGER NOT NULL,
    due_at           INTEGER NOT NULL,
    state            INTEGER NOT NULL DEFAULT 0,       -- AlertDeliveryState
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER NOT NULL,
    message_key      TEXT,
    claimed_at       INTEGER,                          -- last claim (attempt) of the row
    first_claimed_at INTEGER,                          -- first claim under the current message key (idempotency window)
    sent_at          INTEGER,
    last_error       TEXT,
    UNIQUE (platform, workspace, channel, paper_seq)
);
CREATE INDEX alert_outbox_state ON alert_outbox (state, next_attempt_at);
CREATE INDEX alert_outbox_message ON alert_outbox (message_key);

-- Bumped whenever the set of active subscriptions changes, so every process rebuilds its percolator.
CREATE TABLE alert_state (
    key    TEXT    PRIMARY KEY,
    value  INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO alert_state (key, value) VALUES ('subscriptions_version', 0);
