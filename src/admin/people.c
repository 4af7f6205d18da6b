/* Administration of users and their roles. */
#include "admin/admin.h"
#include "admin/reference.h"
#include "admin/users.tpl.h"
#include "auth/password.h"
#include "auth/users.h"
#include "base/idnum.h"
#include "http/decode.h"
#include "layout/layout.h"
#include "register/assoc.h"

#include <stdio.h>
#include <string.h>

static struct dbq Q_USERS = {"SELECT id, name, email FROM users ORDER BY name", NULL, 0};
static struct dbq Q_ROLES = {
        "SELECT ur.user_id, ur.role, coalesce(d.code, ''), coalesce(ar.name, ''), "
        "coalesce(a.name, '') FROM user_roles ur "
        "LEFT JOIN departments d ON d.id = ur.department_id "
        "LEFT JOIN areas ar ON ar.id = ur.area_id "
        "LEFT JOIN associations a ON a.id = ur.association_id ORDER BY ur.id",
        NULL, 0};
static struct dbq Q_DEPTS = {"SELECT id, code, name_sv, name_en FROM departments ORDER BY code",
                             NULL, 0};
static struct dbq Q_AREAS = {"SELECT id, slug, name, name FROM areas ORDER BY name", NULL, 0};
static struct dbq Q_USER_BY_EMAIL = {"SELECT id FROM users WHERE email = $1", NULL, 0};
static struct dbq Q_ASSOC_BY_ORGNR = {"SELECT id FROM associations WHERE orgnr = $1", NULL, 0};
static struct dbq Q_AREA_BY_SLUG = {"SELECT id FROM areas WHERE slug = $1", NULL, 0};

static const struct choice roles[] = {
        {"admin", "Administratör", "Administrator", 0},
        {"officer", "Handläggare", "Case officer", 0},
        {"moderator", "Moderator", "Moderator", 0},
        {"coordinator", "Samordnare", "Coordinator", 0},
        {"representative", "Företrädare för förening", "Association representative", 0},
        {NULL, NULL, NULL, 0},
};

static const char *
role_name(const char *code, int en)
{
	for (const struct choice *c = roles; c->code; c++)
		if (strcmp(c->code, code) == 0)
			return en ? c->name_en : c->name_sv;
	return code;
}

/* Users with their roles in words, one row each. */
static int
user_rows(struct req *r, struct refrow **rows, size_t *n)
{
	struct dbcur c;
	int en = r->p.english;
	int64_t *ids = arena_alloc(&r->a, 1024 * sizeof(*ids));
	*rows = arena_alloc(&r->a, 1024 * sizeof(**rows));
	*n = 0;
	if (db_query(r->db, &c, &Q_USERS, DB_NOARGS) != DB_OK)
		return -1;
	while (db_next(&c) > 0 && *n < 1024) {
		ids[*n] = db_col_int(&c, 0);
		(*rows)[*n] = (struct refrow){{arena_strdup(&r->a, db_col_text(&c, 1)),
		                               arena_strdup(&r->a, db_col_text(&c, 2)), ""}};
		(*n)++;
	}
	db_done(&c);
	if (db_query(r->db, &c, &Q_ROLES, DB_NOARGS) != DB_OK)
		return -1;
	while (db_next(&c) > 0) {
		int64_t uid = db_col_int(&c, 0);
		for (size_t i = 0; i < *n; i++) {
			if (ids[i] != uid)
				continue;
			struct buf b = {0};
			buf_puts(&b, (*rows)[i].v[2]);
			if (b.len)
				buf_puts(&b, "; ");
			buf_puts(&b, role_name(db_col_text(&c, 1), en));
			for (int k = 2; k <= 4; k++)
				if (db_col_text(&c, k)[0])
					buf_printf(&b, " (%s)", db_col_text(&c, k));
			(*rows)[i].v[2] = arena_strdup(&r->a, buf_cstr(&b));
			buf_free(&b);
		}
	}
	db_done(&c);
	return 0;
}

enum { F_EMAIL, F_NAME, F_PASSWORD, F_ROLE, F_DEPT, F_AREA, F_ORGNR, F_COUNT };

/* The fields of both forms: adding a user uses them all, giving a role
 * all but name and password. */
