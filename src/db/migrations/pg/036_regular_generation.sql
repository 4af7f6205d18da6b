-- 'generation:regular' (see the SQLite migration 036): which associations
-- show regular times, kept per process, read again after a transaction
-- writes a series' booking that the register's generation is bumped for
-- (migration 025).
INSERT INTO meta VALUES ('generation:regular', 1);
CREATE TRIGGER bookings_regular_gen_ai AFTER INSERT ON bookings FOR EACH ROW
	WHEN (NEW.series_id IS NOT NULL AND NEW.show_name = 1 AND NEW.status = 'confirmed')
	EXECUTE FUNCTION bump_domain('generation:regular');
CREATE TRIGGER bookings_regular_gen_au AFTER UPDATE OF status ON bookings FOR EACH ROW
	WHEN (NEW.series_id IS NOT NULL AND NEW.show_name = 1 AND NEW.status <> OLD.status)
	EXECUTE FUNCTION bump_domain('generation:regular');
