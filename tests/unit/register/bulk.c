/* Associations stored in batches (the demo, the CSV import) against one at
 * a time (the admin form): the same rows, the same links and the same
 * order, where the batch places many new rows in one gap, rows of equal
 * names, renamed rows, and rows that use a gap up. On SQLite in memory; the
 * HTTP tests run the same code on both engines. */
#include "../unit.h"

#include <stdio.h>

#include "db/migrate.h"
#include "register/bulk.h"

static struct db *db;
static int64_t area, group;

static struct dbq Q_BY_POS = {"SELECT group_concat(id, ',') FROM "
                              "(SELECT id FROM associations ORDER BY pos)",
                              NULL, 0};
static struct dbq Q_BY_KEY = {"SELECT group_concat(id, ',') FROM "
                              "(SELECT id FROM associations ORDER BY sort_key, id)",
                              NULL, 0};
static struct dbq Q_ROWS = {
        "SELECT group_concat(id || ' ' || coalesce(orgnr, '-') || ' ' || name || ' ' || purpose "
        "|| ' ' || tags, ';') FROM (SELECT * FROM associations ORDER BY id)",
        NULL, 0};
static struct dbq Q_LINKS = {"SELECT (SELECT count(*) FROM association_areas) || ' ' || "
                             "(SELECT count(*) FROM association_groups)",
                             NULL, 0};
/* Every row one apart in the same order: no gap has room. */
static struct dbq Q_SQUEEZE = {
        "UPDATE associations SET pos = (SELECT count(*) FROM associations b "
        "WHERE (b.sort_key, b.id) <= (associations.sort_key, associations.id))",
        NULL, 0};

/* A fresh register with one area and one target group. */
static int
fresh(void **state)
{
	char err[256];
	if (db_open("sqlite::memory:", &db, err, sizeof(err)) != DB_OK || db_migrate(db, 0) != 0)
		return -1;
	db_script(db, "INSERT INTO areas (slug, name) VALUES ('hyllie', 'Hyllie');"
	              "INSERT INTO target_groups (slug, name_sv, name_en) "
	              "VALUES ('barn', 'Barn', 'Children')");
	area = db_int(db, &(struct dbq){"SELECT id FROM areas", NULL, 0}, DB_NOARGS, 0);
	group = db_int(db, &(struct dbq){"SELECT id FROM target_groups", NULL, 0}, DB_NOARGS, 0);
	return 0;
}

static int
done(void **state)
{
	db_close(db);
	return 0;
}

/* The first column of the first row, as text (static). */
static const char *
text(struct dbq *q)
{
	static char out[1 << 16];
	struct dbcur c;
	out[0] = 0;
	if (db_query(db, &c, q, DB_NOARGS) == DB_OK && db_next(&c) > 0)
		snprintf(out, sizeof(out), "%s", db_col_text(&c, 0));
	db_done(&c);
	return out;
}

/* The i-th test association; names repeat (same key, other numbers) and
 * come in no order. */
static void
record(int i, const char *purpose, struct assoc_rec *r, char *name, size_t n)
{
	static const char *const names[] = {
	        "Öresunds roddare", "Ängens scouter", "Bollklubben", "Åkerns odlare",
	        "bollklubben",      "Zeta",           "Alfa",        "Ölands vänner"};
	memset(r, 0, sizeof(*r));
	snprintf(name, n, "%s %d", names[i % 8], (i * 37) % 11);
	snprintf(r->orgnr, sizeof(r->orgnr), "80%04u-%04u", (unsigned)(2000 + i) % 10000,
	         (unsigned)i % 10000);
	r->name = name;
	r->form = "ideell";
	r->purpose = purpose;
	r->email = r->phone = r->website = "";
	r->active = r->public_ = 1;
	r->area_ids[r->nareas++] = area;
	if (i % 2)
		r->group_ids[r->ngroups++] = group;
}

/* Stores rows from..to-1, batched or one at a time. */
static void
store(int from, int to, const char *purpose, int batched)
{
	struct assoc_bulk b;
	char name[64];
	assoc_bulk_init(&b, db);
	assert_int_equal(db_begin(db), DB_OK);
	for (int i = from; i < to; i++) {
		struct assoc_rec r;
		record(i, purpose, &r, name, sizeof(name));
		if (batched)
			assoc_bulk_add(&b, &r, i);
		else
			assert_int_equal(assoc_save(db, assoc_find(db, &r), &r, NULL), DB_OK);
	}
	assert_int_equal(assoc_bulk_store(&b), DB_OK);
	assoc_bulk_free(&b);
	assert_int_equal(db_commit(db), DB_OK);
}

/* The register's rows, links and order, after the same work done one at a
 * time and then in batches. */
