#include "auth/users.h"
#include "base/valid.h"
#include "auth/password.h"

#include <string.h>
#include <time.h>

static struct dbq Q_CREATE = {
        "INSERT INTO users (email, name, password_hash, created) VALUES ($1, $2, $3, $4) "
        "RETURNING id",
        NULL, 0};
static struct dbq Q_GRANT = {
        "INSERT INTO user_roles (user_id, role, department_id, area_id, association_id) "
        "VALUES ($1, $2, $3, $4, $5)",
        NULL, 0};
static struct dbq Q_DEPT = {"SELECT id FROM departments WHERE code = $1", NULL, 0};

/* The roles the system knows, as stored. */
int
role_valid(const char *role)
{
	static const char *roles[] = {"admin", "officer", "moderator", "coordinator",
	                              "representative"};
	for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
		if (strcmp(role, roles[i]) == 0)
			return 1;
	return 0;
}

/* What is wrong with an e-mail address for an account, or NULL. */
const char *
email_problem(const char *email, int english)
{
	if (!email_valid(email))
		return english ? "Write an e-mail address like name@example.com."
		               : "Skriv en e-postadress som namn@exempel.se.";
	return NULL;
}

/* An address as accounts and invitations keep it: A-Z in lower case, so
 * nothing depends on how it was typed; 0, or -1 when it is too long. */
int
email_fold(const char *email, char out[EMAIL_MAX])
{
	size_t n = strlen(email);
	if (n >= EMAIL_MAX)
		return -1;
	for (size_t i = 0; i <= n; i++)
		out[i] = (char)((email[i] >= 'A' && email[i] <= 'Z') ? email[i] + 32 : email[i]);
	return 0;
}

/* A new account with an Argon2id hash of its password. */
int
user_create(struct db *db, const char *email, const char *name, const char *password, int64_t *id)
{
	char hash[128], lower[EMAIL_MAX];
	if (password_hash(password, hash) != 0 || email_fold(email, lower) != 0)
		return DB_ERROR;
	return db_returning(
	        db, &Q_CREATE,
	        DB_ARGS(DB_TEXT(lower), DB_TEXT(name), DB_TEXT(hash), DB_INT(time(NULL))), id);
}

/* Gives a role; the scope (department, area, association) is 0 when none. */
int
user_grant(struct db *db, int64_t user_id, const char *role, int64_t department_id, int64_t area_id,
           int64_t association_id)
{
	return db_exec(db, &Q_GRANT,
	               DB_ARGS(DB_INT(user_id), DB_TEXT(role),
	                       department_id ? DB_INT(department_id) : DB_NULLV,
	                       area_id ? DB_INT(area_id) : DB_NULLV,
	                       association_id ? DB_INT(association_id) : DB_NULLV));
}

int64_t
department_id(struct db *db, const char *code)
{
	return db_int(db, &Q_DEPT, DB_ARGS(DB_TEXT(code)), 0);
}
