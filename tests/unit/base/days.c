/* Days, ISO weeks and Stockholm's local times, on both sides of the
 * daylight-saving changes. */
#include "../unit.h"

#include <stdlib.h>
#include <time.h>

#include "base/days.h"

/* Stockholm's rules, as serve sets them. */
static int
stockholm(void **state)
{
	setenv("TZ", "Europe/Stockholm", 1);
	tzset();
	return 0;
}

/* 18:00 stays 18:00 local across the change: UTC+1 in winter, UTC+2 in
 * summer; 24:00 is the next midnight. */
static void
local_times(void **state)
{
	assert_int_equal(local_time("2026-03-24", 18 * 60), 1774371600); /* 17:00Z */
	assert_int_equal(local_time("2026-03-31", 18 * 60), 1774972800); /* 16:00Z */
	assert_int_equal(local_time("2026-10-27", 18 * 60), 1793120400); /* 17:00Z */
	assert_int_equal(local_time("2026-03-24", 1440), local_time("2026-03-25", 0));
	assert_int_equal(local_time("2026-02-30", 600), -1);
	assert_int_equal(local_time("2026-03-24", 1441), -1);
	assert_int_equal(local_time(NULL, 0), -1);
	char day[11];
	int minute;
	local_day_of(1774972800, day, &minute);
	assert_string_equal(day, "2026-03-31");
	assert_int_equal(minute, 18 * 60);
}

/* A time's local minute within its day: the same on a day of 24 hours
 * as on the days of the changes (29 March 2026 has 23 hours, 25 October
 * 25), clipped to the day. */
static void
minutes_of_a_day(void **state)
{
	static const char *const days[] = {"2026-03-24", "2026-03-29", "2026-10-25"};
	static const int minutes[] = {0, 1, 119, 181, 600, 1080, 1439};
	for (size_t i = 0; i < 3; i++) {
		int64_t m0 = local_time(days[i], 0), m1 = local_time(days[i], 1440);
		for (size_t j = 0; j < sizeof minutes / sizeof *minutes; j++) {
			int64_t t = local_time(days[i], minutes[j]);
			char day[11];
			int want;
			local_day_of(t, day, &want);
			assert_int_equal(day_minute(m0, m1, t), want);
		}
		assert_int_equal(day_minute(m0, m1, m0 - 60), 0);
		assert_int_equal(day_minute(m0, m1, m1), 1440);
	}
	int64_t m0 = local_time("2026-03-29", 0), m1 = local_time("2026-03-29", 1440);
	assert_int_equal(m1 - m0, 23 * 3600);
	assert_int_equal(day_minute(m0, m1, local_time("2026-03-29", 18 * 60)), 18 * 60);
}

/* Weekdays, days added over month and year ends. */
static void
days_and_weekdays(void **state)
{
	assert_int_equal(day_weekday("2026-12-01"), 2);
	assert_int_equal(day_weekday("2026-11-29"), 7);
	assert_int_equal(day_weekday("2026-13-01"), 0);
	char out[11];
	day_add("2026-12-31", 1, out);
	assert_string_equal(out, "2027-01-01");
	day_add("2024-03-01", -1, out);
	assert_string_equal(out, "2024-02-29");
}

/* ISO weeks: week 1 holds the year's first Thursday; a week 53 only
 * where the year has one; malformed weeks refused. */
static void
iso_weeks(void **state)
{
	char monday[11], week[9];
	assert_int_equal(iso_week_monday("2026-W48", monday), 0);
	assert_string_equal(monday, "2026-11-23");
	assert_int_equal(iso_week_monday("2026-W01", monday), 0);
	assert_string_equal(monday, "2025-12-29");
	assert_int_equal(iso_week_monday("2026-W53", monday), 0);
	assert_string_equal(monday, "2026-12-28");
	assert_int_equal(iso_week_monday("2025-W53", monday), -1);
	assert_int_equal(iso_week_monday("2026-W00", monday), -1);
	assert_int_equal(iso_week_monday("2026W48x", monday), -1);
	assert_int_equal(iso_week_monday("2026-W4", monday), -1);
	assert_int_equal(iso_week_monday("2026-W 8", monday), -1);
	assert_int_equal(iso_week_monday("+026-W08", monday), -1);
	iso_week_of("2027-01-01", week);
	assert_string_equal(week, "2026-W53");
	iso_week_of("2026-11-29", week);
	assert_string_equal(week, "2026-W48");
	iso_week_of("2025-12-29", week);
	assert_string_equal(week, "2026-W01");
}

/* Times of day as the form takes them. */
static void
times_of_day(void **state)
{
	assert_int_equal(minute_of("18:30"), 1110);
	assert_int_equal(minute_of("24:00"), 1440);
	assert_int_equal(minute_of("24:01"), -1);
	assert_int_equal(minute_of("8:30"), -1);
	assert_int_equal(minute_of("12:60"), -1);
	char t[6];
	hhmm(1110, t);
	assert_string_equal(t, "18:30");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(local_times),       cmocka_unit_test(minutes_of_a_day),
	        cmocka_unit_test(days_and_weekdays), cmocka_unit_test(iso_weeks),
	        cmocka_unit_test(times_of_day),
	};
	return cmocka_run_group_tests(tests, stockholm, NULL);
}
