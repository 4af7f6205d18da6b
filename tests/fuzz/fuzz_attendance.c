/* The attendance file's reader over any file: it answers 0 or -1; a file
 * taken counts only occasions in the period with enough participants of
 * the ages, and never more than its rows; a file refused says why, in
 * both languages, as text a page may show. */
#include "fuzz.h"

#include <string.h>

#include "grants/attendance.h"
#include "http/decode.h"

static const struct grant_formula lok = {.kind = FORMULA_OCCASIONS,
                                         .per_occasion = 3200,
                                         .age_min = 7,
                                         .age_max = 25,
                                         .min_participants = 3,
                                         .occasions_from = "2026-01-01",
                                         .occasions_to = "2026-06-30"};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = {0};
	struct attendance x;
	const char *sv = NULL, *en = NULL;
	int rc = grant_attendance_read(&a, (const char *)data, size, &lok, &x, &sv, &en);
	PROPERTY(rc == 0 || rc == -1);
	if (rc == 0) {
		PROPERTY(x.rows >= 1 && (int64_t)x.ncounted <= x.rows);
		for (size_t i = 0; i < x.ncounted; i++) {
			const struct grant_occasion *o = &x.counted[i];
			PROPERTY(o->participants >= lok.min_participants);
			PROPERTY(strcmp(o->day, lok.occasions_from) >= 0 &&
			         strcmp(o->day, lok.occasions_to) <= 0);
			PROPERTY(o->line >= 2 && o->activity && *o->activity);
		}
	} else {
		PROPERTY(sv && en && *sv && *en);
		PROPERTY(text_valid(sv, strlen(sv)) && text_valid(en, strlen(en)));
		PROPERTY(x.ncounted == 0);
	}
	arena_reset(&a);
	return 0;
}
