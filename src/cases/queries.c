#include "cases/queries.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CASE_COLS                                                                                  \
	"c.id, c.diarienummer, c.type, c.status, c.title, c.confidential, c.department_id, "       \
	"d.name_sv, d.code, coalesce(c.association_id, 0), coalesce(a.name, ''), "                 \
	"coalesce(c.applicant_id, 0), coalesce(ap.name, ''), coalesce(c.officer_id, 0), "          \
	"coalesce(o.name, ''), '', c.created, c.updated "
#define CASE_FROM                                                                                  \
	"FROM cases c JOIN departments d ON d.id = c.department_id "                               \
	"LEFT JOIN associations a ON a.id = c.association_id "                                     \
	"LEFT JOIN users ap ON ap.id = c.applicant_id LEFT JOIN users o ON o.id = c.officer_id "

static struct dbq Q_EVENTS = {"SELECT at, actor_name, kind, detail FROM case_events "
                              "WHERE case_id = $1 ORDER BY id",
                              NULL, 0};
static struct dbq Q_MESSAGES = {"SELECT id, at, author_name, body, from_officer, "
                                "CASE WHEN read_at IS NULL THEN 1 ELSE 0 END "
                                "FROM case_messages WHERE case_id = $1 ORDER BY id",
                                NULL, 0};
static struct dbq Q_DECISION = {"SELECT outcome, reasoning, decided_by, decided_on, reference "
                                "FROM case_decisions WHERE case_id = $1",
                                NULL, 0};
static struct dbq Q_MINE = {
        "SELECT " CASE_COLS ", (SELECT count(*) FROM case_messages m WHERE m.case_id = c.id "
        "AND m.from_officer = 1 AND m.read_at IS NULL) " CASE_FROM
        "WHERE c.applicant_id = $1 OR c.association_id IN (SELECT association_id FROM user_roles "
        "WHERE user_id = $1 AND role = 'representative') ORDER BY c.created DESC, c.id DESC "
        "LIMIT 200",
        NULL, 0};
/* The inbox's filter: department, status, type, officer (-1 any, 0 none)
 * and received before. */
#define INBOX_WHERE                                                                                \
	"WHERE c.department_id = $1 AND ($2 = '' OR c.status = $2) AND ($3 = '' OR c.type = $3) "  \
	"AND ($4 = -1 OR ($4 = 0 AND c.officer_id IS NULL) OR c.officer_id = $4) "                 \
	"AND c.created <= $5 "
static struct dbq Q_INBOX = {DB_PLAN_EACH
                             "SELECT " CASE_COLS
                             ", (SELECT count(*) FROM case_messages m WHERE m.case_id = c.id "
                             "AND m.from_officer = 0 AND m.read_at IS NULL) " CASE_FROM INBOX_WHERE
                             "ORDER BY c.created, c.id LIMIT $6 OFFSET $7",
                             NULL, 0};
static struct dbq Q_INBOX_COUNT = {DB_PLAN_EACH "SELECT count(*) FROM cases c " INBOX_WHERE, NULL,
                                   0};
/* The public diary names no one: the association's, the applicant's and
 * the officer's names are never read, and a title is blank when it names
 * a person or an association that is not in the public register (chosen
 * at the registration, or associations.public now), so the page shows the
 * case's type instead. */
static struct dbq Q_DIARY = {
        "SELECT c.id, c.diarienummer, c.type, c.status, "
        "CASE WHEN c.title_private = 0 AND coalesce(a.public, 1) = 1 THEN c.title ELSE '' END, "
        "c.confidential, c.department_id, d.name_sv, d.code, 0, '', 0, '', 0, '', '', c.created, "
        "c.updated, 0 FROM cases c JOIN departments d ON d.id = c.department_id "
        "LEFT JOIN associations a ON a.id = c.association_id "
        "ORDER BY c.created DESC, c.id DESC LIMIT 50 OFFSET $1",
        NULL, 0};
static struct dbq Q_DIARY_COUNT = {"SELECT count(*) FROM cases", NULL, 0};

/* Copies the current row (CASE_COLS then an unread count) into a case. */
static void
row_to_case(struct dbcur *c, struct arena *ar, struct case_row *x)
{
	x->id = db_col_int(c, 0);
	x->dnr = arena_strdup(ar, db_col_text(c, 1));
	x->type = arena_strdup(ar, db_col_text(c, 2));
	x->status = arena_strdup(ar, db_col_text(c, 3));
	x->title = arena_strdup(ar, db_col_text(c, 4));
	x->confidential = (int)db_col_int(c, 5);
	x->department_id = db_col_int(c, 6);
	x->department = arena_strdup(ar, db_col_text(c, 7));
	x->department_code = arena_strdup(ar, db_col_text(c, 8));
	x->association_id = db_col_int(c, 9);
	x->association = arena_strdup(ar, db_col_text(c, 10));
	x->applicant_id = db_col_int(c, 11);
	x->applicant = arena_strdup(ar, db_col_text(c, 12));
	x->officer_id = db_col_int(c, 13);
	x->officer = arena_strdup(ar, db_col_text(c, 14));
	x->payload = "";
	x->created = db_col_int(c, 16);
	x->updated = db_col_int(c, 17);
	x->unread = (int)db_col_int(c, 18);
}

