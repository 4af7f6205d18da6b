/* The association's fields, as both the administrator's form and the
 * registration e-service show them. */
#include "admin/form.h"
#include "register/queries.h"

#include <stdlib.h>
#include <string.h>

/* Fills f with the fields, their typed values and errors; returns how many. */
int
assoc_form_fields(struct field *f, const struct assoc_input *in, const struct assoc_errors *e,
                  const char *form_code, int en)
{
	struct field all[ASSOC_FIELDS] = {
	        {"namn", en ? "Name" : "Namn", in->name, e->name, "text", NULL, 1, "organization",
	         NULL, NULL},
	        {"form", en ? "Form" : "Form", form_code ? form_code : in->form, e->form, "select",
	         NULL, 1, NULL, assoc_forms, NULL},
	        {"organisationsnummer", en ? "Organisation number" : "Organisationsnummer",
	         in->orgnr, e->orgnr, "text",
	         en ? "NNNNNN-NNNN. Informal networks may leave it empty."
	            : "NNNNNN-NNNN. Informella nätverk kan lämna det tomt.",
	         0, NULL, NULL, NULL},
	        {"andamal", en ? "Purpose" : "Ändamål", in->purpose, e->purpose, "textarea", NULL,
	         0, NULL, NULL, NULL},
	        {"epost", en ? "Contact e-mail" : "Kontakt-e-post", in->email, e->email, "email",
	         NULL, 0, "email", NULL, NULL},
	        {"telefon", en ? "Phone" : "Telefon", in->phone, e->phone, "tel", NULL, 0, "tel",
	         NULL, NULL},
	        {"webbplats", en ? "Web site" : "Webbplats", in->website, e->website, "url", NULL,
	         0, "url", NULL, NULL},
	        {"grundad", en ? "Year founded" : "Grundad år", in->founded, e->founded, "text",
	         NULL, 0, NULL, NULL, NULL},
	        {"medlemmar", en ? "Members" : "Antal medlemmar", in->members, e->members, "text",
	         NULL, 0, NULL, NULL, NULL},
	};
	for (int i = 0; i < ASSOC_FIELDS; i++)
		f[i] = all[i];
	return ASSOC_FIELDS;
}

/* The ids ticked for one checkbox group that are among the choices. */
int
form_ids(struct req *r, const char *name, const struct choice *allowed, int64_t *ids)
{
	int n = 0, bad = 0;
	for (size_t i = 0; i < r->form.n; i++) {
		if (strcmp(r->form.items[i].k, name) != 0)
			continue;
		int64_t id = strtoll(r->form.items[i].v, NULL, 10);
		const struct choice *c = allowed;
		while (c->code && c->id != id)
			c++;
		if (!c->code)
			bad = 1;
		else if (n < ASSOC_MAX_LINKS)
			ids[n++] = id;
	}
	return bad ? -1 : n;
}

/* What was typed into the association's fields. */
struct assoc_input
assoc_input_from_form(struct req *r)
{
	return (struct assoc_input){req_form(r, "organisationsnummer"),
	                            req_form(r, "namn"),
	                            req_form(r, "form"),
	                            req_form(r, "andamal"),
	                            req_form(r, "epost"),
	                            req_form(r, "telefon"),
	                            req_form(r, "webbplats"),
	                            req_form(r, "grundad"),
	                            req_form(r, "medlemmar")};
}

/* The areas and target groups the form offers as checkboxes. */
int
assoc_choices(struct req *r, struct choice **areas, struct choice **groups)
{
	size_t n;
	return register_choices(r->db, &r->a, 0, areas, &n) == 0 &&
	                       register_choices(r->db, &r->a, 1, groups, &n) == 0
	               ? 0
	               : -1;
}
