/* The awards that owe a report and where each report stands, read from
 * grant_awards, the programmes' follow-up days and the report cases
 * (grant_followups, migration 021). */
#include "grants/followup.h"
#include "grants/awards.h"

#include <string.h>

/* The report that counts for an award: its latest case that is neither
 * withdrawn nor refused, found through the award's own rows. */
#define REPORTED                                                                                   \
	"LEFT JOIN cases rc ON rc.id = (SELECT max(c.id) FROM grant_followups f JOIN cases c ON "  \
	"c.id = f.case_id WHERE f.award_id = w.id AND c.status <> 'aterkallad' AND NOT EXISTS "    \
	"(SELECT 1 FROM case_decisions x WHERE x.case_id = c.id AND x.outcome = 'avslag')) "
/* An award owes a report when its programme asks for one; awards imported
 * without a case were decided, and followed up, before samverka. */
#define SELECT_FOLLOWUP                                                                            \
	"SELECT w.id, w.association_id, w.department_id, w.year, w.amount, a.name, a.public, "     \
	"g.name, g.followup_due, d.code, d.name_sv, d.name_en, coalesce(ac.diarienummer, ''), "    \
	"coalesce(ac.payload, '{}'), coalesce(rc.diarienummer, ''), coalesce(rc.status, ''), "     \
	"(SELECT count(*) FROM grant_followup_reminders m WHERE m.award_id = w.id), g.id "         \
	"FROM grant_awards w JOIN grant_programmes g ON g.id = w.programme_id "                    \
	"JOIN associations a ON a.id = w.association_id "                                          \
	"JOIN departments d ON d.id = w.department_id "                                            \
	"LEFT JOIN cases ac ON ac.id = w.case_id " REPORTED                                        \
	"WHERE g.followup_due IS NOT NULL AND w.case_id IS NOT NULL "

static struct dbq Q_ONE = {SELECT_FOLLOWUP
                           "AND w.id = $1 AND EXISTS (SELECT 1 FROM user_roles u WHERE "
                           "u.user_id = $2 AND u.role = 'representative' AND "
                           "u.association_id = w.association_id)",
                           NULL, 0};
static struct dbq Q_OF_USER = {SELECT_FOLLOWUP
                               "AND w.association_id IN (SELECT u.association_id FROM "
                               "user_roles u WHERE u.user_id = $1 AND u.role = "
                               "'representative') AND NOT EXISTS (SELECT 1 FROM "
                               "case_decisions x WHERE x.case_id = rc.id) "
                               "ORDER BY g.followup_due, w.id",
                               NULL, 0};
_Static_assert(FOLLOWUP_OVERDUE_SHOWN == 200, "Q_OVERDUE takes 201 rows");
static struct dbq Q_OVERDUE = {SELECT_FOLLOWUP "AND w.department_id = $1 AND g.followup_due < $2 "
                                               "AND rc.id IS NULL ORDER BY g.followup_due, "
                                               "a.sort_key, w.id LIMIT 201",
                               NULL, 0};
static struct dbq Q_OVERDUE_OF = {SELECT_FOLLOWUP
                                  "AND w.association_id = $1 AND g.followup_due < $2 "
                                  "AND rc.id IS NULL ORDER BY g.followup_due, w.id",
                                  NULL, 0};
/* Reports not sent whose day is at most the limit away and at most
 * $3 past, without the reminder of their kind ('forsenad' once the day
 * has passed, else 'snart'). */
static struct dbq Q_TO_REMIND = {
        SELECT_FOLLOWUP "AND g.followup_due <= $2 AND g.followup_due >= $3 AND rc.id IS NULL "
                        "AND NOT EXISTS (SELECT 1 FROM grant_followup_reminders m WHERE "
                        "m.award_id = w.id AND m.kind = CASE WHEN g.followup_due < $1 THEN "
                        "'forsenad' ELSE 'snart' END) ORDER BY w.id",
        NULL, 0};
static struct dbq Q_LINK = {"INSERT INTO grant_followups (case_id, award_id) VALUES ($1, $2)", NULL,
                            0};
static struct dbq Q_COUNTS = {"SELECT count(*) FROM grant_followups f JOIN cases c ON c.id = "
                              "f.case_id WHERE f.award_id = $1 AND c.status <> 'aterkallad' AND "
                              "NOT EXISTS (SELECT 1 FROM case_decisions x WHERE x.case_id = c.id "
                              "AND x.outcome = 'avslag')",
                              NULL, 0};

