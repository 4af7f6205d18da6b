-- The text index holds the filters too (the tags _f<form>, _a<area id>,
-- _g<group id>, lexemes as they are, not parsed), as SQLite's search index
-- does (migration 011): a search with filters is one query of the index,
-- the word's hits and the filters' intersected there, where it walked the
-- filter's rows in order and tested the words on each (a common area and
-- a rarer word read thousands of rows for a page). Filters alone still
-- walk register_terms, in order.
DROP INDEX associations_tsv;
ALTER TABLE associations DROP COLUMN tsv;
ALTER TABLE associations ADD COLUMN tsv tsvector GENERATED ALWAYS AS
	(to_tsvector('swedish', name || ' ' || purpose)
		|| array_to_tsvector(array_remove(string_to_array(tags, ' '), ''))) STORED;
CREATE INDEX associations_tsv ON associations USING gin (tsv);
ANALYZE associations;
