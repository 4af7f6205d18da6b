/* The board field's rule: one person per line, a name and a role with a
 * comma between; the case keeps the lines as they were written, without
 * blank ones or the spaces around them. */
#include "../unit.h"

#include "registration/fields.c"

/* Boards as people write them: blank lines, spaces, Windows line ends,
 * and a comma inside the role. */
static void
accepts_name_and_role(void **state)
{
	assert_null(board_problem("Anna Andersson, ordförande", 0));
	assert_null(board_problem("  Anna Andersson , ordförande \r\n\r\n"
	                          "Bo Berg,kassör\n\tCilla Ek, ledamot, suppleant\n",
	                          0));
}

/* A line without a comma, a name or a role is refused, in the page's
 * language. */
static void
refuses_a_line_without_role(void **state)
{
	const char *sv = board_problem("Anna Andersson, ordförande\nBo Berg\n", 0);
	assert_non_null(sv);
	assert_non_null(strstr(sv, "namn, kommatecken och roll"));
	assert_non_null(board_problem(", kassör", 0));
	assert_non_null(board_problem("Bo Berg,  ", 0));
	const char *en = board_problem("Bo Berg", 1);
	assert_non_null(en);
	assert_non_null(strstr(en, "name, a comma and the role"));
}

/* The case's payload: one string per person, trimmed, blank lines left
 * out. */
static void
lines_for_the_case(void **state)
{
	json_t *a = board_lines(" Anna Andersson, ordförande \r\n\r\n  \nBo Berg, kassör");
	assert_int_equal(json_array_size(a), 2);
	assert_string_equal(json_string_value(json_array_get(a, 0)), "Anna Andersson, ordförande");
	assert_string_equal(json_string_value(json_array_get(a, 1)), "Bo Berg, kassör");
	json_decref(a);
	a = board_lines(NULL);
	assert_int_equal(json_array_size(a), 0);
	json_decref(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(accepts_name_and_role),
	        cmocka_unit_test(refuses_a_line_without_role),
	        cmocka_unit_test(lines_for_the_case),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
