/* Payments of decided grants and the payment files, as the database keeps
 * them (migration 019). Sums are made by the database over integers in
 * öre, so a page, a file and a query agree to the öre. */
#include "grants/payouts.h"

#include <stdint.h>
#include <stdio.h>
#include <time.h>

/* Two writes of one department's payments at once must not both read the
 * same sums: the department's row is taken first (on SQLite, BEGIN
 * IMMEDIATE has already made the transaction the only writer). */
static struct dbq Q_LOCK = {"SELECT id FROM departments WHERE id = $1",
                            "SELECT id FROM departments WHERE id = $1 FOR UPDATE", 0};

#define AWARD_COLUMNS                                                                              \
	"SELECT w.id, coalesce(w.case_id, 0), w.department_id, w.association_id, "                 \
	"coalesce(c.diarienummer, ''), s.name, coalesce(s.orgnr, ''), coalesce(g.name, ''), "      \
	"k.name_sv, k.name_en, w.decided_on, w.year, w.amount, "                                   \
	"coalesce((SELECT sum(p.amount) FROM grant_payments p WHERE p.award_id = w.id "            \
	"AND p.amount > 0 AND p.paid_on IS NULL), 0), "                                            \
	"coalesce((SELECT sum(p.amount) FROM grant_payments p WHERE p.award_id = w.id "            \
	"AND p.amount > 0 AND p.paid_on IS NOT NULL), 0), "                                        \
	"coalesce((SELECT -sum(p.amount) FROM grant_payments p WHERE p.award_id = w.id "           \
	"AND p.amount < 0), 0) "                                                                   \
	"FROM grant_awards w JOIN associations s ON s.id = w.association_id "                      \
	"JOIN grant_kinds k ON k.code = w.kind "                                                   \
	"LEFT JOIN grant_programmes g ON g.id = w.programme_id "                                   \
	"LEFT JOIN cases c ON c.id = w.case_id "

static struct dbq Q_AWARD = {AWARD_COLUMNS "WHERE w.id = $1", NULL, 0};
/* The newest first, a page at a time: a department's (by the index
 * grant_awards_department_newest, migration 019) or an association's awards, of
 * a year (0: any), written before the award $3 (a range on the index, so
 * a deep page costs what the first does), at most $4. */
#define AWARDS_PAGE "AND ($2 = 0 OR w.year = $2) AND w.id < $3 ORDER BY w.id DESC LIMIT $4"
static struct dbq Q_AWARDS_DEPT = {
        DB_PLAN_EACH AWARD_COLUMNS "WHERE w.department_id = $1 " AWARDS_PAGE, NULL, 0};
static struct dbq Q_AWARDS_ASSOC = {
        DB_PLAN_EACH AWARD_COLUMNS "WHERE w.association_id = $1 " AWARDS_PAGE, NULL, 0};
static struct dbq Q_PAYMENTS = {
        "SELECT p.id, p.award_id, p.amount, coalesce(r.file_id, 0), p.due, p.paid_on, p.reason "
        "FROM grant_payments p LEFT JOIN grant_payment_file_rows r ON r.payment_id = p.id "
        "WHERE p.award_id = $1 ORDER BY p.due, p.id",
        NULL, 0};
static struct dbq Q_ADD = {"INSERT INTO grant_payments (award_id, amount, due, reason, "
                           "created_by, at) VALUES ($1, $2, $3, $4, $5, $6)",
                           NULL, 0};
static struct dbq Q_PAID = {"UPDATE grant_payments SET paid_on = $3 WHERE id = $2 AND "
                            "award_id = $1 AND amount > 0 AND paid_on IS NULL RETURNING id",
                            NULL, 0};

/* Only a payout neither paid nor in a payment file may go. */
static struct dbq Q_REMOVE = {
        "DELETE FROM grant_payments WHERE id = $2 AND award_id = $1 AND amount > 0 AND paid_on "
        "IS NULL AND NOT EXISTS (SELECT 1 FROM grant_payment_file_rows r WHERE r.payment_id = "
        "$2) RETURNING id",
        NULL, 0};

/* The payouts of a department due by a day, in no file yet, not paid,
 * with the account each would go to now (none: blocked). */
static struct dbq Q_DUE = {"SELECT p.id, p.amount, p.due, coalesce(c.diarienummer, ''), s.name, "
                           "coalesce(s.orgnr, ''), acc.kind, acc.number "
                           "FROM grant_payments p JOIN grant_awards w ON w.id = p.award_id "
                           "JOIN associations s ON s.id = w.association_id "
                           "LEFT JOIN cases c ON c.id = w.case_id "
                           "LEFT JOIN association_accounts acc ON acc.association_id = "
                           "w.association_id AND acc.valid_to IS NULL "
                           "WHERE w.department_id = $1 AND p.amount > 0 AND p.paid_on IS NULL "
                           "AND p.due <= $2 AND NOT EXISTS (SELECT 1 FROM "
                           "grant_payment_file_rows r WHERE r.payment_id = p.id) "
                           "ORDER BY p.due, p.id",
                           NULL, 0};
