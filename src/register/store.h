/* Validating and storing an association: one set of rules for the admin
 * form, the CSV import and the demo data. */
#ifndef REGISTER_STORE_H
#define REGISTER_STORE_H
#include <stdint.h>

#include "db/db.h"

enum { ASSOC_MAX_LINKS = 32 };

/* What a person typed, as text. */
struct assoc_input {
	const char *orgnr, *name, *form, *purpose, *email, *phone, *website, *founded, *members;
};

/* One message per field, NULL when the field is fine. */
struct assoc_errors {
	const char *orgnr, *name, *form, *purpose, *email, *phone, *website, *founded, *members,
	        *areas;
	int count;
};

/* A checked association, ready to store. */
struct assoc_rec {
	char orgnr[12];
	const char *name, *form, *purpose, *email, *phone, *website;
	int64_t founded, members;
	int active, public_;
	int64_t area_ids[ASSOC_MAX_LINKS];
	int nareas;
	int64_t group_ids[ASSOC_MAX_LINKS];
	int ngroups;
};

int assoc_validate(const struct assoc_input *in, int english, struct assoc_rec *out,
                   struct assoc_errors *e);
int assoc_save(struct db *db, int64_t id, const struct assoc_rec *rec, int64_t *out_id);
int64_t assoc_find(struct db *db, const struct assoc_rec *rec);
#endif
