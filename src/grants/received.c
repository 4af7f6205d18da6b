/* What an association has been granted, year by year: the section the
 * grant system adds to the association's public page in the register
 * (register_detail_sections, filled in src/routes.c). */
#include "grants/transparency.h"
#include "db/kept.h"
#include "grants/received.tpl.h"

#include <string.h>

static struct dbq Q_RECEIVED = {
        "SELECT w.year, coalesce(p.name, ''), k.name_sv, k.name_en, d.name_sv, d.name_en, "
        "w.amount FROM grant_awards w JOIN departments d ON d.id = w.department_id "
        "JOIN grant_kinds k ON k.code = w.kind LEFT JOIN grant_programmes p "
        "ON p.id = w.programme_id WHERE w.association_id = $1 ORDER BY w.year DESC, w.id DESC",
        NULL, 0};

/* Every association granted anything, kept per 'generation:grants': most
 * of the register's associations have never been granted, and their page
 * then needs no round trip for this section. */
static struct dbq Q_GRANTED = {
        "SELECT DISTINCT association_id FROM grant_awards ORDER BY association_id", NULL, 0};

static struct kept_value *
granted_load(struct db *db, int64_t gen)
{
	return kept_ids_load(db, gen, &Q_GRANTED);
}

static struct kept granted = KEPT_INIT("generation:grants", granted_load);

/* Writes the section for the association into out: nothing when it has
 * been granted nothing. 0, or -1 on a database error. */
int
grants_association_section(struct req *r, int64_t association_id, struct buf *out)
{
	int any = kept_ids_has(&granted, r->db, association_id);
	if (any <= 0)
		return any;
	struct dbcur c;
	if (db_query(r->db, &c, &Q_RECEIVED, DB_ARGS(DB_INT(association_id))) != DB_OK)
		return -1;
	size_t n = 0, cap = 0, nyears = 0, ycap = 0;
	struct grant_received *rows = NULL;
	struct grant_year *years = NULL;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		rows = arena_grow(&r->a, rows, n, &cap, sizeof(*rows));
		struct grant_received *x = &rows[n++];
		*x = (struct grant_received){(int)db_col_int(&c, 0),
		                             arena_strdup(&r->a, db_col_text(&c, 1)),
		                             {arena_strdup(&r->a, db_col_text(&c, 2)),
		                              arena_strdup(&r->a, db_col_text(&c, 3))},
		                             {arena_strdup(&r->a, db_col_text(&c, 4)),
		                              arena_strdup(&r->a, db_col_text(&c, 5))},
		                             db_col_int(&c, 6)};
		if (!nyears || years[nyears - 1].year != x->year) {
			years = arena_grow(&r->a, years, nyears, &ycap, sizeof(*years));
			years[nyears++] = (struct grant_year){x->year, 0, 0};
		}
		years[nyears - 1].sum += x->amount;
		years[nyears - 1].count++;
	}
	db_done(&c);
	if (rc < 0)
		return -1;
	if (n)
		tpl_grants_received(out, &r->p, rows, n, years, nyears);
	return 0;
}