/* Runs a case list query into out (at most max rows). */
static int
list(struct db *db, struct arena *ar, struct dbq *q, const struct dbval *args, int n,
     struct case_list *out, size_t max)
{
	struct dbcur c;
	memset(out, 0, sizeof(*out));
	out->items = arena_alloc(ar, max * sizeof(*out->items));
	if (db_query(db, &c, q, args, n) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0 && out->n < max)
		row_to_case(&c, ar, &out->items[out->n++]);
	db_done(&c);
	return rc < 0 ? -1 : 0;
}

int
case_events(struct db *db, struct arena *a, int64_t id, struct case_event_row **out, size_t *n)
{
	struct dbcur c;
	size_t cap = 16;
	*n = 0;
	*out = arena_alloc(a, cap * sizeof(**out));
	if (db_query(db, &c, &Q_EVENTS, DB_ARGS(DB_INT(id))) != DB_OK)
		return -1;
	while (db_next(&c) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		(*out)[(*n)++] = (struct case_event_row){
		        db_col_int(&c, 0), arena_strdup(a, db_col_text(&c, 1)),
		        arena_strdup(a, db_col_text(&c, 2)), arena_strdup(a, db_col_text(&c, 3))};
	}
	db_done(&c);
	return 0;
}

int
case_messages(struct db *db, struct arena *a, int64_t id, struct case_message_row **out, size_t *n)
{
	struct dbcur c;
	size_t cap = 16;
	*n = 0;
	*out = arena_alloc(a, cap * sizeof(**out));
	if (db_query(db, &c, &Q_MESSAGES, DB_ARGS(DB_INT(id))) != DB_OK)
		return -1;
	while (db_next(&c) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		(*out)[(*n)++] = (struct case_message_row){db_col_int(&c, 0),
		                                           db_col_int(&c, 1),
		                                           arena_strdup(a, db_col_text(&c, 2)),
		                                           arena_strdup(a, db_col_text(&c, 3)),
		                                           (int)db_col_int(&c, 4),
		                                           (int)db_col_int(&c, 5)};
	}
	db_done(&c);
	return 0;
}

int
case_decision(struct db *db, struct arena *a, int64_t id, struct case_decision_row *out)
{
	struct dbcur c;
	memset(out, 0, sizeof(*out));
	if (db_query(db, &c, &Q_DECISION, DB_ARGS(DB_INT(id))) != DB_OK)
		return -1;
	if (db_next(&c) > 0) {
		out->present = 1;
		out->outcome = arena_strdup(a, db_col_text(&c, 0));
		out->reasoning = arena_strdup(a, db_col_text(&c, 1));
		out->decided_by = arena_strdup(a, db_col_text(&c, 2));
		out->decided_on = arena_strdup(a, db_col_text(&c, 3));
		out->reference = arena_strdup(a, db_col_text(&c, 4));
	}
	db_done(&c);
	return 0;
}

/* The cases a user applied for or whose association they represent. */
int
cases_of_user(struct db *db, struct arena *a, int64_t user_id, struct case_list *out)
{
	return list(db, a, &Q_MINE, DB_ARGS(DB_INT(user_id)), out, 200);
}

/* A department's cases, oldest first, filtered, one page of INBOX_PAGE
 * and how many there are in all. The officer filter is
 * "mig", "ingen" or an officer's id; anything else matches no case, as an
 * unknown status does, rather than passing for "ingen". */
int
cases_inbox(struct db *db, struct arena *a, int64_t dept, int64_t me, const struct inbox_filter *f,
            struct case_list *out, int64_t *total)
{
	int64_t officer = -1;
	if (f->officer && strcmp(f->officer, "mig") == 0) {
		officer = me;
	} else if (f->officer && strcmp(f->officer, "ingen") == 0) {
		officer = 0;
	} else if (f->officer && *f->officer) {
		char *end;
		officer = strtoll(f->officer, &end, 10);
		if (*end || officer <= 0)
			officer = -2;
	}
	int64_t before = (int64_t)time(NULL) - f->older_than_days * 86400;
	struct dbval args[] = {DB_INT(dept),
	                       DB_TEXT(f->status ? f->status : ""),
	                       DB_TEXT(f->type ? f->type : ""),
	                       DB_INT(officer),
	                       DB_INT(before),
	                       DB_INT(INBOX_PAGE),
	                       DB_INT((f->page - 1) * INBOX_PAGE)};
	*total = db_int(db, &Q_INBOX_COUNT, args, 5, -1);
	if (*total < 0)
		return -1;
	return list(db, a, &Q_INBOX, args, 7, out, INBOX_PAGE);
}

/* The public diary, newest first. */
int
cases_diary(struct db *db, struct arena *a, int64_t page, struct case_list *out, int64_t *total)
{
	*total = db_int(db, &Q_DIARY_COUNT, DB_NOARGS, 0);
	return list(db, a, &Q_DIARY, DB_ARGS(DB_INT((page - 1) * 50)), out, 50);
}
