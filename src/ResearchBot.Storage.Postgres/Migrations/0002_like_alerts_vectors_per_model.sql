-- SQLite's 0009 (alerts that learn: like: subscriptions, votes on alerts) and 0010 (vectors per model version), table
-- for table, so that `researchbot copy --to postgres` moves their rows as they are. Times are Unix ms.
-- Evidence is kept as paper references (examples, votes), never as vectors: a refit or an engine switch re-projects it.
ALTER TABLE alert_subscriptions ADD COLUMN per_week double precision;  -- like: target volume a week (null for keyword alerts)
ALTER TABLE alert_subscriptions ADD COLUMN max_shown bigint;           -- papers per digest (null: Alerts:DigestTopCount)

CREATE TABLE alert_examples (
    subscription_id bigint NOT NULL REFERENCES alert_subscriptions (id),
    position        bigint NOT NULL,
    paper_seq       bigint NOT NULL REFERENCES papers (seq),
    PRIMARY KEY (subscription_id, paper_seq)
);

-- One vote per (alert, user); a later click replaces it. Channel columns copied from the alert for scoping.
CREATE TABLE alert_votes (
    alert_id        bigint NOT NULL REFERENCES alert_outbox (id),
    user_id         text   NOT NULL,
    platform        text   NOT NULL,
    workspace       text   NOT NULL,
    channel         text   NOT NULL,
    subscription_id bigint NOT NULL,
    paper_seq       bigint NOT NULL,
    vote            bigint NOT NULL,                  -- 1 up, -1 down
    voted_at        bigint NOT NULL,
    PRIMARY KEY (alert_id, user_id)
);
CREATE INDEX alert_votes_subscription ON alert_votes (subscription_id, voted_at);

-- The fitted interest model of a like: subscription, in the vector space it was fitted in.
CREATE TABLE alert_models (
    subscription_id bigint PRIMARY KEY REFERENCES alert_subscriptions (id),
    space_id        text   NOT NULL,
    weights         bytea  NOT NULL,                  -- float32 little-endian
    bias            double precision NOT NULL,
    threshold       double precision NOT NULL,
    fitted_at       bigint NOT NULL
);

-- Bumped whenever a model is stored, so every process rebuilds its like: percolator.
INSERT INTO alert_state (key, value) VALUES ('models_version', 0) ON CONFLICT (key) DO NOTHING;

-- Papers added while no engine could project them (not ready yet): matched against like: subscriptions by the next
-- batch that can, in its own transaction, so none is skipped.
CREATE TABLE alert_like_backlog (
    paper_seq bigint PRIMARY KEY
);

-- Vectors are kept per model version: a second engine (the neural one) keeps its own vector of every paper next to the
-- LSA engine's, and a refit writes its version beside the old one instead of over it. Keyed by (model_version, seq),
-- so one version streams in seq order straight off the key.
ALTER TABLE similarity_vectors DROP CONSTRAINT similarity_vectors_pkey;
DROP INDEX similarity_vectors_version;
ALTER TABLE similarity_vectors ADD PRIMARY KEY (model_version, seq);
