/* The register's fields of an association, declared once as a form: the
 * administrator's form and the registration e-service draw them, and the
 * register's own rules (assoc_validate in register/store.c, which also
 * checks the CSV import) decide what is stored. */
#ifndef REGISTER_FIELDS_H
#define REGISTER_FIELDS_H
#include "http/request.h"
#include "register/assoc.h"
#include "register/store.h"
#include "ui/form.h"

/* The fields in the order of the declaration. */
enum {
	AF_NAME,
	AF_FORM,
	AF_ORGNR,
	AF_PURPOSE,
	AF_EMAIL,
	AF_PHONE,
	AF_WEBSITE,
	AF_FOUNDED,
	AF_MEMBERS,
	ASSOC_FIELDS
};

extern const struct form_def assoc_form_def;

int assoc_form_read(struct form *f, struct req *r, struct assoc_input *in, struct assoc_rec *rec);
void assoc_form_set(struct form *f, const struct assoc_input *in);
int assoc_form_fields(struct field *f, const struct assoc_input *in, const struct assoc_errors *e,
                      int english);
struct assoc_input assoc_input_from_form(struct req *r);
int assoc_choices(struct req *r, struct choice **areas, struct choice **groups);
int form_ids(struct req *r, const char *name, const struct choice *allowed, int64_t *ids);
#endif
