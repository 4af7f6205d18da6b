/* Watching a taken time. The watch is kept as the time it asks for, so
 * that any release of an overlapping hold — a cancellation, a declined
 * time, a withdrawn request — looks for the watches it may free and
 * tells each whose whole time is then free. The mail goes through the
 * outbox in the releasing transaction: told once, and only if the
 * release commits. */
#include "venues/watch.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/days.h"
#include "cases/case.h"
#include "layout/layout.h"
#include "mail/outbox.h"
#include "ui/form.h"
#include "venues/booking.h"
#include "venues/venues.h"
#include "venues/watch.tpl.h"

/* The most watches a person keeps at once. */
enum { WATCH_MAX = 20 };

static struct dbq Q_CANDIDATES = {
        "SELECT w.id, w.venue_id, w.starts, w.ends, u.email, v.name FROM venue_watches w "
        "JOIN users u ON u.id = w.user_id JOIN venues v ON v.id = w.venue_id "
        "WHERE w.notified IS NULL AND w.venue_id IN ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
        "AND w.starts < $12 AND w.ends > $11 AND u.active = 1",
        NULL, 0};
static struct dbq Q_TOLD = {"UPDATE venue_watches SET notified = $2 WHERE id = $1", NULL, 0};
static struct dbq Q_ADD = {"INSERT INTO venue_watches (venue_id, user_id, starts, ends, created) "
                           "VALUES ($1, $2, $3, $4, $5)",
                           NULL, 0};
static struct dbq Q_COUNT = {
        "SELECT count(*) FROM venue_watches WHERE user_id = $1 AND notified IS NULL", NULL, 0};
static struct dbq Q_MINE = {
        "SELECT w.id, w.venue_id, w.starts, w.ends, v.name FROM venue_watches w "
        "JOIN venues v ON v.id = w.venue_id WHERE w.user_id = $1 AND w.notified IS NULL "
        "AND w.ends > $2 ORDER BY w.starts, w.id",
        NULL, 0};
static struct dbq Q_REMOVE = {
        "DELETE FROM venue_watches WHERE id = $1 AND user_id = $2 RETURNING id", NULL, 0};

/* A watch the release may have freed. */
struct found {
	int64_t id, venue_id, starts, ends;
	char email[256], venue[256];
};

/* Tells one watch whose time is free. */
static int
tell(struct db *db, const struct found *w)
{
	char day[11], week[9], f[6], t[6], subject[400], body[1400];
	int fm, tm;
	local_day_of(w->ends, day, &tm);
	local_day_of(w->starts, day, &fm);
	hhmm(fm, f);
	hhmm(tm, t);
	iso_week_of(day, week);
	snprintf(subject, sizeof subject, "En tid är ledig: %s %s %s–%s", w->venue, day, f, t);
	snprintf(body, sizeof body,
	         "Tiden du bevakar är ledig nu: %s, %s klockan %s–%s.\n\n"
	         "Boka den innan någon annan gör "
	         "det:\n%s/lokaler/%lld/boka?dag=%s&fran=%s&till=%s\n\n"
	         "Veckan: %s/lokaler/%lld?vecka=%s\n",
	         w->venue, day, f, t, mail_base_url, (long long)w->venue_id, day, f, t,
	         mail_base_url, (long long)w->venue_id, week);
	if (outbox_queue(db, w->email, subject, body) != DB_OK)
		return -1;
	return db_exec(db, &Q_TOLD, DB_ARGS(DB_INT(w->id), DB_INT(time(NULL)))) == DB_OK ? 0 : -1;
}

int
watches_released(struct db *db, int64_t venue_id, int64_t starts, int64_t ends)
{
	int64_t ids[VENUE_MAX_PARTS + 2];
	size_t n;
	if (venue_related(db, venue_id, ids, &n) != 0)
		return -1;
	struct dbval v[12];
	for (size_t i = 0; i < 10; i++)
		v[i] = DB_INT(i < n ? ids[i] : 0);
	v[10] = DB_INT(starts);
	v[11] = DB_INT(ends);
	struct found w[16];
	size_t nw = 0;
	struct dbcur c;
	if (db_query(db, &c, &Q_CANDIDATES, v, 12) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0 && nw < 16) {
		struct found *x = &w[nw++];
		x->id = db_col_int(&c, 0);
		x->venue_id = db_col_int(&c, 1);
		x->starts = db_col_int(&c, 2);
		x->ends = db_col_int(&c, 3);
		snprintf(x->email, sizeof x->email, "%s", db_col_text(&c, 4));
		snprintf(x->venue, sizeof x->venue, "%s", db_col_text(&c, 5));
	}
	db_done(&c);
	if (rc < 0)
		return -1;
	for (size_t i = 0; i < nw; i++) {
		int free = booking_free(db, w[i].venue_id, w[i].starts, w[i].ends, NULL);
		if (free < 0 || (free && tell(db, &w[i]) != 0))
			return -1;
	}
	return 0;
}

