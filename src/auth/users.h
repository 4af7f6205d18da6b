/* Accounts and their roles. */
#ifndef AUTH_USERS_H
#define AUTH_USERS_H
#include <stdint.h>

#include "db/db.h"

int user_create(struct db *db, const char *email, const char *name, const char *password,
                int64_t *id);
int user_grant(struct db *db, int64_t user_id, const char *role, int64_t department_id,
               int64_t area_id, int64_t association_id);
int role_valid(const char *role);
int64_t department_id(struct db *db, const char *code);
const char *email_problem(const char *email, int english);
enum { EMAIL_MAX = 256 };
int email_fold(const char *email, char out[EMAIL_MAX]);
#endif
