/* Grant programmes in the database: read one or a list, store one with
 * who may apply, and its questions and criteria. */
#include "grants/programme.h"
#include "register/assoc.h"

#include <string.h>
#include <time.h>

#define COLS                                                                                       \
	"g.id, g.department_id, d.code, d.name_sv, d.name_en, d.committee, g.slug, g.name, "       \
	"g.kind, k.name_sv, k.name_en, g.rules_md, g.easy_read_md, g.informal_allowed, g.opens, "  \
	"g.closes, g.followup_due, g.budget "                                                      \
	"FROM grant_programmes g JOIN departments d ON d.id = g.department_id "                    \
	"JOIN grant_kinds k ON k.code = g.kind "

static struct dbq Q_BY_ID = {"SELECT " COLS "WHERE g.id = $1", NULL, 0};
static struct dbq Q_BY_SLUG = {"SELECT " COLS "WHERE g.slug = $1", NULL, 0};
static struct dbq Q_CURRENT = {"SELECT " COLS "WHERE g.closes >= $1 "
                               "ORDER BY g.opens > $1, g.closes, g.name, g.id",
                               NULL, 0};
static struct dbq Q_MANAGED = {DB_PLAN_EACH "SELECT " COLS "WHERE $1 = 0 OR g.department_id = $1 "
                                            "ORDER BY d.code, g.name, g.id",
                               NULL, 0};
static struct dbq Q_LINKED_AREAS = {
        "SELECT area_id FROM grant_programme_areas WHERE programme_id = $1 ORDER BY area_id", NULL,
        0};
static struct dbq Q_LINKED_GROUPS = {
        "SELECT group_id FROM grant_programme_groups WHERE programme_id = $1 ORDER BY group_id",
        NULL, 0};
static struct dbq Q_SLUG_TAKEN = {
        "SELECT count(*) FROM grant_programmes WHERE slug = $1 AND id <> $2", NULL, 0};
static struct dbq Q_INSERT = {
        "INSERT INTO grant_programmes (department_id, slug, name, kind, rules_md, easy_read_md, "
        "informal_allowed, opens, closes, budget, followup_due, created, updated) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
        NULL, 0};
static struct dbq Q_UPDATE = {
        "UPDATE grant_programmes SET department_id = $1, slug = $2, name = $3, kind = $4, "
        "rules_md = $5, easy_read_md = $6, informal_allowed = $7, opens = $8, closes = $9, "
        "budget = $10, followup_due = $11, updated = $12 WHERE id = $13 RETURNING id",
        NULL, 0};
static struct dbq Q_UNLINK_AREAS = {"DELETE FROM grant_programme_areas WHERE programme_id = $1",
                                    NULL, 0};
static struct dbq Q_UNLINK_GROUPS = {"DELETE FROM grant_programme_groups WHERE programme_id = $1",
                                     NULL, 0};
static struct dbq Q_LINK_AREA = {
        "INSERT INTO grant_programme_areas (programme_id, area_id) VALUES ($1, $2)", NULL, 0};
static struct dbq Q_LINK_GROUP = {
        "INSERT INTO grant_programme_groups (programme_id, group_id) VALUES ($1, $2)", NULL, 0};
static struct dbq Q_UNLINK_FORMS = {"DELETE FROM grant_programme_forms WHERE programme_id = $1",
                                    NULL, 0};
static struct dbq Q_LIMIT_FORM = {
        "INSERT INTO grant_programme_forms (programme_id, form) VALUES ($1, $2)", NULL, 0};
static struct dbq Q_FORMS = {
        "SELECT form FROM grant_programme_forms WHERE programme_id = $1 ORDER BY form", NULL, 0};
static struct dbq Q_AREA_NAMES = {
        "SELECT a.slug, a.name, a.name, a.id FROM grant_programme_areas l "
        "JOIN areas a ON a.id = l.area_id WHERE l.programme_id = $1 ORDER BY a.name",
        NULL, 0};
