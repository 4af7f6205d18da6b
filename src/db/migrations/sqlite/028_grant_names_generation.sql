-- The names the public grant pages give departments and kinds of grant are
-- kept with the ledger of decided grants (src/grants/ledger.c), so that a
-- list page reads only its own rows: a department or kind written, changed
-- or removed bumps 'generation:grants' as a decided grant does.
CREATE TRIGGER departments_grants_ai AFTER INSERT ON departments BEGIN
	UPDATE meta SET v = v + 1 WHERE k = 'generation:grants';
END;
CREATE TRIGGER departments_grants_au AFTER UPDATE ON departments BEGIN
	UPDATE meta SET v = v + 1 WHERE k = 'generation:grants';
END;
CREATE TRIGGER departments_grants_ad AFTER DELETE ON departments BEGIN
	UPDATE meta SET v = v + 1 WHERE k = 'generation:grants';
END;
CREATE TRIGGER grant_kinds_grants_ai AFTER INSERT ON grant_kinds BEGIN
	UPDATE meta SET v = v + 1 WHERE k = 'generation:grants';
END;
CREATE TRIGGER grant_kinds_grants_au AFTER UPDATE ON grant_kinds BEGIN
	UPDATE meta SET v = v + 1 WHERE k = 'generation:grants';
END;
CREATE TRIGGER grant_kinds_grants_ad AFTER DELETE ON grant_kinds BEGIN
	UPDATE meta SET v = v + 1 WHERE k = 'generation:grants';
END;
