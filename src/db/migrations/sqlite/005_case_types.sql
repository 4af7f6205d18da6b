-- rebuild: foreign keys off
-- A case type is declared by its e-service (src/eservices.c lists them), not
-- by the schema: cases.type loses the CHECK that named the types. SQLite
-- cannot drop a constraint, so the table is made anew and the rows copied
-- (the runner turns foreign keys off around it and checks them before the
-- commit, as SQLite's ALTER TABLE page describes).

CREATE TABLE cases_new (
	id INTEGER PRIMARY KEY,
	diarienummer TEXT NOT NULL UNIQUE,
	department_id INTEGER NOT NULL REFERENCES departments (id),
	year INTEGER NOT NULL,
	serial INTEGER NOT NULL,
	type TEXT NOT NULL CHECK (length(type) BETWEEN 1 AND 40),
	status TEXT NOT NULL CHECK (status IN ('inkommen','handlaggning','komplettering','beslutad','avslutad','aterkallad')),
	title TEXT NOT NULL,
	confidential INTEGER NOT NULL DEFAULT 0,
	association_id INTEGER REFERENCES associations (id),
	applicant_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
	officer_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
	payload TEXT NOT NULL DEFAULT '{}',
	created INTEGER NOT NULL,
	updated INTEGER NOT NULL,
	UNIQUE (department_id, year, serial)
) STRICT;
INSERT INTO cases_new SELECT id, diarienummer, department_id, year, serial, type, status, title,
	confidential, association_id, applicant_id, officer_id, payload, created, updated FROM cases;
DROP TABLE cases;
ALTER TABLE cases_new RENAME TO cases;
CREATE INDEX cases_inbox ON cases (department_id, status, created);
CREATE INDEX cases_association ON cases (association_id, created);
CREATE INDEX cases_applicant ON cases (applicant_id, created);
CREATE INDEX cases_diary ON cases (created, id);
CREATE INDEX cases_type ON cases (type, department_id);
