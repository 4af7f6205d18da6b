-- An association's rev counts the changes to what its row in a list shows
-- (the HTML list's name, form, purpose, areas; the JSON API's those and
-- organisationsnummer, target groups, contacts, founding year, members:
-- every column but the activity, publicity, order and times), so that a
-- list keeps each row as rendered and renders again only the rows whose
-- rev moved (src/register/rows.c).
ALTER TABLE associations ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER associations_rev_au AFTER UPDATE OF name, orgnr, form, purpose, tags, email, phone,
	website, founded, members ON associations
	WHEN old.name IS NOT new.name OR old.orgnr IS NOT new.orgnr OR old.form IS NOT new.form
		OR old.purpose IS NOT new.purpose OR old.tags IS NOT new.tags
		OR old.email IS NOT new.email OR old.phone IS NOT new.phone
		OR old.website IS NOT new.website OR old.founded IS NOT new.founded
		OR old.members IS NOT new.members
	BEGIN
	UPDATE associations SET rev = old.rev + 1 WHERE id = new.id;
END;
-- The listed index holds the rev, so a page of ids and revs is read from
-- the index alone (the id is the rowid, in every index); public and active
-- too, or SQLite does not see that the partial index covers the query.
DROP INDEX associations_listed;
CREATE INDEX associations_listed ON associations (pos, rev, public, active)
	WHERE public = 1 AND active = 1;
