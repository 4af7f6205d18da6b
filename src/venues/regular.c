/* An association's regular times: the section venue booking adds to its
 * public page in the register (register_detail_sections, filled in
 * src/routes.c), so that residents find when the chess club meets. Only
 * weekly series it chose to show, with a confirmed time, not yet over. */
#include "venues/venues.h"

#include "base/days.h"
#include "db/kept.h"
#include "venues/regular.tpl.h"

static struct dbq Q_REGULAR = {
        "SELECT s.weekday, s.starts_min, s.ends_min, s.first_day, s.last_day, v.id, v.name, "
        "v.address FROM booking_series s JOIN venues v ON v.id = s.venue_id "
        "WHERE s.association_id = $1 AND s.last_day >= $2 AND EXISTS (SELECT 1 FROM bookings b "
        "WHERE b.series_id = s.id AND b.status = 'confirmed' AND b.show_name = 1) "
        "ORDER BY s.weekday, s.starts_min, s.id",
        NULL, 0};

/* Every association with a series it shows, confirmed, ended or not: kept
 * per 'generation:regular' (migration 036), which such a booking's writes
 * bump, so that the page of one that has none (most) needs no round trip
 * for this section. */
static struct dbq Q_WITH_REGULAR = {
        "SELECT DISTINCT s.association_id FROM booking_series s WHERE EXISTS (SELECT 1 FROM "
        "bookings b WHERE b.series_id = s.id AND b.status = 'confirmed' AND b.show_name = 1) "
        "ORDER BY s.association_id",
        NULL, 0};

static struct kept_value *
with_regular_load(struct db *db, int64_t gen)
{
	return kept_ids_load(db, gen, &Q_WITH_REGULAR);
}

static struct kept with_regular = KEPT_INIT("generation:regular", with_regular_load);

/* Writes the section for the association into out: nothing when it shows
 * no regular time. 0, or -1 on a database error. */
int
venues_association_section(struct req *r, int64_t association_id, struct buf *out)
{
	int any = kept_ids_has(&with_regular, r->db, association_id);
	if (any <= 0)
		return any;
	char today[11];
	day_today(today);
	struct dbcur c;
	if (db_query(r->db, &c, &Q_REGULAR, DB_ARGS(DB_INT(association_id), DB_TEXT(today))) !=
	    DB_OK)
		return -1;
	struct regular_time *t = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		t = arena_grow(&r->a, t, n, &cap, sizeof *t);
		t[n++] = (struct regular_time){(int)db_col_int(&c, 0),
		                               (int)db_col_int(&c, 1),
		                               (int)db_col_int(&c, 2),
		                               arena_strdup(&r->a, db_col_text(&c, 3)),
		                               arena_strdup(&r->a, db_col_text(&c, 4)),
		                               db_col_int(&c, 5),
		                               arena_strdup(&r->a, db_col_text(&c, 6)),
		                               arena_strdup(&r->a, db_col_text(&c, 7))};
	}
	db_done(&c);
	if (rc < 0)
		return -1;
	if (n)
		tpl_venues_regular(out, &r->p, association_id, t, n);
	return 0;
}
