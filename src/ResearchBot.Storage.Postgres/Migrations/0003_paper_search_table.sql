-- Full-text search moves out of `papers` into its own table. As a stored generated column, the tsvector was computed
-- inside each COPY into papers, serially, in the one backend of the writer: 68 % of the server's CPU in a bulk load
-- (bench/results/postgres-import-2.7m-pair.txt). In a table of its own it is filled by a second connection for
-- the batches already committed while the load goes on (PostgresBulkLoader), so a load uses both cores; outside a
-- bulk load the writer fills it in the same transaction as the paper. Searches read (seq, search) from this table
-- alone, which is also a fraction of the size of the papers heap they used to visit for ts_rank.
CREATE FUNCTION paper_search_vector(title_key text, abstract text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT setweight(to_tsvector('english'::regconfig, title_key), 'A') ||
          setweight(to_tsvector('english'::regconfig, coalesce(abstract, '')), 'B') $$;

CREATE TABLE paper_search (
    seq     bigint   PRIMARY KEY REFERENCES papers (seq),
    search  tsvector NOT NULL
);
INSERT INTO paper_search (seq, search) SELECT seq, search FROM papers;
DROP INDEX IF EXISTS papers_search;
ALTER TABLE papers DROP COLUMN search;
CREATE INDEX paper_search_gin ON paper_search USING gin (search);

-- How far the bulk loader's search filler got (seq): a load finished by another process resumes from there.
ALTER TABLE bulk_load ADD COLUMN searched_to bigint;
