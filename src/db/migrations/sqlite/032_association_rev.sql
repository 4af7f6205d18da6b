-- An association's rev counts the changes to what its row in the list
-- shows (name, form, purpose, areas and groups by tags), so that a list
-- page keeps each row as rendered and renders again only the rows whose
-- rev moved (src/register/rows.c); a yearly update's members or contact
-- details leave it.
ALTER TABLE associations ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER associations_rev_au AFTER UPDATE OF name, form, purpose, tags ON associations
	WHEN old.name IS NOT new.name OR old.form IS NOT new.form
		OR old.purpose IS NOT new.purpose OR old.tags IS NOT new.tags
	BEGIN
	UPDATE associations SET rev = old.rev + 1 WHERE id = new.id;
END;
-- The listed index holds the rev, so a page of ids and revs is read from
-- the index alone (the id is the rowid, in every index); public and active
-- too, or SQLite does not see that the partial index covers the query.
DROP INDEX associations_listed;
CREATE INDEX associations_listed ON associations (pos, rev, public, active)
	WHERE public = 1 AND active = 1;
