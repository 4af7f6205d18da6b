/* Days, ISO weeks and times of day as the venue pages read them from
 * addresses and forms (base/days.c): a week that passes has a Monday whose
 * own week it is, a time that passes is within a day and reads back the
 * same, and a day's local times stay on that day. */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "base/days.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int zoned;
	if (!zoned) {
		setenv("TZ", "Europe/Stockholm", 1);
		zoned = 1;
	}
	char s[64];
	if (size >= sizeof(s))
		size = sizeof(s) - 1;
	memcpy(s, data, size);
	s[size] = 0;
	char monday[11], week[9], day[11];
	if (iso_week_monday(s, monday) == 0) {
		PROPERTY(day_weekday(monday) == 1);
		iso_week_of(monday, week);
		PROPERTY(strcmp(week, s) == 0);
	}
	int m = minute_of(s);
	if (m >= 0) {
		char back[6];
		hhmm(m, back);
		PROPERTY(m <= 1440 && strcmp(back, s) == 0);
	}
	int64_t t = local_time(s, 600);
	if (t >= 0) {
		int minute;
		local_day_of(t, day, &minute);
		PROPERTY(strcmp(day, s) == 0 && minute == 600);
		PROPERTY(day_weekday(s) >= 1 && day_weekday(s) <= 7);
		char next[11], back[11];
		day_add(s, 1, next);
		day_add(next, -1, back);
		PROPERTY(strcmp(back, s) == 0);
	}
	return 0;
}
