-- Content domains: the public diary (/diarium) gets a generation of its own,
-- so that a new or changed case empties the diary's cached pages and leaves
-- the register's in place (its generation is the row 'generation', bumped by
-- bump_generation() on the register's tables). Bumped on what the diary
-- shows or may show: a case's arrival, status, title, confidentiality and
-- date, a case removed, a department's name. bump_domain takes the meta
-- row as its argument, for the domains that follow.
INSERT INTO meta VALUES ('generation:diarium', 1);
CREATE FUNCTION bump_domain() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE meta SET v = v + 1 WHERE k = TG_ARGV[0];
	RETURN NULL;
END $$;
CREATE TRIGGER cases_diarium AFTER INSERT OR DELETE OR UPDATE OF status, title, confidential, created
	ON cases FOR EACH STATEMENT EXECUTE FUNCTION bump_domain('generation:diarium');
CREATE TRIGGER departments_diarium AFTER UPDATE OF name_sv, name_en ON departments
	FOR EACH STATEMENT EXECUTE FUNCTION bump_domain('generation:diarium');
