-- Similarity engine state: fitted models (vocabulary, idf, projection) as versioned blobs, and one vector per
-- paper tagged with the model version that made it. year/categories are copied so loading never joins papers.
CREATE TABLE similarity_models (
    version     INTEGER PRIMARY KEY AUTOINCREMENT,
    kind        TEXT    NOT NULL,
    dimensions  INTEGER NOT NULL,
    fitted_on   INTEGER NOT NULL,   -- papers in the index when fitted
    created_at  INTEGER NOT NULL,   -- Unix ms
    data        BLOB    NOT NULL
);
CREATE INDEX similarity_models_kind ON similarity_models (kind, version);

CREATE TABLE similarity_vectors (
    seq            INTEGER PRIMARY KEY,   -- papers.seq
    model_version  INTEGER NOT NULL,
    year           INTEGER NOT NULL DEFAULT 0,
    categories     TEXT    NOT NULL DEFAULT '',
    vector         BLOB    NOT NULL       -- float32 scale + int8 per dimension
);
