/* Statistics for a department's officers: what arrives, what is open, how
 * long decisions take. */
#include "cases/pages.h"
#include "cases/stats.h"
#include "cases/stats.tpl.h"
#include "layout/layout.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static struct dbq Q_BY_TYPE_STATUS = {
        "SELECT type, status, count(*) FROM cases WHERE department_id = $1 "
        "GROUP BY type, status ORDER BY type, status",
        NULL, 0};
static struct dbq Q_CREATED = {
        "SELECT created FROM cases WHERE department_id = $1 AND created >= $2", NULL, 0};
static struct dbq Q_HANDLING = {
        "SELECT d.at - c.created FROM cases c JOIN case_decisions d ON d.case_id = c.id "
        "WHERE c.department_id = $1",
        NULL, 0};
static struct dbq Q_OLD_OPEN = {
        "SELECT count(*) FROM cases WHERE department_id = $1 AND created < $2 "
        "AND status IN ('inkommen', 'handlaggning', 'komplettering')",
        NULL, 0};

static int
by_value(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

void
cases_stats_page(struct req *r)
{
	int64_t dept = r->user->department_id;
	time_t now = time(NULL);
	struct case_stat rows[64];
	int nrows = 0;
	struct dbcur c;
	if (db_query(r->db, &c, &Q_BY_TYPE_STATUS, DB_ARGS(DB_INT(dept))) != DB_OK) {
		req_error(r, 500);
		return;
	}
	while (db_next(&c) > 0 && nrows < 64)
		rows[nrows++] = (struct case_stat){arena_strdup(&r->a, db_col_text(&c, 0)),
		                                   arena_strdup(&r->a, db_col_text(&c, 1)),
		                                   db_col_int(&c, 2)};
	db_done(&c);

	/* the last twelve months, oldest first */
	struct month_stat months[12];
	struct tm tm;
	localtime_r(&now, &tm);
	for (int i = 0; i < 12; i++) {
		int back = 11 - i;
		int y = tm.tm_year + 1900, m = tm.tm_mon - back;
		while (m < 0)
			m += 12, y--;
		months[i] = (struct month_stat){y, m + 1, 0};
	}
	if (db_query(r->db, &c, &Q_CREATED, DB_ARGS(DB_INT(dept), DB_INT(now - 400 * 86400))) ==
	    DB_OK) {
		while (db_next(&c) > 0) {
			time_t t = (time_t)db_col_int(&c, 0);
			struct tm ct;
			localtime_r(&t, &ct);
			for (int i = 0; i < 12; i++)
				if (months[i].year == ct.tm_year + 1900 &&
				    months[i].month == ct.tm_mon + 1)
					months[i].count++;
		}
	}
	db_done(&c);

	size_t n = 0, cap = 256;
	int64_t *durations = xmalloc(cap * sizeof(*durations));
	if (db_query(r->db, &c, &Q_HANDLING, DB_ARGS(DB_INT(dept))) == DB_OK) {
		while (db_next(&c) > 0) {
			if (n == cap)
				durations = xrealloc(durations, (cap *= 2) * sizeof(*durations));
			durations[n++] = db_col_int(&c, 0);
		}
	}
	db_done(&c);
	qsort(durations, n, sizeof(*durations), by_value);
	int64_t median =
	        n ? (n % 2 ? durations[n / 2] : (durations[n / 2 - 1] + durations[n / 2]) / 2) : -1;
	free(durations);
	int64_t old_open =
	        db_int(r->db, &Q_OLD_OPEN, DB_ARGS(DB_INT(dept), DB_INT(now - 30 * 86400)), 0);

	r->p.title = r->p.english ? "Statistics" : "Statistik";
	layout_head(r);
	tpl_cases_stats(&r->out, &r->p, rows, nrows, months, median, (int64_t)n, old_open);
	layout_foot(r);
}
