-- Each process keeps the generations it read until it hears of a change
-- (src/db/watch.c, pg_listen.c): the first bump of a key in a transaction
-- also notifies. PostgreSQL delivers a notification to the listening
-- sessions after COMMIT, once however often a transaction sent it, and
-- never after a ROLLBACK or for a savepoint rolled back.
CREATE OR REPLACE FUNCTION meta_bump_once(key text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	done text := coalesce(current_setting('samverka.bumped', true), '');
BEGIN
	IF position('|' || key || '|' IN done) = 0 THEN
		UPDATE meta SET v = v + 1 WHERE k = key;
		PERFORM set_config('samverka.bumped', done || '|' || key || '|', true);
		PERFORM pg_notify('samverka_generation', '');
	END IF;
END $$;