static void
compare(void (*work)(int batched))
{
	char rows[1 << 16], links[64], order[1 << 16];
	fresh(NULL);
	work(0);
	snprintf(rows, sizeof(rows), "%s", text(&Q_ROWS));
	snprintf(links, sizeof(links), "%s", text(&Q_LINKS));
	snprintf(order, sizeof(order), "%s", text(&Q_BY_POS));
	assert_string_equal(order, text(&Q_BY_KEY));
	done(NULL);
	fresh(NULL);
	work(1);
	assert_string_equal(text(&Q_ROWS), rows);
	assert_string_equal(text(&Q_LINKS), links);
	assert_string_equal(text(&Q_BY_POS), order);
	assert_string_equal(text(&Q_BY_POS), text(&Q_BY_KEY));
	done(NULL);
}

/* 600 new rows, many in one gap, some of equal names; then all of them
 * again (updates) and 100 more. */
static void
load_and_reload(int batched)
{
	store(0, 600, "Första.", batched);
	store(0, 700, "Andra.", batched);
}

static void
new_and_updated(void **state)
{
	compare(load_and_reload);
}

/* Rows renamed by an import: their place in the order changes, between
 * rows that the same batch adds. */
static void
rename_and_add(int batched)
{
	store(0, 50, "Första.", batched);
	struct assoc_bulk b;
	char name[64];
	assoc_bulk_init(&b, db);
	assert_int_equal(db_begin(db), DB_OK);
	for (int i = 0; i < 80; i++) {
		struct assoc_rec r;
		record(i, "Omdöpt.", &r, name, sizeof(name));
		snprintf(name, sizeof(name), "Mitten %d", i % 7);
		if (batched)
			assoc_bulk_add(&b, &r, i);
		else
			assert_int_equal(assoc_save(db, assoc_find(db, &r), &r, NULL), DB_OK);
	}
	assert_int_equal(assoc_bulk_store(&b), DB_OK);
	assoc_bulk_free(&b);
	assert_int_equal(db_commit(db), DB_OK);
}

static void
renamed(void **state)
{
	compare(rename_and_add);
}

/* Gaps with no room left: the register is numbered anew and the batch
 * still lands in order. */
static void
gap_used_up(void **state)
{
	fresh(NULL);
	store(0, 8, "Första.", 1);
	assert_int_equal(db_exec(db, &Q_SQUEEZE, DB_NOARGS), DB_OK);
	assert_string_equal(text(&Q_BY_POS), text(&Q_BY_KEY));
	struct assoc_bulk b;
	assoc_bulk_init(&b, db);
	assert_int_equal(db_begin(db), DB_OK);
	for (int i = 0; i < 5; i++) {
		struct assoc_rec r;
		char name[64];
		record(100 + i, "Emellan.", &r, name, sizeof(name));
		snprintf(name, sizeof(name), "Alfa-Bolaget %d", i);
		assoc_bulk_add(&b, &r, i);
	}
	assert_int_equal(assoc_bulk_store(&b), DB_OK);
	assoc_bulk_free(&b);
	assert_int_equal(db_commit(db), DB_OK);
	assert_string_equal(text(&Q_BY_POS), text(&Q_BY_KEY));
	done(NULL);
}

/* A load in Swedish order between two neighbours: 3 000 rows share the gap
 * and the register is not numbered anew (the neighbours keep their pos),
 * where a thousand rows placed one after the other would use it up. */
static void
sorted_into_one_gap(void **state)
{
	static struct dbq q_ends = {"SELECT group_concat(pos, ',') FROM "
	                            "(SELECT pos FROM associations ORDER BY pos)",
	                            NULL, 0};
	fresh(NULL);
	struct assoc_bulk b;
	struct assoc_rec r;
	char name[64], ends[128];
	assoc_bulk_init(&b, db);
	assert_int_equal(db_begin(db), DB_OK);
	for (int i = 0; i < 2; i++) {
		record(i, "Granne.", &r, name, sizeof(name));
		snprintf(name, sizeof(name), "%s", i ? "Cederns vänner" : "Almarnas vänner");
		assoc_bulk_add(&b, &r, i);
	}
	assert_int_equal(assoc_bulk_store(&b), DB_OK);
	assoc_bulk_free(&b);
	snprintf(ends, sizeof(ends), "%s", text(&q_ends));
	assoc_bulk_init(&b, db);
	for (int i = 0; i < 3000; i++) {
		record(10 + i, "Emellan.", &r, name, sizeof(name));
		snprintf(name, sizeof(name), "Björkarnas förening %04d", i);
		assoc_bulk_add(&b, &r, i);
	}
	assert_int_equal(assoc_bulk_store(&b), DB_OK);
	assoc_bulk_free(&b);
	assert_int_equal(db_commit(db), DB_OK);
	assert_string_equal(text(&Q_BY_POS), text(&Q_BY_KEY));
	static struct dbq q_kept = {"SELECT group_concat(pos, ',') FROM (SELECT pos FROM "
	                            "associations WHERE purpose = 'Granne.' ORDER BY pos)",
	                            NULL, 0};
	assert_string_equal(text(&q_kept), ends);
	done(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(new_and_updated),
	        cmocka_unit_test(renamed),
	        cmocka_unit_test(gap_used_up),
	        cmocka_unit_test(sorted_into_one_gap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
