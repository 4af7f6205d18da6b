/* The HTTP test harness: starts the real server on a fresh database and
 * drives it with libcurl. */
#include "harness.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <strings.h>
#include <jansson.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct hserver H;

static int checks, failures, server_status = -1, quiet;
static const char *bin;
static const char *const *serve_extra;
static int own_files;    /* the server keeps documents in H.dir/samverka-files */
static int demo_history; /* the demo with its two years of cases */
static long demo_count;  /* generated associations, 0 for the demo's own */

struct hclient {
	CURL *curl;
	char csrf[64];
};

/* Out of memory ends the test: there is nothing sensible to check then. */
static void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		fputs("out of memory\n", stderr);
		exit(99);
	}
	return p;
}

/* Appends bytes and keeps a NUL after them, so the text is a C string. */
void
hstr_add(struct hstr *s, const void *d, size_t n)
{
	if (s->n + n + 1 > s->cap) {
		s->cap = (s->n + n + 1) * 2;
		s->p = xrealloc(s->p, s->cap);
	}
	memcpy(s->p + s->n, d, n);
	s->n += n;
	s->p[s->n] = 0;
}

void
hstr_puts(struct hstr *s, const char *z)
{
	hstr_add(s, z, strlen(z));
}

/* printf into the string, for building forms, CSV files and messages. */
void
hstr_printf(struct hstr *s, const char *fmt, ...)
{
	char small[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < (int)sizeof(small)) {
		hstr_add(s, small, (size_t)n);
		return;
	}
	char *tmp = xrealloc(NULL, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(tmp, (size_t)n + 1, fmt, ap);
	va_end(ap);
	hstr_add(s, tmp, (size_t)n);
	free(tmp);
}

void
hstr_free(struct hstr *s)
{
	free(s->p);
	memset(s, 0, sizeof(*s));
}

void
hresp_free(struct hresp *r)
{
	hstr_free(&r->head);
	hstr_free(&r->body);
	r->status = 0;
}

/* Header names are case-insensitive; values lose surrounding blanks. */
const char *
hresp_header(const struct hresp *r, const char *name, char *out, size_t n)
{
	size_t nl = strlen(name);
	const char *line = r->head.p;
	while (line && *line) {
		const char *eol = strstr(line, "\r\n");
		size_t len = eol ? (size_t)(eol - line) : strlen(line);
		if (len > nl && line[nl] == ':' && strncasecmp(line, name, nl) == 0) {
			const char *v = line + nl + 1;
			while (*v == ' ')
				v++;
			size_t vn = (size_t)(line + len - v);
			if (vn >= n)
				vn = n - 1;
			memcpy(out, v, vn);
			out[vn] = 0;
			return out;
		}
		line = eol ? eol + 2 : NULL;
	}
	return NULL;
}

int
hresp_has(const struct hresp *r, const char *needle)
{
	return r->body.p && strstr(r->body.p, needle) != NULL;
}

int
hresp_count(const struct hresp *r, const char *needle)
{
	int k = 0;
	for (const char *p = r->body.p; p && (p = strstr(p, needle)); p += strlen(needle))
		k++;
	return k;
}

/* One line per check, numbered, so a failure is easy to find in the log. */
int
h_check(int ok, const char *fmt, ...)
{
	va_list ap;
	checks++;
	if (!ok)
		failures++;
	printf("%s %d - ", ok ? "ok" : "not ok", checks);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	return ok;
}

/* Prints a diagnostic, every line of it marked as a comment. */
void
h_note(const char *fmt, ...)
{
	va_list ap;
	char msg[4096];
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	for (char *line = msg; line;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = 0;
		if (*line || !nl)
			printf("#   %s\n", line);
		line = nl ? nl + 1 : NULL;
	}
	fflush(stdout);
}

const struct huser *
h_user(const char *role)
{
	for (int i = 0; i < H.nusers; i++)
		if (strcmp(H.users[i].role, role) == 0)
			return &H.users[i];
	fprintf(stderr, "the demo printed no user with role %s\n", role);
	exit(1);
}

const char *
h_path(const char *name)
{
	static char paths[8][256];
	static int next;
	char *p = paths[next++ % 8];
	snprintf(p, sizeof(paths[0]), "%s/%s", H.dir, name);
	return p;
}

void
h_write_file(const char *path, const char *content)
{
	FILE *f = fopen(path, "wb");
	if (!f || fputs(content, f) < 0 || fclose(f) != 0) {
		fprintf(stderr, "cannot write %s\n", path);
		exit(1);
	}
}

/* Reads a whole file into s (appending). */
static void
slurp(const char *path, struct hstr *s)
{
	FILE *f = fopen(path, "rb");
	char chunk[8192];
	size_t got;
	if (!f)
		return;
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		hstr_add(s, chunk, got);
	fclose(f);
}

/* The child gets stdin from a pipe and writes to files, so neither side
 * can block the other however much it prints. */
int
h_run(const char *const *argv, const char *input, struct hstr *out, struct hstr *err)
{
	static int seq;
	char outp[256], errp[256];
	snprintf(outp, sizeof(outp), "%s/run%d.out", H.dir, seq);
	snprintf(errp, sizeof(errp), "%s/run%d.err", H.dir, seq++);
	int in[2];
	if (pipe(in) != 0)
		return -1;
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int o = open(outp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int e = open(errp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		dup2(in[0], 0);
		dup2(o, 1);
		dup2(e, 2);
		close(in[0]);
		close(in[1]);
		close(o);
		close(e);
		const char *prog = strcmp(argv[0], "samverka") == 0 ? bin : argv[0];
		execvp(prog, (char *const *)argv);
		_exit(127);
	}
	close(in[0]);
	signal(SIGPIPE, SIG_IGN);
	if (input && write(in[1], input, strlen(input)) < 0)
		perror("write to child");
	close(in[1]);
	int st;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	/* a command's writes (an import) are judged by tests under concurrent
	 * reads: waited for past the generations' lifetime, so that a
	 * notification late on a busy machine cannot show as a stale page */
	if (strcmp(argv[0], "samverka") == 0)
		h_other_process_wrote(H_GENERATION_TTL_MS);
	if (out)
		slurp(outp, out);
	if (err)
		slurp(errp, err);
	unlink(outp);
	unlink(errp);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* A port the kernel just handed out is very likely still free. */
int
h_free_port(void)
{
	int s = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {0};
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	socklen_t len = sizeof(a);
	if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof(a)) != 0 ||
	    getsockname(s, (struct sockaddr *)&a, &len) != 0) {
		perror("free port");
		exit(1);
	}
	close(s);
	return ntohs(a.sin_port);
}

/* Runs one SQL command over the base PostgreSQL URL. */
static int
pg_admin(const char *sql)
{
	PGconn *c = PQconnectdb(getenv("SAMVERKA_TEST_PG"));
	int ok = PQstatus(c) == CONNECTION_OK;
	if (ok) {
		PGresult *res = PQexec(c, sql);
		ok = PQresultStatus(res) == PGRES_COMMAND_OK;
		if (!ok)
			fprintf(stderr, "%s: %s", sql, PQerrorMessage(c));
		PQclear(res);
	} else {
		fprintf(stderr, "cannot connect to SAMVERKA_TEST_PG: %s", PQerrorMessage(c));
	}
	PQfinish(c);
	return ok ? 0 : -1;
}

/* The base URL with its database name replaced: postgresql://u@h/NAME?... */
static void
pg_url(const char *base, const char *name, char *out, size_t n)
{
	const char *auth = strstr(base, "://");
	const char *slash = auth ? strchr(auth + 3, '/') : NULL;
	const char *q = strchr(base, '?');
	if (!auth || (q && slash && slash > q))
		slash = NULL;
	size_t head = slash ? (size_t)(slash - base) : (q ? (size_t)(q - base) : strlen(base));
	const char *tail = q ? q : "";
	snprintf(out, n, "%.*s/%s%s", (int)head, base, name, tail);
}

static int
rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Collects the server's exit status once it has ended; 1 when it has. */
static int
reap(int flags)
{
	int st;
	if (H.pid > 0 && waitpid(H.pid, &st, flags) == H.pid) {
		H.pid = 0;
		server_status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	}
	return H.pid == 0;
}

/* SIGTERM, and SIGKILL when it has not ended within five seconds. */
static void
stop_server(void)
{
	if (H.pid <= 0)
		return;
	kill(H.pid, SIGTERM);
	for (int i = 0; i < 100 && !reap(WNOHANG); i++)
		usleep(50000);
	if (H.pid > 0) {
		kill(H.pid, SIGKILL);
		reap(0);
	}
}

/* Runs at exit however the program ends: no server or database is left. */
static void
cleanup(void)
{
	stop_server();
	if (H.pg && H.pg_name[0]) {
		char sql[128];
		snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s WITH (FORCE)", H.pg_name);
		pg_admin(sql);
		H.pg_name[0] = 0;
	}
	if (H.dir[0] && failures == 0)
		nftw(H.dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	else if (H.dir[0])
		printf("# files kept in %s\n", H.dir);
	H.dir[0] = 0;
}

int
h_alive(void)
{
	return !reap(WNOHANG);
}

/* Starts the server on port, or on a free one when port is 0. */
static void
start_server(int port)
{
	char listen[64], log[256];
	H.port = port ? port : h_free_port();
	snprintf(listen, sizeof(listen), "127.0.0.1:%d", H.port);
	snprintf(H.base, sizeof(H.base), "http://127.0.0.1:%d", H.port);
	snprintf(log, sizeof(log), "%s/server.log", H.dir);
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		exit(1);
	}
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		int fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0600);
		dup2(fd, 1);
		dup2(fd, 2);
		close(fd);
		const char *argv[32] = {bin,    "serve",  "--insecure-cookies", "--listen", listen,
		                        "--db", H.db_url, "--threads",          "2"};
		int n = 9;
		char files[160];
		if (own_files) {
			snprintf(files, sizeof(files), "%s/samverka-files", H.dir);
			argv[n++] = "--files";
			argv[n++] = files;
		}
		for (int i = 0; serve_extra && serve_extra[i] && n < 31; i++)
			argv[n++] = serve_extra[i];
		execv(bin, (char *const *)argv);
		_exit(127);
	}
	H.pid = pid;
}

