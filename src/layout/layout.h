/* The site layout around every page, and the page's language. A page
 * handler gets with it who is signed in (auth/roles.h) and the CSRF token
 * for its forms (auth/session.h), which the layout shows too. */
#ifndef LAYOUT_LAYOUT_H
#define LAYOUT_LAYOUT_H
#include "auth/session.h"
#include "http/request.h"

void page_init(struct req *r);
void layout_form_page(struct req *r, const char *page);
const char *layout_page_with(struct req *r, const char *path, const char *key, const char *value);
void layout_head(struct req *r);
void layout_foot(struct req *r);
void layout_error_page(struct req *r, int status);
#endif
