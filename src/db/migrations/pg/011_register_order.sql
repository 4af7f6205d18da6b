-- The register's order as a number (see the SQLite migration 011): pos is
-- the association's place in Swedish order, spaced 2^40 apart so that a new
-- or renamed association takes a number between its neighbours
-- (src/register/order.c); tags are the filters it matches (_f<form>,
-- _a<area id>, _g<group id>), read by the list to name its areas and groups
-- without a query per row.
ALTER TABLE associations ADD COLUMN pos bigint;
ALTER TABLE associations ADD COLUMN tags text NOT NULL DEFAULT '';
UPDATE associations a SET pos = r.r * 1099511627776
	FROM (SELECT id, row_number() OVER (ORDER BY sort_key, id) AS r FROM associations) r
	WHERE a.id = r.id;
UPDATE associations a SET tags = '_f' || a.form
	|| coalesce((SELECT string_agg(' _a' || x.area_id, '' ORDER BY x.area_id)
		FROM association_areas x WHERE x.association_id = a.id), '')
	|| coalesce((SELECT string_agg(' _g' || y.group_id, '' ORDER BY y.group_id)
		FROM association_groups y WHERE y.association_id = a.id), '');
CREATE UNIQUE INDEX associations_pos ON associations (pos);
DROP INDEX associations_listed;
CREATE INDEX associations_listed ON associations (pos) WHERE public = 1 AND active = 1;
CREATE INDEX associations_sort ON associations (sort_key, id);