static struct dbq Q_GROUP_NAMES = {
        "SELECT t.slug, t.name_sv, t.name_en, t.id FROM grant_programme_groups l "
        "JOIN target_groups t ON t.id = l.group_id WHERE l.programme_id = $1 ORDER BY t.name_sv",
        NULL, 0};
/* Who may apply to every programme not yet closed, in one query per
 * kind of limit: (programme, code, name_sv, name_en). */
static struct dbq Q_CURRENT_FORMS = {
        "SELECT l.programme_id, l.form, l.form, l.form FROM grant_programme_forms l "
        "JOIN grant_programmes g ON g.id = l.programme_id WHERE g.closes >= $1 ORDER BY l.form",
        NULL, 0};
static struct dbq Q_CURRENT_GROUPS = {
        "SELECT l.programme_id, t.slug, t.name_sv, t.name_en FROM grant_programme_groups l "
        "JOIN grant_programmes g ON g.id = l.programme_id "
        "JOIN target_groups t ON t.id = l.group_id WHERE g.closes >= $1 ORDER BY t.name_sv",
        NULL, 0};
static struct dbq Q_CURRENT_AREAS = {
        "SELECT l.programme_id, a.slug, a.name, a.name FROM grant_programme_areas l "
        "JOIN grant_programmes g ON g.id = l.programme_id "
        "JOIN areas a ON a.id = l.area_id WHERE g.closes >= $1 ORDER BY a.name",
        NULL, 0};
static struct dbq Q_QUESTIONS = {
        "SELECT q.id, q.label_sv, q.label_en, q.type, t.name_sv, t.name_en, q.choices, q.required "
        "FROM grant_questions q JOIN grant_question_types t ON t.code = q.type "
        "WHERE q.programme_id = $1 ORDER BY q.pos, q.id",
        NULL, 0};
static struct dbq Q_QUESTION_ADD = {
        "INSERT INTO grant_questions (programme_id, pos, label_sv, label_en, type, required, "
        "choices) VALUES ($1, (SELECT coalesce(max(pos), 0) + 1 FROM grant_questions "
        "WHERE programme_id = $1), $2, $3, $4, $5, $6)",
        NULL, 0};
static struct dbq Q_QUESTION_REMOVE = {
        "DELETE FROM grant_questions WHERE programme_id = $1 AND id = $2 RETURNING id", NULL, 0};
static struct dbq Q_CRITERIA = {"SELECT id, label_sv, label_en, max_score FROM grant_criteria "
                                "WHERE programme_id = $1 ORDER BY pos, id",
                                NULL, 0};
static struct dbq Q_CRITERION_ADD = {
        "INSERT INTO grant_criteria (programme_id, pos, label_sv, label_en, max_score) "
        "VALUES ($1, (SELECT coalesce(max(pos), 0) + 1 FROM grant_criteria "
        "WHERE programme_id = $1), $2, $3, $4)",
        NULL, 0};
static struct dbq Q_CRITERION_REMOVE = {
        "DELETE FROM grant_criteria WHERE programme_id = $1 AND id = $2 RETURNING id", NULL, 0};
static struct dbq Q_KINDS = {
        "SELECT code, name_sv, name_en FROM grant_kinds WHERE programmes = 1 ORDER BY pos", NULL,
        0};
static struct dbq Q_FORMULAS = {"SELECT code, name_sv, name_en FROM grant_formulas ORDER BY pos",
                                NULL, 0};
static struct dbq Q_QUESTION_TYPES = {
        "SELECT code, name_sv, name_en FROM grant_question_types ORDER BY pos", NULL, 0};

/* The date a number of days from today where the city is (serve sets TZ
 * to Europe/Stockholm): a window opens and closes by the local calendar. */
