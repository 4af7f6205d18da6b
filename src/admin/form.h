/* Form fields with their errors, rendered the same way on every form: the
 * label, a hint, the error next to the field, and what the user typed. */
#ifndef ADMIN_FORM_H
#define ADMIN_FORM_H
#include "register/assoc.h"
#include "ui/form.h"

#include "http/request.h"
#include "register/store.h"

/* The association's fields in the order assoc_form_fields gives them. */
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

int assoc_form_fields(struct field *f, const struct assoc_input *in, const struct assoc_errors *e,
                      const char *form_code, int english);
struct assoc_input assoc_input_from_form(struct req *r);
int assoc_choices(struct req *r, struct choice **areas, struct choice **groups);
int form_ids(struct req *r, const char *name, const struct choice *allowed, int64_t *ids);
#endif
