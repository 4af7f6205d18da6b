/* Small pieces of rendering the case templates share. */
#ifndef CASES_VIEW_H
#define CASES_VIEW_H
#include <stdint.h>
#include <string.h>

#include "base/buf.h"
#include "layout/dates.h"

const char *view_outcome(const char *outcome, int english);
const char *view_event(const char *kind, int english);
void view_event_detail(struct buf *b, const char *kind, const char *detail, int english);
#endif
