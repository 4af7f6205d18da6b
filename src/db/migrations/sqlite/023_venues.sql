-- Venue booking (issue 11): the city's premises, when they may be booked
-- and at what price, and the bookings. A venue may be split: its parts are
-- venues whose parent is the whole. What keeps a venue from being
-- double-booked is venue_holds, one row per booking and leaf — a venue
-- without parts is its own leaf, a whole's leaves are its parts — so that
-- booking the whole holds every part and a part holds only itself, and two
-- holds of one leaf never overlap. PostgreSQL enforces that with an
-- exclusion constraint; here the booking's transaction checks it after
-- BEGIN IMMEDIATE, which serialises writers (src/venues/holds.c).
CREATE TABLE venue_types (
	code TEXT PRIMARY KEY,
	name_sv TEXT NOT NULL,
	name_en TEXT NOT NULL,
	pos INTEGER NOT NULL
) STRICT;
INSERT INTO venue_types VALUES
	('idrottshall', 'Idrottshall', 'Sports hall', 1),
	('gymnastiksal', 'Gymnastiksal', 'School gym', 2),
	('moteslokal', 'Möteslokal', 'Meeting room', 3),
	('samlingssal', 'Samlingssal', 'Assembly hall', 4),
	('replokal', 'Replokal', 'Rehearsal room', 5);

-- The price categories: ordinary, association, and youth association
-- (nolltaxa), which an association gets only when its register data makes
-- it eligible (venue_youth_rules).
CREATE TABLE price_categories (
	code TEXT PRIMARY KEY,
	name_sv TEXT NOT NULL,
	name_en TEXT NOT NULL,
	pos INTEGER NOT NULL
) STRICT;
INSERT INTO price_categories VALUES
	('ordinarie', 'Ordinarie', 'Ordinary', 1),
	('forening', 'Förening', 'Association', 2),
	('ungdom', 'Ungdomsförening (nolltaxa)', 'Youth association (zero rate)', 3);

