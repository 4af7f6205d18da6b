/* Seasons, their applications and wished times in the database
 * (migration 029), and the priority rule that orders the applications. */
#include "venues/season.h"

#include "base/days.h"

#include <stdlib.h>
#include <time.h>
#include <string.h>

const char *const season_weekdays_sv[8] = {"",          "måndagar", "tisdagar", "onsdagar",
                                           "torsdagar", "fredagar", "lördagar", "söndagar"};
const char *const season_weekdays_en[8] = {"",          "Mondays", "Tuesdays",  "Wednesdays",
                                           "Thursdays", "Fridays", "Saturdays", "Sundays"};

#define SEASON_COLS                                                                                \
	"s.id, s.department_id, d.code, d.name_sv, d.name_en, s.name, s.first_day, s.last_day, "   \
	"s.deadline, s.status FROM venue_seasons s JOIN departments d ON d.id = s.department_id "

static struct dbq Q_GET = {"SELECT " SEASON_COLS "WHERE s.id = $1", NULL, 0};
static struct dbq Q_LIST = {DB_PLAN_EACH "SELECT " SEASON_COLS
                                         "WHERE ($1 = 0 OR s.department_id = $1) "
                                         "AND ($2 = 0 OR (s.status = 'open' AND s.deadline >= $3)) "
                                         "ORDER BY s.first_day DESC, s.id DESC",
                            NULL, 0};
