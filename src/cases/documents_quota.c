/* How much a case and an association may keep in documents: the sums are
 * read in the transaction that records a new document, after the rows they
 * count are locked, so two uploads at once cannot both squeeze under the
 * limit; and shown beside the file fields, so nobody meets the limit by
 * surprise. */
#include "cases/documents.h"

#include <stdio.h>
#include <stdlib.h>

int64_t documents_case_quota = DOCUMENTS_CASE_QUOTA;
int64_t documents_association_quota = DOCUMENTS_ASSOCIATION_QUOTA;

/* PostgreSQL: the case's row, then its association's, are held until the
 * commit, so the next upload to either waits and then counts this one
 * (each statement of READ COMMITTED sees what committed before it). NO KEY
 * leaves the inserts that only refer to the rows free. SQLite: BEGIN
 * IMMEDIATE already lets one writer in at a time. */
static struct dbq Q_LOCK_CASE = {"SELECT id FROM cases WHERE id = $1",
                                 "SELECT id FROM cases WHERE id = $1 FOR NO KEY UPDATE", 0};
static struct dbq Q_LOCK_ASSOC = {"SELECT id FROM associations WHERE id = $1",
                                  "SELECT id FROM associations WHERE id = $1 FOR NO KEY UPDATE", 0};
static struct dbq Q_CASE_USED = {
        "SELECT coalesce(sum(size), 0) FROM case_documents WHERE case_id = $1", NULL, 0};
static struct dbq Q_ASSOC_USED = {"SELECT coalesce(sum(d.size), 0) FROM case_documents d "
                                  "JOIN cases c ON c.id = d.case_id WHERE c.association_id = $1",
                                  NULL, 0};

/* A size as a person reads it, rounded up (what is used or sent) or down
 * (a limit), never to nothing: "49,5 MB", "3 MB", "44 kB"; a comma in
 * Swedish. */
static const char *
size_text(struct arena *a, int64_t bytes, int up, int english)
{
	char *s = arena_alloc(a, 32);
	int64_t unit = bytes < 1024 * 1024 ? 1024 : 1024 * 1024 / 10;
	int64_t n = (bytes + (up ? unit - 1 : 0)) / unit;
	if (n == 0 && bytes > 0)
		n = 1;
	if (unit == 1024)
		snprintf(s, 32, "%lld kB", (long long)n);
	else if (n % 10 == 0)
		snprintf(s, 32, "%lld MB", (long long)(n / 10));
	else
		snprintf(s, 32, "%lld%c%lld MB", (long long)(n / 10), english ? '.' : ',',
		         (long long)(n % 10));
	return s;
}

/* What the case (0: none yet) and its association (0: none) have used;
 * -1 when the database cannot say. */
static int
usage(struct db *db, int64_t case_id, int64_t association_id, int64_t *case_used,
      int64_t *assoc_used)
{
	*case_used = case_id ? db_int(db, &Q_CASE_USED, DB_ARGS(DB_INT(case_id)), -1) : 0;
	*assoc_used =
	        association_id ? db_int(db, &Q_ASSOC_USED, DB_ARGS(DB_INT(association_id)), -1) : 0;
	return *case_used < 0 || *assoc_used < 0 ? -1 : 0;
}

/* Inside the transaction that will record `bytes` more for the case: 0
 * when they fit both quotas; -1 when not, with *error saying how much is
 * used of which limit and how large the file is; -2 when the database
 * cannot say. Locks the case's and the association's rows (PostgreSQL). */
int
documents_quota_check(struct req *r, const struct case_row *c, int64_t bytes, const char **error)
{
	int en = r->p.english;
	int64_t case_used, assoc_used;
	if (db_exec(r->db, &Q_LOCK_CASE, DB_ARGS(DB_INT(c->id))) != DB_OK ||
	    (c->association_id &&
	     db_exec(r->db, &Q_LOCK_ASSOC, DB_ARGS(DB_INT(c->association_id))) != DB_OK) ||
	    usage(r->db, c->id, c->association_id, &case_used, &assoc_used) != 0)
		return -2;
	int over_case = case_used + bytes > documents_case_quota;
	if (!over_case && (!c->association_id || assoc_used + bytes <= documents_association_quota))
		return 0;
	char *m = arena_alloc(&r->a, 300);
	const char *file = size_text(&r->a, bytes, 1, en);
	if (over_case)
		snprintf(m, 300,
		         en ? "The case has %s of %s. The file is %s."
		            : "Ärendet har %s av %s. Filen är %s.",
		         size_text(&r->a, case_used, 1, en),
		         size_text(&r->a, documents_case_quota, 0, en), file);
	else
		snprintf(m, 300,
		         en ? "The association's cases have %s of %s. The file is %s."
		            : "Föreningens ärenden har %s av %s. Filen är %s.",
		         size_text(&r->a, assoc_used, 1, en),
		         size_text(&r->a, documents_association_quota, 0, en), file);
	*error = m;
	return -1;
}

/* A file field's hint with what the case (0: one not yet stored, which
 * has used nothing) and its association (0: none) have used of their
 * quotas: "PDF, … Använt: 12,3 MB av 50 MB." The hint as it was when the
 * database cannot say. */
const char *
documents_usage_hint(struct req *r, int64_t case_id, int64_t association_id, const char *hint)
{
	int en = r->p.english;
	int64_t case_used, assoc_used;
	if (usage(r->db, case_id, association_id, &case_used, &assoc_used) != 0)
		return hint;
	struct buf b = {0};
	if (hint)
		buf_printf(&b, "%s ", hint);
	if (case_id)
		buf_printf(&b, en ? "Used: %s of %s" : "Använt: %s av %s",
		           size_text(&r->a, case_used, 1, en),
		           size_text(&r->a, documents_case_quota, 0, en));
	if (association_id)
		buf_printf(&b,
		           case_id ? (en ? ", and by the association's cases %s of %s"
		                         : ", och av föreningens ärenden %s av %s")
		                   : (en ? "Used by the association's cases: %s of %s"
		                         : "Använt av föreningens ärenden: %s av %s"),
		           size_text(&r->a, assoc_used, 1, en),
		           size_text(&r->a, documents_association_quota, 0, en));
	if (case_id || association_id)
		buf_putc(&b, '.');
	const char *s = arena_strdup(&r->a, buf_cstr(&b));
	buf_free(&b);
	return s;
}
