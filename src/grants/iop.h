/* IOP agreements (idéburet offentligt partnerskap, issue 10 point 8):
 * their versions and follow-up meetings (migration 021), read for the
 * case page and written by the officer's actions on it. */
#ifndef GRANTS_IOP_H
#define GRANTS_IOP_H
#include <stdint.h>

#include "base/arena.h"
#include "db/db.h"
#include "ui/form.h"

struct iop_version {
	int version;
	const char *body, *author;
	int64_t at;
};

struct iop_meeting {
	const char *held_on, *notes, *author;
};

extern const struct form_def iop_version_form, iop_meeting_form;

int iop_versions(struct db *db, struct arena *a, int64_t case_id, struct iop_version **out,
                 size_t *n);
int iop_meetings(struct db *db, struct arena *a, int64_t case_id, struct iop_meeting **out,
                 size_t *n);
#endif
