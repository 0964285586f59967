-- An author's name variants are the spellings on the bylines filed under it (paper_authors.name), counted when read.
-- Keeping a separate count table cost a random B-tree update per byline name, the largest cost of loading an index
-- with many distinct authors, and it kept spellings of bylines that a fuller one had since replaced.
DROP TABLE author_variants;
