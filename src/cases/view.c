#include "cases/view.h"

#include <time.h>

/* A moment as people in the municipality read it: Stockholm time. */
void
view_time(struct buf *b, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char s[32];
	localtime_r(&tt, &tm);
	strftime(s, sizeof(s), "%Y-%m-%d %H:%M", &tm);
	buf_puts(b, s);
}

const char *
view_outcome(const char *outcome, int english)
{
	if (strcmp(outcome, "bifall") == 0)
		return english ? "granted" : "bifall";
	if (strcmp(outcome, "delvis") == 0)
		return english ? "partly granted" : "delvis bifall";
	return english ? "refused" : "avslag";
}

/* What an entry in the trail says. */
const char *
view_event(const char *kind, int english)
{
	static const struct {
		const char *kind, *sv, *en;
	} names[] = {
	        {"skapad", "ärendet skapades", "case created"},
	        {"status", "status ändrad", "status changed"},
	        {"tilldelad", "tilldelat", "assigned"},
	        {"meddelande", "meddelande", "message"},
	        {"dokument", "dokument tillagt", "document added"},
	        {"beslut", "beslut", "decision"},
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i].kind, kind) == 0)
			return english ? names[i].en : names[i].sv;
	return kind;
}

/* A day, Stockholm time. */
void
view_date(struct buf *b, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char s[16];
	localtime_r(&tt, &tm);
	strftime(s, sizeof(s), "%Y-%m-%d", &tm);
	buf_puts(b, s);
}
