-- A bulk load in progress: papers with seq > fts_from_seq are not yet in papers_fts and author counts are stale.
-- Finished by the loader, or on the next start if the process died mid-load.
CREATE TABLE bulk_load (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    fts_from_seq  INTEGER NOT NULL,
    started_at    INTEGER NOT NULL
);
