/* Small pieces of rendering the case templates share. */
#ifndef CASES_VIEW_H
#define CASES_VIEW_H
#include <stdint.h>
#include <string.h>

#include "base/buf.h"

void view_time(struct buf *b, int64_t t);
void view_date(struct buf *b, int64_t t);
const char *view_outcome(const char *outcome, int english);
const char *view_event(const char *kind, int english);
void view_event_detail(struct buf *b, const char *kind, const char *detail, int english);
#endif
