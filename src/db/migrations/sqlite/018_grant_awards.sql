-- Decided grants (issue 10, assessment and decision): the officer's scores
-- per criterion, the amount a committee is proposed to grant, and one row
-- per decided grant — the award — that payouts, follow-up reports and the
-- public figures read. An IOP agreement's yearly amounts are awards too
-- (kind 'iop', a kind no programme may have).
ALTER TABLE grant_kinds ADD COLUMN programmes INTEGER NOT NULL DEFAULT 1
	CHECK (programmes IN (0, 1));
INSERT INTO grant_kinds (code, name_sv, name_en, pos, programmes)
	VALUES ('iop', 'IOP-avtal', 'IOP agreement', 6, 0);

CREATE TABLE grant_scores (
	case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
	criterion_id INTEGER NOT NULL REFERENCES grant_criteria (id) ON DELETE CASCADE,
	score INTEGER NOT NULL CHECK (score >= 0),
	note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 4000),
	scored_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
	at INTEGER NOT NULL,
	PRIMARY KEY (case_id, criterion_id)
) STRICT, WITHOUT ROWID;

-- What the officer proposes the committee grant (öre); NULL: none yet.
ALTER TABLE grant_applications ADD COLUMN proposed INTEGER
	CHECK (proposed IS NULL OR proposed >= 0);

-- A decided grant: what the city gives one association, from which
-- department, of which kind, for which year. case_id is the application's
-- (or the IOP agreement's) case; NULL only for history decided before
-- samverka and imported. override_reason is set when the grant took the
-- programme past its budget, which only an explicit override may.
CREATE TABLE grant_awards (
	id INTEGER PRIMARY KEY,
	case_id INTEGER REFERENCES cases (id),
	programme_id INTEGER REFERENCES grant_programmes (id),
	department_id INTEGER NOT NULL REFERENCES departments (id),
	kind TEXT NOT NULL REFERENCES grant_kinds (code),
	association_id INTEGER NOT NULL REFERENCES associations (id),
	year INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2200),
	amount INTEGER NOT NULL CHECK (amount >= 0),
	decided_on TEXT NOT NULL CHECK (length(decided_on) = 10),
	reference TEXT NOT NULL DEFAULT '',
	override_reason TEXT CHECK (override_reason IS NULL OR length(override_reason) BETWEEN 1 AND 2000),
	at INTEGER NOT NULL,
	UNIQUE (case_id, year)
) STRICT;
CREATE INDEX grant_awards_programme ON grant_awards (programme_id, year);
CREATE INDEX grant_awards_year ON grant_awards (year, department_id, kind);
CREATE INDEX grant_awards_association ON grant_awards (association_id, year);
