/* The attendance file of an activity-support application: one row per
 * activity occasion, read and checked row by row, refused whole when any
 * row is wrong. */
#ifndef GRANTS_ATTENDANCE_H
#define GRANTS_ATTENDANCE_H
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "grants/formula.h"

/* The most rows one file may have: a season of daily occasions of many
 * groups, far below what would strain a request. */
#define ATTENDANCE_MAX_ROWS 5000
/* The largest file taken, 256 kB: 5000 rows of some 50 bytes. */
#define ATTENDANCE_MAX_BYTES (256 * 1024)

/* An occasion that counts: enough participants of the ages counted. */
struct grant_occasion {
	int line;
	const char *day, *activity;
	int participants; /* of the ages counted */
};

struct attendance {
	struct grant_occasion *counted;
	size_t ncounted;
	int64_t rows; /* every occasion of the file */
};

int grant_attendance_read(struct arena *a, const char *data, size_t n,
                          const struct grant_formula *f, struct attendance *out,
                          const char **why_sv, const char **why_en);
#endif