/* Waits for /healthz to say ok, for at most 15 seconds. */
static int
wait_healthy(void)
{
	struct hclient *c = h_client();
	int ok = 0;
	quiet = 1;
	for (int i = 0; i < 150 && !ok && h_alive(); i++) {
		struct hresp r;
		h_get(c, "/healthz", &r);
		ok = r.status == 200 && hresp_has(&r, "ok");
		hresp_free(&r);
		if (!ok)
			usleep(100000);
	}
	h_client_free(c);
	quiet = 0;
	return ok;
}

/* Reads "ROLE EMAIL PASSWORD" lines. */
static void
read_users(const char *text)
{
	const char *p = text;
	while (p && *p && H.nusers < 8) {
		struct huser *u = &H.users[H.nusers];
		if (sscanf(p, "%31s %127s %127s", u->role, u->email, u->password) == 3)
			H.nusers++;
		p = strchr(p, '\n');
		if (p)
			p++;
	}
}

/* A test that needs the server configured differently says so here. */
void
h_serve_own_files(void)
{
	own_files = 1;
}

void
h_demo_history(void)
{
	demo_history = 1;
}

void
h_demo_associations(long n)
{
	demo_count = n;
}

const char *
h_files(void)
{
	static char path[160];
	snprintf(path, sizeof(path), "%s/samverka-files", H.dir);
	return path;
}

