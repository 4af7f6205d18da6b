-- The filters of each listed association as terms in order, for PostgreSQL:
-- one row per term of its tags (_f<form>, _a<area id>, _g<group id>) and its
-- pos, so that a filter's hits are read in register order from the primary
-- key and stop after a page, and another filter is one probe of the same
-- key per hit (SQLite keeps the same words in its search index, migration
-- 011). Kept by a trigger, so that every writer keeps it.
CREATE TABLE register_terms (
	term text COLLATE "C" NOT NULL,
	pos bigint NOT NULL,
	PRIMARY KEY (term, pos)
);
CREATE FUNCTION register_terms_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP <> 'INSERT' AND OLD.public = 1 AND OLD.active = 1 THEN
		DELETE FROM register_terms
		WHERE pos = OLD.pos AND term = ANY (string_to_array(OLD.tags, ' '));
	END IF;
	IF TG_OP <> 'DELETE' AND NEW.public = 1 AND NEW.active = 1 THEN
		INSERT INTO register_terms (term, pos)
		SELECT DISTINCT t, NEW.pos FROM unnest(string_to_array(NEW.tags, ' ')) AS t
		WHERE t <> '';
	END IF;
	RETURN NULL;
END $$;
CREATE TRIGGER associations_terms AFTER INSERT OR DELETE OR UPDATE OF tags, pos, public, active
	ON associations FOR EACH ROW EXECUTE FUNCTION register_terms_keep();
INSERT INTO register_terms (term, pos)
	SELECT DISTINCT t, a.pos FROM associations a, unnest(string_to_array(a.tags, ' ')) AS t
	WHERE a.public = 1 AND a.active = 1 AND t <> '';
ANALYZE register_terms;
