/* samverka: sub-command dispatch. */
#include "cli/cli.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static const char usage[] =
        "usage: samverka COMMAND [OPTIONS]\n"
        "\n"
        "commands:\n"
        "  serve    [--listen 127.0.0.1:8080] [--db URL] [--threads N]   run the web server\n"
        "  migrate  --db URL                                             bring the schema up to "
        "date\n"
        "  demo     --db URL [--associations N]                          load demo data\n"
        "  import   foreningar --db URL FILE.csv                         import associations\n"
        "  user     add --db URL --email E --name N --role ROLE [--department CODE]\n"
        "  backup   --db URL FILE                                        online backup (SQLite)\n"
        "  aterrapporter --db URL [--days N]                             follow-up reminders\n"
        "\n"
        "URL is sqlite:PATH (default sqlite:samverka.db) or postgresql://...\n"
        "Run 'samverka COMMAND --help' for a command's options.\n";

int
main(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	/* libsodium picks its fastest Argon2id for this processor once: without
	 * this every password check runs the portable code, about half as fast */
	if (sodium_init() < 0) {
		fputs("samverka: libsodium cannot start\n", stderr);
		return 1;
	}
	static const struct {
		const char *name;
		int (*fn)(int, char **);
	} commands[] = {
	        {"serve", cmd_serve},
	        {"migrate", cmd_migrate},
	        {"demo", cmd_demo},
	        {"import", cmd_import},
	        {"user", cmd_user},
	        {"backup", cmd_backup},
	        {"aterrapporter", cmd_followup},
	};
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "samverka: unknown command '%s'\n\n%s", argv[1], usage);
	return 2;
}