void
h_serve_args(const char *const *extra)
{
	serve_extra = extra;
}

void
h_start(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	bin = getenv("SAMVERKA_BIN");
	if (!bin || !*bin) {
		fputs("SAMVERKA_BIN must name the samverka binary\n", stderr);
		exit(1);
	}
	const char *engine = getenv("SAMVERKA_TEST_DB");
	H.pg = engine && strcmp(engine, "pg") == 0;
	if (H.pg && (!getenv("SAMVERKA_TEST_PG") || !*getenv("SAMVERKA_TEST_PG"))) {
		puts("# SKIP: SAMVERKA_TEST_DB=pg but SAMVERKA_TEST_PG is not set");
		exit(77);
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	strcpy(H.dir, "/tmp/samverka-http-XXXXXX");
	if (!mkdtemp(H.dir)) {
		perror("mkdtemp");
		exit(1);
	}
	atexit(cleanup);
	if (H.pg) {
		snprintf(H.pg_name, sizeof(H.pg_name), "samverka_http_%d_%ld", (int)getpid(),
		         (long)time(NULL) % 100000);
		char sql[128];
		snprintf(sql, sizeof(sql), "CREATE DATABASE %s", H.pg_name);
		if (pg_admin(sql) != 0) {
			H.pg_name[0] = 0;
			exit(1);
		}
		pg_url(getenv("SAMVERKA_TEST_PG"), H.pg_name, H.db_url, sizeof(H.db_url));
	} else {
		snprintf(H.db_file, sizeof(H.db_file), "%s/test.db", H.dir);
		snprintf(H.db_url, sizeof(H.db_url), "sqlite:%s", H.db_file);
	}
	printf("# engine %s, database %s\n", H.pg ? "pg" : "sqlite", H.db_url);
	struct hstr out = {0}, err = {0};
	char count[24];
	snprintf(count, sizeof(count), "%ld", demo_count);
	const char *demo[8] = {"samverka", "demo", "--db", H.db_url};
	int nd = 4;
	if (demo_count > 0) {
		demo[nd++] = "--associations";
		demo[nd++] = count;
	}
	if (!demo_history)
		demo[nd++] = "--no-history";
	int rc = h_run(demo, NULL, &out, &err);
	if (rc != 0) {
		fprintf(stderr, "samverka demo failed (%d): %s\n", rc, err.p ? err.p : "");
		exit(1);
	}
	read_users(out.p);
	hstr_free(&out);
	hstr_free(&err);
	if (H.nusers < 5) {
		fprintf(stderr, "samverka demo printed %d users, expected 5\n", H.nusers);
		exit(1);
	}
	start_server(0);
	if (!wait_healthy()) {
		fprintf(stderr, "the server did not answer /healthz; its log:\n");
		struct hstr log = {0};
		slurp(h_path("server.log"), &log);
		fputs(log.p ? log.p : "(empty)\n", stderr);
		failures++;
		exit(1);
	}
	printf("# server on %s\n", H.base);
}

int
h_restart(int sig)
{
	if (sig == SIGTERM) {
		stop_server();
	} else if (H.pid > 0) {
		kill(H.pid, sig);
		reap(0);
	}
	start_server(H.port);
	return wait_healthy();
}

int
h_finish(void)
{
	if (h_check(h_alive(), "the server is still running at the end")) {
		stop_server();
		h_check(server_status == 0, "the server stops cleanly on SIGTERM (status %d)",
		        server_status);
	}
	if (failures) {
		struct hstr log = {0};
		slurp(h_path("server.log"), &log);
		printf("# server log:\n%s", log.p ? log.p : "(empty)\n");
		hstr_free(&log);
	}
	printf("%d passed, %d failed\n", checks - failures, failures);
	cleanup();
	curl_global_cleanup();
	return failures ? 1 : 0;
}

static size_t
on_body(char *d, size_t size, size_t n, void *arg)
{
	hstr_add(arg, d, size * n);
	return size * n;
}

/* Keeps only the last response's headers (a 100 Continue comes first). */
static size_t
on_header(char *d, size_t size, size_t n, void *arg)
{
	struct hstr *h = arg;
	if (size * n >= 5 && memcmp(d, "HTTP/", 5) == 0)
		h->n = 0;
	hstr_add(h, d, size * n);
	return size * n;
}

struct hclient *
h_client(void)
{
	struct hclient *c = xrealloc(NULL, sizeof(*c));
	memset(c, 0, sizeof(*c));
	c->curl = curl_easy_init();
	curl_easy_setopt(c->curl, CURLOPT_COOKIEFILE, "");
	curl_easy_setopt(c->curl, CURLOPT_TIMEOUT, 30L);
	curl_easy_setopt(c->curl, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c->curl, CURLOPT_HEADERFUNCTION, on_header);
	return c;
}

struct hclient *
h_client_from(const char *addr)
{
	struct hclient *c = h_client();
	char iface[64];
	snprintf(iface, sizeof(iface), "host!%s", addr);
	curl_easy_setopt(c->curl, CURLOPT_INTERFACE, iface);
	return c;
}

void
h_client_free(struct hclient *c)
{
	curl_easy_cleanup(c->curl);
	free(c);
}

void
h_request(struct hclient *c, const char *method, const char *path, const char *ctype,
          const char *body, size_t len, const char *const *headers, struct hresp *out)
{
	CURL *h = c->curl;
	char url[4096];
	struct curl_slist *hl = NULL;
	memset(out, 0, sizeof(*out));
	hstr_add(&out->head, "", 0);
	hstr_add(&out->body, "", 0);
	snprintf(url, sizeof(url), "%s%s", H.base, path);
	/* options are set one by one: curl_easy_reset would keep adding to
	 * the cookie engine's file list */
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &out->body);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, &out->head);
	curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, NULL);
	if (strcmp(method, "HEAD") == 0) {
		curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
	} else if (!body) {
		curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
	} else {
		curl_easy_setopt(h, CURLOPT_NOBODY, 0L);
		curl_easy_setopt(h, CURLOPT_POST, 1L);
		curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
	}
	if (strcmp(method, "GET") != 0 && strcmp(method, "POST") != 0 &&
	    strcmp(method, "HEAD") != 0)
		curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
	if (ctype) {
		char line[256];
		snprintf(line, sizeof(line), "Content-Type: %s", ctype);
		hl = curl_slist_append(hl, line);
	}
	for (int i = 0; headers && headers[i]; i++)
		hl = curl_slist_append(hl, headers[i]);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hl);
	CURLcode rc = curl_easy_perform(h);
	if (rc == CURLE_OK) {
		curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &out->status);
	} else {
		out->status = -1;
		if (!quiet)
			h_note("%s %s: %s", method, path, curl_easy_strerror(rc));
	}
	curl_slist_free_all(hl);
}

