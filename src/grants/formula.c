/* Computed grants (issue 10, point 5): a programme's formula and its
 * constants, and the computation for one association from the city's own
 * data — its members from the register's latest yearly update, its
 * approved activities from the occasions counted in its granted
 * applications, or the occasions of an attendance file it sends. */
#include "grants/formula.h"
#include "grants/attendance.h"
#include "grants/programme.h"

#include <string.h>
#include <time.h>

static struct dbq Q_GET = {
        "SELECT formula, coalesce(per_member, -1), coalesce(per_activity, -1), "
        "coalesce(per_occasion, -1), coalesce(age_min, -1), coalesce(age_max, -1), "
        "coalesce(min_participants, 0), occasions_from, occasions_to "
        "FROM grant_programme_formulas WHERE programme_id = $1",
        NULL, 0};
static struct dbq Q_CLEAR = {"DELETE FROM grant_programme_formulas WHERE programme_id = $1", NULL,
                             0};
static struct dbq Q_SAVE = {
        "INSERT INTO grant_programme_formulas (programme_id, formula, per_member, "
        "per_activity, per_occasion, age_min, age_max, min_participants, occasions_from, "
        "occasions_to) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        NULL, 0};
static struct dbq Q_MEMBERS = {
        "SELECT coalesce(members, 0), coalesce(last_update, 0) FROM associations WHERE id = $1",
        NULL, 0};
/* An approved activity: an occasion that counted in one of the
 * association's applications that a decision granted, in full or in part. */
static struct dbq Q_APPROVED = {
        "SELECT count(*) FROM grant_occasions o JOIN grant_applications g "
        "ON g.case_id = o.case_id WHERE g.association_id = $1 AND o.day >= $2 AND o.day <= $3 "
        "AND EXISTS (SELECT 1 FROM case_decisions d WHERE d.case_id = o.case_id "
        "AND d.outcome <> 'avslag')",
        NULL, 0};

static struct dbq Q_OCCASION = {
        "INSERT INTO grant_occasions (case_id, line, day, activity, participants) "
        "VALUES ($1, $2, $3, $4, $5)",
        NULL, 0};

static const char *const codes[] = {
        [FORMULA_MEMBERS] = "medlemmar", [FORMULA_OCCASIONS] = "sammankomster"};

/* The code grant_formulas keeps a formula by; NULL for none. */
const char *
grant_formula_code(enum grant_formula_kind k)
{
	return k == FORMULA_NONE ? NULL : codes[k];
}

/* The formula of a code; FORMULA_NONE for none or an unknown one. */
enum grant_formula_kind
grant_formula_of(const char *code)
{
	for (int k = FORMULA_MEMBERS; code && k <= FORMULA_OCCASIONS; k++)
		if (strcmp(code, codes[k]) == 0)
			return (enum grant_formula_kind)k;
	return FORMULA_NONE;
}

/* A programme's formula with its constants; kind FORMULA_NONE when it has
 * none. 0, or -1 when the database failed. */
int
grant_formula_get(struct db *db, struct arena *a, int64_t programme_id, struct grant_formula *out)
{
	struct dbcur c;
	*out = (struct grant_formula){0};
	if (db_query(db, &c, &Q_GET, DB_ARGS(DB_INT(programme_id))) != DB_OK)
		return -1;
	int rc = db_next(&c);
	if (rc > 0) {
		*out = (struct grant_formula){
		        .kind = grant_formula_of(db_col_text(&c, 0)),
		        .per_member = db_col_int(&c, 1),
		        .per_activity = db_col_int(&c, 2),
		        .per_occasion = db_col_int(&c, 3),
		        .age_min = (int)db_col_int(&c, 4),
		        .age_max = (int)db_col_int(&c, 5),
		        .min_participants = (int)db_col_int(&c, 6),
		        .occasions_from =
		                db_col_null(&c, 7) ? NULL : arena_strdup(a, db_col_text(&c, 7)),
		        .occasions_to =
		                db_col_null(&c, 8) ? NULL : arena_strdup(a, db_col_text(&c, 8)),
		};
	}
	db_done(&c);
	return rc < 0 ? -1 : 0;
}

/* A constant as the row keeps it: NULL where the formula does not use it. */
static struct dbval
constant(int used, int64_t v)
{
	return used ? DB_INT(v) : DB_NULLV;
}

/* Replaces the programme's formula (none: the row goes), in the caller's
 * transaction; DB_OK or the database's error. */
int
grant_formula_save(struct db *db, int64_t programme_id, const struct grant_formula *f)
{
	int rc = db_exec(db, &Q_CLEAR, DB_ARGS(DB_INT(programme_id)));
	if (rc != DB_OK || f->kind == FORMULA_NONE)
		return rc;
	int m = f->kind == FORMULA_MEMBERS, o = f->kind == FORMULA_OCCASIONS;
	struct dbval args[] = {DB_INT(programme_id),
	                       DB_TEXT(grant_formula_code(f->kind)),
	                       constant(m, f->per_member),
	                       constant(m, f->per_activity),
	                       constant(o, f->per_occasion),
	                       constant(o, f->age_min),
	                       constant(o, f->age_max),
	                       constant(o, f->min_participants),
	                       o ? DB_TEXT(f->occasions_from) : DB_NULLV,
	                       o ? DB_TEXT(f->occasions_to) : DB_NULLV};
	return db_exec(db, &Q_SAVE, args, 10);
}

/* Support in kind: hours the association booked of the city's premises at
 * the subsidised price, valued in öre, counted into its totals. Venue
 * booking (issue 4 of DOMAIN.md's capabilities) does not exist yet, so
 * there are no such hours and this adds nothing; when bookings exist,
 * this is the one place that sums them for the period from–to, and the
 * computation shows the sum as a step of its own. */
int
grant_support_in_kind(struct db *db, int64_t association_id, const char *from, const char *to,
                      int64_t *ore)
{
	*ore = 0;
	return 0;
}

/* The amount of a members-and-activities programme for an association on
 * a day: its members from the register, its approved activities in the
 * year up to today, each times the programme's constant. 0, or -1 when
 * the database failed. */
int
grant_compute_members(struct db *db, struct arena *a, const struct grant_formula *f,
                      int64_t association_id, const char *today, struct grant_computation *out)
{
	char from[11];
	struct dbcur c;
	*out = (struct grant_computation){.kind = FORMULA_MEMBERS,
	                                  .per_member = f->per_member,
	                                  .per_activity = f->per_activity};
	if (db_query(db, &c, &Q_MEMBERS, DB_ARGS(DB_INT(association_id))) != DB_OK)
		return -1;
	int rc = db_next(&c);
	if (rc > 0) {
		out->members = db_col_int(&c, 0);
		time_t at = (time_t)db_col_int(&c, 1);
		if (at) {
			struct tm tm;
			char *day = arena_alloc(a, 11);
			localtime_r(&at, &tm);
			strftime(day, 11, "%Y-%m-%d", &tm);
			out->members_day = day;
		}
	}
	db_done(&c);
	if (rc < 0)
		return -1;
	grant_day(-365, from);
	out->activities =
	        db_int(db, &Q_APPROVED,
	               DB_ARGS(DB_INT(association_id), DB_TEXT(from), DB_TEXT(today)), -1);
	if (out->activities < 0 ||
	    grant_support_in_kind(db, association_id, from, today, &out->in_kind) != 0)
		return -1;
	out->total =
	        out->members * f->per_member + out->activities * f->per_activity + out->in_kind;
	return 0;
}

/* The amount of an occasions programme: the occasions that counted, of the
 * rows of the attendance file, times the programme's constant. */
void
grant_compute_occasions(const struct grant_formula *f, int64_t occasions, int64_t rows,
                        struct grant_computation *out)
{
	*out = (struct grant_computation){.kind = FORMULA_OCCASIONS,
	                                  .occasions = occasions,
	                                  .rows = rows,
	                                  .per_occasion = f->per_occasion,
	                                  .age_min = f->age_min,
	                                  .age_max = f->age_max,
	                                  .min_participants = f->min_participants,
	                                  .total = occasions * f->per_occasion};
}

/* The computation as the case keeps it in its payload, so the case page
 * shows the steps as they were when the application was sent. */
json_t *
grant_computation_json(const struct grant_computation *c)
{
	json_t *j = json_object();
	json_object_set_new(j, "formel", json_string(grant_formula_code(c->kind)));
	if (c->kind == FORMULA_MEMBERS) {
		json_object_set_new(j, "medlemmar", json_integer(c->members));
		json_object_set_new(j, "medlemmar_enligt",
		                    c->members_day ? json_string(c->members_day) : json_null());
		json_object_set_new(j, "aktiviteter", json_integer(c->activities));
		json_object_set_new(j, "per_medlem_ore", json_integer(c->per_member));
		json_object_set_new(j, "per_aktivitet_ore", json_integer(c->per_activity));
	} else {
		json_object_set_new(j, "sammankomster", json_integer(c->occasions));
		json_object_set_new(j, "rader", json_integer(c->rows));
		json_object_set_new(j, "per_sammankomst_ore", json_integer(c->per_occasion));
		json_object_set_new(j, "alder_min", json_integer(c->age_min));
		json_object_set_new(j, "alder_max", json_integer(c->age_max));
		json_object_set_new(j, "min_deltagare", json_integer(c->min_participants));
	}
	json_object_set_new(j, "i_natura_ore", json_integer(c->in_kind));
	json_object_set_new(j, "summa_ore", json_integer(c->total));
	return j;
}

/* A payload's computation back as the template draws it: 1, or 0 when the
 * payload has none (an application to a programme that computes nothing). */
int
grant_computation_from_json(json_t *j, struct arena *a, struct grant_computation *out)
{
	enum grant_formula_kind k =
	        grant_formula_of(json_string_value(json_object_get(j, "formel")));
	if (k == FORMULA_NONE)
		return 0;
#define I(key) json_integer_value(json_object_get(j, key))
	const char *day = json_string_value(json_object_get(j, "medlemmar_enligt"));
	*out = (struct grant_computation){.kind = k,
	                                  .members = I("medlemmar"),
	                                  .members_day = day ? arena_strdup(a, day) : NULL,
	                                  .activities = I("aktiviteter"),
	                                  .per_member = I("per_medlem_ore"),
	                                  .per_activity = I("per_aktivitet_ore"),
	                                  .occasions = I("sammankomster"),
	                                  .rows = I("rader"),
	                                  .per_occasion = I("per_sammankomst_ore"),
	                                  .age_min = (int)I("alder_min"),
	                                  .age_max = (int)I("alder_max"),
	                                  .min_participants = (int)I("min_deltagare"),
	                                  .in_kind = I("i_natura_ore"),
	                                  .total = I("summa_ore")};
#undef I
	return 1;
}

/* Keeps the occasions that counted beside the application's case, in the
 * submission's transaction: granted, they are the association's approved
 * activities (grant_compute_members). */
int
grant_occasions_store(struct db *db, int64_t case_id, const struct attendance *x)
{
	for (size_t i = 0; i < x->ncounted; i++) {
		const struct grant_occasion *o = &x->counted[i];
		int rc = db_exec(db, &Q_OCCASION,
		                 DB_ARGS(DB_INT(case_id), DB_INT(o->line), DB_TEXT(o->day),
		                         DB_TEXT(o->activity), DB_INT(o->participants)));
		if (rc != DB_OK)
			return rc;
	}
	return DB_OK;
}
