-- The register's order as a number (see the SQLite migration 011): pos is
-- the association's place in Swedish order, spaced 2^40 apart so that a new
-- or renamed association takes a number between its neighbours
-- (src/register/order.c); tags are the filters it matches (_f<form>,
-- _a<area id>, _g<group id>), read by the list to name its areas and groups
-- without a query per row.
ALTER TABLE associations ADD COLUMN pos bigint;
ALTER TABLE associations ADD COLUMN tags text NOT NULL DEFAULT '';
-- The indexes before the rows are filled: an index made after rows were
-- updated in the same transaction is marked to wait for every older
-- snapshot (pg_index.indcheckxmin), and until the oldest running
-- transaction anywhere on the server ends, the planner reads the list by a
-- whole-table scan (seen: 200 ms a page instead of 0.2).
CREATE UNIQUE INDEX associations_pos ON associations (pos);
DROP INDEX associations_listed;
CREATE INDEX associations_listed ON associations (pos) WHERE public = 1 AND active = 1;
CREATE INDEX associations_sort ON associations (sort_key, id);
-- a form's associations in order: names often carry the form ("Stiftelsen
-- …"), so a form's hits lie together and walking the whole list for them
-- read 66 000 rows to find the first 50 stiftelser
CREATE INDEX associations_listed_form ON associations (form, pos) WHERE public = 1 AND active = 1;
UPDATE associations a SET pos = r.r * 1099511627776
	FROM (SELECT id, row_number() OVER (ORDER BY sort_key, id) AS r FROM associations) r
	WHERE a.id = r.id;
UPDATE associations a SET tags = '_f' || a.form
	|| coalesce((SELECT string_agg(' _a' || x.area_id, '' ORDER BY x.area_id)
		FROM association_areas x WHERE x.association_id = a.id), '')
	|| coalesce((SELECT string_agg(' _g' || y.group_id, '' ORDER BY y.group_id)
		FROM association_groups y WHERE y.association_id = a.id), '');
-- the planner's figures for the new columns at once, not when autovacuum comes by
ANALYZE associations;
