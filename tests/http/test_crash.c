/* Files and crashes: a document's file is named (moved from the upload's
 * spool file) only just before its transaction commits, and what a crash
 * leaves behind (a file without its row, .incoming/NAME.part, NAME.tmp of
 * older versions) is removed at the next start once it
 * is older than ten minutes, and counted in the log. Then the server is
 * killed again and again under concurrent uploads: every acknowledged
 * upload keeps its row, every row its whole file, and after the sweep no
 * file lacks its row. SAMVERKA_TEST_KILLS=N kills N times (default 20). */
#include "harness.h"

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Writers at once, the size of each document, and the writers' pause
 * between uploads (the kills need uploads in flight, not a full disk). */
enum { LOOPS = 4, DOC_BYTES = 4096, PAUSE_US = 10000 };

static const char ORPHAN[] = "0123456789abcdef0123456789abcdef";
static const char FRESH[] = "fedcba9876543210fedcba9876543210";
static const char TMP[] = "00112233445566778899aabbccddeeff.tmp";
static const char FRESH_TMP[] = "ffeeddccbbaa99887766554433221100.tmp";

static char doc[DOC_BYTES];

/* A PDF the server takes, padded to DOC_BYTES. */
static void
make_doc(void)
{
	memset(doc, 'x', sizeof(doc));
	memcpy(doc, "%PDF-1.4\n", 9);
	memcpy(doc + sizeof(doc) - 6, "%%EOF\n", 6);
}

static const char *
in_files(const char *name)
{
	static char path[2][512];
	static int k;
	k ^= 1;
	snprintf(path[k], sizeof(path[k]), "%s/%s", h_files(), name);
	return path[k];
}

/* A file of some bytes, last written seconds_ago. */
static void
place(const char *name, int seconds_ago)
{
	const char *path = in_files(name);
	h_write_file(path, "left over\n");
	struct timeval tv[2] = {{time(NULL) - seconds_ago, 0}, {time(NULL) - seconds_ago, 0}};
	utimes(path, tv);
}

static int
ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);
	return n >= t && strcmp(s + n - t, tail) == 0;
}

static int
exists(const char *name)
{
	struct stat st;
	return stat(in_files(name), &st) == 0;
}

/* Sets every file of the directory (and .incoming/) back an hour, as if
 * the server had been down that long. */
static void
age_files(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		char path[1024];
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		struct stat st;
		if (e->d_name[0] == '.' && strcmp(e->d_name, ".incoming") != 0)
			continue;
		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			age_files(path);
			continue;
		}
		struct timeval tv[2] = {{time(NULL) - 3600, 0}, {time(NULL) - 3600, 0}};
		utimes(path, tv);
	}
	if (d)
		closedir(d);
}

/* The counts of the last sweep line in the server's log, -1 when none. */
static void
last_sweep(int *orphans, int *temporary)
{
	FILE *f = fopen(h_path("server.log"), "r");
	char line[512];
	*orphans = *temporary = -1;
	while (f && fgets(line, sizeof(line), f)) {
		const char *s = strstr(line, "documents: removed ");
		if (s)
			sscanf(s, "documents: removed %d files without a row, %d temporary files",
			       orphans, temporary);
	}
	if (f)
		fclose(f);
}

/* Uploads one document to a case; the status. */
static long
upload(struct hclient *c, const char *dnr)
{
	char path[96];
	struct hstr b = {0};
	struct hresp r;
	snprintf(path, sizeof(path), "/arenden/%s/dokument", dnr);
	h_mp_field(&b, "csrf", h_csrf(c));
	h_mp_field(&b, "typ", "ovrigt");
	h_mp_file(&b, "dokument", "bilaga.pdf", "application/pdf", doc, sizeof(doc));
	h_mp_end(&b);
	h_post_multipart(c, path, &b, &r);
	hstr_free(&b);
	long st = r.status;
	hresp_free(&r);
	return st;
}

/* A registration with its two documents in one transaction; the status. */
static long
register_one(struct hclient *c, int n)
{
	char name[64], nine[16], orgnr[12];
	snprintf(name, sizeof(name), "Kraschklubben %d", n);
	snprintf(nine, sizeof(nine), "80271%04d", n % 10000);
	h_orgnr(nine, orgnr);
	struct hstr b = {0};
	struct hresp r;
	h_mp_field(&b, "csrf", h_csrf(c));
	h_mp_field(&b, "namn", name);
	h_mp_field(&b, "form", "ideell");
	h_mp_field(&b, "organisationsnummer", orgnr);
	h_mp_field(&b, "andamal", "Att överleva.");
	h_mp_field(&b, "epost", "krasch@forening.example");
	h_mp_field(&b, "styrelse", "Ada Andersson, ordförande");
	h_mp_file(&b, "stadgar", "stadgar.pdf", "application/pdf", doc, sizeof(doc));
	h_mp_file(&b, "protokoll", "protokoll.pdf", "application/pdf", doc, sizeof(doc));
	h_mp_end(&b);
	h_post_multipart(c, "/registrera-forening", &b, &r);
	hstr_free(&b);
	long st = r.status;
	hresp_free(&r);
	return st;
}

