-- Content domains: the public diary (/diarium) gets a generation of its own,
-- so that a new or changed case empties the diary's cached pages and leaves
-- the register's in place (its generation is the row 'generation', bumped by
-- the triggers on the register's tables). Bumped on what the diary shows or
-- may show: a case's arrival, status, title, confidentiality and date, a
-- case removed, a department's name.
INSERT INTO meta VALUES ('generation:diarium', 1);
CREATE TRIGGER cases_diarium_ai AFTER INSERT ON cases BEGIN
	UPDATE meta SET v = v + 1 WHERE k = 'generation:diarium';
END;
CREATE TRIGGER cases_diarium_au AFTER UPDATE OF status, title, confidential, created ON cases BEGIN
	UPDATE meta SET v = v + 1 WHERE k = 'generation:diarium';
END;
CREATE TRIGGER cases_diarium_ad AFTER DELETE ON cases BEGIN
	UPDATE meta SET v = v + 1 WHERE k = 'generation:diarium';
END;
CREATE TRIGGER departments_diarium_au AFTER UPDATE OF name_sv, name_en ON departments BEGIN
	UPDATE meta SET v = v + 1 WHERE k = 'generation:diarium';
END;