void
h_get(struct hclient *c, const char *path, struct hresp *out)
{
	h_request(c, "GET", path, NULL, NULL, 0, NULL, out);
}

void
h_post(struct hclient *c, const char *path, const char *form, struct hresp *out)
{
	h_request(c, "POST", path, "application/x-www-form-urlencoded", form ? form : "",
	          form ? strlen(form) : 0, NULL, out);
}

char *
h_escape(const char *s)
{
	char *e = curl_easy_escape(NULL, s, (int)strlen(s));
	char *copy = strdup(e);
	curl_free(e);
	return copy;
}

void
h_form_add(struct hstr *form, const char *k, const char *v)
{
	char *ek = h_escape(k), *ev = h_escape(v);
	if (form->n)
		hstr_puts(form, "&");
	hstr_printf(form, "%s=%s", ek, ev);
	free(ek);
	free(ev);
}

/* curl's jar lists cookies in the Netscape format: the name is the sixth
 * tab-separated field and the value the seventh. */
const char *
h_cookie(struct hclient *c, const char *name, char *out, size_t n)
{
	struct curl_slist *list = NULL, *it;
	const char *found = NULL;
	curl_easy_getinfo(c->curl, CURLINFO_COOKIELIST, &list);
	for (it = list; it && !found; it = it->next) {
		const char *f = it->data;
		for (int i = 0; i < 5 && f; i++) {
			f = strchr(f, '\t');
			if (f)
				f++;
		}
		if (!f)
			continue;
		const char *tab = strchr(f, '\t');
		if (!tab || (size_t)(tab - f) != strlen(name) ||
		    strncmp(f, name, strlen(name)) != 0)
			continue;
		snprintf(out, n, "%s", tab + 1);
		found = out;
	}
	curl_slist_free_all(list);
	return found;
}

