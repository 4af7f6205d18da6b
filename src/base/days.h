/* Days, ISO weeks and local times, for what is stored in Unix seconds and
 * drawn in Stockholm time (serve sets TZ): a booking on a Tuesday at 18:00
 * stays at 18:00 on both sides of a daylight-saving change. */
#ifndef BASE_DAYS_H
#define BASE_DAYS_H
#include <stdint.h>

/* The Unix seconds of minute (0–1440) of day (YYYY-MM-DD), local time;
 * -1 when day is no valid date. */
int64_t local_time(const char *day, int minute);
/* The local day (YYYY-MM-DD) and minute of t. */
void local_day_of(int64_t t, char day[11], int *minute);
/* The local minute of t (0 … 1440) in the day whose local midnights are
 * m0 and m1 (local_time(day, 0) and local_time(day, 1440)), t in
 * [m0, m1]: arithmetic on a day of 24 hours, the zone's reading on a day
 * of a daylight-saving change. */
int day_minute(int64_t m0, int64_t m1, int64_t t);
/* The weekday of day, 1 Monday … 7 Sunday; 0 when it is no valid date. */
int day_weekday(const char *day);
/* day moved by n days, into out (may be day); "" outside date_valid's years. */
void day_add(const char *day, int n, char out[11]);
/* Today, local time. */
void day_today(char out[11]);
/* The Monday of an ISO week "2026-W48": 0, or -1 when week is not one. */
int iso_week_monday(const char *week, char monday[11]);
/* The ISO week ("2026-W48") day is in. */
void iso_week_of(const char *day, char week[9]);
/* Minutes from "HH:MM" (00:00–24:00), or -1. */
int minute_of(const char *hhmm);
/* "HH:MM" of a minute of the day. */
void hhmm(int minute, char out[6]);
#endif
