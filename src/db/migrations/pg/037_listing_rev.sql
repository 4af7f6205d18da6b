-- An association's rev is now the register's generation ('generation') of
-- the transaction that last changed what a list shows of it (migration
-- 032's columns), its place or whether it is listed, given on insert too
-- (see the SQLite migration 037): a generation is bumped under the meta
-- row's lock and committed with it, so a transaction a reader does not see
-- yet has a rev past the generation that reader read. Deleting
-- associations bumps 'generation:deleted'.
INSERT INTO meta VALUES ('generation:deleted', 1);
CREATE OR REPLACE FUNCTION association_rev() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM meta_bump_once('generation');
	SELECT v INTO NEW.rev FROM meta WHERE k = 'generation';
	RETURN NEW;
END $$;
DROP TRIGGER associations_rev ON associations;
CREATE TRIGGER associations_rev BEFORE UPDATE OF name, orgnr, form, purpose, tags, email, phone,
	website, founded, members, pos, public, active ON associations
	FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.orgnr IS DISTINCT FROM NEW.orgnr
		OR OLD.form IS DISTINCT FROM NEW.form OR OLD.purpose IS DISTINCT FROM NEW.purpose
		OR OLD.tags IS DISTINCT FROM NEW.tags OR OLD.email IS DISTINCT FROM NEW.email
		OR OLD.phone IS DISTINCT FROM NEW.phone OR OLD.website IS DISTINCT FROM NEW.website
		OR OLD.founded IS DISTINCT FROM NEW.founded OR OLD.members IS DISTINCT FROM NEW.members
		OR OLD.pos IS DISTINCT FROM NEW.pos OR OLD.public IS DISTINCT FROM NEW.public
		OR OLD.active IS DISTINCT FROM NEW.active)
	EXECUTE FUNCTION association_rev();
CREATE TRIGGER associations_rev_ins BEFORE INSERT ON associations
	FOR EACH ROW EXECUTE FUNCTION association_rev();
CREATE TRIGGER associations_deleted AFTER DELETE ON associations
	FOR EACH STATEMENT EXECUTE FUNCTION bump_domain('generation:deleted');
CREATE INDEX associations_rev ON associations (rev);