int
watches_of_user(struct db *db, struct arena *a, int64_t user_id, struct venue_watch **out,
                size_t *n)
{
	struct dbcur c;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (db_query(db, &c, &Q_MINE, DB_ARGS(DB_INT(user_id), DB_INT(time(NULL)))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof **out);
		(*out)[(*n)++] = (struct venue_watch){db_col_int(&c, 0), db_col_int(&c, 1),
		                                      db_col_int(&c, 2), db_col_int(&c, 3),
		                                      arena_strdup(a, db_col_text(&c, 4))};
	}
	db_done(&c);
	return rc < 0 ? -1 : 0;
}

static const struct field_def fields[] = {
        {.name = "dag", .label_sv = "Dag", .label_en = "Day", .type = FIELD_DATE, .required = 1},
        {.name = "fran",
         .label_sv = "Från klockan",
         .label_en = "From",
         .type = FIELD_TIME,
         .required = 1},
        {.name = "till",
         .label_sv = "Till klockan",
         .label_en = "Until",
         .type = FIELD_TIME,
         .required = 1},
};
static const struct form_def watch_form = {"bevaka", fields, sizeof fields / sizeof *fields};

/* The form, or the form again with what was wrong (422). */
static void
render(struct req *r, const struct venue *v, struct form *f)
{
	layout_form_page(r, arena_printf(&r->a, "/lokaler/%lld/bevaka", (long long)v->id));
	r->p.title = v->name;
	struct field *x = form_fields(f, &r->a);
	layout_head(r);
	tpl_venues_watch(&r->out, &r->p, req_csrf(r), v, f, x, f->def->n);
	layout_foot(r);
}

void
venue_watch_form(struct req *r)
{
	struct venue v;
	if (!venue_of(r, &v))
		return;
	struct form f;
	form_init(&f, r, &watch_form);
	const char *keys[] = {"dag", "fran", "till"};
	for (int i = 0; i < 3; i++) {
		const char *x = req_query(r, keys[i]);
		if (x && strlen(x) <= 10)
			form_set(&f, keys[i], x);
	}
	render(r, &v, &f);
}

/* Checks the watched time: -1 on a database error, else 0 with the
 * reasons in f and the time in *starts, *ends. */
static int
check(struct req *r, const struct venue *v, struct form *f, int64_t *starts, int64_t *ends)
{
	const char *day = form_value(f, "dag");
	int from = minute_of(form_value(f, "fran")), to = minute_of(form_value(f, "till"));
	if (to <= from) {
		form_error(f, "till", "Sluttiden måste vara efter starttiden.",
		           "The end must be after the start.");
		return 0;
	}
	*starts = local_time(day, from);
	*ends = local_time(day, to);
	if (*starts < (int64_t)time(NULL)) {
		form_error(f, "dag", "Tiden har redan varit.", "The time has passed.");
		return 0;
	}
	int free = booking_free(r->db, v->id, *starts, *ends, NULL);
	int64_t mine = db_int(r->db, &Q_COUNT, DB_ARGS(DB_INT(r->user->id)), -1);
	if (free < 0 || mine < 0)
		return -1;
	if (free)
		form_error(f, "fran", "Tiden är redan ledig. Boka den i stället.",
		           "The time is free already. Book it instead.");
	else if (mine >= WATCH_MAX)
		form_refuse(f, "Du bevakar redan 20 tider. Ta bort en på Mina sidor först.",
		            "You already watch 20 times. Remove one on My pages first.");
	return 0;
}

void
venue_watch_submit(struct req *r)
{
	struct venue v;
	if (!venue_of(r, &v))
		return;
	struct form f;
	form_init(&f, r, &watch_form);
	int64_t starts = 0, ends = 0;
	if (form_read(&f, r) == 0 && check(r, &v, &f, &starts, &ends) != 0) {
		req_error(r, 500);
		return;
	}
	if (f.nerrors) {
		r->status = 422;
		render(r, &v, &f);
		return;
	}
	if (db_exec(r->db, &Q_ADD,
	            DB_ARGS(DB_INT(v.id), DB_INT(r->user->id), DB_INT(starts), DB_INT(ends),
	                    DB_INT(time(NULL)))) != DB_OK) {
		req_error(r, 500);
		return;
	}
	req_redirect(r, "/mina-sidor/bokningar?bevakad=1");
}

void
venue_watch_remove(struct req *r)
{
	int64_t got;
	int rc = db_returning(r->db, &Q_REMOVE,
	                      DB_ARGS(DB_INT(req_param_id(r, 0)), DB_INT(r->user->id)), &got);
	if (rc != DB_OK) {
		req_error(r, rc == DB_NOROW ? 404 : 500);
		return;
	}
	req_redirect(r, "/mina-sidor/bokningar");
}
