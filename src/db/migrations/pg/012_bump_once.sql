-- The generations (meta rows 'generation', 'generation:diarium') are bumped
-- once per transaction, not once per statement. Every UPDATE of the one meta
-- row inside a long transaction (the demo, an import of 100 000 rows: seven
-- statements a row) leaves a row version that the next UPDATE must walk past,
-- so a load got slower with every row (28 000 associations after 10 minutes).
-- The first bump of a key in a transaction remembers it in a setting local to
-- the transaction (set_config(…, true)), which PostgreSQL forgets at COMMIT
-- and ROLLBACK and takes back with a rolled-back savepoint, as it takes back
-- the UPDATE. The bumped number becomes visible only at COMMIT, with every row
-- the transaction wrote, so a reader that sees it sees the rows (decisions.md).
CREATE FUNCTION meta_bump_once(key text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	done text := coalesce(current_setting('samverka.bumped', true), '');
BEGIN
	IF position('|' || key || '|' IN done) = 0 THEN
		UPDATE meta SET v = v + 1 WHERE k = key;
		PERFORM set_config('samverka.bumped', done || '|' || key || '|', true);
	END IF;
END $$;
CREATE OR REPLACE FUNCTION bump_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM meta_bump_once('generation');
	RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION bump_domain() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM meta_bump_once(TG_ARGV[0]);
	RETURN NULL;
END $$;
