-- Venue utilisation and the invoice basis (issue 11, point 9): see the
-- SQLite migration 030. A booking's time not used, as the caretaker
-- reports it, marked by the venue's department; the bookings by status
-- and start with every column the two reports sum (index-only scans).
ALTER TABLE bookings ADD COLUMN not_used integer NOT NULL DEFAULT 0 CHECK (not_used IN (0, 1));
ALTER TABLE bookings ADD COLUMN not_used_at bigint;
ALTER TABLE bookings ADD COLUMN not_used_by bigint REFERENCES users (id) ON DELETE SET NULL;
CREATE INDEX bookings_usage ON bookings (status, starts, venue_id, ends, not_used, late,
	association_id, price);
