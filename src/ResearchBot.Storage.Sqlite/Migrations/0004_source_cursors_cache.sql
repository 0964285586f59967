-- Where each paper source stopped (opaque to storage), so a restart continues from there.
CREATE TABLE source_cursors (
    source      TEXT    PRIMARY KEY,
    cursor      TEXT,
    updated_at  INTEGER NOT NULL                -- Unix ms
) WITHOUT ROWID;

-- Upstream answers kept for a while (OpenAlex authors, trending lists); readers pass the time to live.
CREATE TABLE source_cache (
    key         TEXT    PRIMARY KEY,
    value       TEXT    NOT NULL,
    stored_at   INTEGER NOT NULL                -- Unix ms
) WITHOUT ROWID;