const char *
h_csrf(struct hclient *c)
{
	if (!h_cookie(c, "csrf", c->csrf, sizeof(c->csrf))) {
		struct hresp r;
		h_get(c, "/logga-in", &r);
		hresp_free(&r);
		if (!h_cookie(c, "csrf", c->csrf, sizeof(c->csrf)))
			c->csrf[0] = 0;
	}
	return c->csrf;
}

long
h_login_as(struct hclient *c, const char *email, const char *password)
{
	struct hstr f = {0};
	struct hresp r;
	h_form_add(&f, "csrf", h_csrf(c));
	h_form_add(&f, "epost", email);
	h_form_add(&f, "losenord", password);
	h_post(c, "/logga-in", f.p, &r);
	long st = r.status;
	hstr_free(&f);
	hresp_free(&r);
	return st;
}

long
h_case_action(struct hclient *c, const char *dnr, const char *action, const char *const *kv)
{
	char path[128];
	struct hstr f = {0};
	struct hresp r;
	snprintf(path, sizeof(path), "/arenden/%s/%s", dnr, action);
	h_form_add(&f, "csrf", h_csrf(c));
	for (int i = 0; kv && kv[i]; i += 2)
		h_form_add(&f, kv[i], kv[i + 1]);
	h_post(c, path, f.p, &r);
	hstr_free(&f);
	long st = r.status;
	hresp_free(&r);
	return st;
}

long
h_decide(struct hclient *c, const char *dnr, const char *outcome)
{
	const char *kv[] = {"utfall",
	                    outcome,
	                    "motivering",
	                    "Uppgifterna stämmer med protokollet.",
	                    "beslutsfattare",
	                    "Hamid, enligt delegation",
	                    "datum",
	                    "2026-03-12",
	                    "referens",
	                    "FRI 2026-03-12 § 15",
	                    NULL};
	return h_case_action(c, dnr, "beslut", kv);
}

long
h_login(struct hclient *c, const char *role)
{
	const struct huser *u = h_user(role);
	return h_login_as(c, u->email, u->password);
}

