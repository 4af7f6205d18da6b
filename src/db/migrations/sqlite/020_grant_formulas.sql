-- Computed grants, drafts (issue 10, points 3 and 5). A programme may
-- compute its amount by a formula (a row of grant_formulas, not a CHECK
-- list) with constants of its own: öre per member and per approved
-- activity, or öre per activity occasion with enough participants of the
-- ages counted, reported in an attendance file for a period. The occasions
-- that counted in an application are kept, so that a decision granting it
-- makes them the association's approved activities. A draft is what a
-- representative typed, kept for one association and programme; it is no
-- case, and sending the application deletes it.
CREATE TABLE grant_formulas (
	code TEXT PRIMARY KEY,
	name_sv TEXT NOT NULL,
	name_en TEXT NOT NULL,
	pos INTEGER NOT NULL
) STRICT;
INSERT INTO grant_formulas VALUES
	('medlemmar', 'Per medlem och per godkänd aktivitet', 'Per member and per approved activity', 1),
	('sammankomster', 'Per sammankomst med deltagare i åldersspannet',
	 'Per activity occasion with participants in the age range', 2);

CREATE TABLE grant_programme_formulas (
	programme_id INTEGER PRIMARY KEY REFERENCES grant_programmes (id) ON DELETE CASCADE,
	formula TEXT NOT NULL REFERENCES grant_formulas (code),
	per_member INTEGER CHECK (per_member IS NULL OR per_member >= 0),
	per_activity INTEGER CHECK (per_activity IS NULL OR per_activity >= 0),
	per_occasion INTEGER CHECK (per_occasion IS NULL OR per_occasion >= 0),
	age_min INTEGER CHECK (age_min IS NULL OR age_min BETWEEN 0 AND 120),
	age_max INTEGER CHECK (age_max IS NULL OR age_max BETWEEN 0 AND 120),
	min_participants INTEGER CHECK (min_participants IS NULL OR min_participants >= 1),
	occasions_from TEXT CHECK (occasions_from IS NULL OR length(occasions_from) = 10),
	occasions_to TEXT CHECK (occasions_to IS NULL OR length(occasions_to) = 10)
) STRICT;

CREATE TABLE grant_occasions (
	case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
	line INTEGER NOT NULL,
	day TEXT NOT NULL CHECK (length(day) = 10),
	activity TEXT NOT NULL CHECK (length(activity) BETWEEN 1 AND 200),
	participants INTEGER NOT NULL CHECK (participants >= 1),
	PRIMARY KEY (case_id, line)
) STRICT, WITHOUT ROWID;

CREATE TABLE grant_drafts (
	id INTEGER PRIMARY KEY,
	programme_id INTEGER NOT NULL REFERENCES grant_programmes (id) ON DELETE CASCADE,
	association_id INTEGER NOT NULL REFERENCES associations (id) ON DELETE CASCADE,
	saved_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
	answers TEXT NOT NULL,
	updated INTEGER NOT NULL,
	UNIQUE (association_id, programme_id)
) STRICT;
