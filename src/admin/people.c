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
#include "ui/password_field.h"

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

/* A role and its scope, as both forms of the page ask for them: the
 * fields' names start with the form's id. */
#define ROLE_FIELDS(id)                                                                            \
	{.name = id "_roll",                                                                       \
	 .label_sv = "Roll",                                                                       \
	 .label_en = "Role",                                                                       \
	 .type = FIELD_SELECT,                                                                     \
	 .required = 1,                                                                            \
	 .choices = roles,                                                                         \
	 .invalid_sv = "Välj en roll.",                                                            \
	 .invalid_en = "Choose a role."},                                                          \
	        {.name = id "_forvaltning",                                                        \
	         .label_sv = "Förvaltning (handläggare)",                                          \
	         .label_en = "Department (case officers)",                                         \
	         .type = FIELD_SELECT,                                                             \
	         .invalid_sv = "Välj en av förvaltningarna i listan.",                             \
	         .invalid_en = "Choose one of the departments in the list."},                      \
	        {.name = id "_omrade",                                                             \
	         .label_sv = "Område (moderatorer)",                                               \
	         .label_en = "Area (moderators)",                                                  \
	         .type = FIELD_SELECT,                                                             \
	         .invalid_sv = "Välj ett av områdena i listan.",                                   \
	         .invalid_en = "Choose one of the areas in the list."},                            \
	{                                                                                          \
		.name = id "_orgnr", .label_sv = "Föreningens organisationsnummer (företrädare)",  \
		.label_en = "Association's organisation number (representatives)",                 \
		.type = FIELD_TEXT, .autocomplete = "off"                                          \
	}

/* The two forms of the page: adding a user with a first role, and giving
 * an existing user a role. Their fields' names start with the form's id,
 * so the page's two forms never share one. A role's scope (a department, an
 * area, an association) is needed by that role only. */
static const struct field_def add_fields[] = {
        {.name = "ny_epost",
         .label_sv = "E-postadress",
         .label_en = "E-mail address",
         .type = FIELD_EMAIL,
         .required = 1,
         .max = 254,
         .autocomplete = "off",
         .missing_sv = "Skriv en e-postadress som namn@exempel.se.",
         .missing_en = "Write an e-mail address like name@example.com."},
        {.name = "ny_namn",
         .label_sv = "Namn",
         .label_en = "Name",
         .type = FIELD_TEXT,
         .required = 1,
         .max = 200,
         .autocomplete = "off",
         .missing_sv = "Skriv personens namn.",
         .missing_en = "Write the person's name."},
        NEW_PASSWORD_FIELD("ny_losenord"),
        ROLE_FIELDS("ny"),
};
static const struct form_def add_form = {"ny", add_fields, 7};

static const struct field_def grant_fields[] = {
        {.name = "roll_epost",
         .label_sv = "E-postadress",
         .label_en = "E-mail address",
         .type = FIELD_EMAIL,
         .required = 1,
         .max = 254,
         .autocomplete = "off",
         .missing_sv = "Ingen användare har denna adress.",
         .missing_en = "No user has this address."},
        ROLE_FIELDS("roll"),
};
static const struct form_def grant_form = {"roll", grant_fields, 5};

/* A field of one of the two forms by its name without the form's prefix. */
static const char *
value_of(const struct form *f, const char *name, char *full, size_t n)
{
	snprintf(full, n, "%s_%s", f->def->id, name);
	return form_value(f, full);
}

/* A form of the page with the departments and areas it offers. */
static void
start(struct req *r, struct form *f, const struct form_def *d)
{
	char name[32];
	form_init(f, r, d);
	snprintf(name, sizeof(name), "%s_forvaltning", d->id);
	form_set_choices(f, name, reference_choices(r, &Q_DEPTS));
	snprintf(name, sizeof(name), "%s_omrade", d->id);
	form_set_choices(f, name, reference_choices(r, &Q_AREAS));
}

/* The page, with the form that was sent (NULL for none) refused and the
 * other drawn afresh. */
static void
render(struct req *r, const struct form *sent)
{
	struct refrow *rows;
	size_t n;
	if (user_rows(r, &rows, &n) != 0) {
		req_error(r, 500);
		return;
	}
	struct form add, grant;
	if (form_sent(sent, &add_form, NULL))
		add = *sent;
	else
		start(r, &add, &add_form);
	if (form_sent(sent, &grant_form, NULL))
		grant = *sent;
	else
		start(r, &grant, &grant_form);
	r->p.title = r->p.english ? "Users and roles" : "Användare och roller";
	layout_form_page(r, "/admin/anvandare");
	const char *csrf = req_csrf(r);
	layout_head(r);
	const char *notice = req_query(r, "sparad") ? (r->p.english ? "Saved." : "Sparat.") : NULL;
	tpl_admin_users(&r->out, &r->p, csrf, rows, n, &add, form_fields(&add, &r->a), &grant,
	                form_fields(&grant, &r->a), notice);
	layout_foot(r);
}

