-- An association's rev counts the changes to what its row in the list
-- shows (name, form, purpose, areas and groups by tags), so that a list
-- page keeps each row as rendered and renders again only the rows whose
-- rev moved (src/register/rows.c); a yearly update's members or contact
-- details leave it.
ALTER TABLE associations ADD COLUMN rev bigint NOT NULL DEFAULT 0;
CREATE FUNCTION association_rev() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	NEW.rev := OLD.rev + 1;
	RETURN NEW;
END $$;
CREATE TRIGGER associations_rev BEFORE UPDATE OF name, form, purpose, tags ON associations
	FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.form IS DISTINCT FROM NEW.form
		OR OLD.purpose IS DISTINCT FROM NEW.purpose OR OLD.tags IS DISTINCT FROM NEW.tags)
	EXECUTE FUNCTION association_rev();
-- The listed index holds the id and rev, so a page of them is an
-- index-only scan.
DROP INDEX associations_listed;
CREATE INDEX associations_listed ON associations (pos) INCLUDE (id, rev)
	WHERE public = 1 AND active = 1;
