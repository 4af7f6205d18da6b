-- The register's search and order get a generation of their own (see the
-- SQLite migration 013): bumped when an association is added or removed or
-- its name, purpose, tags, pos, publicity or activity change, which is all
-- that hit counts and page starts read. An update is looked at row by row,
-- on values: UPDATE OF alone fires whenever a statement sets a column, and
-- saving the admin's form sets every column, a members-only change too.
INSERT INTO meta VALUES ('generation:search', 1);
CREATE TRIGGER associations_search_gen AFTER INSERT OR DELETE ON associations
	FOR EACH STATEMENT EXECUTE FUNCTION bump_domain('generation:search');
CREATE TRIGGER associations_search_gen_au AFTER UPDATE ON associations FOR EACH ROW
	WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.purpose IS DISTINCT FROM NEW.purpose
		OR OLD.tags IS DISTINCT FROM NEW.tags OR OLD.pos IS DISTINCT FROM NEW.pos
		OR OLD.public IS DISTINCT FROM NEW.public OR OLD.active IS DISTINCT FROM NEW.active)
	EXECUTE FUNCTION bump_domain('generation:search');
