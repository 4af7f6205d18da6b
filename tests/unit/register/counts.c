/* A search's hits kept per search generation: any page is its own fifty
 * keys, a newer generation brings them up to date or reads them anew, and
 * past the bound on the keys
 * kept the searches kept longest ago give theirs up (read again when next
 * asked, never answered wrongly). On SQLite in memory, the hits a table's
 * knob moves so that a kept answer and a read one differ. */
#include "../unit.h"

#include "register/counts.h"
#include "register/queries.h"

static struct db *db;

/* Keys from the knob on, n of them, in order. */
static struct dbq Q_KEYS = {"WITH RECURSIVE k(x) AS (SELECT (SELECT v FROM knob) UNION ALL "
                            "SELECT x + 1 FROM k WHERE x < (SELECT v FROM knob) + $1 - 1) "
                            "SELECT x FROM k WHERE x >= $2 AND x <= $3",
                            NULL, 0};
static struct dbq Q_KNOB = {"UPDATE knob SET v = $1", NULL, 0};
/* The multiples of $1 up to $2. */
static struct dbq Q_STEP = {"WITH RECURSIVE k(x) AS (SELECT $1 UNION ALL SELECT x + $1 FROM k "
                            "WHERE x + $1 <= $2) SELECT x FROM k WHERE x >= $3 AND x <= $4",
                            NULL, 0};
/* The keys of table v. */
static struct dbq Q_V = {"SELECT x FROM v WHERE x >= $1 AND x <= $2 ORDER BY x", NULL, 0};
/* The keys of table t. */
static struct dbq Q_TABLE = {"SELECT x FROM t WHERE x >= $1 AND x <= $2 ORDER BY x", NULL, 0};

/* An empty database with the knob at 1. */
static int
open_db(void **state)
{
	char err[256];
	if (db_open("sqlite::memory:", &db, err, sizeof(err)) != DB_OK)
		return -1;
	return db_script(db, "CREATE TABLE knob (v INTEGER); INSERT INTO knob VALUES (1); "
	                     "CREATE TABLE register_changes (gen INTEGER, pos INTEGER); "
	                     "CREATE TABLE t (x INTEGER PRIMARY KEY); "
	                     "CREATE TABLE v (x INTEGER PRIMARY KEY);");
}

static int
close_db(void **state)
{
	db_close(db);
	return 0;
}

/* The first key of page of the search of n keys at gen, and its count. */
static int64_t
first_key(int64_t gen, int64_t n, int64_t page, int64_t *total, size_t *nkeys)
{
	int64_t keys[REGISTER_PAGE_SIZE];
	struct dbval arg = DB_INT(n);
	assert_int_equal(counts_page(db, gen, &(struct counts_part){&Q_KEYS, &arg, 1}, 1, page,
	                             keys, nkeys, total),
	                 0);
	return *nkeys ? keys[0] : -1;
}

/* Page k of 120 hits is hits 50k-49 …; the last page holds the rest; past it
 * none; kept until the generation moves. */
static void
pages_of_hits(void **state)
{
	int64_t total;
	size_t n;
	assert_int_equal(first_key(1, 120, 1, &total, &n), 1);
	assert_int_equal(total, 120);
	assert_int_equal(n, 50);
	assert_int_equal(first_key(1, 120, 3, &total, &n), 101);
	assert_int_equal(n, 20);
	assert_int_equal(first_key(1, 120, 4, &total, &n), -1);
	assert_int_equal(first_key(1, 120, 0, &total, &n), -1);
	db_exec(db, &Q_KNOB, DB_ARGS(DB_INT(1000)));
	assert_int_equal(first_key(1, 120, 2, &total, &n), 51);
	assert_int_equal(first_key(2, 120, 2, &total, &n), 1050);
	db_exec(db, &Q_KNOB, DB_ARGS(DB_INT(1)));
}

/* Two hundred searches asked in turn (twice the parts of a mixed load)
 * all stay kept: each still answers what it first read after the knob
 * moved. With one slot a search, two of them fell on the same slot in
 * nearly every run and put each other out. */
static void
many_kept(void **state)
{
	int64_t total;
	size_t n;
	for (int64_t i = 0; i < 200; i++)
		assert_int_equal(first_key(3, 100 + i, 1, &total, &n), 1);
	db_exec(db, &Q_KNOB, DB_ARGS(DB_INT(1000)));
	for (int64_t i = 0; i < 200; i++) {
		assert_int_equal(first_key(3, 100 + i, 1, &total, &n), 1);
		assert_int_equal(total, 100 + i);
	}
	db_exec(db, &Q_KNOB, DB_ARGS(DB_INT(1)));
}

/* Two searches whose keys together pass the bound (4 194 304): the one
 * kept first gives its up and is read again, the other stays kept. */
static void
bounded(void **state)
{
	int64_t total;
	size_t n;
	int64_t big = 3000000, other = 2000000;
	assert_int_equal(first_key(5, big, 1, &total, &n), 1);
	assert_int_equal(total, big);
	db_exec(db, &Q_KNOB, DB_ARGS(DB_INT(7)));
	assert_int_equal(first_key(5, big, 2, &total, &n), 51);
	assert_int_equal(first_key(5, other, 1, &total, &n), 7);
	db_exec(db, &Q_KNOB, DB_ARGS(DB_INT(9)));
	assert_int_equal(first_key(5, other, 1, &total, &n), 7);
	assert_int_equal(first_key(5, big, 1, &total, &n), 9);
	assert_int_equal(total, big);
}

