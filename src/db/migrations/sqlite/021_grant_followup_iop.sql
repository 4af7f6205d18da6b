-- Follow-up reports and IOP agreements (issue 10, points 7 and 8).
--
-- A decided grant of a programme with followup_due owes a report due on
-- that day; the report is a case of its own (type aterrapport) tied here to
-- the award it reports on. The reminders mailed about it are recorded, one
-- row per award and kind, so each is sent once however often the sweep
-- runs. The kinds of reminder are rows, not a CHECK list.
CREATE TABLE grant_reminder_kinds (
	code TEXT PRIMARY KEY,
	name_sv TEXT NOT NULL,
	name_en TEXT NOT NULL,
	pos INTEGER NOT NULL
) STRICT;
INSERT INTO grant_reminder_kinds VALUES
	('snart', 'Återrapporten ska lämnas snart', 'The report is due soon', 1),
	('forsenad', 'Återrapporten är försenad', 'The report is overdue', 2);

CREATE TABLE grant_followups (
	case_id INTEGER PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
	award_id INTEGER NOT NULL REFERENCES grant_awards (id)
) STRICT;
CREATE INDEX grant_followups_award ON grant_followups (award_id);

CREATE TABLE grant_followup_reminders (
	award_id INTEGER NOT NULL REFERENCES grant_awards (id),
	kind TEXT NOT NULL REFERENCES grant_reminder_kinds (code),
	sent_at INTEGER NOT NULL,
	PRIMARY KEY (award_id, kind)
) STRICT, WITHOUT ROWID;

-- An IOP agreement is a case (type iop); its intake (the four conditions
-- with their justifications, parties, purpose, period, yearly amount) is
-- the case's payload. Each version of the agreement's text is kept: a new
-- version is a new row, and the rows cannot be changed or removed.
CREATE TABLE iop_versions (
	id INTEGER PRIMARY KEY,
	case_id INTEGER NOT NULL REFERENCES cases (id),
	version INTEGER NOT NULL CHECK (version >= 1),
	body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 100000),
	author_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
	author_name TEXT NOT NULL,
	at INTEGER NOT NULL,
	UNIQUE (case_id, version)
) STRICT;
CREATE TRIGGER iop_versions_no_update BEFORE UPDATE ON iop_versions BEGIN
	SELECT RAISE(ABORT, 'a version of an agreement cannot be changed');
END;
CREATE TRIGGER iop_versions_no_delete BEFORE DELETE ON iop_versions BEGIN
	SELECT RAISE(ABORT, 'a version of an agreement cannot be changed');
END;

-- The follow-up meetings of an agreement, with their notes.
CREATE TABLE iop_meetings (
	id INTEGER PRIMARY KEY,
	case_id INTEGER NOT NULL REFERENCES cases (id),
	held_on TEXT NOT NULL CHECK (length(held_on) = 10),
	notes TEXT NOT NULL CHECK (length(notes) BETWEEN 1 AND 20000),
	author_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
	author_name TEXT NOT NULL,
	at INTEGER NOT NULL
) STRICT;
CREATE INDEX iop_meetings_case ON iop_meetings (case_id, held_on);

-- The department's awards, for its list of overdue reports.
CREATE INDEX grant_awards_department ON grant_awards (department_id, programme_id);
