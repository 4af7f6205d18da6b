-- The public figures of the decided grants (issue 10, transparency) get a
-- generation of their own, 'generation:grants', bumped whenever a decided
-- grant is written, changed or removed: /bidrag/beviljade, /bidrag/statistik
-- and the open data keep what they computed from grant_awards until it
-- changes (src/grants/ledger.c). The register's generation is bumped too,
-- since an association's public page, which the page cache keeps, shows
-- what it has been granted.
INSERT INTO meta VALUES ('generation:grants', 1);
CREATE TRIGGER grant_awards_gen_ai AFTER INSERT ON grant_awards BEGIN
	UPDATE meta SET v = v + 1 WHERE k IN ('generation:grants', 'generation');
END;
CREATE TRIGGER grant_awards_gen_au AFTER UPDATE ON grant_awards BEGIN
	UPDATE meta SET v = v + 1 WHERE k IN ('generation:grants', 'generation');
END;
CREATE TRIGGER grant_awards_gen_ad AFTER DELETE ON grant_awards BEGIN
	UPDATE meta SET v = v + 1 WHERE k IN ('generation:grants', 'generation');
END;
