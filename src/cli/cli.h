/* The operator's commands, and the option parsing they share. */
#ifndef CLI_CLI_H
#define CLI_CLI_H
#include "db/db.h"

int cmd_serve(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_followup(int argc, char **argv);

/* One option a command takes: --name VALUE, or a flag. */
struct opt {
	const char *name;
	const char **value;
	int *flag;
};

int cli_parse(int argc, char **argv, const struct opt *opts, const char *help, char **rest,
              int *nrest);
int cli_migrate(struct db *db, int verbose);
struct db *cli_open_db(const char *url);
#endif
