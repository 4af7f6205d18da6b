#include "ui/page.h"
#include "base/valid.h"

/* ?sida=N as a page from 1 to a million; anything else is the first page,
 * so a mistyped address still shows the list. */
int64_t
page_param(struct req *r)
{
	int64_t page;
	return int_in_range(req_query(r, "sida"), 1, 1000000, &page) ? page : 1;
}
