-- The text index holds the words again, not the filters (migration 033):
-- a search is now the hits each of its words and filters has, each kept on
-- its own and intersected in memory (src/register/counts.c), and a filter's
-- hits are read from register_terms in order, so no query asks the text
-- index for a tag. The index is smaller and a write makes fewer entries.
DROP INDEX associations_tsv;
ALTER TABLE associations DROP COLUMN tsv;
ALTER TABLE associations ADD COLUMN tsv tsvector GENERATED ALWAYS AS
	(to_tsvector('swedish', name || ' ' || purpose)) STORED;
CREATE INDEX associations_tsv ON associations USING gin (tsv);
ANALYZE associations;