int
h_connect(void)
{
	int s = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {0};
	a.sin_family = AF_INET;
	a.sin_port = htons((unsigned short)H.port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (s >= 0 && connect(s, (struct sockaddr *)&a, sizeof(a)) != 0) {
		close(s);
		s = -1;
	}
	return s;
}

long
h_server_kib(const char *field)
{
	char path[64], line[256];
	snprintf(path, sizeof(path), "/proc/%d/status", H.pid);
	FILE *f = fopen(path, "r");
	long kib = -1;
	size_t n = strlen(field);
	while (f && fgets(line, sizeof(line), f))
		if (strncmp(line, field, n) == 0 && line[n] == ':')
			kib = atol(line + n + 1);
	if (f)
		fclose(f);
	return kib;
}

int
h_raw(const char *data, size_t n, struct hstr *answer)
{
	hstr_add(answer, "", 0);
	int s = h_connect();
	if (s < 0)
		return 0;
	size_t sent = 0;
	while (sent < n) {
		ssize_t w = send(s, data + sent, n - sent, MSG_NOSIGNAL);
		if (w <= 0)
			break;
		sent += (size_t)w;
	}
	struct timespec t0, t;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		clock_gettime(CLOCK_MONOTONIC, &t);
		long left = 3000 - (long)((t.tv_sec - t0.tv_sec) * 1000 +
		                          (t.tv_nsec - t0.tv_nsec) / 1000000);
		struct pollfd p = {s, POLLIN, 0};
		if (left <= 0 || poll(&p, 1, (int)left) <= 0)
			break;
		char buf[4096];
		ssize_t got = recv(s, buf, sizeof(buf), 0);
		if (got <= 0)
			break;
		hstr_add(answer, buf, (size_t)got);
		if (strstr(answer->p, "\r\n\r\n"))
			break; /* the status line and headers are all we look at */
	}
	close(s);
	int status = 0;
	if (answer->n >= 12 && memcmp(answer->p, "HTTP/1.", 7) == 0)
		status = atoi(answer->p + 9);
	return status;
}

long
h_api_total(struct hclient *c, const char *query)
{
	char path[1024];
	struct hresp r;
	snprintf(path, sizeof(path), "/api/v1/foreningar%s%s", *query ? "?" : "", query);
	h_get(c, path, &r);
	long total = -1;
	json_t *j = r.status == 200 ? json_loads(r.body.p, 0, NULL) : NULL;
	if (j && json_is_integer(json_object_get(j, "total")))
		total = (long)json_integer_value(json_object_get(j, "total"));
	json_decref(j);
	hresp_free(&r);
	return total;
}

long
h_page_total(const struct hresp *r)
{
	const char *p = r->body.p ? strstr(r->body.p, "<p class=\"count\" role=\"status\">") : NULL;
	if (!p)
		return -1;
	p += strlen("<p class=\"count\" role=\"status\">");
	char *end;
	long v = strtol(p, &end, 10);
	return end == p || strncmp(end, " träff", 7) != 0 ? -1 : v;
}

void
h_orgnr(const char *nine, char out[12])
{
	int sum = 0;
	for (int i = 0; i < 9; i++) {
		int v = (nine[i] - '0') * (i % 2 == 0 ? 2 : 1);
		sum += v > 9 ? v - 9 : v;
	}
	snprintf(out, 12, "%.6s-%.3s%d", nine, nine + 6, (10 - sum % 10) % 10);
}

/* After another process may have written: on PostgreSQL the server hears
 * of that process's commit as a notification (src/db/pg_listen.c), which
 * arrives moments after the COMMIT has returned to the writer, so what the
 * test asks next waits ms for it (no wait before the server runs). A
 * SQLite server sees another process's commit at once. */
void
h_other_process_wrote(int ms)
{
	if (H.pg && H.pid > 0)
		usleep((useconds_t)ms * 1000);
}

/* SQLite through its command-line shell, as an operator would; PostgreSQL
 * through libpq (psql's output is the same rows joined the same way). */
int
h_sql(const char *sql, struct hstr *out)
{
	if (!H.pg) {
		struct hstr in = {0}, err = {0};
		hstr_printf(&in, ".timeout 10000\n%s;\n", sql);
		const char *argv[] = {"sqlite3", "-bail", "-batch", H.db_file, NULL};
		int rc = h_run(argv, in.p, out, &err);
		if (rc != 0 || err.n)
			h_note("sqlite3 (exit %d): %s", rc, err.p ? err.p : "");
		hstr_free(&in);
		hstr_free(&err);
		return rc == 0 ? 0 : -1;
	}
	PGconn *c = PQconnectdb(H.db_url);
	PGresult *res = PQstatus(c) == CONNECTION_OK ? PQexec(c, sql) : NULL;
	ExecStatusType st = PQresultStatus(res);
	int ok = res && (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK);
	if (!ok)
		h_note("psql: %s", PQerrorMessage(c));
	for (int i = 0; ok && out && i < PQntuples(res); i++) {
		for (int j = 0; j < PQnfields(res); j++) {
			if (j)
				hstr_puts(out, "|");
			hstr_puts(out, PQgetvalue(res, i, j));
		}
		hstr_puts(out, "\n");
	}
	PQclear(res);
	PQfinish(c);
	if (strncasecmp(sql + strspn(sql, " \n"), "SELECT", 6) != 0)
		h_other_process_wrote(H_NOTIFY_MS);
	return ok ? 0 : -1;
}

