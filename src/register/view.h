/* Small pieces of rendering the register's templates share. */
#ifndef REGISTER_VIEW_H
#define REGISTER_VIEW_H
#include <stddef.h>
#include <string.h>

#include "base/buf.h"

void view_pipe_list(struct buf *b, const char *s);
void view_excerpt(struct buf *b, const char *s, size_t max);
#endif
