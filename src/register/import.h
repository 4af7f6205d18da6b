/* Importing associations from CSV: all rows checked first, then all
 * stored in one transaction, or none. */
#ifndef REGISTER_IMPORT_H
#define REGISTER_IMPORT_H
#include <stdio.h>

#include "db/db.h"

struct import_result {
	int imported, created, updated, bad_rows;
};

int register_import(struct db *db, const char *data, size_t n, FILE *report, int progress,
                    struct import_result *res);
#endif
