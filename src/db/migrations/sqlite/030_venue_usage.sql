-- Venue utilisation and the invoice basis (issue 11, point 9). A confirmed
-- booking whose time was not used, as the caretaker reports it, is marked
-- by an officer of the venue's department (who and when kept); it is still
-- charged. The invoice basis of a month and the utilisation of a period
-- read the bookings of every venue by status and start: the index holds
-- every column they sum, so a year of a thousand venues is one range of
-- it, the table never read.
ALTER TABLE bookings ADD COLUMN not_used INTEGER NOT NULL DEFAULT 0 CHECK (not_used IN (0, 1));
ALTER TABLE bookings ADD COLUMN not_used_at INTEGER;
ALTER TABLE bookings ADD COLUMN not_used_by INTEGER REFERENCES users (id) ON DELETE SET NULL;
CREATE INDEX bookings_usage ON bookings (status, starts, venue_id, ends, not_used, late,
	association_id, price);