static void
fields(struct req *r, struct field f[F_COUNT], const char *prefix)
{
	int en = r->p.english;
	int posted = r->method == M_POST;
	struct choice *depts = reference_choices(r, &Q_DEPTS),
	              *areas = reference_choices(r, &Q_AREAS);
	f[F_EMAIL] = (struct field){"epost", en ? "E-mail address" : "E-postadress",
	                            NULL,    NULL,
	                            "email", NULL,
	                            1,       "off",
	                            NULL,    NULL};
	f[F_NAME] = (struct field){
	        "namn", en ? "Name" : "Namn", NULL, NULL, "text", NULL, 1, "off", NULL, NULL};
	f[F_PASSWORD] =
	        (struct field){"losenord", en ? "Password" : "Lösenord",
	                       NULL,       NULL,
	                       "password", en ? "At least 10 characters." : "Minst 10 tecken.",
	                       1,          "new-password",
	                       NULL,       NULL};
	f[F_ROLE] = (struct field){
	        "roll", en ? "Role" : "Roll", NULL, NULL, "select", NULL, 1, NULL, roles, NULL};
	f[F_DEPT] = (struct field){"forvaltning",
	                           en ? "Department (case officers)" : "Förvaltning (handläggare)",
	                           NULL,
	                           NULL,
	                           "select",
	                           NULL,
	                           0,
	                           NULL,
	                           depts,
	                           NULL};
	f[F_AREA] = (struct field){"omrade", en ? "Area (moderators)" : "Område (moderatorer)",
	                           NULL,     NULL,
	                           "select", NULL,
	                           0,        NULL,
	                           areas,    NULL};
	f[F_ORGNR] = (struct field){"orgnr",
	                            en ? "Association's organisation number (representatives)"
	                               : "Föreningens organisationsnummer (företrädare)",
	                            NULL,
	                            NULL,
	                            "text",
	                            NULL,
	                            0,
	                            "off",
	                            NULL,
	                            NULL};
	for (int i = 0; i < F_COUNT; i++) {
		char name[64];
		snprintf(name, sizeof(name), "%s_%s", prefix, f[i].name);
		f[i].name = arena_strdup(&r->a, name);
		if (posted && i != F_PASSWORD)
			f[i].value = req_form(r, f[i].name);
	}
}

static void
render(struct req *r, struct field *add, int add_errors, struct field *grant, int grant_errors)
{
	struct refrow *rows;
	size_t n;
	if (user_rows(r, &rows, &n) != 0) {
		req_error(r, 500);
		return;
	}
	struct field g[5] = {grant[F_EMAIL], grant[F_ROLE], grant[F_DEPT], grant[F_AREA],
	                     grant[F_ORGNR]};
	r->p.title = r->p.english ? "Users and roles" : "Användare och roller";
	const char *csrf = req_csrf(r);
	layout_head(r);
	const char *notice = req_query(r, "sparad") ? (r->p.english ? "Saved." : "Sparat.") : NULL;
	tpl_admin_users(&r->out, &r->p, csrf, rows, n, add, F_COUNT, add_errors, g, 5, grant_errors,
	                notice);
	layout_foot(r);
}

void
admin_users(struct req *r)
{
	struct field add[F_COUNT], grant[F_COUNT];
	fields(r, add, "ny");
	fields(r, grant, "roll");
	render(r, add, 0, grant, 0);
}

/* Checks the role and finds its scope: an officer needs a department, a
 * moderator an area, a representative an association. */
