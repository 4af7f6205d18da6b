-- Core: departments, areas, target groups, associations, accounts, sessions.
CREATE TABLE meta (k TEXT PRIMARY KEY, v INTEGER NOT NULL) STRICT;
INSERT INTO meta VALUES ('generation', 1);

CREATE TABLE departments (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name_sv TEXT NOT NULL,
	name_en TEXT NOT NULL,
	committee TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE areas (
	id INTEGER PRIMARY KEY,
	slug TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL
) STRICT;

CREATE TABLE target_groups (
	id INTEGER PRIMARY KEY,
	slug TEXT NOT NULL UNIQUE,
	name_sv TEXT NOT NULL,
	name_en TEXT NOT NULL
) STRICT;

CREATE TABLE associations (
	id INTEGER PRIMARY KEY,
	orgnr TEXT UNIQUE,
	name TEXT NOT NULL,
	sort_key TEXT NOT NULL,
	form TEXT NOT NULL CHECK (form IN ('ideell','stiftelse','trossamfund','ekonomisk','informell')),
	purpose TEXT NOT NULL DEFAULT '',
	email TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	website TEXT NOT NULL DEFAULT '',
	founded INTEGER,
	members INTEGER,
	active INTEGER NOT NULL DEFAULT 1,
	public INTEGER NOT NULL DEFAULT 1,
	created INTEGER NOT NULL,
	updated INTEGER NOT NULL,
	CHECK (orgnr IS NOT NULL OR form = 'informell')
) STRICT;
CREATE INDEX associations_listed ON associations (sort_key, id) WHERE public = 1 AND active = 1;
CREATE INDEX associations_informal ON associations (orgnr, name);
CREATE INDEX associations_public_ids ON associations (id) WHERE public = 1 AND active = 1;

CREATE TABLE association_areas (
	association_id INTEGER NOT NULL REFERENCES associations (id) ON DELETE CASCADE,
	area_id INTEGER NOT NULL REFERENCES areas (id),
	PRIMARY KEY (association_id, area_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX association_areas_area ON association_areas (area_id, association_id);

CREATE TABLE association_groups (
	association_id INTEGER NOT NULL REFERENCES associations (id) ON DELETE CASCADE,
	group_id INTEGER NOT NULL REFERENCES target_groups (id),
	PRIMARY KEY (association_id, group_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX association_groups_group ON association_groups (group_id, association_id);

CREATE VIRTUAL TABLE associations_fts USING fts5 (
	name, purpose, content = 'associations', content_rowid = 'id',
	tokenize = 'unicode61'
);
CREATE TRIGGER associations_ai AFTER INSERT ON associations BEGIN
	INSERT INTO associations_fts (rowid, name, purpose) VALUES (new.id, new.name, new.purpose);
	UPDATE meta SET v = v + 1 WHERE k = 'generation';
END;
CREATE TRIGGER associations_ad AFTER DELETE ON associations BEGIN
	INSERT INTO associations_fts (associations_fts, rowid, name, purpose)
		VALUES ('delete', old.id, old.name, old.purpose);
	UPDATE meta SET v = v + 1 WHERE k = 'generation';
END;
CREATE TRIGGER associations_au AFTER UPDATE ON associations BEGIN
	INSERT INTO associations_fts (associations_fts, rowid, name, purpose)
		VALUES ('delete', old.id, old.name, old.purpose);
	INSERT INTO associations_fts (rowid, name, purpose) VALUES (new.id, new.name, new.purpose);
	UPDATE meta SET v = v + 1 WHERE k = 'generation';
END;
CREATE TRIGGER association_areas_ai AFTER INSERT ON association_areas BEGIN
	UPDATE meta SET v = v + 1 WHERE k = 'generation';
END;
CREATE TRIGGER association_areas_ad AFTER DELETE ON association_areas BEGIN
	UPDATE meta SET v = v + 1 WHERE k = 'generation';
END;
CREATE TRIGGER association_groups_ai AFTER INSERT ON association_groups BEGIN
	UPDATE meta SET v = v + 1 WHERE k = 'generation';
END;
CREATE TRIGGER association_groups_ad AFTER DELETE ON association_groups BEGIN
	UPDATE meta SET v = v + 1 WHERE k = 'generation';
END;
CREATE TRIGGER areas_ai AFTER INSERT ON areas BEGIN
	UPDATE meta SET v = v + 1 WHERE k = 'generation';
END;
CREATE TRIGGER areas_au AFTER UPDATE ON areas BEGIN
	UPDATE meta SET v = v + 1 WHERE k = 'generation';
END;
CREATE TRIGGER target_groups_ai AFTER INSERT ON target_groups BEGIN
	UPDATE meta SET v = v + 1 WHERE k = 'generation';
END;
CREATE TRIGGER target_groups_au AFTER UPDATE ON target_groups BEGIN
	UPDATE meta SET v = v + 1 WHERE k = 'generation';
END;

CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	email TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	password_hash TEXT NOT NULL,
	active INTEGER NOT NULL DEFAULT 1,
	created INTEGER NOT NULL
) STRICT;

CREATE TABLE user_roles (
	id INTEGER PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	role TEXT NOT NULL CHECK (role IN ('admin','officer','moderator','coordinator','representative')),
	department_id INTEGER REFERENCES departments (id),
	area_id INTEGER REFERENCES areas (id),
	association_id INTEGER REFERENCES associations (id) ON DELETE CASCADE
) STRICT;
CREATE INDEX user_roles_user ON user_roles (user_id);

CREATE TABLE sessions (
	id_hash TEXT PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	created INTEGER NOT NULL,
	seen INTEGER NOT NULL
) STRICT;

CREATE TABLE login_failures (
	email TEXT NOT NULL,
	at INTEGER NOT NULL
) STRICT;
CREATE INDEX login_failures_email ON login_failures (email, at);
