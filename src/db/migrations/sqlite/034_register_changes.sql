-- Which places in the register's order (pos) each search generation
-- touched: an association added, removed, or its name, purpose, tags,
-- place, publicity or activity changed, at its old place and its new. A
-- search's hits kept at an older generation are brought up to date by
-- testing those places alone (src/register/counts.c) instead of being
-- read again whole, so a write no longer makes every search cold. The
-- generations older than the last 256 are let go (one trigger on the log
-- itself); a search kept from before them is read again. Each trigger of migration 013 is made anew
-- with its row logged after its bump, so the row carries the bumped
-- generation. A place not yet given (NULL, until the order places a new
-- row) is none.
CREATE TABLE register_changes (gen INTEGER NOT NULL, pos INTEGER NOT NULL);
CREATE INDEX register_changes_gen ON register_changes (gen);
CREATE TRIGGER register_changes_ai AFTER INSERT ON register_changes BEGIN
	DELETE FROM register_changes WHERE gen < new.gen - 256;
END;
DROP TRIGGER associations_ai;
DROP TRIGGER associations_ad;
DROP TRIGGER associations_search_au;
CREATE TRIGGER associations_ai AFTER INSERT ON associations BEGIN
	INSERT INTO associations_fts (rowid, name, purpose, tags)
		SELECT new.pos, new.name, new.purpose, new.tags WHERE new.public = 1 AND new.active = 1;
	UPDATE meta SET v = v + 1 WHERE k IN ('generation', 'generation:search');
	INSERT INTO register_changes SELECT v, new.pos FROM meta
		WHERE k = 'generation:search' AND new.pos IS NOT NULL;
END;
CREATE TRIGGER associations_ad AFTER DELETE ON associations BEGIN
	INSERT INTO associations_fts (associations_fts, rowid, name, purpose, tags)
		SELECT 'delete', old.pos, old.name, old.purpose, old.tags
		WHERE old.public = 1 AND old.active = 1;
	UPDATE meta SET v = v + 1 WHERE k IN ('generation', 'generation:search');
	INSERT INTO register_changes SELECT v, old.pos FROM meta
		WHERE k = 'generation:search' AND old.pos IS NOT NULL;
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
	INSERT INTO register_changes SELECT v, old.pos FROM meta
		WHERE k = 'generation:search' AND old.pos IS NOT NULL;
	INSERT INTO register_changes SELECT v, new.pos FROM meta
		WHERE k = 'generation:search' AND new.pos IS NOT old.pos AND new.pos IS NOT NULL;
END;
