/* The register's fields of an association, as both the administrator's
 * form and the registration e-service show them. The declaration holds
 * what a form can tell by itself (required, lengths, an e-mail address, a
 * whole number, a form of association among the list); the register's own
 * rules, shared with the import, come after it (assoc_form_read). */
#include "register/fields.h"
#include "register/queries.h"

#include <stdlib.h>
#include <string.h>

static const struct field_def fields[ASSOC_FIELDS] = {
        [AF_NAME] = {.name = "namn",
                     .label_sv = "Namn",
                     .label_en = "Name",
                     .type = FIELD_TEXT,
                     .required = 1,
                     .max = 200,
                     .autocomplete = "organization",
                     .missing_sv = "Fältet måste fyllas i.",
                     .missing_en = "This field is required."},
        [AF_FORM] = {.name = "form",
                     .label_sv = "Form",
                     .label_en = "Form",
                     .type = FIELD_SELECT,
                     .required = 1,
                     .choices = assoc_forms,
                     .invalid_sv = "Välj en av formerna i listan.",
                     .invalid_en = "Choose one of the forms in the list."},
        [AF_ORGNR] = {.name = "organisationsnummer",
                      .label_sv = "Organisationsnummer",
                      .label_en = "Organisation number",
                      .type = FIELD_TEXT,
                      .hint_sv = "NNNNNN-NNNN. Informella nätverk kan lämna det tomt.",
                      .hint_en = "NNNNNN-NNNN. Informal networks may leave it empty."},
        [AF_PURPOSE] = {.name = "andamal",
                        .label_sv = "Ändamål",
                        .label_en = "Purpose",
                        .type = FIELD_TEXTAREA,
                        .max = 4000},
        [AF_EMAIL] = {.name = "epost",
                      .label_sv = "Kontakt-e-post",
                      .label_en = "Contact e-mail",
                      .type = FIELD_EMAIL,
                      .max = 254,
                      .autocomplete = "email"},
        [AF_PHONE] = {.name = "telefon",
                      .label_sv = "Telefon",
                      .label_en = "Phone",
                      .type = FIELD_TEL,
                      .max = 30,
                      .autocomplete = "tel"},
        [AF_WEBSITE] = {.name = "webbplats",
                        .label_sv = "Webbplats",
                        .label_en = "Web site",
                        .type = FIELD_URL,
                        .max = 300,
                        .autocomplete = "url"},
        /* the register also refuses a year after this one */
        [AF_FOUNDED] = {.name = "grundad",
                        .label_sv = "Grundad år",
                        .label_en = "Year founded",
                        .type = FIELD_INT,
                        .min = 1600,
                        .max_int = 9999,
                        .invalid_sv = "Skriv ett årtal, till exempel 1985.",
                        .invalid_en = "Write a year, for example 1985."},
        [AF_MEMBERS] = {.name = "medlemmar",
                        .label_sv = "Antal medlemmar",
                        .label_en = "Members",
                        .type = FIELD_INT,
                        .min = 0,
                        .max_int = 10000000,
                        .invalid_sv = "Skriv antalet medlemmar som en siffra.",
                        .invalid_en = "Write the number of members as a number."},
};
const struct form_def assoc_form_def = {"forening", fields, ASSOC_FIELDS};

/* What was typed into the form's fields, as the register's rules read it. */
static struct assoc_input
input_of(const struct form *f)
{
	const char *const *v = f->value;
	return (struct assoc_input){v[AF_ORGNR],   v[AF_NAME],    v[AF_FORM],
	                            v[AF_PURPOSE], v[AF_EMAIL],   v[AF_PHONE],
	                            v[AF_WEBSITE], v[AF_FOUNDED], v[AF_MEMBERS]};
}

/* Reads the association's fields: the declaration's checks, then the
 * register's rules on what was typed, every reason beside its field (the
 * first one found stays). Fills *in with what was typed and *rec with the
 * checked association; returns the number of errors. */
int
assoc_form_read(struct form *f, struct req *r, struct assoc_input *in, struct assoc_rec *rec)
{
	form_read(f, r);
	*in = input_of(f);
	struct assoc_errors e;
	assoc_validate(in, f->english, rec, &e);
	const char *const errors[ASSOC_FIELDS] = {e.name,  e.form,    e.orgnr,   e.purpose, e.email,
	                                          e.phone, e.website, e.founded, e.members};
	for (int i = 0; i < ASSOC_FIELDS; i++)
		if (errors[i])
			form_error(f, fields[i].name, errors[i], errors[i]);
	return f->nerrors;
}

/* Prefills the fields with an association as the register has it. */
void
assoc_form_set(struct form *f, const struct assoc_input *in)
{
	const char *const values[ASSOC_FIELDS] = {in->name,    in->form,    in->orgnr,
	                                          in->purpose, in->email,   in->phone,
	                                          in->website, in->founded, in->members};
	for (int i = 0; i < ASSOC_FIELDS; i++)
		form_set(f, fields[i].name, values[i]);
}

/* The fields as the template draws them, from typed values and the
 * register's errors, for a form that reads them itself (the yearly
 * update, which takes the members and contact details); returns how
 * many. */
int
assoc_form_fields(struct field *f, const struct assoc_input *in, const struct assoc_errors *e,
                  int en)
{
	const char *const values[ASSOC_FIELDS] = {in->name,    in->form,    in->orgnr,
	                                          in->purpose, in->email,   in->phone,
	                                          in->website, in->founded, in->members};
	const char *const errors[ASSOC_FIELDS] = {e->name,    e->form,    e->orgnr,
	                                          e->purpose, e->email,   e->phone,
	                                          e->website, e->founded, e->members};
	for (int i = 0; i < ASSOC_FIELDS; i++) {
		const struct field_def *d = &fields[i];
		f[i] = (struct field){.name = d->name,
		                      .label = en ? d->label_en : d->label_sv,
		                      .value = values[i],
		                      .error = errors[i],
		                      .type = form_type_name(d->type),
		                      .hint = en ? d->hint_en : d->hint_sv,
		                      .required = d->required,
		                      .autocomplete = d->autocomplete,
		                      .choices = d->choices};
	}
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

/* What was typed into the association's fields, for a form that reads
 * them itself. */
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
