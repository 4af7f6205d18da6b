/* samverka aterrapporter: the follow-up reminders, for cron (the server
 * also sends them every hour, grants/followup_sweep.c). */
#include "cli/cli.h"
#include "grants/followup.h"
#include "mail/outbox.h"

#include <stdio.h>
#include <stdlib.h>

/* Sends the reminders owed today once, and says how many. */
int
cmd_followup(int argc, char **argv)
{
	const char *db_url = "sqlite:samverka.db", *days = NULL, *base_url = NULL;
	const struct opt opts[] = {{"db", &db_url, NULL},
	                           {"days", &days, NULL},
	                           {"base-url", &base_url, NULL},
	                           {NULL, NULL, NULL}};
	int rc = cli_parse(argc, argv, opts,
	                   "usage: samverka aterrapporter --db URL [--days N] [--base-url URL]\n"
	                   "  mails the associations' representatives a reminder of each\n"
	                   "  follow-up report due within N days (default 14), and another once\n"
	                   "  its day has passed with none sent; each is sent once. Links in the\n"
	                   "  mails start with URL, as serve --base-url.\n",
	                   NULL, NULL);
	if (rc)
		return rc > 0 ? 0 : 2;
	long n = days ? strtol(days, NULL, 10) : FOLLOWUP_REMIND_DAYS;
	const char *why = NULL;
	if (n < 0 || n > 365) {
		fprintf(stderr, "samverka: --days must be 0 to 365\n");
		return 2;
	}
	if (base_url && mail_base_url_set(base_url, &why) != 0) {
		fprintf(stderr, "samverka: --base-url: %s\n", why);
		return 2;
	}
	/* due days are the municipality's, as the pages reckon them */
	setenv("TZ", "Europe/Stockholm", 1);
	struct db *db = cli_open_db(db_url);
	if (!db)
		return 1;
	int sent = 0;
	rc = followup_remind(db, (int)n, &sent);
	db_close(db);
	printf("%d påminnelser skickade\n", sent);
	return rc ? 1 : 0;
}
