#ifndef DB_MIGRATE_H
#define DB_MIGRATE_H
#include "db/db.h"

int db_migrate(struct db *db, int verbose);
#endif
