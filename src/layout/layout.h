/* The site layout around every page, and the page's language. */
#ifndef LAYOUT_LAYOUT_H
#define LAYOUT_LAYOUT_H
#include "http/request.h"

void page_init(struct req *r);
void layout_head(struct req *r);
void layout_foot(struct req *r);
#endif
