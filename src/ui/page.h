/* The page number of a paged list (?sida=N), read one way everywhere. */
#ifndef UI_PAGE_H
#define UI_PAGE_H
#include <stdint.h>

#include "http/request.h"

int64_t page_param(struct req *r);
#endif