static int
read_scope(struct req *r, struct field *f, int64_t *dept, int64_t *area, int64_t *assoc)
{
	int en = r->p.english, bad = 0;
	const char *role = f[F_ROLE].value ? f[F_ROLE].value : "";
	*dept = *area = *assoc = 0;
	if (!role_valid(role)) {
		f[F_ROLE].error = en ? "Choose a role." : "Välj en roll.";
		return 1;
	}
	if (strcmp(role, "officer") == 0) {
		*dept = f[F_DEPT].value ? department_id(r->db, f[F_DEPT].value) : 0;
		if (!*dept)
			f[F_DEPT].error = en ? "A case officer needs a department."
			                     : "En handläggare behöver en förvaltning.",
			bad++;
	}
	if (strcmp(role, "moderator") == 0) {
		*area = f[F_AREA].value ? db_int(r->db, &Q_AREA_BY_SLUG,
		                                 DB_ARGS(DB_TEXT(f[F_AREA].value)), 0)
		                        : 0;
		if (!*area)
			f[F_AREA].error = en ? "A moderator needs an area."
			                     : "En moderator behöver ett område.",
			bad++;
	}
	if (strcmp(role, "representative") == 0) {
		char canon[12];
		const char *v = f[F_ORGNR].value ? f[F_ORGNR].value : "";
		enum idnum_err e = orgnr_parse(v, strlen(v), canon);
		if (e != IDNUM_OK) {
			f[F_ORGNR].error = idnum_message(e, en);
			bad++;
		} else if (!(*assoc = db_int(r->db, &Q_ASSOC_BY_ORGNR, DB_ARGS(DB_TEXT(canon)),
		                             0))) {
			f[F_ORGNR].error = en ? "No association has this organisation number."
			                      : "Ingen förening har detta organisationsnummer.";
			bad++;
		}
	}
	return bad;
}

void
admin_user_add(struct req *r)
{
	struct field add[F_COUNT], grant[F_COUNT];
	fields(r, add, "ny");
	fields(r, grant, "roll");
	int en = r->p.english, bad = 0;
	const char *email = add[F_EMAIL].value ? add[F_EMAIL].value : "";
	const char *name = add[F_NAME].value ? add[F_NAME].value : "";
	const char *pw = req_form(r, add[F_PASSWORD].name);
	if ((add[F_EMAIL].error = email_problem(email, en)))
		bad++;
	if (!*name || strlen(name) > 200 || !text_valid(name, strlen(name)))
		add[F_NAME].error = en ? "Write the person's name." : "Skriv personens namn.",
		bad++;
	if (!pw || !password_acceptable(pw))
		add[F_PASSWORD].error = en ? "The password must be 10 to 256 characters."
		                           : "Lösenordet ska vara 10 till 256 tecken.",
		bad++;
	int64_t dept, area, assoc, id = 0;
	bad += read_scope(r, add, &dept, &area, &assoc);
	if (!bad) {
		if (db_begin(r->db) != DB_OK) {
			req_error(r, 500);
			return;
		}
		int rc = user_create(r->db, email, name, pw, &id);
		if (rc == DB_OK)
			rc = user_grant(r->db, id, add[F_ROLE].value, dept, area, assoc);
		if (rc == DB_OK && db_commit(r->db) == DB_OK) {
			req_redirect(r, "/admin/anvandare?sparad=1");
			return;
		}
		db_rollback(r->db);
		if (rc != DB_CONSTRAINT) {
			req_error(r, 500);
			return;
		}
		add[F_EMAIL].error = en ? "There is already a user with this address."
		                        : "Det finns redan en användare med denna adress.";
		bad++;
	}
	r->status = 422;
	render(r, add, bad, grant, 0);
}

void
admin_user_role(struct req *r)
{
	struct field add[F_COUNT], grant[F_COUNT];
	fields(r, add, "ny");
	fields(r, grant, "roll");
	int en = r->p.english, bad = 0;
	const char *email = grant[F_EMAIL].value ? grant[F_EMAIL].value : "";
	char lower[256] = "";
	for (size_t i = 0; email[i] && i + 1 < sizeof(lower); i++)
		lower[i] = (char)(email[i] >= 'A' && email[i] <= 'Z' ? email[i] + 32 : email[i]),
		lower[i + 1] = 0;
	int64_t uid = db_int(r->db, &Q_USER_BY_EMAIL, DB_ARGS(DB_TEXT(lower)), 0);
	if (!uid)
		grant[F_EMAIL].error =
		        en ? "No user has this address." : "Ingen användare har denna adress.",
		bad++;
	int64_t dept, area, assoc;
	bad += read_scope(r, grant, &dept, &area, &assoc);
	if (!bad) {
		if (user_grant(r->db, uid, grant[F_ROLE].value, dept, area, assoc) != DB_OK) {
			req_error(r, 500);
			return;
		}
		req_redirect(r, "/admin/anvandare?sparad=1");
		return;
	}
	r->status = 422;
	render(r, add, 0, grant, bad);
}
