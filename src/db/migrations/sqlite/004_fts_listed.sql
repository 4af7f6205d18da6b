-- The search index holds only the associations the public register lists
-- (public and active): a search then counts its hits in the index alone,
-- without looking up every hit's row. PostgreSQL needs no counterpart: its
-- tsvector is a column of the table, filtered with the row.
DROP TRIGGER associations_ai;
DROP TRIGGER associations_ad;
DROP TRIGGER associations_au;
CREATE TRIGGER associations_ai AFTER INSERT ON associations BEGIN
	INSERT INTO associations_fts (rowid, name, purpose)
		SELECT new.id, new.name, new.purpose WHERE new.public = 1 AND new.active = 1;
	UPDATE meta SET v = v + 1 WHERE k = 'generation';
END;
-- an external-content index must be told exactly what it holds: only rows
-- that were indexed are deleted from it
CREATE TRIGGER associations_ad AFTER DELETE ON associations BEGIN
	INSERT INTO associations_fts (associations_fts, rowid, name, purpose)
		SELECT 'delete', old.id, old.name, old.purpose WHERE old.public = 1 AND old.active = 1;
	UPDATE meta SET v = v + 1 WHERE k = 'generation';
END;
CREATE TRIGGER associations_au AFTER UPDATE ON associations BEGIN
	INSERT INTO associations_fts (associations_fts, rowid, name, purpose)
		SELECT 'delete', old.id, old.name, old.purpose WHERE old.public = 1 AND old.active = 1;
	INSERT INTO associations_fts (rowid, name, purpose)
		SELECT new.id, new.name, new.purpose WHERE new.public = 1 AND new.active = 1;
	UPDATE meta SET v = v + 1 WHERE k = 'generation';
END;
INSERT INTO associations_fts (associations_fts) VALUES ('delete-all');
INSERT INTO associations_fts (rowid, name, purpose)
	SELECT id, name, purpose FROM associations WHERE public = 1 AND active = 1;
