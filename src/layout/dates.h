/* Times on pages: Stockholm time (serve sets TZ), ISO 8601 order. */
#ifndef LAYOUT_DATES_H
#define LAYOUT_DATES_H
#include <stdint.h>

#include "base/buf.h"

void view_time(struct buf *b, int64_t t);
void view_date(struct buf *b, int64_t t);
#endif
