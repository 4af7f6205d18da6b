-- Which places in the register's order (pos) each search generation
-- touched (see the SQLite migration 034): an association added, removed,
-- or its name, purpose, tags, place, publicity or activity changed, at its
-- old place and its new. Row by row, after the generation's bump of this
-- transaction (meta_bump_once, migration 012), so each row carries the
-- generation it becomes visible with; the generations older than the last
-- 256 are let go. A place not yet given (NULL) is none.
CREATE TABLE register_changes (gen bigint NOT NULL, pos bigint NOT NULL);
CREATE INDEX register_changes_gen ON register_changes (gen);
CREATE FUNCTION register_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	g bigint;
BEGIN
	PERFORM meta_bump_once('generation:search');
	SELECT v INTO g FROM meta WHERE k = 'generation:search';
	IF TG_OP <> 'INSERT' AND OLD.pos IS NOT NULL THEN
		INSERT INTO register_changes VALUES (g, OLD.pos);
	END IF;
	IF TG_OP <> 'DELETE' AND NEW.pos IS NOT NULL
			AND (TG_OP = 'INSERT' OR NEW.pos IS DISTINCT FROM OLD.pos) THEN
		INSERT INTO register_changes VALUES (g, NEW.pos);
	END IF;
	DELETE FROM register_changes WHERE gen < g - 256;
	RETURN NULL;
END $$;
CREATE TRIGGER associations_changes AFTER INSERT OR DELETE ON associations
	FOR EACH ROW EXECUTE FUNCTION register_change();
CREATE TRIGGER associations_changes_au AFTER UPDATE ON associations FOR EACH ROW
	WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.purpose IS DISTINCT FROM NEW.purpose
		OR OLD.tags IS DISTINCT FROM NEW.tags OR OLD.pos IS DISTINCT FROM NEW.pos
		OR OLD.public IS DISTINCT FROM NEW.public OR OLD.active IS DISTINCT FROM NEW.active)
	EXECUTE FUNCTION register_change();
