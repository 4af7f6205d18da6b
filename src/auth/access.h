/* Whether a request may reach its route's handler. */
#ifndef AUTH_ACCESS_H
#define AUTH_ACCESS_H
#include "http/request.h"
#include "http/router.h"

int auth_authorize(struct req *r, const struct route *rt);
int auth_form_ok(struct req *r);
#endif
