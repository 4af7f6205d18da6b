/* The department that keeps the association register: registrations and
 * yearly updates become its cases and take its code in their diarienummer.
 * An administrator chooses it (/admin/installningar); until then those
 * e-services are closed. */
#ifndef CASES_REGISTER_DEPARTMENT_H
#define CASES_REGISTER_DEPARTMENT_H
#include "base/arena.h"
#include "db/db.h"

struct dept_ref {
	const char *code, *name_sv, *name_en;
};

int register_department(struct db *db, struct arena *a, struct dept_ref *out);
int setting_department(struct db *db, struct arena *a, const char *key, struct dept_ref *out);
int register_department_set(struct db *db, const char *code);
int setting_department_set(struct db *db, const char *key, const char *code);
int setting_department_clear(struct db *db, const char *key);

/* The setting naming the department that decides changes of the accounts
 * grants are paid to (grants/account_change.c); until it is set, that
 * e-service is closed. */
#define ACCOUNT_DEPARTMENT_SETTING "grant_account_department"
#endif