/* The hits of t at gen, and the first key of page 3 and the last one. */
static int64_t
table_hits(int64_t gen, int64_t *first3, int64_t *last3)
{
	int64_t keys[REGISTER_PAGE_SIZE], total;
	size_t n;
	assert_int_equal(counts_page(db, gen, &(struct counts_part){&Q_TABLE, NULL, 0}, 1, 3, keys,
	                             &n, &total),
	                 0);
	*first3 = n ? keys[0] : -1;
	*last3 = n ? keys[n - 1] : -1;
	return total;
}

/* Kept at an older generation, the hits are brought up to date by the
 * places logged since (a place taken out, one put in; a row added to t but
 * not logged is not seen, which shows no whole read was made), and read
 * whole when the places are more than 32 or the log no longer reaches
 * back to the kept generation. */
static void
patched(void **state)
{
	int64_t first, last;
	db_script(db, "WITH RECURSIVE k(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM k WHERE x < "
	              "120) INSERT INTO t SELECT x FROM k");
	assert_int_equal(table_hits(20, &first, &last), 120);
	db_script(db, "DELETE FROM t WHERE x = 5; INSERT INTO t VALUES (200), (130); "
	              "INSERT INTO register_changes VALUES (21, 5), (21, 200), (21, 77)");
	assert_int_equal(table_hits(21, &first, &last), 120);
	assert_int_equal(first, 102);
	assert_int_equal(last, 200);
	db_script(db,
	          "WITH RECURSIVE k(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM k WHERE x < 33) "
	          "INSERT INTO register_changes SELECT 22, 1000 + x FROM k");
	assert_int_equal(table_hits(22, &first, &last), 121);
	assert_int_equal(last, 200);
	db_script(db, "DELETE FROM register_changes; INSERT INTO t VALUES (300); "
	              "INSERT INTO register_changes VALUES (24, 7)");
	assert_int_equal(table_hits(24, &first, &last), 122);
	assert_int_equal(last, 300);
}

/* The search of the parts at gen: its count, the first and last key of
 * its first page. */
static int64_t
parts_hits(int64_t gen, const struct counts_part *parts, int n, int64_t *first, int64_t *last)
{
	int64_t keys[REGISTER_PAGE_SIZE], total;
	size_t nkeys;
	assert_int_equal(counts_page(db, gen, parts, n, 1, keys, &nkeys, &total), 0);
	*first = nkeys ? keys[0] : -1;
	*last = nkeys ? keys[nkeys - 1] : -1;
	return total;
}

/* A search of several parts finds the hits all of them have, whichever
 * is the fewest and however far apart its hits lie in the others; after a
 * write its parts are brought up to date (a part taken out and one put in
 * by the places logged) and so is it. */
static void
parts_together(void **state)
{
	struct dbval two[] = {DB_INT(2), DB_INT(10000)}, three[] = {DB_INT(3), DB_INT(10000)},
	             seven[] = {DB_INT(7), DB_INT(700)}, one[] = {DB_INT(1), DB_INT(100000)},
	             quarter[] = {DB_INT(25000), DB_INT(100000)},
	             thousand[] = {DB_INT(1000), DB_INT(5000)};
	int64_t first, last;
	struct counts_part by42[] = {{&Q_STEP, two, 2}, {&Q_STEP, three, 2}, {&Q_STEP, seven, 2}};
	assert_int_equal(parts_hits(40, by42, 3, &first, &last), 16);
	assert_int_equal(first, 42);
	assert_int_equal(last, 672);
	struct counts_part far[] = {{&Q_STEP, one, 2}, {&Q_STEP, quarter, 2}};
	assert_int_equal(parts_hits(40, far, 2, &first, &last), 4);
	assert_int_equal(first, 25000);
	assert_int_equal(last, 100000);
	struct counts_part none[] = {{&Q_STEP, seven, 2}, {&Q_STEP, thousand, 2}};
	assert_int_equal(parts_hits(40, none, 2, &first, &last), 0);
	assert_int_equal(first, -1);

	db_script(db, "WITH RECURSIVE k(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM k WHERE x < "
	              "100) INSERT INTO v SELECT x FROM k; DELETE FROM register_changes");
	struct counts_part in_v[] = {{&Q_V, NULL, 0}, {&Q_STEP, seven, 2}};
	assert_int_equal(parts_hits(41, in_v, 2, &first, &last), 14);
	assert_int_equal(first, 7);
	assert_int_equal(last, 98);
	db_script(db, "DELETE FROM v WHERE x = 14; INSERT INTO v VALUES (700), (701); "
	              "INSERT INTO register_changes VALUES (42, 14), (42, 700)");
	assert_int_equal(parts_hits(42, in_v, 2, &first, &last), 14);
	assert_int_equal(first, 7);
	assert_int_equal(last, 700);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(pages_of_hits),  cmocka_unit_test(many_kept),
	        cmocka_unit_test(bounded),        cmocka_unit_test(patched),
	        cmocka_unit_test(parts_together),
	};
	return cmocka_run_group_tests(tests, open_db, close_db);
}
