/* Days and local times through the C library's time zone rules (TZ):
 * mktime with tm_isdst -1 picks summer or winter time by the day itself,
 * and civil-day arithmetic goes through timegm, which has no zone. */
#include "base/days.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/valid.h"

/* Writes a day as YYYY-MM-DD; each part is in range, which the modulus
 * tells the compiler too. */
static void
put_day(char out[11], int year, int month, int mday)
{
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)year % 10000u, (unsigned)month % 100u,
	         (unsigned)mday % 100u);
}

/* The broken-down noon of day in UTC (noon: never off by a day), or -1. */
static int
day_tm(const char *day, struct tm *tm)
{
	if (!day || !date_valid(day))
		return -1;
	/* date_valid has seen ten digits and dashes: read them as they are
	 * (sscanf was a tenth of a week calendar's CPU) */
	memset(tm, 0, sizeof *tm);
	tm->tm_year = (day[0] - '0') * 1000 + (day[1] - '0') * 100 + (day[2] - '0') * 10 +
	              (day[3] - '0') - 1900;
	tm->tm_mon = (day[5] - '0') * 10 + (day[6] - '0') - 1;
	tm->tm_mday = (day[8] - '0') * 10 + (day[9] - '0');
	tm->tm_hour = 12;
	return 0;
}

int64_t
local_time(const char *day, int minute)
{
	struct tm tm;
	if (day_tm(day, &tm) != 0 || minute < 0 || minute > 1440)
		return -1;
	/* 24:00 is the next day's midnight, which mktime normalises */
	tm.tm_hour = minute / 60;
	tm.tm_min = minute % 60;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

void
local_day_of(int64_t t, char day[11], int *minute)
{
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	put_day(day, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	if (minute)
		*minute = tm.tm_hour * 60 + tm.tm_min;
}

/* A calendar cuts hundreds of bookings into days: whole minutes since
 * midnight need no zone lookup unless the day is 23 or 25 hours long. */
int
day_minute(int64_t m0, int64_t m1, int64_t t)
{
	if (t >= m1)
		return 1440;
	if (t <= m0)
		return 0;
	if (m1 - m0 == 86400)
		return (int)((t - m0) / 60);
	char day[11];
	int m;
	local_day_of(t, day, &m);
	return m;
}

int
day_weekday(const char *day)
{
	struct tm tm;
	if (day_tm(day, &tm) != 0)
		return 0;
	time_t t = timegm(&tm);
	gmtime_r(&t, &tm);
	return tm.tm_wday == 0 ? 7 : tm.tm_wday;
}

void
day_add(const char *day, int n, char out[11])
{
	struct tm tm;
	if (day_tm(day, &tm) != 0) {
		out[0] = 0;
		return;
	}
	time_t t = timegm(&tm) + (time_t)n * 86400;
	gmtime_r(&t, &tm);
	put_day(out, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	/* outside the years date_valid takes, no day */
	if (!date_valid(out))
		out[0] = 0;
}

void
day_today(char out[11])
{
	local_day_of((int64_t)time(NULL), out, NULL);
}

/* ISO 8601: week 1 is the week with the year's first Thursday, so its
 * Monday is the Monday on or before 4 January. */
static void
week_one_monday(int year, char out[11])
{
	char jan4[11];
	put_day(jan4, year, 1, 4);
	day_add(jan4, 1 - day_weekday(jan4), out);
}

int
iso_week_monday(const char *week, char monday[11])
{
	int year, w;
	char tail;
	if (!week || strlen(week) != 8 || strspn(week, "0123456789") != 4 ||
	    strspn(week + 6, "0123456789") != 2 ||
	    sscanf(week, "%4d-W%2d%c", &year, &w, &tail) != 2 || year < 1900 || year > 2200 ||
	    w < 1 || w > 53)
		return -1;
	char first[11], next[11];
	week_one_monday(year, first);
	day_add(first, (w - 1) * 7, monday);
	/* week 53 exists only in a year whose next week one starts later */
	week_one_monday(year + 1, next);
	return strcmp(monday, next) < 0 ? 0 : -1;
}

void
iso_week_of(const char *day, char week[9])
{
	char thursday[11];
	day_add(day, 4 - day_weekday(day), thursday);
	int year = 0;
	sscanf(thursday, "%4d", &year);
	char first[11];
	week_one_monday(year, first);
	struct tm a, b;
	day_tm(first, &a);
	day_tm(thursday, &b);
	long days = (long)((timegm(&b) - timegm(&a)) / 86400);
	snprintf(week, 9, "%04u-W%02u", (unsigned)year % 10000u, (unsigned)(days / 7 + 1) % 100u);
}

int
minute_of(const char *s)
{
	if (!s || strlen(s) != 5 || s[2] != ':' || s[0] < '0' || s[0] > '9' || s[1] < '0' ||
	    s[1] > '9' || s[3] < '0' || s[3] > '5' || s[4] < '0' || s[4] > '9')
		return -1;
	int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
	if (h > 24 || (h == 24 && m))
		return -1;
	return h * 60 + m;
}

void
hhmm(int minute, char out[6])
{
	if (minute < 0 || minute > 1440)
		minute = 0;
	snprintf(out, 6, "%02d:%02d", minute / 60, minute % 60);
}
