-- An association's rev counts the changes to what its row in a list shows
-- (the HTML list's name, form, purpose, areas; the JSON API's those and
-- organisationsnummer, target groups, contacts, founding year, members:
-- every column but the activity, publicity, order and times), so that a
-- list keeps each row as rendered and renders again only the rows whose
-- rev moved (src/register/rows.c).
ALTER TABLE associations ADD COLUMN rev bigint NOT NULL DEFAULT 0;
CREATE FUNCTION association_rev() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	NEW.rev := OLD.rev + 1;
	RETURN NEW;
END $$;
CREATE TRIGGER associations_rev BEFORE UPDATE OF name, orgnr, form, purpose, tags, email, phone,
	website, founded, members ON associations
	FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.orgnr IS DISTINCT FROM NEW.orgnr
		OR OLD.form IS DISTINCT FROM NEW.form OR OLD.purpose IS DISTINCT FROM NEW.purpose
		OR OLD.tags IS DISTINCT FROM NEW.tags OR OLD.email IS DISTINCT FROM NEW.email
		OR OLD.phone IS DISTINCT FROM NEW.phone OR OLD.website IS DISTINCT FROM NEW.website
		OR OLD.founded IS DISTINCT FROM NEW.founded OR OLD.members IS DISTINCT FROM NEW.members)
	EXECUTE FUNCTION association_rev();
-- The listed index holds the id and rev, so a page of them is an
-- index-only scan.
DROP INDEX associations_listed;
CREATE INDEX associations_listed ON associations (pos) INCLUDE (id, rev)
	WHERE public = 1 AND active = 1;
