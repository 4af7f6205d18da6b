/* The register's two e-services: registering an association and its
 * yearly update. Each is one struct eservice, listed in src/eservices.c. */
#ifndef REGISTRATION_ESERVICES_H
#define REGISTRATION_ESERVICES_H
#include "cases/eservice.h"
#include "register/fields.h"

extern const struct eservice registration_eservice;
extern const struct eservice update_eservice;

/* The registration's own fields, in its declaration and after the
 * register's in the page's one list of fields (REG_FIELDS). */
enum { REG_BOARD, REG_STATUTES, REG_MINUTES, REG_PUBLIC, REG_OWN };
enum { REG_FIELDS = ASSOC_FIELDS + REG_OWN };

/* Another registration of the same organisationsnummer. */
struct registration_twin {
	const char *dnr, *status;
};

/* One line of what a yearly update changes: the register's value now
 * beside the one sent. */
struct update_row {
	const char *label_sv, *label_en;
	const char *now, *sent;
};

void registration_form(struct req *r);
void registration_submit(struct req *r);
void update_form(struct req *r);
void update_submit(struct req *r);
#endif
