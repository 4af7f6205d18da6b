/* The season's two rules that need no database: when two wished times
 * conflict (one leaf at one time: a whole hall's wish against its half's,
 * never the two halves, never times that only meet), and the priority
 * order (youth activity the register confirms first, then more members,
 * then the earlier case). */
#include "../unit.h"

#include "venues/season_store.c"

/* A wish of venue leaves on a weekday, minutes from..to. */
static struct season_wish
wish(int64_t id, const int64_t *leaves, size_t n, int weekday, int from, int to)
{
	struct season_wish w = {.id = id, .weekday = weekday, .from = from, .to = to};
	memcpy(w.leaves, leaves, n * sizeof *leaves);
	w.nleaves = n;
	return w;
}

static void
conflicts(void **state)
{
	const int64_t whole[] = {11, 12}, half_a[] = {11}, half_b[] = {12}, room[] = {20};
	struct season_wish w = wish(1, whole, 2, 2, 1080, 1200);
	struct season_wish a = wish(2, half_a, 1, 2, 1080, 1200);
	struct season_wish b = wish(3, half_b, 1, 2, 1140, 1260);
	assert_true(season_wishes_conflict(&w, &a));
	assert_true(season_wishes_conflict(&b, &w));
	assert_false(season_wishes_conflict(&a, &b));
	assert_false(season_wishes_conflict(&w, &w));
	struct season_wish later = wish(4, half_a, 1, 2, 1200, 1320);
	assert_false(season_wishes_conflict(&a, &later)); /* 18–20 and 20–22 only meet */
	struct season_wish wednesday = wish(5, whole, 2, 3, 1080, 1200);
	assert_false(season_wishes_conflict(&w, &wednesday));
	struct season_wish other = wish(6, room, 1, 2, 1080, 1200);
	assert_false(season_wishes_conflict(&w, &other));
}

/* An application as the rule reads it. */
static struct season_app
app(int64_t case_id, int youth_first, int64_t members)
{
	struct season_app x = {.case_id = case_id, .youth_first = youth_first};
	x.basis.members = members;
	return x;
}

static void
priority(void **state)
{
	struct season_app l[] = {app(1, 0, 100), app(2, 1, 40),  app(3, 0, 200),
	                         app(4, 0, -1),  app(5, 0, 100), app(6, 1, 90)};
	qsort(l, 6, sizeof *l, by_rule);
	const int64_t order[] = {6, 2, 3, 1, 5, 4};
	for (int i = 0; i < 6; i++)
		assert_int_equal(l[i].case_id, order[i]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(conflicts),
	        cmocka_unit_test(priority),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
