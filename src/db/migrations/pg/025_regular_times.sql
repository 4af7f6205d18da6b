-- An association's regular times (issue 11, point 8): see the SQLite
-- migration 025. The register's generation is bumped once a transaction
-- (meta_bump_once), however many occurrences of a series change.
CREATE TRIGGER bookings_regular_ai AFTER INSERT ON bookings FOR EACH ROW
	WHEN (NEW.series_id IS NOT NULL AND NEW.show_name = 1 AND NEW.status = 'confirmed')
	EXECUTE FUNCTION bump_generation();
CREATE TRIGGER bookings_regular_au AFTER UPDATE OF status ON bookings FOR EACH ROW
	WHEN (NEW.series_id IS NOT NULL AND NEW.show_name = 1 AND NEW.status <> OLD.status)
	EXECUTE FUNCTION bump_generation();
