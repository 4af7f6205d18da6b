/* Who someone is to samverka: the signed-in user and their roles, and the
 * access bits a route declares (src/routes.c). http/ carries the user as an
 * incomplete type and the bits as a plain number; only auth/ reads them. */
#ifndef AUTH_ROLES_H
#define AUTH_ROLES_H
#include <stdint.h>

enum role {
	ROLE_ADMIN = 1 << 0,
	ROLE_OFFICER = 1 << 1,
	ROLE_MODERATOR = 1 << 2,
	ROLE_COORDINATOR = 1 << 3,
	ROLE_REPRESENTATIVE = 1 << 4,
};

/* Who may call a route. Zero denies: every route must say. A route of
 * roles only is open to a user holding any one of them. */
enum access {
	ACCESS_PUBLIC = 1 << 8,
	ACCESS_USER = 1 << 9, /* any signed-in user */
};

struct user {
	int64_t id;
	const char *email;
	const char *name;
	unsigned roles;
	int64_t department_id; /* officer's department, 0 when none */
};
#endif