/* One row of SELECT_FOLLOWUP, its text copied into the arena. */
static void
row_of(struct dbcur *c, struct arena *a, struct followup *x)
{
	*x = (struct followup){
	        .award_id = db_col_int(c, 0),
	        .association_id = db_col_int(c, 1),
	        .department_id = db_col_int(c, 2),
	        .year = (int)db_col_int(c, 3),
	        .amount = db_col_int(c, 4),
	        .association = arena_strdup(a, db_col_text(c, 5)),
	        .association_public = (int)db_col_int(c, 6),
	        .programme = arena_strdup(a, db_col_text(c, 7)),
	        .due = arena_strdup(a, db_col_text(c, 8)),
	        .dept_code = arena_strdup(a, db_col_text(c, 9)),
	        .dept_sv = arena_strdup(a, db_col_text(c, 10)),
	        .dept_en = arena_strdup(a, db_col_text(c, 11)),
	        .application_dnr = arena_strdup(a, db_col_text(c, 12)),
	        .application_payload = arena_strdup(a, db_col_text(c, 13)),
	        .report_dnr = arena_strdup(a, db_col_text(c, 14)),
	        .report_status = arena_strdup(a, db_col_text(c, 15)),
	        .reminders = (int)db_col_int(c, 16),
	        .programme_id = db_col_int(c, 17),
	};
}

/* Runs a query of SELECT_FOLLOWUP into a list: 0, or -1. */
static int
list(struct db *db, struct arena *a, struct dbq *q, const struct dbval *args, int nargs,
     struct followup_list *out)
{
	struct dbcur c;
	size_t cap = 0;
	*out = (struct followup_list){0};
	if (db_query(db, &c, q, args, nargs) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		out->items = arena_grow(a, out->items, out->n, &cap, sizeof(*out->items));
		row_of(&c, a, &out->items[out->n++]);
	}
	db_done(&c);
	return rc < 0 ? -1 : 0;
}

/* The award that owes a report, if the user represents its association:
 * 1, 0 when there is none they may see (a 404), -1 on error. */
int
followup_get(struct db *db, struct arena *a, int64_t award_id, int64_t user_id,
             struct followup *out)
{
	struct followup_list l;
	if (list(db, a, &Q_ONE, DB_ARGS(DB_INT(award_id), DB_INT(user_id)), &l) != 0)
		return -1;
	if (l.n)
		*out = l.items[0];
	return l.n > 0;
}

/* The reports the user's associations owe, or have sent and not yet had
 * decided, the earliest due first (Mina sidor). */
int
followups_of_user(struct db *db, struct arena *a, int64_t user_id, struct followup_list *out)
{
	return list(db, a, &Q_OF_USER, DB_ARGS(DB_INT(user_id)), out);
}

/* The department's reports whose day has passed with none sent, the
 * longest overdue first: FOLLOWUP_OVERDUE_SHOWN and one more, which says
 * there are more. */
int
followups_overdue(struct db *db, struct arena *a, int64_t department_id, const char *today,
                  struct followup_list *out)
{
	return list(db, a, &Q_OVERDUE, DB_ARGS(DB_INT(department_id), DB_TEXT(today)), out);
}

/* One association's overdue reports, in every department. */
int
followups_overdue_of(struct db *db, struct arena *a, int64_t association_id, const char *today,
                     struct followup_list *out)
{
	return list(db, a, &Q_OVERDUE_OF, DB_ARGS(DB_INT(association_id), DB_TEXT(today)), out);
}

/* Ties a new report case to its award, in the transaction that made the
 * case: 0, 1 when a report that counts was sent meanwhile (nothing
 * written), -1 on error. The programme's row is the lock two sendings at
 * once share, as applications do. */
int
followup_link(struct db *db, int64_t case_id, const struct followup *x)
{
	if (grant_programme_lock(db, x->programme_id) < 0)
		return -1;
	int64_t n = db_int(db, &Q_COUNTS, DB_ARGS(DB_INT(x->award_id)), -1);
	if (n != 0)
		return n < 0 ? -1 : 1;
	return db_exec(db, &Q_LINK, DB_ARGS(DB_INT(case_id), DB_INT(x->award_id))) == DB_OK ? 0
	                                                                                    : -1;
}

/* The reports a reminder is owed for today: due by limit, and not more
 * than a quarter of a year late (older ones are history, not news). */
int
followups_to_remind(struct db *db, struct arena *a, const char *today, const char *limit,
                    const char *oldest, struct followup_list *out)
{
	return list(db, a, &Q_TO_REMIND, DB_ARGS(DB_TEXT(today), DB_TEXT(limit), DB_TEXT(oldest)),
	            out);
}