/* The rows as the database has them now. */
static long
rows(void)
{
	char v[32];
	return atol(h_sql_line("SELECT count(*) FROM case_documents", v, sizeof(v)));
}

/* --- 1. the sweep at start ----------------------------------------------- */

static void
sweep(struct hclient *rep)
{
	h_check(upload(rep, h_dnr("FRI", 1)) == 303, "a document is uploaded to %s",
	        h_dnr("FRI", 1));
	char kept[64];
	h_sql_line("SELECT storage_name FROM case_documents", kept, sizeof(kept));
	age_files(h_files()); /* the real document is an hour old too */
	place(ORPHAN, 3600);
	place(FRESH, 5);
	place(TMP, 3600);
	place(FRESH_TMP, 5);
	place("notes.txt", 3600);
	char incoming[512];
	snprintf(incoming, sizeof(incoming), "%s/.incoming", h_files());
	mkdir(incoming, 0700);
	place(".incoming/0a0a.part", 3600);
	place(".incoming/0b0b.part", 5);
	h_check(h_restart(SIGTERM), "the server starts again");
	int o, t;
	last_sweep(&o, &t);
	h_check(!exists(ORPHAN) && !exists(TMP) && !exists(".incoming/0a0a.part"),
	        "the start removed the hour-old file without a row, NAME.tmp and .part");
	h_check(o == 1 && t == 2, "and the log says so: %d files without a row, %d temporary", o,
	        t);
	h_check(exists(FRESH) && exists(FRESH_TMP) && exists(".incoming/0b0b.part"),
	        "files written seconds ago stay: another server may be writing them");
	h_check(exists(kept) && exists("notes.txt"),
	        "the document with its row stays, and a file the server did not make");
	struct hresp r;
	char path[128], v[32];
	snprintf(path, sizeof(path), "/arenden/%s/dokument/%s", h_dnr("FRI", 1),
	         h_sql_line("SELECT id FROM case_documents", v, sizeof(v)));
	h_get(rep, path, &r);
	h_check(r.status == 200 && r.body.n == sizeof(doc), "and it downloads whole (%ld, %zu)",
	        r.status, r.body.n);
	hresp_free(&r);

	/* a directory another database's documents are in is left alone */
	h_write_file(in_files(".samverka-database"), "42\n");
	place(ORPHAN, 3600);
	h_check(h_restart(SIGTERM),
	        "the server starts with a directory marked for another database");
	h_check(exists(ORPHAN), "and removes nothing from it");
	unlink(in_files(".samverka-database"));
	unlink(in_files(ORPHAN));
	unlink(in_files(FRESH));
	unlink(in_files(FRESH_TMP));
	unlink(in_files(".incoming/0b0b.part"));
}

/* --- 2. names that would be cut short ----------------------------------- */

/* A file whose name holds a NUL or a control character is refused (400)
 * and stored under no name, rather than kept as "ok.pdf" for "ok.pdf\0.exe". */
static void
bad_names(struct hclient *rep)
{
	static const char *const names[] = {"ok.pdf\0.exe", "ok\x1b[2J.pdf", "ok\x7f.pdf"};
	static const size_t lens[] = {11, 10, 7};
	static const char *const shown[] = {"NUL", "an escape", "DEL"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		long before = rows();
		char path[96];
		struct hstr b = {0};
		struct hresp r;
		snprintf(path, sizeof(path), "/arenden/%s/dokument", h_dnr("FRI", 1));
		h_mp_field(&b, "csrf", h_csrf(rep));
		hstr_puts(&b,
		          "--" H_BOUNDARY "\r\nContent-Disposition: form-data; name=\"dokument\"; "
		          "filename=\"");
		hstr_add(&b, names[i], lens[i]);
		hstr_puts(&b, "\"\r\nContent-Type: application/pdf\r\n\r\n");
		hstr_add(&b, doc, sizeof(doc));
		hstr_puts(&b, "\r\n");
		h_mp_end(&b);
		h_post_multipart(rep, path, &b, &r);
		hstr_free(&b);
		h_check(r.status == 400 && rows() == before,
		        "a file name with %s in it is refused (%ld) and nothing is stored",
		        shown[i], r.status);
		hresp_free(&r);
	}
}

/* --- 3. kills under writers ---------------------------------------------- */

/* One writer, until it is killed: uploads to a case of the demo
 * representative (or registrations, for loop 0: two files in one
 * transaction), each acknowledged one a line on fd. */
