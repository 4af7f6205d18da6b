-- The register's search and order get a generation of their own (see the
-- SQLite migration 013): bumped when an association is added or removed or
-- its name, purpose, tags, pos, publicity or activity change, which is all
-- that hit counts and page starts read.
INSERT INTO meta VALUES ('generation:search', 1);
CREATE TRIGGER associations_search_gen AFTER INSERT OR DELETE OR UPDATE OF
	name, purpose, tags, pos, public, active ON associations
	FOR EACH STATEMENT EXECUTE FUNCTION bump_domain('generation:search');