void
admin_users(struct req *r)
{
	render(r, NULL);
}

/* The role and its scope: an officer needs a department, a moderator an
 * area, a representative an association; the reason beside the field
 * otherwise. */
static void
read_scope(struct req *r, struct form *f, int64_t *dept, int64_t *area, int64_t *assoc)
{
	char name[32];
	const char *role = value_of(f, "roll", name, sizeof(name));
	*dept = *area = *assoc = 0;
	if (!role || !role_valid(role))
		return; /* the form refused it beside the field */
	if (strcmp(role, "officer") == 0) {
		const char *code = value_of(f, "forvaltning", name, sizeof(name));
		*dept = code ? department_id(r->db, code) : 0;
		if (!*dept)
			form_error(f, name, "En handläggare behöver en förvaltning.",
			           "A case officer needs a department.");
	}
	if (strcmp(role, "moderator") == 0) {
		const char *slug = value_of(f, "omrade", name, sizeof(name));
		*area = slug ? db_int(r->db, &Q_AREA_BY_SLUG, DB_ARGS(DB_TEXT(slug)), 0) : 0;
		if (!*area)
			form_error(f, name, "En moderator behöver ett område.",
			           "A moderator needs an area.");
	}
	if (strcmp(role, "representative") == 0) {
		char canon[12];
		const char *v = value_of(f, "orgnr", name, sizeof(name));
		enum idnum_err e = orgnr_parse(v ? v : "", v ? strlen(v) : 0, canon);
		if (e != IDNUM_OK)
			form_error(f, name, idnum_message(e, 0), idnum_message(e, 1));
		else if (!(*assoc = db_int(r->db, &Q_ASSOC_BY_ORGNR, DB_ARGS(DB_TEXT(canon)), 0)))
			form_error(f, name, "Ingen förening har detta organisationsnummer.",
			           "No association has this organisation number.");
	}
}

/* A refused form: the page again, 422, nothing written. */
static void
refuse(struct req *r, const struct form *f)
{
	r->status = 422;
	render(r, f);
}

void
admin_user_add(struct req *r)
{
	struct form f;
	start(r, &f, &add_form);
	form_read(&f, r);
	int64_t dept, area, assoc, id = 0;
	read_scope(r, &f, &dept, &area, &assoc);
	if (f.nerrors) {
		refuse(r, &f);
		return;
	}
	if (db_begin(r->db) != DB_OK) {
		req_error(r, 500);
		return;
	}
	int rc = user_create(r->db, form_value(&f, "ny_epost"), form_value(&f, "ny_namn"),
	                     form_value(&f, "ny_losenord"), &id);
	if (rc == DB_OK)
		rc = user_grant(r->db, id, form_value(&f, "ny_roll"), dept, area, assoc);
	if (rc == DB_OK && db_commit(r->db) == DB_OK) {
		req_redirect(r, "/admin/anvandare?sparad=1");
		return;
	}
	db_rollback(r->db);
	if (rc != DB_CONSTRAINT) {
		req_error(r, 500);
		return;
	}
	form_error(&f, "ny_epost", "Det finns redan en användare med denna adress.",
	           "There is already a user with this address.");
	refuse(r, &f);
}

void
admin_user_role(struct req *r)
{
	struct form f;
	start(r, &f, &grant_form);
	form_read(&f, r);
	char lower[EMAIL_MAX];
	const char *email = form_value(&f, "roll_epost");
	int64_t uid = email && email_fold(email, lower) == 0
	                      ? db_int(r->db, &Q_USER_BY_EMAIL, DB_ARGS(DB_TEXT(lower)), 0)
	                      : 0;
	if (!uid)
		form_error(&f, "roll_epost", "Ingen användare har denna adress.",
		           "No user has this address.");
	int64_t dept, area, assoc;
	read_scope(r, &f, &dept, &area, &assoc);
	if (f.nerrors) {
		refuse(r, &f);
		return;
	}
	if (user_grant(r->db, uid, form_value(&f, "roll_roll"), dept, area, assoc) != DB_OK) {
		req_error(r, 500);
		return;
	}
	req_redirect(r, "/admin/anvandare?sparad=1");
}
