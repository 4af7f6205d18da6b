-- Venue utilisation and the invoice basis (issue 11, point 9). A confirmed
-- booking whose time was not used, as the caretaker reports it, is marked
-- by an officer of the venue's department (who and when kept); it is still
-- charged. The invoice basis of a month and the utilisation of a period
-- read the bookings of every venue by start, hence the index on starts.
ALTER TABLE bookings ADD COLUMN not_used INTEGER NOT NULL DEFAULT 0 CHECK (not_used IN (0, 1));
ALTER TABLE bookings ADD COLUMN not_used_at INTEGER;
ALTER TABLE bookings ADD COLUMN not_used_by INTEGER REFERENCES users (id) ON DELETE SET NULL;
CREATE INDEX bookings_starts ON bookings (starts);
