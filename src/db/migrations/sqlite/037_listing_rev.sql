-- An association's rev is now one past the register's generation when a
-- transaction last changed what a list shows of it (migration 032's
-- columns), its place or whether it is listed, and it is given on insert
-- too: a process that keeps the listed rows in order (src/register/
-- listing.c) then reads only the rows whose rev is past the generation it
-- last read, since a write it did not see yet commits after that one.
-- Deleting an association bumps 'generation:deleted', which has it read
-- them all again. A rev from before is at most the row's changes, which
-- the generation is past, so no new rev repeats an old one.
INSERT INTO meta VALUES ('generation:deleted', 1);
DROP TRIGGER associations_rev_au;
CREATE TRIGGER associations_rev_au AFTER UPDATE OF name, orgnr, form, purpose, tags, email, phone,
	website, founded, members, pos, public, active ON associations
	WHEN old.name IS NOT new.name OR old.orgnr IS NOT new.orgnr OR old.form IS NOT new.form
		OR old.purpose IS NOT new.purpose OR old.tags IS NOT new.tags
		OR old.email IS NOT new.email OR old.phone IS NOT new.phone
		OR old.website IS NOT new.website OR old.founded IS NOT new.founded
		OR old.members IS NOT new.members OR old.pos IS NOT new.pos
		OR old.public IS NOT new.public OR old.active IS NOT new.active
	BEGIN
	UPDATE associations SET rev = (SELECT v FROM meta WHERE k = 'generation') + 1
		WHERE id = new.id;
END;
CREATE TRIGGER associations_rev_ai AFTER INSERT ON associations BEGIN
	UPDATE associations SET rev = (SELECT v FROM meta WHERE k = 'generation') + 1
		WHERE id = new.id;
END;
CREATE TRIGGER associations_deleted_ad AFTER DELETE ON associations BEGIN
	UPDATE meta SET v = v + 1 WHERE k = 'generation:deleted';
END;
CREATE INDEX associations_rev ON associations (rev);
