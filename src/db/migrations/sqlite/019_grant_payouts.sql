-- Payouts (issue 10, point 6, and the reclaim of point 7): the account an
-- association is paid to, the payments of each decided grant, and the
-- payment files handed to the finance system.
--
-- The kinds of account are a table (issue 7's rule), not a CHECK list.
CREATE TABLE account_kinds (
	code TEXT PRIMARY KEY,
	name_sv TEXT NOT NULL,
	name_en TEXT NOT NULL,
	pos INTEGER NOT NULL
) STRICT;
INSERT INTO account_kinds VALUES
	('bankgiro', 'Bankgiro', 'Bankgiro', 1),
	('plusgiro', 'Plusgiro', 'Plusgiro', 2);

-- An association's payout accounts, the current one and those before it.
-- A row is written only when an officer grants the account change's case
-- (case_id), never when a representative types a number; the current row
-- has no end (valid_to NULL), and only one row of an association may lack
-- one.
CREATE TABLE association_accounts (
	id INTEGER PRIMARY KEY,
	association_id INTEGER NOT NULL REFERENCES associations (id),
	kind TEXT NOT NULL REFERENCES account_kinds (code),
	number TEXT NOT NULL CHECK (length(number) BETWEEN 4 AND 12),
	case_id INTEGER REFERENCES cases (id),
	valid_from INTEGER NOT NULL,
	valid_to INTEGER,
	CHECK (valid_to IS NULL OR valid_to >= valid_from)
) STRICT;
CREATE UNIQUE INDEX association_accounts_current ON association_accounts (association_id)
	WHERE valid_to IS NULL;
CREATE INDEX association_accounts_history ON association_accounts (association_id, valid_from);

-- A department's awards, the newest first (its officers' list of them).
CREATE INDEX grant_awards_department_newest ON grant_awards (department_id, id);

-- A payment of a decided grant, in öre: a payout (amount above zero),
-- planned for a day and paid when paid_on is set; or a reclaim of money
-- not used (a negative payout, below zero), which always says why. The
-- balance of an award is its amount less what is paid, plus what is
-- reclaimed.
CREATE TABLE grant_payments (
	id INTEGER PRIMARY KEY,
	award_id INTEGER NOT NULL REFERENCES grant_awards (id),
	amount INTEGER NOT NULL CHECK (amount <> 0),
	due TEXT NOT NULL CHECK (length(due) = 10),
	paid_on TEXT CHECK (paid_on IS NULL OR length(paid_on) = 10),
	reason TEXT CHECK (reason IS NULL OR length(reason) BETWEEN 1 AND 2000),
	created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
	at INTEGER NOT NULL,
	CHECK ((amount > 0 AND reason IS NULL) OR (amount < 0 AND reason IS NOT NULL))
) STRICT;
CREATE INDEX grant_payments_award ON grant_payments (award_id, due);
CREATE INDEX grant_payments_due ON grant_payments (due) WHERE paid_on IS NULL AND amount > 0;

-- A payment file for the finance system: a department's payouts due up to
-- a day that were in no file before.
CREATE TABLE grant_payment_files (
	id INTEGER PRIMARY KEY,
	department_id INTEGER NOT NULL REFERENCES departments (id),
	up_to TEXT NOT NULL CHECK (length(up_to) = 10),
	made_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
	made_by_name TEXT NOT NULL,
	at INTEGER NOT NULL
) STRICT;
CREATE INDEX grant_payment_files_department ON grant_payment_files (department_id, at);

-- A file's rows as they were written, so it reads the same when fetched
-- again after an account or a name has changed. A payment is in at most
-- one file: its id is the key.
CREATE TABLE grant_payment_file_rows (
	payment_id INTEGER PRIMARY KEY REFERENCES grant_payments (id),
	file_id INTEGER NOT NULL REFERENCES grant_payment_files (id),
	orgnr TEXT NOT NULL,
	account_kind TEXT NOT NULL REFERENCES account_kinds (code),
	account_number TEXT NOT NULL,
	amount INTEGER NOT NULL CHECK (amount > 0),
	diarienummer TEXT NOT NULL,
	association TEXT NOT NULL,
	due TEXT NOT NULL CHECK (length(due) = 10)
) STRICT;
CREATE INDEX grant_payment_file_rows_file ON grant_payment_file_rows (file_id, payment_id);
