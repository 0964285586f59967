-- Alerts that learn (like: subscriptions, votes on alerts). See README.md, "Topic alerts". Times are Unix ms.
-- Evidence is kept as paper references (examples, votes), never as vectors: a refit or an engine switch re-projects it.
ALTER TABLE alert_subscriptions ADD COLUMN per_week REAL;       -- like: target volume a week (null for keyword alerts)
ALTER TABLE alert_subscriptions ADD COLUMN max_shown INTEGER;   -- papers per digest (null: Alerts:DigestTopCount)

CREATE TABLE alert_examples (
    subscription_id INTEGER NOT NULL REFERENCES alert_subscriptions (id),
    position        INTEGER NOT NULL,
    paper_seq       INTEGER NOT NULL REFERENCES papers (seq),
    PRIMARY KEY (subscription_id, paper_seq)
) WITHOUT ROWID;

-- One vote per (alert, user); a later click replaces it. Channel columns copied from the alert for scoping.
CREATE TABLE alert_votes (
    alert_id        INTEGER NOT NULL REFERENCES alert_outbox (id),
    user_id         TEXT    NOT NULL,
    platform        TEXT    NOT NULL,
    workspace       TEXT    NOT NULL,
    channel         TEXT    NOT NULL,
    subscription_id INTEGER NOT NULL,
    paper_seq       INTEGER NOT NULL,
    vote            INTEGER NOT NULL,                  -- 1 up, -1 down
    voted_at        INTEGER NOT NULL,
    PRIMARY KEY (alert_id, user_id)
) WITHOUT ROWID;
CREATE INDEX alert_votes_subscription ON alert_votes (subscription_id, voted_at);

-- The fitted interest model of a like: subscription, in the vector space it was fitted in.
CREATE TABLE alert_models (
    subscription_id INTEGER PRIMARY KEY REFERENCES alert_subscriptions (id),
    space_id        TEXT    NOT NULL,
    weights         BLOB    NOT NULL,                  -- float32 little-endian
    bias            REAL    NOT NULL,
    threshold       REAL    NOT NULL,
    fitted_at       INTEGER NOT NULL
);

-- Bumped whenever a model is stored, so every process rebuilds its like: percolator.
INSERT INTO alert_state (key, value) VALUES ('models_version', 0);

-- Papers added while no engine could project them (not ready yet): matched against like: subscriptions by the next
-- batch that can, in its own transaction, so none is skipped.
CREATE TABLE alert_like_backlog (
    paper_seq INTEGER PRIMARY KEY
);
