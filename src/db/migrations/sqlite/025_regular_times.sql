-- An association's regular times (issue 11, point 8): its public page in
-- the register, which the page cache keeps by the register's generation,
-- shows the weekly series it chose to show. A series' booking that
-- changes status, or is made confirmed, bumps the register's generation;
-- single bookings do not, so that booking a time does not empty the
-- register's cache.
CREATE TRIGGER bookings_regular_ai AFTER INSERT ON bookings
	WHEN NEW.series_id IS NOT NULL AND NEW.show_name = 1 AND NEW.status = 'confirmed' BEGIN
	UPDATE meta SET v = v + 1 WHERE k = 'generation';
END;
CREATE TRIGGER bookings_regular_au AFTER UPDATE OF status ON bookings
	WHEN NEW.series_id IS NOT NULL AND NEW.show_name = 1 AND NEW.status <> OLD.status BEGIN
	UPDATE meta SET v = v + 1 WHERE k = 'generation';
END;