CREATE TABLE venues (
	id INTEGER PRIMARY KEY,
	parent_id INTEGER REFERENCES venues (id),
	department_id INTEGER NOT NULL REFERENCES departments (id),
	type TEXT NOT NULL REFERENCES venue_types (code),
	name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	sort_key TEXT NOT NULL,
	address TEXT NOT NULL DEFAULT '' CHECK (length(address) <= 200),
	area_id INTEGER REFERENCES areas (id),
	capacity INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 100000),
	step_free INTEGER NOT NULL DEFAULT 0 CHECK (step_free IN (0, 1)),
	accessible_toilet INTEGER NOT NULL DEFAULT 0 CHECK (accessible_toilet IN (0, 1)),
	hearing_loop INTEGER NOT NULL DEFAULT 0 CHECK (hearing_loop IN (0, 1)),
	lift INTEGER NOT NULL DEFAULT 0 CHECK (lift IN (0, 1)),
	equipment TEXT NOT NULL DEFAULT '' CHECK (length(equipment) <= 2000),
	description TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
	-- 1: a request is a case an officer approves; 0: confirmed at once
	approval INTEGER NOT NULL DEFAULT 1 CHECK (approval IN (0, 1)),
	-- a cancellation later than this many hours before the start is late,
	-- and still charged
	cancel_hours INTEGER NOT NULL DEFAULT 48 CHECK (cancel_hours BETWEEN 0 AND 720),
	active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created INTEGER NOT NULL,
	CHECK (parent_id IS NULL OR parent_id <> id)
) STRICT;
CREATE INDEX venues_listed ON venues (sort_key, id) WHERE active = 1;
CREATE INDEX venues_parent ON venues (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX venues_area ON venues (area_id, sort_key);
CREATE INDEX venues_department ON venues (department_id);

-- When a venue may be booked: one span a weekday (1 Monday … 7 Sunday),
-- minutes from midnight, local time. A weekday without a row is closed.
CREATE TABLE venue_hours (
	venue_id INTEGER NOT NULL REFERENCES venues (id) ON DELETE CASCADE,
	weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
	opens INTEGER NOT NULL CHECK (opens BETWEEN 0 AND 1439),
	closes INTEGER NOT NULL CHECK (closes BETWEEN 1 AND 1440),
	CHECK (opens < closes),
	PRIMARY KEY (venue_id, weekday)
) STRICT, WITHOUT ROWID;

-- Days a venue is closed (holidays, maintenance).
CREATE TABLE venue_closed (
	venue_id INTEGER NOT NULL REFERENCES venues (id) ON DELETE CASCADE,
	day TEXT NOT NULL CHECK (length(day) = 10),
	reason TEXT NOT NULL DEFAULT '' CHECK (length(reason) <= 200),
	PRIMARY KEY (venue_id, day)
) STRICT, WITHOUT ROWID;

-- The price of an hour in öre, per category; a category without a row
-- cannot book the venue.
CREATE TABLE venue_prices (
	venue_id INTEGER NOT NULL REFERENCES venues (id) ON DELETE CASCADE,
	category TEXT NOT NULL REFERENCES price_categories (code),
	per_hour INTEGER NOT NULL CHECK (per_hour BETWEEN 0 AND 100000000),
	PRIMARY KEY (venue_id, category)
) STRICT, WITHOUT ROWID;

-- Nolltaxa: a department lets an association book its venues at the youth
-- price when at least share_pct per cent of the members its latest yearly
-- update gave are aged 7–25 (associations.youth_members).
CREATE TABLE venue_youth_rules (
	department_id INTEGER PRIMARY KEY REFERENCES departments (id),
	share_pct INTEGER NOT NULL CHECK (share_pct BETWEEN 1 AND 100)
) STRICT;
ALTER TABLE associations ADD COLUMN youth_members INTEGER
	CHECK (youth_members IS NULL OR youth_members >= 0);

-- A recurring series: the rule it was made from; its occurrences are
-- bookings.
CREATE TABLE booking_series (
	id INTEGER PRIMARY KEY,
	venue_id INTEGER NOT NULL REFERENCES venues (id),
	association_id INTEGER NOT NULL REFERENCES associations (id),
	weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
	starts_min INTEGER NOT NULL CHECK (starts_min BETWEEN 0 AND 1439),
	ends_min INTEGER NOT NULL CHECK (ends_min BETWEEN 1 AND 1440),
	first_day TEXT NOT NULL CHECK (length(first_day) = 10),
	last_day TEXT NOT NULL CHECK (length(last_day) = 10),
	at INTEGER NOT NULL
) STRICT;

-- One booking of one venue (or one occurrence of a series): times are Unix
-- seconds, shown in Stockholm time. status: pending (a request an officer
-- decides, case_id its case), confirmed, declined or cancelled; only
-- pending and confirmed bookings hold their time. price is what it costs
-- in öre at the category it was booked at; a late cancellation keeps it
-- charged (late = 1).
CREATE TABLE bookings (
	id INTEGER PRIMARY KEY,
	venue_id INTEGER NOT NULL REFERENCES venues (id),
	association_id INTEGER NOT NULL REFERENCES associations (id),
	booked_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
	series_id INTEGER REFERENCES booking_series (id),
	case_id INTEGER REFERENCES cases (id),
	starts INTEGER NOT NULL,
	ends INTEGER NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'declined', 'cancelled')),
	category TEXT NOT NULL REFERENCES price_categories (code),
	price INTEGER NOT NULL CHECK (price >= 0),
	activity TEXT NOT NULL CHECK (length(activity) BETWEEN 1 AND 200),
	participants INTEGER NOT NULL CHECK (participants BETWEEN 1 AND 100000),
	youth INTEGER NOT NULL DEFAULT 0 CHECK (youth IN (0, 1)),
	-- the association's name is shown on the public calendar
	show_name INTEGER NOT NULL DEFAULT 0 CHECK (show_name IN (0, 1)),
	late INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
	cancelled_at INTEGER,
	at INTEGER NOT NULL,
	CHECK (starts < ends AND ends - starts <= 86400)
) STRICT;
CREATE INDEX bookings_venue ON bookings (venue_id, starts);
CREATE INDEX bookings_association ON bookings (association_id, starts);
CREATE INDEX bookings_series ON bookings (series_id) WHERE series_id IS NOT NULL;
CREATE INDEX bookings_case ON bookings (case_id) WHERE case_id IS NOT NULL;

-- The time a pending or confirmed booking holds, per leaf of its venue. A
-- booking lasts at most a day (the CHECK above), so an overlap search
-- needs only the holds that start within a day before.
CREATE TABLE venue_holds (
	booking_id INTEGER NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
	leaf_id INTEGER NOT NULL REFERENCES venues (id),
	starts INTEGER NOT NULL,
	ends INTEGER NOT NULL,
	PRIMARY KEY (booking_id, leaf_id)
) STRICT, WITHOUT ROWID;
-- a leaf's holds by start, with their ends: the overlap check and the
-- free-time search read them from the index alone
CREATE INDEX venue_holds_leaf ON venue_holds (leaf_id, starts, ends);