static void
writer(int loop, int fd)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (!freopen("/dev/null", "w", stdout))
		_exit(1);
	struct hclient *c = h_client();
	while (h_login(c, "representative") != 303)
		usleep(100000);
	const char *dnr = h_dnr("FRI", 1 + loop % 3);
	for (int n = loop * 100000;; n++) {
		long st = loop == 0 ? register_one(c, n) : upload(c, dnr);
		if (st == 303 && write(fd, loop == 0 ? "2\n" : "1\n", 2) != 2)
			_exit(1);
		usleep(st <= 0 ? 20000 : PAUSE_US); /* longer while the server is down */
	}
}

/* The rows whose file is missing or not whole, the files of the directory
 * that have no row, and the temporary files: NAME.tmp and the request
 * bodies left in the spool folder (.incoming/NAME.part). */
static void
tally(int *missing, int *orphans, int *temporary)
{
	struct hstr out = {0};
	*missing = *orphans = *temporary = 0;
	h_sql("SELECT storage_name, size FROM case_documents", &out);
	char *names = strdup(out.p ? out.p : "");
	for (char *line = out.p; line && *line;) {
		char *end = strchr(line, '\n');
		if (end)
			*end = 0;
		char *bar = strchr(line, '|');
		struct stat st;
		if (bar) {
			*bar = 0;
			if (stat(in_files(line), &st) != 0 || st.st_size != atol(bar + 1))
				(*missing)++;
		}
		line = end ? end + 1 : NULL;
	}
	DIR *d = opendir(h_files());
	struct dirent *e;
	while (d && (e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (n == 36 && strcmp(e->d_name + 32, ".tmp") == 0) {
			(*temporary)++;
		} else if (n == 32 && !strstr(names, e->d_name)) {
			(*orphans)++;
		}
	}
	if (d)
		closedir(d);
	d = opendir(in_files(".incoming"));
	while (d && (e = readdir(d)))
		*temporary += ends_with(e->d_name, ".part");
	if (d)
		closedir(d);
	free(names);
	hstr_free(&out);
}

static void
kills(void)
{
	const char *env = getenv("SAMVERKA_TEST_KILLS");
	int want = env && atoi(env) > 0 ? atoi(env) : 20;
	long before = rows();
	int pipefd[2];
	if (pipe(pipefd) != 0)
		return;
	pid_t pids[LOOPS];
	for (int i = 0; i < LOOPS; i++) {
		fflush(stdout);
		pids[i] = fork();
		if (pids[i] == 0) {
			close(pipefd[0]);
			writer(i, pipefd[1]);
		}
	}
	close(pipefd[1]);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int restarted = 0;
	srand((unsigned)getpid());
	for (int k = 0; k < want; k++) {
		usleep(150000 + (useconds_t)(rand() % 250000));
		restarted += h_restart(SIGKILL);
	}
	usleep(300000);
	for (int i = 0; i < LOOPS; i++) {
		kill(pids[i], SIGKILL);
		waitpid(pids[i], NULL, 0);
	}
	sleep(1); /* the server ends the uploads it had when the writers died */
	long acked = 0;
	char buf[4096];
	ssize_t got;
	while ((got = read(pipefd[0], buf, sizeof(buf))) > 0)
		for (ssize_t i = 0; i < got; i++)
			acked += buf[i] == '2' ? 2 : buf[i] == '1';
	close(pipefd[0]);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	h_check(restarted == want, "killed %d times under %d writers, restarted each time (%.1f s)",
	        want, LOOPS, secs);
	long now = rows();
	h_check(now - before >= acked,
	        "no acknowledged upload is lost: %ld rows for %ld acknowledged documents",
	        now - before, acked);
	int missing, orphans, temporary;
	tally(&missing, &orphans, &temporary);
	h_check(missing == 0, "every row has its whole file (%d without)", missing);
	h_note("the kills left %d files without a row and %d temporary files", orphans, temporary);

	/* ten minutes later, as far as the files can tell */
	age_files(h_files());
	h_check(h_restart(SIGTERM), "the server starts again after the kills");
	int swept_o, swept_t;
	last_sweep(&swept_o, &swept_t);
	int left_o, left_t;
	tally(&missing, &left_o, &left_t);
	h_check(missing == 0 && left_o == 0 && left_t == 0,
	        "after the sweep every row has its file and every file its row (%d, %d, %d)",
	        missing, left_o, left_t);
	h_check(swept_o == orphans && swept_t == temporary,
	        "the log counts what went: %d files without a row, %d temporary (found %d, %d)",
	        swept_o, swept_t, orphans, temporary);
}

int
main(void)
{
	h_serve_own_files();
	make_doc();
	h_start();
	struct hclient *rep = h_client();
	h_check(h_login(rep, "representative") == 303, "the demo representative signs in");
	sweep(rep);
	bad_names(rep);
	h_client_free(rep);
	kills();
	return h_finish();
}