static struct dbq Q_INSERT = {
        "INSERT INTO venue_seasons (department_id, name, first_day, last_day, deadline, status, "
        "created) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        NULL, 0};
static struct dbq Q_UPDATE = {
        "UPDATE venue_seasons SET name = $2, first_day = $3, last_day = $4, deadline = $5, "
        "status = $6 WHERE id = $1",
        NULL, 0};
static struct dbq Q_STATUS = {"UPDATE venue_seasons SET status = $2 WHERE id = $1", NULL, 0};
#define APP_COLS                                                                                   \
	"c.id, a.id, c.diarienummer, c.status, a.name, p.activity, p.participants, p.youth, "      \
	"c.created, p.season_id FROM season_applications p JOIN cases c ON c.id = p.case_id "      \
	"JOIN associations a ON a.id = p.association_id "
static struct dbq Q_APPS = {"SELECT " APP_COLS "WHERE p.season_id = $1 "
                            "AND c.status NOT IN ('aterkallad', 'avslutad') ORDER BY c.id",
                            NULL, 0};
static struct dbq Q_APP_OF_CASE = {"SELECT " APP_COLS "WHERE p.case_id = $1", NULL, 0};
static struct dbq Q_APPLIED = {
        "SELECT count(*) FROM season_applications WHERE season_id = $1 AND association_id = $2",
        NULL, 0};
static struct dbq Q_APP_INSERT = {
        "INSERT INTO season_applications (case_id, season_id, association_id, activity, "
        "participants, youth) VALUES ($1, $2, $3, $4, $5, $6)",
        NULL, 0};
/* The wishes of a season's live applications, or of one case ($2). */
static struct dbq Q_WISHES = {
        "SELECT w.id, w.case_id, w.venue_id, coalesce(v.parent_id, v.id), "
        "coalesce(w.series_id, 0), w.pos, w.weekday, w.starts_min, w.ends_min, w.allocated, "
        "v.name FROM season_wishes w JOIN venues v ON v.id = w.venue_id "
        "JOIN season_applications p ON p.case_id = w.case_id JOIN cases c ON c.id = w.case_id "
        "WHERE ($2 = 0 AND p.season_id = $1 AND c.status NOT IN ('aterkallad', 'avslutad')) "
        "OR w.case_id = $2 ORDER BY w.weekday, w.starts_min, w.case_id, w.pos",
        NULL, 0};
static struct dbq Q_WISH_INSERT = {
        "INSERT INTO season_wishes (case_id, pos, venue_id, weekday, starts_min, ends_min) "
        "VALUES ($1, $2, $3, $4, $5, $6)",
        NULL, 0};
static struct dbq Q_WISH_MARK = {"UPDATE season_wishes SET allocated = $2 WHERE id = $1", NULL, 0};
static struct dbq Q_WISH_SERIES = {"UPDATE season_wishes SET series_id = $2 WHERE id = $1", NULL,
                                   0};

/* One row of SEASON_COLS as a season. */
static void
row_to_season(struct dbcur *c, struct arena *a, struct season *s)
{
	memset(s, 0, sizeof *s);
	s->id = db_col_int(c, 0);
	s->department_id = db_col_int(c, 1);
	s->dept_code = arena_strdup(a, db_col_text(c, 2));
	s->dept_sv = arena_strdup(a, db_col_text(c, 3));
	s->dept_en = arena_strdup(a, db_col_text(c, 4));
	s->name = arena_strdup(a, db_col_text(c, 5));
	strncpy(s->first_day, db_col_text(c, 6), 10);
	strncpy(s->last_day, db_col_text(c, 7), 10);
	strncpy(s->deadline, db_col_text(c, 8), 10);
	s->status = arena_strdup(a, db_col_text(c, 9));
}

int
season_get(struct db *db, struct arena *a, int64_t id, struct season *out)
{
	struct dbcur c;
	if (db_query(db, &c, &Q_GET, DB_ARGS(DB_INT(id))) != DB_OK)
		return -1;
	int rc = db_next(&c);
	if (rc > 0)
		row_to_season(&c, a, out);
	db_done(&c);
	return rc < 0 ? -1 : rc > 0;
}

int
season_list(struct db *db, struct arena *a, int64_t department_id, int open_only,
            struct season **out, size_t *n)
{
	char today[11];
	day_today(today);
	struct dbcur c;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (db_query(db, &c, &Q_LIST,
	             DB_ARGS(DB_INT(department_id), DB_INT(open_only), DB_TEXT(today))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof **out);
		row_to_season(&c, a, &(*out)[(*n)++]);
	}
	db_done(&c);
	return rc < 0 ? -1 : 0;
}

int
season_insert(struct db *db, const struct season *s, int64_t *id)
{
	return db_returning(db, &Q_INSERT,
	                    DB_ARGS(DB_INT(s->department_id), DB_TEXT(s->name),
	                            DB_TEXT(s->first_day), DB_TEXT(s->last_day),
	                            DB_TEXT(s->deadline), DB_TEXT(s->status), DB_INT(time(NULL))),
	                    id);
}

int
season_update(struct db *db, const struct season *s)
{
	return db_exec(db, &Q_UPDATE,
	               DB_ARGS(DB_INT(s->id), DB_TEXT(s->name), DB_TEXT(s->first_day),
	                       DB_TEXT(s->last_day), DB_TEXT(s->deadline), DB_TEXT(s->status)));
}

int
season_set_status(struct db *db, int64_t id, const char *status)
{
	return db_exec(db, &Q_STATUS, DB_ARGS(DB_INT(id), DB_TEXT(status)));
}

int
season_open_on(const struct season *s, const char *day)
{
	return strcmp(s->status, "open") == 0 && strcmp(day, s->deadline) <= 0;
}

/* One row of APP_COLS as an application; *season its season's id. */
static void
row_to_app(struct dbcur *c, struct arena *a, struct season_app *x, int64_t *season)
{
	memset(x, 0, sizeof *x);
	x->case_id = db_col_int(c, 0);
	x->association_id = db_col_int(c, 1);
	x->dnr = arena_strdup(a, db_col_text(c, 2));
	x->case_status = arena_strdup(a, db_col_text(c, 3));
	x->association = arena_strdup(a, db_col_text(c, 4));
	x->activity = arena_strdup(a, db_col_text(c, 5));
	x->participants = (int)db_col_int(c, 6);
	x->youth = (int)db_col_int(c, 7);
	x->created = db_col_int(c, 8);
	if (season)
		*season = db_col_int(c, 9);
}

/* The priority rule: youth activity the register confirms first, then
 * more members (none known counts as none), then the earlier case. */
static int
by_rule(const void *pa, const void *pb)
{
	const struct season_app *a = pa, *b = pb;
	if (a->youth_first != b->youth_first)
		return b->youth_first - a->youth_first;
	if (a->basis.members != b->basis.members)
		return a->basis.members < b->basis.members ? 1 : -1;
	return a->case_id < b->case_id ? -1 : a->case_id > b->case_id;
}

int
season_apps(struct db *db, struct arena *a, const struct season *s, struct season_app **out,
            size_t *n)
{
	struct dbcur c;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (db_query(db, &c, &Q_APPS, DB_ARGS(DB_INT(s->id))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof **out);
		row_to_app(&c, a, &(*out)[(*n)++], NULL);
	}
	db_done(&c);
	for (size_t i = 0; rc == 0 && i < *n; i++) {
		struct season_app *x = &(*out)[i];
		if (youth_basis_of(db, s->department_id, x->association_id, &x->basis) != 0)
			return -1;
		x->youth_first = x->youth && x->basis.eligible;
	}
	if (rc < 0)
		return -1;
	if (*n)
		qsort(*out, *n, sizeof **out, by_rule);
	for (size_t i = 0; i < *n; i++)
		(*out)[i].rank = (int)i + 1;
	return 0;
}

int
season_app_of_case(struct db *db, struct arena *a, int64_t case_id, int64_t *season_id,
                   struct season_app *out)
{
	struct dbcur c;
	if (db_query(db, &c, &Q_APP_OF_CASE, DB_ARGS(DB_INT(case_id))) != DB_OK)
		return -1;
	int rc = db_next(&c);
	if (rc > 0)
		row_to_app(&c, a, out, season_id);
	db_done(&c);
	return rc < 0 ? -1 : rc > 0;
}

int
season_wishes(struct db *db, struct arena *a, int64_t season_id, int64_t case_id,
              struct season_wish **out, size_t *n)
{
	struct dbcur c;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (db_query(db, &c, &Q_WISHES, DB_ARGS(DB_INT(season_id), DB_INT(case_id))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof **out);
		struct season_wish *w = &(*out)[(*n)++];
		memset(w, 0, sizeof *w);
		w->id = db_col_int(&c, 0);
		w->case_id = db_col_int(&c, 1);
		w->venue_id = db_col_int(&c, 2);
		w->whole_id = db_col_int(&c, 3);
		w->series_id = db_col_int(&c, 4);
		w->pos = (int)db_col_int(&c, 5);
		w->weekday = (int)db_col_int(&c, 6);
		w->from = (int)db_col_int(&c, 7);
		w->to = (int)db_col_int(&c, 8);
		w->allocated = (int)db_col_int(&c, 9);
		w->venue = arena_strdup(a, db_col_text(&c, 10));
	}
	db_done(&c);
	for (size_t i = 0; rc == 0 && i < *n; i++)
		if (venue_leaves(db, (*out)[i].venue_id, (*out)[i].leaves, &(*out)[i].nleaves) != 0)
			return -1;
	return rc < 0 ? -1 : 0;
}

int
season_wishes_conflict(const struct season_wish *a, const struct season_wish *b)
{
	if (a->id == b->id || a->weekday != b->weekday || a->from >= b->to || b->from >= a->to)
		return 0;
	for (size_t i = 0; i < a->nleaves; i++)
		for (size_t j = 0; j < b->nleaves; j++)
			if (a->leaves[i] == b->leaves[j])
				return 1;
	return 0;
}

int
season_applied(struct db *db, int64_t season_id, int64_t association_id)
{
	int64_t n = db_int(db, &Q_APPLIED, DB_ARGS(DB_INT(season_id), DB_INT(association_id)), -1);
	return n < 0 ? -1 : n > 0;
}

int
season_app_insert(struct db *db, int64_t case_id, int64_t season_id, const struct season_app *x)
{
	return db_exec(db, &Q_APP_INSERT,
	               DB_ARGS(DB_INT(case_id), DB_INT(season_id), DB_INT(x->association_id),
	                       DB_TEXT(x->activity), DB_INT(x->participants), DB_INT(x->youth)));
}

int
season_wish_insert(struct db *db, const struct season_wish *w)
{
	return db_exec(db, &Q_WISH_INSERT,
	               DB_ARGS(DB_INT(w->case_id), DB_INT(w->pos), DB_INT(w->venue_id),
	                       DB_INT(w->weekday), DB_INT(w->from), DB_INT(w->to)));
}

int
season_wish_mark(struct db *db, int64_t wish_id, int allocated)
{
	return db_exec(db, &Q_WISH_MARK, DB_ARGS(DB_INT(wish_id), DB_INT(allocated)));
}

int
season_wish_series(struct db *db, int64_t wish_id, int64_t series_id)
{
	return db_exec(db, &Q_WISH_SERIES, DB_ARGS(DB_INT(wish_id), DB_INT(series_id)));
}
