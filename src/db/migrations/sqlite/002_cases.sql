-- Cases (ärenden): one way in for every request, with diarienummer, status,
-- an append-only trail, messages, documents, a decision; and the mail outbox.
CREATE TABLE case_serials (
	department_id INTEGER NOT NULL REFERENCES departments (id),
	year INTEGER NOT NULL,
	last INTEGER NOT NULL,
	PRIMARY KEY (department_id, year)
) STRICT;

CREATE TABLE cases (
	id INTEGER PRIMARY KEY,
	diarienummer TEXT NOT NULL UNIQUE,
	department_id INTEGER NOT NULL REFERENCES departments (id),
	year INTEGER NOT NULL,
	serial INTEGER NOT NULL,
	type TEXT NOT NULL CHECK (type IN ('registrering','arsuppdatering','bidrag','lokalbokning','samverkansstod')),
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
CREATE INDEX cases_inbox ON cases (department_id, status, created);
CREATE INDEX cases_association ON cases (association_id, created);
CREATE INDEX cases_applicant ON cases (applicant_id, created);
CREATE INDEX cases_diary ON cases (created, id);

CREATE TABLE case_events (
	id INTEGER PRIMARY KEY,
	case_id INTEGER NOT NULL REFERENCES cases (id),
	at INTEGER NOT NULL,
	actor_id INTEGER, -- no foreign key: the trail outlives accounts and never changes
	actor_name TEXT NOT NULL,
	kind TEXT NOT NULL,
	detail TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX case_events_case ON case_events (case_id, id);
CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events BEGIN
	SELECT RAISE(ABORT, 'the audit trail cannot be changed');
END;
CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events BEGIN
	SELECT RAISE(ABORT, 'the audit trail cannot be changed');
END;

CREATE TABLE case_messages (
	id INTEGER PRIMARY KEY,
	case_id INTEGER NOT NULL REFERENCES cases (id),
	author_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
	author_name TEXT NOT NULL,
	from_officer INTEGER NOT NULL,
	at INTEGER NOT NULL,
	body TEXT NOT NULL,
	read_at INTEGER
) STRICT;
CREATE INDEX case_messages_case ON case_messages (case_id, id);

CREATE TABLE case_documents (
	id INTEGER PRIMARY KEY,
	case_id INTEGER NOT NULL REFERENCES cases (id),
	uploader_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
	uploader_name TEXT NOT NULL,
	at INTEGER NOT NULL,
	kind TEXT NOT NULL,
	filename TEXT NOT NULL,
	content_type TEXT NOT NULL,
	size INTEGER NOT NULL,
	storage_name TEXT NOT NULL UNIQUE
) STRICT;
CREATE INDEX case_documents_case ON case_documents (case_id, id);

CREATE TABLE case_decisions (
	case_id INTEGER PRIMARY KEY REFERENCES cases (id),
	outcome TEXT NOT NULL CHECK (outcome IN ('bifall','avslag','delvis')),
	reasoning TEXT NOT NULL,
	decided_by TEXT NOT NULL,
	decided_by_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
	decided_on TEXT NOT NULL,
	reference TEXT NOT NULL,
	at INTEGER NOT NULL
) STRICT;

CREATE TABLE outbox (
	id INTEGER PRIMARY KEY,
	to_addr TEXT NOT NULL,
	subject TEXT NOT NULL,
	body TEXT NOT NULL,
	created INTEGER NOT NULL,
	attempts INTEGER NOT NULL DEFAULT 0,
	next_try INTEGER NOT NULL,
	sent_at INTEGER,
	last_error TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX outbox_due ON outbox (next_try) WHERE sent_at IS NULL;

ALTER TABLE associations ADD COLUMN last_update INTEGER;

CREATE TABLE invitations (
	id INTEGER PRIMARY KEY,
	association_id INTEGER NOT NULL REFERENCES associations (id) ON DELETE CASCADE,
	email TEXT NOT NULL,
	token_hash TEXT NOT NULL UNIQUE,
	invited_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
	created INTEGER NOT NULL,
	accepted_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
	accepted_at INTEGER
) STRICT;
