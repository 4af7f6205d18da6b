/* Times on pages, as people in the municipality read them. */
#include "layout/dates.h"

#include <time.h>

/* A moment in Stockholm time, in the given strftime format. */
static void
local_time(struct buf *b, int64_t t, const char *fmt)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char s[32];
	localtime_r(&tt, &tm);
	strftime(s, sizeof(s), fmt, &tm);
	buf_puts(b, s);
}

/* A moment as people in the municipality read it. */
void
view_time(struct buf *b, int64_t t)
{
	local_time(b, t, "%Y-%m-%d %H:%M");
}

/* A day, Stockholm time. */
void
view_date(struct buf *b, int64_t t)
{
	local_time(b, t, "%Y-%m-%d");
}
