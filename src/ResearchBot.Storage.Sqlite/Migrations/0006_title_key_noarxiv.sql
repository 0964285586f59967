-- Title probes of records that carry an arXiv id can only merge with papers that have none: this small partial index
-- serves them, so bulk loads can defer the full title index (papers_title_key).
CREATE INDEX papers_title_key_noarxiv ON papers (title_key) WHERE arxiv_id IS NULL;
