-- Seasonal allocation (issue 11, point 4): a department's season, the
-- recurring times associations apply for before its deadline, and what
-- the officer allocates. An application is a case (sasongsansokan) with
-- its diarienummer; its wished times are rows of season_wishes, each
-- marked allocated or not on the officer's grid, and deciding the season
-- turns the allocated ones into a booking series of that case
-- (src/venues/season*.c).
CREATE TABLE venue_seasons (
	id INTEGER PRIMARY KEY,
	department_id INTEGER NOT NULL REFERENCES departments (id),
	name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	first_day TEXT NOT NULL CHECK (length(first_day) = 10),
	last_day TEXT NOT NULL CHECK (length(last_day) = 10),
	-- the last day an association may apply, local time
	deadline TEXT NOT NULL CHECK (length(deadline) = 10),
	status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'allocating', 'decided')),
	created INTEGER NOT NULL,
	CHECK (first_day <= last_day)
) STRICT;
CREATE INDEX venue_seasons_department ON venue_seasons (department_id, first_day);

-- One association's application for a season, its case; one an
-- association and season.
CREATE TABLE season_applications (
	case_id INTEGER PRIMARY KEY REFERENCES cases (id),
	season_id INTEGER NOT NULL REFERENCES venue_seasons (id),
	association_id INTEGER NOT NULL REFERENCES associations (id),
	activity TEXT NOT NULL CHECK (length(activity) BETWEEN 1 AND 200),
	participants INTEGER NOT NULL CHECK (participants BETWEEN 1 AND 100000),
	youth INTEGER NOT NULL DEFAULT 0 CHECK (youth IN (0, 1)),
	UNIQUE (season_id, association_id)
) STRICT;

-- A wished weekly time: venue, weekday (1 Monday … 7 Sunday), minutes of
-- the local day. allocated is the officer's mark; series_id the booking
-- series the decision made of it.
CREATE TABLE season_wishes (
	id INTEGER PRIMARY KEY,
	case_id INTEGER NOT NULL REFERENCES season_applications (case_id),
	pos INTEGER NOT NULL CHECK (pos BETWEEN 1 AND 5),
	venue_id INTEGER NOT NULL REFERENCES venues (id),
	weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
	starts_min INTEGER NOT NULL CHECK (starts_min BETWEEN 0 AND 1439),
	ends_min INTEGER NOT NULL CHECK (ends_min BETWEEN 1 AND 1440),
	allocated INTEGER NOT NULL DEFAULT 0 CHECK (allocated IN (0, 1)),
	series_id INTEGER REFERENCES booking_series (id),
	CHECK (starts_min < ends_min),
	UNIQUE (case_id, pos)
) STRICT;
CREATE INDEX season_wishes_venue ON season_wishes (venue_id);