void
grant_day(int offset, char out[11])
{
	time_t now = time(NULL) + (time_t)offset * 86400;
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* Whether a programme takes applications on a day, will later, or no
 * longer does; the dates are ISO 8601, so text order is date order. */
enum grant_window
grant_window_on(const struct grant_programme *g, const char *today)
{
	if (strcmp(today, g->opens) < 0)
		return GRANT_SOON;
	return strcmp(today, g->closes) <= 0 ? GRANT_OPEN : GRANT_CLOSED;
}

/* A column's text kept in the arena; NULL for SQL NULL. */
static const char *
col(struct dbcur *c, struct arena *a, int i)
{
	return db_col_null(c, i) ? NULL : arena_strndup(a, db_col_text(c, i), db_col_len(c, i));
}

/* One row of COLS as a programme, without its links. */
static void
row_to_programme(struct dbcur *c, struct arena *a, struct grant_programme *g)
{
	*g = (struct grant_programme){
	        .id = db_col_int(c, 0),
	        .department_id = db_col_int(c, 1),
	        .dept_code = col(c, a, 2),
	        .dept_sv = col(c, a, 3),
	        .dept_en = col(c, a, 4),
	        .committee = col(c, a, 5),
	        .slug = col(c, a, 6),
	        .name = col(c, a, 7),
	        .kind = col(c, a, 8),
	        .kind_sv = col(c, a, 9),
	        .kind_en = col(c, a, 10),
	        .rules_md = col(c, a, 11),
	        .easy_read_md = col(c, a, 12),
	        .informal_allowed = (int)db_col_int(c, 13),
	        .opens = col(c, a, 14),
	        .closes = col(c, a, 15),
	        .followup_due = col(c, a, 16),
	        .budget = db_col_int(c, 17),
	};
}

/* The ids a programme is linked to by one of the link tables. */
static int
links(struct db *db, struct dbq *q, int64_t id, int64_t *ids, int *n)
{
	struct dbcur c;
	*n = 0;
	if (db_query(db, &c, q, DB_ARGS(DB_INT(id))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0)
		if (*n < GRANT_MAX_LINKS)
			ids[(*n)++] = db_col_int(&c, 0);
	db_done(&c);
	return rc < 0 ? -1 : 0;
}

/* One programme by id (slug NULL) or by its address: 1 found, 0 none, -1
 * when the database failed. */
int
grant_get(struct db *db, struct arena *a, int64_t id, const char *slug, struct grant_programme *out)
{
	struct dbcur c;
	int rc = slug ? db_query(db, &c, &Q_BY_SLUG, DB_ARGS(DB_TEXT(slug)))
	              : db_query(db, &c, &Q_BY_ID, DB_ARGS(DB_INT(id)));
	if (rc != DB_OK)
		return -1;
	rc = db_next(&c);
	if (rc > 0)
		row_to_programme(&c, a, out);
	db_done(&c);
	if (rc <= 0)
		return rc < 0 ? -1 : 0;
	if (links(db, &Q_LINKED_AREAS, out->id, out->area_ids, &out->nareas) != 0 ||
	    links(db, &Q_LINKED_GROUPS, out->id, out->group_ids, &out->ngroups) != 0)
		return -1;
	if (db_query(db, &c, &Q_FORMS, DB_ARGS(DB_INT(out->id))) != DB_OK)
		return -1;
	while ((rc = db_next(&c)) > 0)
		if (out->nforms < GRANT_MAX_FORMS)
			out->forms[out->nforms++] = col(&c, a, 0);
	db_done(&c);
	return rc < 0 ? -1 : 1;
}

/* The programmes a query lists, without their links. */
static int
list(struct db *db, struct arena *a, struct dbq *q, struct dbval arg, struct grant_programme **out,
     size_t *n)
{
	struct dbcur c;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (db_query(db, &c, q, &arg, 1) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		row_to_programme(&c, a, &(*out)[(*n)++]);
	}
	db_done(&c);
	return rc < 0 ? -1 : 0;
}

/* What can be applied for on a day and what opens later: open ones first,
 * the soonest to close first, then those still to open. */
int
grant_list_current(struct db *db, struct arena *a, const char *today, struct grant_programme **out,
                   size_t *n)
{
	return list(db, a, &Q_CURRENT, DB_TEXT(today), out, n);
}

/* The programmes someone manages: a department's, or all (0). */
int
grant_list_managed(struct db *db, struct arena *a, int64_t department_id,
                   struct grant_programme **out, size_t *n)
{
	return list(db, a, &Q_MANAGED, DB_INT(department_id), out, n);
}

/* Whether another programme than id already has the address; -1 when the
 * database failed. */
int
grant_slug_taken(struct db *db, const char *slug, int64_t id)
{
	int64_t n = db_int(db, &Q_SLUG_TAKEN, DB_ARGS(DB_TEXT(slug), DB_INT(id)), -1);
	return n < 0 ? -1 : n > 0;
}

/* Stores a programme (a new one when id is 0) and the association forms,
 * areas and target groups it is limited to, in the caller's transaction;
 * DB_OK with *saved, DB_NOROW when the programme to change is gone. */
int
grant_save(struct db *db, int64_t id, const struct grant_programme *g, int64_t *saved)
{
	struct dbval v[] = {
	        DB_INT(g->department_id),
	        DB_TEXT(g->slug),
	        DB_TEXT(g->name),
	        DB_TEXT(g->kind),
	        DB_TEXT(g->rules_md),
	        DB_TEXT(g->easy_read_md),
	        DB_INT(g->informal_allowed),
	        DB_TEXT(g->opens),
	        DB_TEXT(g->closes),
	        DB_INT(g->budget),
	        DB_TEXT(g->followup_due),
	        DB_INT((int64_t)time(NULL)),
	        DB_INT(id),
	};
	int rc = id ? db_returning(db, &Q_UPDATE, v, 13, saved)
	            : db_returning(db, &Q_INSERT, v, 12, saved);
	if (rc != DB_OK)
		return rc;
	if (db_exec(db, &Q_UNLINK_AREAS, DB_ARGS(DB_INT(*saved))) != DB_OK ||
	    db_exec(db, &Q_UNLINK_GROUPS, DB_ARGS(DB_INT(*saved))) != DB_OK ||
	    db_exec(db, &Q_UNLINK_FORMS, DB_ARGS(DB_INT(*saved))) != DB_OK)
		return DB_ERROR;
	for (int i = 0; i < g->nforms; i++)
		if (db_exec(db, &Q_LIMIT_FORM, DB_ARGS(DB_INT(*saved), DB_TEXT(g->forms[i]))) !=
		    DB_OK)
			return DB_ERROR;
	for (int i = 0; i < g->nareas; i++)
		if (db_exec(db, &Q_LINK_AREA, DB_ARGS(DB_INT(*saved), DB_INT(g->area_ids[i]))) !=
		    DB_OK)
			return DB_ERROR;
	for (int i = 0; i < g->ngroups; i++)
		if (db_exec(db, &Q_LINK_GROUP, DB_ARGS(DB_INT(*saved), DB_INT(g->group_ids[i]))) !=
		    DB_OK)
			return DB_ERROR;
	return DB_OK;
}

/* The rows of a query of (code, name_sv, name_en[, id when with_id]) as
 * choices, ended by an empty one. */
static int
choices(struct db *db, struct arena *a, struct dbq *q, const struct dbval *args, int nargs,
        int with_id, struct choice **out)
{
	struct dbcur c;
	size_t cap = 0, n = 0;
	struct choice *items = NULL;
	if (db_query(db, &c, q, args, nargs) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		items = arena_grow(a, items, n, &cap, sizeof(*items));
		items[n++] = (struct choice){col(&c, a, 0), col(&c, a, 1), col(&c, a, 2),
		                             with_id ? db_col_int(&c, 3) : 0};
	}
	db_done(&c);
	items = arena_grow(a, items, n, &cap, sizeof(*items));
	items[n] = (struct choice){0};
	*out = items;
	return rc < 0 ? -1 : 0;
}

/* The association forms, target groups and areas a programme is limited
 * to, by name. */
int
grant_eligibility_of(struct db *db, struct arena *a, const struct grant_programme *g,
                     struct grant_eligibility *out)
{
	*out = (struct grant_eligibility){.informal_allowed = g->informal_allowed};
	struct dbcur c;
	size_t cap = 0, n = 0;
	if (db_query(db, &c, &Q_FORMS, DB_ARGS(DB_INT(g->id))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		const char *code = db_col_text(&c, 0);
		for (const struct choice *f = assoc_forms; f->code; f++)
			if (strcmp(f->code, code) == 0) {
				out->forms =
				        arena_grow(a, out->forms, n, &cap, sizeof(*out->forms));
				out->forms[n++] = *f;
			}
	}
	db_done(&c);
	out->forms = arena_grow(a, out->forms, n, &cap, sizeof(*out->forms));
	out->forms[n] = (struct choice){0};
	if (rc < 0)
		return -1;
	return choices(db, a, &Q_GROUP_NAMES, DB_ARGS(DB_INT(g->id)), 1, &out->groups) == 0 &&
	                       choices(db, a, &Q_AREA_NAMES, DB_ARGS(DB_INT(g->id)), 1,
	                               &out->areas) == 0
	               ? 0
	               : -1;
}

/* A programme's own questions in their order. */
int
grant_questions(struct db *db, struct arena *a, int64_t programme_id, struct grant_question **out,
                size_t *n)
{
	struct dbcur c;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (db_query(db, &c, &Q_QUESTIONS, DB_ARGS(DB_INT(programme_id))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		(*out)[(*n)++] = (struct grant_question){
		        db_col_int(&c, 0), col(&c, a, 1), col(&c, a, 2), col(&c, a, 3),
		        col(&c, a, 4),     col(&c, a, 5), col(&c, a, 6), (int)db_col_int(&c, 7)};
	}
	db_done(&c);
	return rc < 0 ? -1 : 0;
}

/* Adds a question after the programme's others. */
int
grant_question_add(struct db *db, int64_t programme_id, const struct grant_question *q)
{
	return db_exec(db, &Q_QUESTION_ADD,
	               DB_ARGS(DB_INT(programme_id), DB_TEXT(q->label_sv), DB_TEXT(q->label_en),
	                       DB_TEXT(q->type), DB_INT(q->required), DB_TEXT(q->choices)));
}

/* Removes one of the programme's questions: DB_OK, or DB_NOROW when the
 * programme has no such question. */
int
grant_question_remove(struct db *db, int64_t programme_id, int64_t id)
{
	int64_t gone;
	return db_returning(db, &Q_QUESTION_REMOVE, DB_ARGS(DB_INT(programme_id), DB_INT(id)),
	                    &gone);
}

/* A programme's assessment criteria in their order. */
int
grant_criteria(struct db *db, struct arena *a, int64_t programme_id, struct grant_criterion **out,
               size_t *n)
{
	struct dbcur c;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (db_query(db, &c, &Q_CRITERIA, DB_ARGS(DB_INT(programme_id))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		(*out)[(*n)++] = (struct grant_criterion){db_col_int(&c, 0), col(&c, a, 1),
		                                          col(&c, a, 2), (int)db_col_int(&c, 3)};
	}
	db_done(&c);
	return rc < 0 ? -1 : 0;
}

/* Adds a criterion after the programme's others. */
int
grant_criterion_add(struct db *db, int64_t programme_id, const struct grant_criterion *c)
{
	return db_exec(db, &Q_CRITERION_ADD,
	               DB_ARGS(DB_INT(programme_id), DB_TEXT(c->label_sv), DB_TEXT(c->label_en),
	                       DB_INT(c->max_score)));
}

/* Removes one of the programme's criteria: DB_OK, or DB_NOROW. */
int
grant_criterion_remove(struct db *db, int64_t programme_id, int64_t id)
{
	int64_t gone;
	return db_returning(db, &Q_CRITERION_REMOVE, DB_ARGS(DB_INT(programme_id), DB_INT(id)),
	                    &gone);
}

/* The kinds of programme, from their table. */
int
grant_kind_choices(struct db *db, struct arena *a, struct choice **out)
{
	return choices(db, a, &Q_KINDS, DB_NOARGS, 0, out);
}

/* The formulas a programme may compute its amount by, from their table. */
int
grant_formula_choices(struct db *db, struct arena *a, struct choice **out)
{
	return choices(db, a, &Q_FORMULAS, DB_NOARGS, 0, out);
}

/* The types of question, from their table. */
int
grant_question_type_choices(struct db *db, struct arena *a, struct choice **out)
{
	return choices(db, a, &Q_QUESTION_TYPES, DB_NOARGS, 0, out);
}

/* A form's names (assoc_forms) for its code; NULL when it names none. */
static const struct choice *
form_named(const char *code)
{
	for (const struct choice *f = assoc_forms; f->code; f++)
		if (strcmp(f->code, code) == 0)
			return f;
	return NULL;
}

/* Appends a choice to one of a programme's lists, keeping it ended by an
 * empty choice. */
static void
append(struct arena *a, struct choice **list, size_t *n, size_t *cap, struct choice c)
{
	/* room for the choice and the end: a list that exists holds n + 1 */
	*list = arena_grow(a, *list, *list ? *n + 1 : 0, cap, sizeof(**list));
	(*list)[(*n)++] = c;
	(*list)[*n] = (struct choice){0};
}

/* One of the limits of every listed programme, from a query of
 * (programme, code, name_sv, name_en); forms named as the register names
 * them. */
static int
limits(struct db *db, struct arena *a, struct dbq *q, const char *today,
       const struct grant_programme *items, size_t n, struct grant_eligibility *out, int which)
{
	struct dbcur c;
	size_t *count = arena_zalloc(a, (n ? n : 1) * 2 * sizeof(*count)), *cap = count + n;
	if (db_query(db, &c, q, DB_ARGS(DB_TEXT(today))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		int64_t id = db_col_int(&c, 0);
		size_t i = 0;
		while (i < n && items[i].id != id)
			i++;
		if (i == n)
			continue;
		struct choice ch = {col(&c, a, 1), col(&c, a, 2), col(&c, a, 3), 0};
		const struct choice *named = which == 0 ? form_named(ch.code) : NULL;
		if (which == 0 && !named)
			continue;
		struct choice **list = which == 0   ? &out[i].forms
		                       : which == 1 ? &out[i].groups
		                                    : &out[i].areas;
		append(a, list, &count[i], &cap[i], named ? *named : ch);
	}
	db_done(&c);
	return rc < 0 ? -1 : 0;
}

/* Who may apply to each of the programmes grant_list_current listed for
 * the same day: three queries for the whole list, none per programme. */
int
grant_eligibility_current(struct db *db, struct arena *a, const char *today,
                          const struct grant_programme *items, size_t n,
                          struct grant_eligibility **out)
{
	*out = arena_zalloc(a, (n ? n : 1) * sizeof(**out));
	for (size_t i = 0; i < n; i++)
		(*out)[i].informal_allowed = items[i].informal_allowed;
	return limits(db, a, &Q_CURRENT_FORMS, today, items, n, *out, 0) == 0 &&
	                       limits(db, a, &Q_CURRENT_GROUPS, today, items, n, *out, 1) == 0 &&
	                       limits(db, a, &Q_CURRENT_AREAS, today, items, n, *out, 2) == 0
	               ? 0
	               : -1;
}
