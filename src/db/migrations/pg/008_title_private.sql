-- A case's title may name someone the public diary must not: an association
-- whose applicant chose not to be shown in the public register, or a person.
-- title_private says so from the case's arrival; the diary shows such a title
-- (and the title of a case about an association that is not public, which
-- associations.public says) as the case's type alone. Registrations sent
-- before this carry the choice in their payload as "offentlig":false, which
-- json_dumps writes in one compact form. The diary's generation is bumped on
-- the new column, on a case's association, and on an association's public.
ALTER TABLE cases ADD COLUMN title_private integer NOT NULL DEFAULT 0
	CHECK (title_private IN (0, 1));
UPDATE cases SET title_private = 1 WHERE payload LIKE '%"offentlig":false%';
DROP TRIGGER cases_diarium ON cases;
CREATE TRIGGER cases_diarium AFTER INSERT OR DELETE OR UPDATE OF status, title, confidential,
	created, association_id, title_private
	ON cases FOR EACH STATEMENT EXECUTE FUNCTION bump_domain('generation:diarium');
CREATE TRIGGER associations_diarium AFTER UPDATE OF public ON associations
	FOR EACH STATEMENT EXECUTE FUNCTION bump_domain('generation:diarium');
