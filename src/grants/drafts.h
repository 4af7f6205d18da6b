/* Drafts of grant applications (grant_drafts, migration 020): what a
 * representative typed, kept for one association and programme until it
 * is sent. A draft is no case: no officer sees it, and only the
 * representatives of its association find it. */
#ifndef GRANTS_DRAFTS_H
#define GRANTS_DRAFTS_H
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "db/db.h"

struct grant_draft {
	int64_t id, programme_id, association_id, updated;
	const char *slug, *programme, *association;
	const char *answers; /* a JSON object: each field's name and what was typed */
};

int grant_draft_get(struct db *db, struct arena *a, int64_t id, int64_t user_id,
                    struct grant_draft *out);
int grant_draft_save(struct db *db, const struct grant_draft *d, int64_t user_id, int64_t *id);
int grant_draft_delete(struct db *db, int64_t programme_id, int64_t association_id);
int grant_drafts_of_user(struct db *db, struct arena *a, int64_t user_id, struct grant_draft **out,
                         size_t *n);
#endif