/* The text between start and end (after start), into out; NULL when absent. */
const char *
h_between(const char *hay, const char *start, const char *end, char *out, size_t n)
{
	const char *p = hay ? strstr(hay, start) : NULL;
	const char *e = p ? strstr(p + strlen(start), end) : NULL;
	if (!e)
		return NULL;
	p += strlen(start);
	snprintf(out, n, "%.*s", (int)(e - p), p);
	return out;
}

/* The first line of a query's answer, without its newline. */
const char *
h_sql_line(const char *q, char *out, size_t n)
{
	struct hstr s = {0};
	out[0] = 0;
	if (h_sql(q, &s) == 0 && s.p)
		snprintf(out, n, "%.*s", (int)strcspn(s.p, "\n"), s.p);
	hstr_free(&s);
	return out;
}

/* A booking's times as a test writes them into the database itself. */
long
h_local_at(const char *day, int hour, int minute)
{
	struct tm tm = {0};
	sscanf(day, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_hour = hour;
	tm.tm_min = minute;
	tm.tm_isdst = -1;
	return (long)mktime(&tm);
}

/* The error a field announces: a field-error paragraph that the field's
 * aria-describedby names, so it is next to the field for every reader. */
const char *
h_field_error(const struct hresp *r, const char *field, char *out, size_t n)
{
	char attr[96], start[160], ids[256];
	snprintf(attr, sizeof(attr), " id=\"%s\"", field);
	const char *p = r->body.p ? strstr(r->body.p, attr) : NULL;
	const char *gt = p ? strchr(p, '>') : NULL;
	const char *d = p ? strstr(p, "aria-describedby=\"") : NULL;
	if (!d || d > gt || !h_between(d, "aria-describedby=\"", "\"", ids, sizeof(ids)))
		return NULL;
	for (char *save = NULL, *id = strtok_r(ids, " ", &save); id;
	     id = strtok_r(NULL, " ", &save)) {
		snprintf(start, sizeof(start), "<p class=\"field-error\" id=\"%s\">", id);
		if (h_between(r->body.p, start, "</p>", out, n))
			return out;
	}
	return NULL;
}

int
h_field_invalid(const struct hresp *r, const char *field)
{
	char attr[96];
	snprintf(attr, sizeof(attr), " id=\"%s\"", field);
	const char *p = r->body.p ? strstr(r->body.p, attr) : NULL;
	const char *gt = p ? strchr(p, '>') : NULL;
	const char *inv = p ? strstr(p, "aria-invalid=\"true\"") : NULL;
	return inv && inv < gt;
}

int
h_summary_links(const struct hresp *r, const char *field)
{
	char link[96];
	snprintf(link, sizeof(link), "<a href=\"#%s\">", field);
	const char *s = r->body.p ? strstr(r->body.p, "<div class=\"error-summary\"") : NULL;
	const char *end = s ? strstr(s, "</div>") : NULL;
	const char *a = s ? strstr(s, link) : NULL;
	return a && a < end;
}

const char *
h_lang_link(const struct hresp *r, char *out, size_t n)
{
	const char *end = r->body.p ? strstr(r->body.p, "\" lang=\"en\" hreflang=\"en\">") : NULL;
	if (!end)
		end = r->body.p ? strstr(r->body.p, "\" lang=\"sv\" hreflang=\"sv\">") : NULL;
	const char *start = end;
	while (start && start > r->body.p && strncmp(start, "href=\"", 6) != 0)
		start--;
	if (!start || start == r->body.p)
		return NULL;
	start += 6;
	size_t k = 0;
	for (const char *p = start; p < end && k + 1 < n; p++) {
		out[k++] = *p;
		if (strncmp(p, "&amp;", 5) == 0)
			p += 4;
	}
	out[k] = 0;
	return out;
}

int
h_user_add(const char *email, const char *name, const char *role, const char *dept,
           const char *password)
{
	char pw[160];
	snprintf(pw, sizeof(pw), "%s\n", password);
	const char *argv[] = {"samverka", "user",    "add", "--db",
	                      H.db_url,   "--email", email, "--name",
	                      name,       "--role",  role,  dept ? "--department" : NULL,
	                      dept,       NULL};
	struct hstr out = {0}, err = {0};
	int rc = h_run(argv, pw, &out, &err);
	if (rc != 0)
		h_note("user add %s: %s", email, err.p ? err.p : "");
	hstr_free(&out);
	hstr_free(&err);
	return rc;
}

const char *
h_dnr(const char *dept, int n)
{
	static char s[8][32];
	static int next;
	char *p = s[next++ % 8];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	snprintf(p, sizeof(s[0]), "%s-%d-%04d", dept, tm.tm_year + 1900, n);
	return p;
}

void
h_mp_field(struct hstr *b, const char *name, const char *value)
{
	hstr_printf(b,
	            "--" H_BOUNDARY "\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n",
	            name, value);
}

void
h_mp_file(struct hstr *b, const char *name, const char *filename, const char *ctype,
          const void *data, size_t n)
{
	hstr_printf(b,
	            "--" H_BOUNDARY "\r\nContent-Disposition: form-data; name=\"%s\"; "
	            "filename=\"%s\"\r\nContent-Type: %s\r\n\r\n",
	            name, filename, ctype);
	hstr_add(b, data, n);
	hstr_puts(b, "\r\n");
}

void
h_mp_end(struct hstr *b)
{
	hstr_puts(b, "--" H_BOUNDARY "--\r\n");
}

void
h_post_multipart(struct hclient *c, const char *path, const struct hstr *body, struct hresp *r)
{
	h_request(c, "POST", path, "multipart/form-data; boundary=" H_BOUNDARY, body->p, body->n,
	          NULL, r);
}

void
h_remove_tree(const char *dir)
{
	nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int
h_count_files(const char *dir)
{
	DIR *d = opendir(dir);
	int n = 0;
	struct dirent *e;
	while (d && (e = readdir(d)))
		if (e->d_name[0] != '.')
			n++;
	if (d)
		closedir(d);
	return n;
}

long
h_get_status(struct hclient *c, const char *path)
{
	struct hresp r;
	h_get(c, path, &r);
	long st = r.status;
	hresp_free(&r);
	return st;
}

long
h_sql_number(const char *q)
{
	char v[32];
	return h_sql_line(q, v, sizeof(v)) && v[0] ? strtol(v, NULL, 10) : -1;
}

const char *
h_day(int offset, char out[11])
{
	time_t t = time(NULL) + (time_t)offset * 86400;
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
	return out;
}

void
h_parties(struct hclient **officer, struct hclient **rep, struct hclient **other_rep,
          struct hclient **culture, char assoc[32])
{
	*officer = h_client();
	*rep = h_client();
	*other_rep = h_client();
	*culture = h_client();
	h_sql_line("SELECT association_id FROM user_roles WHERE role = 'representative' AND "
	           "user_id = (SELECT id FROM users WHERE email = 'forening@demo.samverka.se') "
	           "ORDER BY association_id LIMIT 1",
	           assoc, 32);
	h_check(h_user_add("annan@example.se", "Anna Annanförening", "representative", NULL,
	                   "annan-forening-2026") == 0 &&
	                h_user_add("kultur@example.se", "Kim Kultur", "officer", "KUL",
	                           "kultur-losenord-2026") == 0,
	        "another association's representative and a culture officer are added");
	char sql[512];
	snprintf(sql, sizeof(sql),
	         "INSERT INTO user_roles (user_id, role, association_id) SELECT u.id, "
	         "'representative', (SELECT min(id) FROM associations WHERE id <> %s AND id NOT IN "
	         "(SELECT association_id FROM user_roles WHERE association_id IS NOT NULL)) FROM "
	         "users u WHERE u.email = 'annan@example.se'",
	         assoc);
	h_sql(sql, NULL);
	h_check(h_login(*officer, "officer") == 303 && h_login(*rep, "representative") == 303 &&
	                h_login_as(*other_rep, "annan@example.se", "annan-forening-2026") == 303 &&
	                h_login_as(*culture, "kultur@example.se", "kultur-losenord-2026") == 303,
	        "the leisure officer, both representatives and the culture officer sign in");
}

void
h_field_says(const struct hresp *r, const char *field, const char *words)
{
	char err[2048];
	const char *e = h_field_error(r, field, err, sizeof(err));
	h_check(e && strstr(e, words) && h_field_invalid(r, field) && h_summary_links(r, field),
	        "%s: the error '%s' beside the field, linked from the summary (got '%s')", field,
	        words, e ? e : "none");
}

long
h_saved_programme(const struct hresp *r)
{
	char loc[256];
	long id = 0;
	const char *at = r->status == 303 && hresp_header(r, "Location", loc, sizeof(loc))
	                         ? strstr(loc, "/bidrag/")
	                         : NULL;
	if (at)
		sscanf(at, "/bidrag/%ld?sparad=1", &id);
	return id;
}
