/* The benchmark generator's segments, which keep the bookings of a
 * venue's day apart, and its day arithmetic. */
#include "../unit.h"

#include "demo/venue_scale.c"

/* A booking fits its segment, on the half hour from the segment's start,
 * shortened to the segment and refused below half an hour. */
static void
segments(void **state)
{
	for (int seg = 30; seg <= 840; seg += 30)
		for (uint64_t r = 0; r < 200; r++) {
			int start = -1, len = 0;
			assert_int_equal(fit(600, seg, r, &start, &len), 0);
			assert_true(start >= 600 && start + len <= 600 + seg);
			assert_int_equal((start - 600) % 30, 0);
			assert_true(len >= 30 && len <= 120);
		}
	int start = -1, len = 0;
	assert_int_equal(fit(600, 20, 0, &start, &len), -1);
	assert_int_equal(civil_days("1970-01-01"), 0);
	assert_int_equal(civil_days("2026-12-03") - civil_days("2025-12-03"), 365);
	assert_int_equal(civil_days("2028-03-01") - civil_days("2028-02-28"), 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(segments),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
