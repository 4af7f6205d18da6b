-- The register's search index and order get a generation of their own,
-- 'generation:search', bumped only when what a list, a search or a count
-- reads changes: an association added or removed, or its name, purpose,
-- tags, place (pos), publicity or activity. Hit counts and page starts are
-- kept per this generation (src/register/counts.c, ranks.c), so the common
-- write — a yearly update's members or contact details — no longer makes
-- every count again; it still bumps 'generation', which renews the pages.
-- The index itself is rewritten only on those columns too.
INSERT INTO meta VALUES ('generation:search', 1);
DROP TRIGGER associations_ai;
DROP TRIGGER associations_ad;
DROP TRIGGER associations_au;
CREATE TRIGGER associations_ai AFTER INSERT ON associations BEGIN
	INSERT INTO associations_fts (rowid, name, purpose, tags)
		SELECT new.pos, new.name, new.purpose, new.tags WHERE new.public = 1 AND new.active = 1;
	UPDATE meta SET v = v + 1 WHERE k IN ('generation', 'generation:search');
END;
CREATE TRIGGER associations_ad AFTER DELETE ON associations BEGIN
	INSERT INTO associations_fts (associations_fts, rowid, name, purpose, tags)
		SELECT 'delete', old.pos, old.name, old.purpose, old.tags
		WHERE old.public = 1 AND old.active = 1;
	UPDATE meta SET v = v + 1 WHERE k IN ('generation', 'generation:search');
END;
CREATE TRIGGER associations_au AFTER UPDATE ON associations BEGIN
	UPDATE meta SET v = v + 1 WHERE k = 'generation';
END;
CREATE TRIGGER associations_search_au
	AFTER UPDATE OF name, purpose, tags, pos, public, active ON associations
	WHEN old.name IS NOT new.name OR old.purpose IS NOT new.purpose OR old.tags IS NOT new.tags
		OR old.pos IS NOT new.pos OR old.public IS NOT new.public OR old.active IS NOT new.active
	BEGIN
	INSERT INTO associations_fts (associations_fts, rowid, name, purpose, tags)
		SELECT 'delete', old.pos, old.name, old.purpose, old.tags
		WHERE old.public = 1 AND old.active = 1;
	INSERT INTO associations_fts (rowid, name, purpose, tags)
		SELECT new.pos, new.name, new.purpose, new.tags WHERE new.public = 1 AND new.active = 1;
	UPDATE meta SET v = v + 1 WHERE k = 'generation:search';
END;
