/* The demo's season: Sweden's public holidays for a school year (Easter
 * and the days that move with it, Alla helgons dag and Midsommarafton by
 * weekday), the terms' first and last days and the types' hours. */
#include "../unit.h"

#include <time.h>

#include "demo/venue_kinds.c"

/* The day a holiday of the school year falls on, "" when it has none. */
static const char *
holiday(const struct closed_day *h, int n, const char *reason)
{
	for (int i = 0; i < n; i++)
		if (strcmp(h[i].reason, reason) == 0)
			return h[i].day;
	return "";
}

/* The school year 2026/27, and Easter's days in years it falls early and
 * late (2008: 23 March; 2038: 25 April). */
static void
holidays(void **state)
{
	struct closed_day h[HOLIDAYS_MAX];
	int n = holidays_of(2026, h);
	assert_int_equal(n, 16);
	assert_string_equal(holiday(h, n, "Alla helgons dag"), "2026-10-31");
	assert_string_equal(holiday(h, n, "Julafton"), "2026-12-24");
	assert_string_equal(holiday(h, n, "Nyårsdagen"), "2027-01-01");
	assert_string_equal(holiday(h, n, "Trettondedag jul"), "2027-01-06");
	assert_string_equal(holiday(h, n, "Långfredagen"), "2027-03-26");
	assert_string_equal(holiday(h, n, "Påskdagen"), "2027-03-28");
	assert_string_equal(holiday(h, n, "Annandag påsk"), "2027-03-29");
	assert_string_equal(holiday(h, n, "Kristi himmelsfärds dag"), "2027-05-06");
	assert_string_equal(holiday(h, n, "Pingstdagen"), "2027-05-16");
	assert_string_equal(holiday(h, n, "Sveriges nationaldag"), "2027-06-06");
	assert_string_equal(holiday(h, n, "Midsommarafton"), "2027-06-25");
	n = holidays_of(2025, h);
	assert_string_equal(holiday(h, n, "Alla helgons dag"), "2025-11-01");
	assert_string_equal(holiday(h, n, "Påskdagen"), "2026-04-05");
	assert_string_equal(holiday(h, n, "Midsommarafton"), "2026-06-19");
	n = holidays_of(2007, h);
	assert_string_equal(holiday(h, n, "Påskdagen"), "2008-03-23");
	n = holidays_of(2037, h);
	assert_string_equal(holiday(h, n, "Påskdagen"), "2038-04-25");
	assert_string_equal(holiday(h, n, "Pingstdagen"), "2038-06-13");
}

/* The autumn term from mid-August to the Sunday before Christmas week,
 * the spring term from the second week of January to mid-June. */
static void
terms(void **state)
{
	char first[11], last[11];
	demo_term(2026, 0, first, last);
	assert_string_equal(first, "2026-08-17");
	assert_string_equal(last, "2026-12-20");
	demo_term(2026, 1, first, last);
	assert_string_equal(first, "2027-01-11");
	assert_string_equal(last, "2027-06-13");
	assert_int_equal(day_weekday(first), 1);
	assert_int_equal(day_weekday(last), 7);
}

/* School gyms after school on weekdays; meeting rooms closed on Sundays. */
static void
hours(void **state)
{
	int opens, closes;
	venue_kind_hours("gymnastiksal", 2, &opens, &closes);
	assert_int_equal(opens, 17 * 60);
	assert_int_equal(closes, 22 * 60);
	venue_kind_hours("idrottshall", 6, &opens, &closes);
	assert_int_equal(opens, 9 * 60);
	assert_int_equal(closes, 18 * 60);
	venue_kind_hours("moteslokal", 7, &opens, &closes);
	assert_int_equal(closes, 0);
}

int
main(void)
{
	setenv("TZ", "Europe/Stockholm", 1);
	tzset();
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(holidays),
	        cmocka_unit_test(terms),
	        cmocka_unit_test(hours),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
