/* The associations' sort keys kept to the collator that runs: made anew
 * when the stored ones are of another (migration 010's old fold, an ICU
 * upgrade). */
#ifndef REGISTER_REKEY_H
#define REGISTER_REKEY_H
#include "db/db.h"

int64_t register_rekey(struct db *db);
#endif