static struct dbq Q_FILE = {"INSERT INTO grant_payment_files (department_id, up_to, made_by, "
                            "made_by_name, at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                            NULL, 0};
/* Only payouts to an approved account go in; the rest stay due, shown as
 * blocked. */
static struct dbq Q_FILE_ROWS = {
        "INSERT INTO grant_payment_file_rows (payment_id, file_id, orgnr, account_kind, "
        "account_number, amount, diarienummer, association, due) "
        "SELECT p.id, $3, coalesce(s.orgnr, ''), acc.kind, acc.number, p.amount, "
        "coalesce(c.diarienummer, ''), s.name, p.due "
        "FROM grant_payments p JOIN grant_awards w ON w.id = p.award_id "
        "JOIN associations s ON s.id = w.association_id "
        "LEFT JOIN cases c ON c.id = w.case_id "
        "JOIN association_accounts acc ON acc.association_id = w.association_id "
        "AND acc.valid_to IS NULL "
        "WHERE w.department_id = $1 AND p.amount > 0 AND p.paid_on IS NULL AND p.due <= $2 "
        "AND NOT EXISTS (SELECT 1 FROM grant_payment_file_rows r WHERE r.payment_id = p.id)",
        NULL, 0};
static struct dbq Q_FILE_COUNT = {"SELECT count(*) FROM grant_payment_file_rows WHERE file_id = $1",
                                  NULL, 0};
#define FILE_COLUMNS                                                                               \
	"SELECT f.id, f.department_id, f.up_to, f.made_by_name, f.at, count(r.payment_id), "       \
	"coalesce(sum(r.amount), 0), "                                                             \
	"coalesce(sum(CASE WHEN p.id IS NOT NULL AND p.paid_on IS NULL THEN 1 ELSE 0 END), 0) "    \
	"FROM grant_payment_files f "                                                              \
	"LEFT JOIN grant_payment_file_rows r ON r.file_id = f.id "                                 \
	"LEFT JOIN grant_payments p ON p.id = r.payment_id "
#define FILE_GROUP " GROUP BY f.id, f.department_id, f.up_to, f.made_by_name, f.at "
static struct dbq Q_FILES = {FILE_COLUMNS "WHERE f.department_id = $1" FILE_GROUP
                                          "ORDER BY f.id DESC LIMIT 100",
                             NULL, 0};
static struct dbq Q_FILE_GET = {FILE_COLUMNS "WHERE f.id = $1" FILE_GROUP, NULL, 0};
static struct dbq Q_FILE_READ = {
        "SELECT payment_id, amount, due, diarienummer, association, orgnr, account_kind, "
        "account_number FROM grant_payment_file_rows WHERE file_id = $1 ORDER BY due, payment_id",
        NULL, 0};

static struct dbq Q_FILE_UNPAID = {
        "SELECT p.id, p.award_id, coalesce(w.case_id, 0), p.amount FROM grant_payment_file_rows r "
        "JOIN grant_payments p ON p.id = r.payment_id JOIN grant_awards w ON w.id = p.award_id "
        "WHERE r.file_id = $1 AND p.paid_on IS NULL ORDER BY p.id",
        NULL, 0};

/* Takes the department's payments for the rest of the transaction: 0, or
 * -1. */
int
grant_payouts_lock(struct db *db, int64_t department_id)
{
	return db_int(db, &Q_LOCK, DB_ARGS(DB_INT(department_id)), -1) < 0 ? -1 : 0;
}

/* A row of AWARD_COLUMNS, copied into the arena. */
static void
award_row(struct dbcur *c, struct arena *a, struct payout_award *w)
{
	*w = (struct payout_award){
	        .id = db_col_int(c, 0),
	        .case_id = db_col_int(c, 1),
	        .department_id = db_col_int(c, 2),
	        .association_id = db_col_int(c, 3),
	        .dnr = arena_strdup(a, db_col_text(c, 4)),
	        .association = arena_strdup(a, db_col_text(c, 5)),
	        .orgnr = arena_strdup(a, db_col_text(c, 6)),
	        .programme = arena_strdup(a, db_col_text(c, 7)),
	        .kind_sv = arena_strdup(a, db_col_text(c, 8)),
	        .kind_en = arena_strdup(a, db_col_text(c, 9)),
	        .decided_on = arena_strdup(a, db_col_text(c, 10)),
	        .year = (int)db_col_int(c, 11),
	        .amount = db_col_int(c, 12),
	        .planned = db_col_int(c, 13),
	        .paid = db_col_int(c, 14),
	        .reclaimed = db_col_int(c, 15),
	};
}

/* One award with its sums: 1, 0 when there is none, -1 on error. */
int
payout_award_get(struct db *db, struct arena *a, int64_t id, struct payout_award *out)
{
	struct dbcur c;
	if (db_query(db, &c, &Q_AWARD, DB_ARGS(DB_INT(id))) != DB_OK)
		return -1;
	int rc = db_next(&c);
	if (rc > 0)
		award_row(&c, a, out);
	db_done(&c);
	return rc < 0 ? -1 : rc > 0;
}

/* A page of awards (struct payout_filter): 0, or -1. */
int
payout_awards_of(struct db *db, struct arena *a, const struct payout_filter *f,
                 struct payout_award **out, size_t *n)
{
	struct dbcur c;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	struct dbq *q = f->association_id ? &Q_AWARDS_ASSOC : &Q_AWARDS_DEPT;
	int64_t whose = f->association_id ? f->association_id : f->department_id;
	if (db_query(db, &c, q,
	             DB_ARGS(DB_INT(whose), DB_INT(f->year),
	                     DB_INT(f->before ? f->before : INT64_MAX), DB_INT(f->limit))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		award_row(&c, a, &(*out)[(*n)++]);
	}
	db_done(&c);
	return rc < 0 ? -1 : 0;
}

/* An award's payments by day: 0, or -1. */
int
grant_payments_of(struct db *db, struct arena *a, int64_t award_id, struct grant_payment **out,
                  size_t *n)
{
	struct dbcur c;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (db_query(db, &c, &Q_PAYMENTS, DB_ARGS(DB_INT(award_id))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		(*out)[(*n)++] = (struct grant_payment){
		        .id = db_col_int(&c, 0),
		        .award_id = db_col_int(&c, 1),
		        .amount = db_col_int(&c, 2),
		        .file_id = db_col_int(&c, 3),
		        .due = arena_strdup(a, db_col_text(&c, 4)),
		        .paid_on = db_col_null(&c, 5) ? NULL : arena_strdup(a, db_col_text(&c, 5)),
		        .reason = db_col_null(&c, 6) ? NULL : arena_strdup(a, db_col_text(&c, 6)),
		};
	}
	db_done(&c);
	return rc < 0 ? -1 : 0;
}

/* A planned payout (amount above zero, reason NULL) or a reclaim (below
 * zero, with its reason), in the caller's transaction: 0, or -1. */
int
grant_payment_add(struct db *db, int64_t award_id, int64_t amount, const char *due,
                  const char *reason, int64_t user_id)
{
	struct dbval who = user_id ? DB_INT(user_id) : DB_NULLV;
	return db_exec(db, &Q_ADD,
	               DB_ARGS(DB_INT(award_id), DB_INT(amount), DB_TEXT(due), DB_TEXT(reason), who,
	                       DB_INT((int64_t)time(NULL)))) == DB_OK
	               ? 0
	               : -1;
}

/* Marks a planned payout of the award paid on a day: 0, 1 when the award
 * has no such payout not yet paid, -1 on error. */
int
grant_payment_mark_paid(struct db *db, int64_t award_id, int64_t payment_id, const char *paid_on)
{
	int64_t id;
	int rc = db_returning(db, &Q_PAID,
	                      DB_ARGS(DB_INT(award_id), DB_INT(payment_id), DB_TEXT(paid_on)), &id);
	return rc == DB_NOROW ? 1 : rc == DB_OK ? 0 : -1;
}

/* Removes a planned payout of the award that is neither paid nor in a
 * payment file, planned by mistake: 0, 1 when there is no such payout,
 * -1 on error. */
int
grant_payment_remove(struct db *db, int64_t award_id, int64_t payment_id)
{
	int64_t id;
	int rc = db_returning(db, &Q_REMOVE, DB_ARGS(DB_INT(award_id), DB_INT(payment_id)), &id);
	return rc == DB_NOROW ? 1 : rc == DB_OK ? 0 : -1;
}

/* A row of Q_DUE or Q_FILE_READ (the same columns). */
static void
due_row(struct dbcur *c, struct arena *a, struct payout_due *d)
{
	*d = (struct payout_due){
	        .payment_id = db_col_int(c, 0),
	        .amount = db_col_int(c, 1),
	        .due = arena_strdup(a, db_col_text(c, 2)),
	        .dnr = arena_strdup(a, db_col_text(c, 3)),
	        .association = arena_strdup(a, db_col_text(c, 4)),
	        .orgnr = arena_strdup(a, db_col_text(c, 5)),
	        .account_kind = db_col_null(c, 6) ? NULL : arena_strdup(a, db_col_text(c, 6)),
	        .account_number = db_col_null(c, 7) ? NULL : arena_strdup(a, db_col_text(c, 7)),
	};
}

/* The rows of a query of payouts (Q_DUE, Q_FILE_READ): 0, or -1. */
static int
due_rows(struct db *db, struct arena *a, struct dbq *q, const struct dbval *args, int nargs,
         struct payout_due **out, size_t *n)
{
	struct dbcur c;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (db_query(db, &c, q, args, nargs) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		due_row(&c, a, &(*out)[(*n)++]);
	}
	db_done(&c);
	return rc < 0 ? -1 : 0;
}

/* What a payment file made now would take (the rows with an account) and
 * leave blocked (those without): 0, or -1. */
int
payouts_due(struct db *db, struct arena *a, int64_t department_id, const char *up_to,
            struct payout_due **out, size_t *n)
{
	return due_rows(db, a, &Q_DUE, DB_ARGS(DB_INT(department_id), DB_TEXT(up_to)), out, n);
}

/* Makes a payment file of the department's payouts due by up_to that are
 * in no file, each with the account it is paid to now, in a transaction
 * of its own: 0 with *file_id, 1 when no payout could go in (nothing
 * written), -1 on a database error. */
int
payment_file_make(struct db *db, int64_t department_id, const char *up_to, int64_t user_id,
                  const char *user_name, int64_t *file_id)
{
	if (db_begin(db) != DB_OK)
		return -1;
	int64_t rows = -1;
	int ok = grant_payouts_lock(db, department_id) == 0 &&
	         db_returning(db, &Q_FILE,
	                      DB_ARGS(DB_INT(department_id), DB_TEXT(up_to), DB_INT(user_id),
	                              DB_TEXT(user_name), DB_INT((int64_t)time(NULL))),
	                      file_id) == DB_OK &&
	         db_exec(db, &Q_FILE_ROWS,
	                 DB_ARGS(DB_INT(department_id), DB_TEXT(up_to), DB_INT(*file_id))) ==
	                 DB_OK &&
	         (rows = db_int(db, &Q_FILE_COUNT, DB_ARGS(DB_INT(*file_id)), -1)) >= 0;
	if (ok && rows > 0 && db_commit(db) == DB_OK)
		return 0;
	db_rollback(db);
	return ok && rows == 0 ? 1 : -1;
}

/* The rows of a query of payment files (FILE_COLUMNS): 0, or -1. */
static int
file_rows(struct db *db, struct arena *a, struct dbq *q, int64_t arg, struct payment_file **out,
          size_t *n)
{
	struct dbcur c;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (db_query(db, &c, q, DB_ARGS(DB_INT(arg))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		(*out)[(*n)++] = (struct payment_file){
		        .id = db_col_int(&c, 0),
		        .department_id = db_col_int(&c, 1),
		        .up_to = arena_strdup(a, db_col_text(&c, 2)),
		        .made_by = arena_strdup(a, db_col_text(&c, 3)),
		        .at = db_col_int(&c, 4),
		        .rows = (int)db_col_int(&c, 5),
		        .total = db_col_int(&c, 6),
		        .unpaid = (int)db_col_int(&c, 7),
		};
	}
	db_done(&c);
	return rc < 0 ? -1 : 0;
}

/* The department's payment files, the newest first: 0, or -1. */
int
payment_files_of(struct db *db, struct arena *a, int64_t department_id, struct payment_file **out,
                 size_t *n)
{
	return file_rows(db, a, &Q_FILES, department_id, out, n);
}

/* One payment file: 1, 0 when there is none, -1 on error. */
int
payment_file_get(struct db *db, struct arena *a, int64_t id, struct payment_file *out)
{
	struct payment_file *f;
	size_t n;
	if (file_rows(db, a, &Q_FILE_GET, id, &f, &n) != 0)
		return -1;
	if (n)
		*out = f[0];
	return n > 0;
}

/* A payment file's rows as they were written: 0, or -1. */
int
payment_file_rows(struct db *db, struct arena *a, int64_t file_id, struct payout_due **out,
                  size_t *n)
{
	return due_rows(db, a, &Q_FILE_READ, DB_ARGS(DB_INT(file_id)), out, n);
}

/* The payouts of a payment file not marked paid yet: 0, or -1. */
int
payment_file_unpaid(struct db *db, struct arena *a, int64_t file_id, struct file_unpaid **out,
                    size_t *n)
{
	struct dbcur c;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (db_query(db, &c, &Q_FILE_UNPAID, DB_ARGS(DB_INT(file_id))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		(*out)[(*n)++] = (struct file_unpaid){db_col_int(&c, 0), db_col_int(&c, 1),
		                                      db_col_int(&c, 2), db_col_int(&c, 3)};
	}
	db_done(&c);
	return rc < 0 ? -1 : 0;
}
