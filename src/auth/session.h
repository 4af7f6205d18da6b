/* Server-side sessions and CSRF tokens. */
#ifndef AUTH_SESSION_H
#define AUTH_SESSION_H
#include "auth/roles.h"
#include "http/request.h"

enum { SESSION_IDLE = 30 * 60, SESSION_ABSOLUTE = 12 * 60 * 60 };

extern int session_secure_cookies;

void session_load(struct req *r);
int session_start(struct req *r, int64_t user_id);
void session_end(struct req *r);
int csrf_ok(struct req *r);
int user_load_roles(struct req *r, struct user *u);
/* The token a page's forms carry (made when the visitor has none). */
const char *req_csrf(struct req *r);
#endif
