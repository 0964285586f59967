-- /trending without Hugging Face ranks the index's upvoted papers of a window. Through papers_indexed_at that read
-- every paper indexed in the window (all of them, the week after a snapshot import: 1.3 s at 2.7M papers); this
-- index holds only the few upvoted ones, in the query's order (upvotes, then rowid).
CREATE INDEX papers_upvoted ON papers (upvotes) WHERE upvotes > 0;
