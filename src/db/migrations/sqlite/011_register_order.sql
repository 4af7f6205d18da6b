-- The register's order as a number, so that every page and every search is
-- read in that order from an index, without sorting and without reading the
-- rows before it (issue 9).
--
-- pos: the association's place in Swedish order (sort_key, then id), spaced
-- 2^40 apart so that a new or renamed association takes a number between
-- its neighbours (src/register/order.c); unique.
-- tags: the filters the association matches, as words the search index
-- holds beside its name and purpose: _f<form>, _a<area id>, _g<group id>.
-- A visitor's words cannot contain '_', so they never match a tag.
ALTER TABLE associations ADD COLUMN pos INTEGER;
ALTER TABLE associations ADD COLUMN tags TEXT NOT NULL DEFAULT '';
CREATE TEMP TABLE register_rank AS
	SELECT id, row_number() OVER (ORDER BY sort_key, id) AS r FROM associations;
CREATE UNIQUE INDEX temp.register_rank_id ON register_rank (id);
UPDATE associations SET pos = (SELECT r FROM register_rank WHERE register_rank.id = associations.id) * 1099511627776;
DROP TABLE temp.register_rank;
UPDATE associations SET tags = '_f' || form
	|| coalesce((SELECT ' _a' || group_concat(area_id, ' _a') FROM association_areas
		WHERE association_id = associations.id), '')
	|| coalesce((SELECT ' _g' || group_concat(group_id, ' _g') FROM association_groups
		WHERE association_id = associations.id), '');
CREATE UNIQUE INDEX associations_pos ON associations (pos);
DROP INDEX associations_listed;
CREATE INDEX associations_listed ON associations (pos) WHERE public = 1 AND active = 1;
CREATE INDEX associations_sort ON associations (sort_key, id);

-- The search index anew: its rowid is pos, so hits come in register order
-- and a page of them is the first 50 after an offset; filters are words in
-- it, so a search with any filters is one query the index answers alone.
-- Prefix indexes up to 12 characters make a typed word's prefix one list
-- to read; detail=none keeps no positions (no phrase search is offered).
DROP TRIGGER associations_ai;
DROP TRIGGER associations_ad;
DROP TRIGGER associations_au;
DROP TABLE associations_fts;
CREATE VIRTUAL TABLE associations_fts USING fts5 (
	name, purpose, tags, content = 'associations', content_rowid = 'pos',
	tokenize = "unicode61 tokenchars '_'", prefix = '1 2 3 4 5 6 7 8 9 10 11 12',
	detail = 'none'
);
CREATE TRIGGER associations_ai AFTER INSERT ON associations BEGIN
	INSERT INTO associations_fts (rowid, name, purpose, tags)
		SELECT new.pos, new.name, new.purpose, new.tags WHERE new.public = 1 AND new.active = 1;
	UPDATE meta SET v = v + 1 WHERE k = 'generation';
END;
CREATE TRIGGER associations_ad AFTER DELETE ON associations BEGIN
	INSERT INTO associations_fts (associations_fts, rowid, name, purpose, tags)
		SELECT 'delete', old.pos, old.name, old.purpose, old.tags
		WHERE old.public = 1 AND old.active = 1;
	UPDATE meta SET v = v + 1 WHERE k = 'generation';
END;
CREATE TRIGGER associations_au AFTER UPDATE ON associations BEGIN
	INSERT INTO associations_fts (associations_fts, rowid, name, purpose, tags)
		SELECT 'delete', old.pos, old.name, old.purpose, old.tags
		WHERE old.public = 1 AND old.active = 1;
	INSERT INTO associations_fts (rowid, name, purpose, tags)
		SELECT new.pos, new.name, new.purpose, new.tags WHERE new.public = 1 AND new.active = 1;
	UPDATE meta SET v = v + 1 WHERE k = 'generation';
END;
INSERT INTO associations_fts (rowid, name, purpose, tags)
	SELECT pos, name, purpose, tags FROM associations WHERE public = 1 AND active = 1;
INSERT INTO associations_fts (associations_fts) VALUES ('optimize');
