-- The public figures of the decided grants get a generation of their own,
-- 'generation:grants' (see the SQLite migration 022), bumped once per
-- transaction that writes grant_awards, with the register's, since an
-- association's public page shows what it has been granted.
INSERT INTO meta VALUES ('generation:grants', 1);
CREATE TRIGGER grant_awards_gen AFTER INSERT OR UPDATE OR DELETE ON grant_awards
	FOR EACH STATEMENT EXECUTE FUNCTION bump_domain('generation:grants');
CREATE TRIGGER grant_awards_register_gen AFTER INSERT OR UPDATE OR DELETE ON grant_awards
	FOR EACH STATEMENT EXECUTE FUNCTION bump_domain('generation');
