-- Papers: one row per work. seq never changes; id is the public identity and may be upgraded
-- (title key -> DOI -> arXiv id) when a better identifier arrives.
CREATE TABLE papers (
    seq                 INTEGER PRIMARY KEY AUTOINCREMENT,
    id                  TEXT    NOT NULL UNIQUE,
    arxiv_id            TEXT    UNIQUE,
    doi                 TEXT    UNIQUE,
    title_key           TEXT    NOT NULL,
    title               TEXT    NOT NULL,
    abstract            TEXT,
    authors             TEXT    NOT NULL DEFAULT '[]',  -- JSON array of display names, in order
    authors_truncated   INTEGER NOT NULL DEFAULT 0,
    published           TEXT,                           -- ISO date
    published_year_only INTEGER NOT NULL DEFAULT 0,
    updated             TEXT,
    categories          TEXT    NOT NULL DEFAULT '',    -- space-separated, primary first
    venue               TEXT,
    arxiv_version       INTEGER,
    url                 TEXT,
    citations           INTEGER,
    upvotes             INTEGER,
    sources             TEXT    NOT NULL DEFAULT '',    -- space-separated source names
    indexed_at          INTEGER NOT NULL                -- Unix ms, when the paper first entered the index
);
CREATE INDEX papers_title_key ON papers (title_key);
CREATE INDEX papers_indexed_at ON papers (indexed_at);

CREATE VIRTUAL TABLE papers_fts USING fts5 (
    title, abstract,
    content = 'papers', content_rowid = 'seq',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER papers_ai AFTER INSERT ON papers BEGIN
    INSERT INTO papers_fts (rowid, title, abstract) VALUES (new.seq, new.title, new.abstract);
END;
CREATE TRIGGER papers_ad AFTER DELETE ON papers BEGIN
    INSERT INTO papers_fts (papers_fts, rowid, title, abstract) VALUES ('delete', old.seq, old.title, old.abstract);
END;
CREATE TRIGGER papers_au AFTER UPDATE OF title, abstract ON papers BEGIN
    INSERT INTO papers_fts (papers_fts, rowid, title, abstract) VALUES ('delete', old.seq, old.title, old.abstract);
    INSERT INTO papers_fts (rowid, title, abstract) VALUES (new.seq, new.title, new.abstract);
END;

-- Authors: clusters of names that nothing contradicts being one person (same folded surname,
-- compatible given names). given_key is the folded first given name, an initial, or '' when unknown.
CREATE TABLE authors (
    id            INTEGER PRIMARY KEY,
    display_name  TEXT    NOT NULL,
    surname_key   TEXT    NOT NULL,
    given_key     TEXT    NOT NULL DEFAULT '',
    paper_count   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX authors_surname ON authors (surname_key, given_key);

CREATE TABLE author_variants (
    author_id  INTEGER NOT NULL REFERENCES authors (id),
    name       TEXT    NOT NULL,
    seen       INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (author_id, name)
) WITHOUT ROWID;

-- position >= 1000 marks an author known from a profile page but not shown in the (cut) byline.
CREATE TABLE paper_authors (
    paper_seq  INTEGER NOT NULL REFERENCES papers (seq),
    position   INTEGER NOT NULL,
    author_id  INTEGER NOT NULL REFERENCES authors (id),
    name       TEXT    NOT NULL,
    PRIMARY KEY (paper_seq, position)
) WITHOUT ROWID;
CREATE INDEX paper_authors_author ON paper_authors (author_id, paper_seq);

-- Author-level figures as each source reported them (JSON of AuthorMetrics).
CREATE TABLE author_metrics (
    author_id     INTEGER NOT NULL REFERENCES authors (id),
    source        TEXT    NOT NULL,
    data          TEXT    NOT NULL,
    retrieved_at  INTEGER NOT NULL,
    PRIMARY KEY (author_id, source)
) WITHOUT ROWID;
