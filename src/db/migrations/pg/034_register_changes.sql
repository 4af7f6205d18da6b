-- Which places in the register's order (pos) each search generation
-- touched (see the SQLite migration 034): an association added, removed,
-- or its name, purpose, tags, place, publicity or activity changed, at its
-- old place and its new: an insert or delete once per statement, from its
-- transition table, an update row by row when it changes one of those
-- (a statement's tables joined on id were planned as a nested loop, hours
-- for the demo's update of every row), each after the generation's bump
-- of this transaction (meta_bump_once, migration 012), so each row carries
-- the generation it becomes visible with. A generation keeps at most 33 places: a reader brings a search up
-- to date from 32 at most, and reads it whole when there are more, so a
-- load of 100 000 rows logs 33, not 100 000. The generations older than
-- the last 256 are let go. A place not yet given (NULL) is none.
CREATE TABLE register_changes (gen bigint NOT NULL, pos bigint NOT NULL);
CREATE INDEX register_changes_gen ON register_changes (gen);
CREATE FUNCTION register_log(places bigint[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	g bigint;
	have bigint;
BEGIN
	IF cardinality(places) = 0 THEN
		RETURN;
	END IF;
	PERFORM meta_bump_once('generation:search');
	SELECT v INTO g FROM meta WHERE k = 'generation:search';
	SELECT count(*) INTO have FROM register_changes WHERE gen = g;
	IF have < 33 THEN
		INSERT INTO register_changes SELECT g, p FROM unnest(places) p LIMIT 33 - have;
		DELETE FROM register_changes WHERE gen < g - 256;
	END IF;
END $$;
CREATE FUNCTION register_changes_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM register_log(ARRAY(SELECT pos FROM new_rows WHERE pos IS NOT NULL LIMIT 33));
	RETURN NULL;
END $$;
CREATE FUNCTION register_changes_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM register_log(ARRAY(SELECT pos FROM old_rows WHERE pos IS NOT NULL LIMIT 33));
	RETURN NULL;
END $$;
CREATE FUNCTION register_changes_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM register_log(ARRAY(SELECT p FROM (VALUES (OLD.pos), (NEW.pos)) v (p)
		WHERE p IS NOT NULL AND (p = OLD.pos OR OLD.pos IS DISTINCT FROM NEW.pos)));
	RETURN NULL;
END $$;
CREATE TRIGGER associations_changes_ins AFTER INSERT ON associations
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION register_changes_ins();
CREATE TRIGGER associations_changes_del AFTER DELETE ON associations
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION register_changes_del();
CREATE TRIGGER associations_changes_upd AFTER UPDATE ON associations FOR EACH ROW
	WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.purpose IS DISTINCT FROM NEW.purpose
		OR OLD.tags IS DISTINCT FROM NEW.tags OR OLD.pos IS DISTINCT FROM NEW.pos
		OR OLD.public IS DISTINCT FROM NEW.public OR OLD.active IS DISTINCT FROM NEW.active)
	EXECUTE FUNCTION register_changes_upd();
