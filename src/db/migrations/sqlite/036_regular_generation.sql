-- Which associations show regular times is kept in memory per process
-- (src/venues/regular.c), so that the public page of one without any, most
-- of the register, asks the database nothing for them: 'generation:regular',
-- bumped by the same writes that bump the register's generation for them
-- (migration 025), a series' booking made confirmed or changing status.
INSERT INTO meta VALUES ('generation:regular', 1);
DROP TRIGGER bookings_regular_ai;
DROP TRIGGER bookings_regular_au;
CREATE TRIGGER bookings_regular_ai AFTER INSERT ON bookings
	WHEN NEW.series_id IS NOT NULL AND NEW.show_name = 1 AND NEW.status = 'confirmed' BEGIN
	UPDATE meta SET v = v + 1 WHERE k IN ('generation', 'generation:regular');
END;
CREATE TRIGGER bookings_regular_au AFTER UPDATE OF status ON bookings
	WHEN NEW.series_id IS NOT NULL AND NEW.show_name = 1 AND NEW.status <> OLD.status BEGIN
	UPDATE meta SET v = v + 1 WHERE k IN ('generation', 'generation:regular');
END;
