-- Vectors are kept per model version: a second engine (the neural one, embedding in the background) keeps its own
-- vector for every paper next to the LSA engine's, instead of replacing it. Keyed by (model_version, seq), so one
-- version streams in seq order straight off the key.
CREATE TABLE similarity_vectors_v2 (
    model_version  INTEGER NOT NULL,
    seq            INTEGER NOT NULL,   -- papers.seq
    year           INTEGER NOT NULL DEFAULT 0,
    categories     TEXT    NOT NULL DEFAULT '',
    vector         BLOB    NOT NULL,   -- float32 scale + int8 per dimension
    PRIMARY KEY (model_version, seq)
) WITHOUT ROWID;
INSERT INTO similarity_vectors_v2 (model_version, seq, year, categories, vector)
    SELECT model_version, seq, year, categories, vector FROM similarity_vectors;
DROP TABLE similarity_vectors;
ALTER TABLE similarity_vectors_v2 RENAME TO similarity_vectors;
