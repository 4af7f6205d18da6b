/* The register's search box: what a visitor types becomes a prefix search
 * on either engine, and nothing typed can break the query syntax. */
#include "../unit.h"

#include "register/queries.h"

static struct arena a;

/* Frees the queries built by a test. */
static int
reset(void **state)
{
	arena_reset(&a);
	return 0;
}

/* Each word is a quoted prefix term for SQLite FTS5 and a prefix lexeme
 * joined with & for PostgreSQL. */
static void
words_become_prefix_terms(void **state)
{
	assert_string_equal(search_query(&a, DB_SQLITE, "kultur"), "\"kultur\"*");
	assert_string_equal(search_query(&a, DB_PG, "kultur"), "kultur:*");
	assert_string_equal(search_query(&a, DB_SQLITE, "  Malmö  fotboll 1912 "),
	                    "\"Malmö\"* \"fotboll\"* \"1912\"*");
	assert_string_equal(search_query(&a, DB_PG, "  Malmö  fotboll 1912 "),
	                    "Malmö:* & fotboll:* & 1912:*");
	assert_string_equal(search_query(&a, DB_PG, "Ängelholm"), "Ängelholm:*");
}

/* Quotes and the operators of both engines are dropped, leaving words. */
static void
operators_stripped(void **state)
{
	const char *q = "\"fotboll\" & !tennis | (barn):* <-> ung* -äldre NEAR(a,b) ^x {y} [z]";
	assert_string_equal(search_query(&a, DB_PG, q),
	                    "fotboll:* & tennis:* & barn:* & ung:* & äldre:* & NEAR:* & a:* & b:*");
	assert_string_equal(search_query(&a, DB_SQLITE, "\"a\" + b' c\\ d;--"),
	                    "\"a\"* \"b\"* \"c\"* \"d\"*");
	assert_string_equal(search_query(&a, DB_SQLITE, "x_y`z~w"), "\"x\"* \"y\"* \"z\"* \"w\"*");
	/* the filters' words in SQLite's search index start with '_' (migration
	 * 011): what a visitor types never keeps one, so never names a filter */
	assert_string_equal(search_query(&a, DB_SQLITE, "_fstiftelse _a1"),
	                    "\"fstiftelse\"* \"a1\"*");
}

/* Only the first eight words count. */
static void
at_most_eight_words(void **state)
{
	assert_string_equal(search_query(&a, DB_SQLITE, "a b c d e f g h i j"),
	                    "\"a\"* \"b\"* \"c\"* \"d\"* \"e\"* \"f\"* \"g\"* \"h\"*");
	assert_string_equal(search_query(&a, DB_PG, "1 2 3 4 5 6 7 8 9"),
	                    "1:* & 2:* & 3:* & 4:* & 5:* & 6:* & 7:* & 8:*");
}

/* Nothing searchable left: no search at all, rather than an empty query
 * the engine would reject. */
static void
nothing_left(void **state)
{
	const char *empty[] = {"", "   ", "\"\"", "!!! & | ()", "*:*", "-- ;"};
	for (size_t i = 0; i < sizeof(empty) / sizeof(empty[0]); i++) {
		assert_null(search_query(&a, DB_SQLITE, empty[i]));
		assert_null(search_query(&a, DB_PG, empty[i]));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_teardown(words_become_prefix_terms, reset),
	        cmocka_unit_test_teardown(operators_stripped, reset),
	        cmocka_unit_test_teardown(at_most_eight_words, reset),
	        cmocka_unit_test_teardown(nothing_left, reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
