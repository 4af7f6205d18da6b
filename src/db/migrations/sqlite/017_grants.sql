-- Grant programmes (issue 10, its first part): each department's programmes
-- with their rules, easy-read text, who may apply, application window,
-- yearly budget in öre, follow-up, own questions and assessment criteria.
-- The kinds of programme and the types of question are rows of tables of
-- their own, not lists in CHECK constraints (issue 7's rule): a new kind is
-- a row, not a migration that rebuilds the table. Dates are ISO 8601 text
-- (YYYY-MM-DD), compared as text on both engines; money is öre in integers.
CREATE TABLE grant_kinds (
	code TEXT PRIMARY KEY,
	name_sv TEXT NOT NULL,
	name_en TEXT NOT NULL,
	pos INTEGER NOT NULL
) STRICT;
INSERT INTO grant_kinds VALUES
	('organisationsbidrag', 'Organisationsbidrag', 'Organisation grant', 1),
	('verksamhetsbidrag', 'Verksamhetsbidrag', 'Operating grant', 2),
	('projektbidrag', 'Projektbidrag', 'Project grant', 3),
	('lokalkostnadsbidrag', 'Lokalkostnadsbidrag', 'Premises cost grant', 4),
	('aktivitetsstod', 'Aktivitetsstöd', 'Activity support', 5);

CREATE TABLE grant_question_types (
	code TEXT PRIMARY KEY,
	name_sv TEXT NOT NULL,
	name_en TEXT NOT NULL,
	pos INTEGER NOT NULL
) STRICT;
INSERT INTO grant_question_types VALUES
	('text', 'Text', 'Text', 1),
	('number', 'Tal', 'Number', 2),
	('choice', 'Val bland alternativ', 'Choice', 3),
	('yesno', 'Ja eller nej', 'Yes or no', 4),
	('file', 'Fil', 'File', 5);

CREATE TABLE grant_programmes (
	id INTEGER PRIMARY KEY,
	department_id INTEGER NOT NULL REFERENCES departments (id),
	slug TEXT NOT NULL UNIQUE CHECK (length(slug) BETWEEN 1 AND 80),
	name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	kind TEXT NOT NULL REFERENCES grant_kinds (code),
	rules_md TEXT NOT NULL DEFAULT '',
	easy_read_md TEXT NOT NULL DEFAULT '',
	informal_allowed INTEGER NOT NULL DEFAULT 0 CHECK (informal_allowed IN (0, 1)),
	opens TEXT NOT NULL CHECK (length(opens) = 10),
	closes TEXT NOT NULL CHECK (length(closes) = 10),
	budget INTEGER NOT NULL CHECK (budget >= 0),
	followup_due TEXT CHECK (followup_due IS NULL OR length(followup_due) = 10),
	created INTEGER NOT NULL,
	updated INTEGER NOT NULL,
	CHECK (closes >= opens)
) STRICT;
CREATE INDEX grant_programmes_window ON grant_programmes (closes, opens);
CREATE INDEX grant_programmes_department ON grant_programmes (department_id, name);

-- Who may apply beyond "an active registered association": when a programme
-- has rows here, only those forms, target groups or areas.
CREATE TABLE grant_programme_forms (
	programme_id INTEGER NOT NULL REFERENCES grant_programmes (id) ON DELETE CASCADE,
	form TEXT NOT NULL CHECK (length(form) BETWEEN 1 AND 40),
	PRIMARY KEY (programme_id, form)
) STRICT, WITHOUT ROWID;
CREATE TABLE grant_programme_groups (
	programme_id INTEGER NOT NULL REFERENCES grant_programmes (id) ON DELETE CASCADE,
	group_id INTEGER NOT NULL REFERENCES target_groups (id),
	PRIMARY KEY (programme_id, group_id)
) STRICT, WITHOUT ROWID;
CREATE TABLE grant_programme_areas (
	programme_id INTEGER NOT NULL REFERENCES grant_programmes (id) ON DELETE CASCADE,
	area_id INTEGER NOT NULL REFERENCES areas (id),
	PRIMARY KEY (programme_id, area_id)
) STRICT, WITHOUT ROWID;

-- The programme's own questions, asked besides the fixed ones of every
-- application; a choice question's alternatives one per line.
CREATE TABLE grant_questions (
	id INTEGER PRIMARY KEY,
	programme_id INTEGER NOT NULL REFERENCES grant_programmes (id) ON DELETE CASCADE,
	pos INTEGER NOT NULL,
	label_sv TEXT NOT NULL CHECK (length(label_sv) BETWEEN 1 AND 200),
	label_en TEXT NOT NULL DEFAULT '',
	type TEXT NOT NULL REFERENCES grant_question_types (code),
	required INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),
	choices TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX grant_questions_programme ON grant_questions (programme_id, pos);

-- What the officer scores each application on.
CREATE TABLE grant_criteria (
	id INTEGER PRIMARY KEY,
	programme_id INTEGER NOT NULL REFERENCES grant_programmes (id) ON DELETE CASCADE,
	pos INTEGER NOT NULL,
	label_sv TEXT NOT NULL CHECK (length(label_sv) BETWEEN 1 AND 200),
	label_en TEXT NOT NULL DEFAULT '',
	max_score INTEGER NOT NULL DEFAULT 5 CHECK (max_score BETWEEN 1 AND 100)
) STRICT;
CREATE INDEX grant_criteria_programme ON grant_criteria (programme_id, pos);

-- An application is a case (type bidragsansokan); this row ties it to the
-- programme, the association and the period applied for (the window's
-- opening day), with the amount asked, so that one association has at most
-- one open application per programme and period and the budget can be
-- summed without reading the cases' payloads.
CREATE TABLE grant_applications (
	case_id INTEGER PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
	programme_id INTEGER NOT NULL REFERENCES grant_programmes (id),
	association_id INTEGER NOT NULL REFERENCES associations (id),
	period TEXT NOT NULL CHECK (length(period) = 10),
	amount INTEGER NOT NULL CHECK (amount >= 0)
) STRICT;
CREATE INDEX grant_applications_programme ON grant_applications (programme_id, association_id, period);
