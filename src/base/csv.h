/* CSV (RFC 4180): writing fields, and reading records with either comma or
 * semicolon as separator. */
#ifndef BASE_CSV_H
#define BASE_CSV_H
#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"

void csv_field(struct buf *b, const char *s, size_t n);

struct csv_reader {
	const char *p, *end;
	char sep;
	int line;      /* line where the current record starts */
	int next_line; /* line after it */
};

enum { CSV_MAX_FIELDS = 64 };

void csv_reader_init(struct csv_reader *r, const char *data, size_t n);
int csv_next(struct csv_reader *r, struct arena *a, char **fields, int *nfields);
#endif
