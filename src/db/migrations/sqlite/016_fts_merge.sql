-- SQLite's search index kept merged (issue 9). Every write of a listed
-- field adds a small segment to the index, and a search reads every
-- segment: 'usermerge' 2 lets each association's save merge any two
-- segments of a level a little at a time (order_index_merge after
-- assoc_save), so segments never pile up between the loads that merge the
-- whole index (order_index_tidy); the index as it is now is merged once.
INSERT INTO associations_fts (associations_fts, rank) VALUES ('usermerge', 2);
INSERT INTO associations_fts (associations_fts) VALUES ('optimize');
