-- Settings an administrator changes at /admin/installningar, one row each.
-- register_department: the code of the department that keeps the register
-- and receives its e-services. An install that already has FRI keeps it.
CREATE TABLE settings (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;
INSERT INTO settings (key, value)
	SELECT 'register_department', code FROM departments WHERE code = 'FRI';
