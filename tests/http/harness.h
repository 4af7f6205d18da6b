/* The HTTP test harness: a real `samverka serve` on a free port with a
 * fresh database (SQLite or PostgreSQL, by SAMVERKA_TEST_DB), clients with
 * their own cookie jars, and one printed line per check. */
#ifndef SAMVERKA_TEST_HARNESS_H
#define SAMVERKA_TEST_HARNESS_H

#include <stddef.h>

/* A growable byte string, always NUL-terminated. */
struct hstr {
	char *p;
	size_t n, cap;
};

void hstr_add(struct hstr *s, const void *d, size_t n);
void hstr_puts(struct hstr *s, const char *z);
void hstr_printf(struct hstr *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void hstr_free(struct hstr *s);

/* One answer: the status, the final response's header block and its body. */
struct hresp {
	long status;
	struct hstr head, body;
};

void hresp_free(struct hresp *r);
/* A header's value (first occurrence, case-insensitive name) into out;
 * NULL when absent. */
const char *hresp_header(const struct hresp *r, const char *name, char *out, size_t n);
int hresp_has(const struct hresp *r, const char *needle);
/* How often needle occurs in the body. */
int hresp_count(const struct hresp *r, const char *needle);

struct huser {
	char role[32], email[128], password[128];
};

/* The server under test; there is one per test program. */
struct hserver {
	int port, pg;
	char dir[128], db_url[512], db_file[256], pg_name[64], base[64];
	int pid;
	struct huser users[8];
	int nusers;
};

extern struct hserver H;

/* More arguments for `samverka serve` (NULL-terminated, kept by pointer);
 * call before h_start. */
void h_serve_args(const char *const *extra);
/* Called before h_start: the server keeps its documents in a directory of
 * the test's own (h_files() after h_start), removed with the rest after a
 * run that passed and kept after one that failed. */
void h_serve_own_files(void);
const char *h_files(void);
/* Called before h_start: the demo is loaded with its two years of cases.
 * Without it the tests start from `samverka demo --no-history`: the demo
 * representative's six cases FRI-YYYY-0001…0006, all received now. */
void h_demo_history(void);
/* Called before h_start: the demo is loaded with n generated associations
 * (`samverka demo --associations N`: numbered names, every 41st inactive
 * and every 53rd not public) instead of its 300 or so. */
void h_demo_associations(long n);
/* Creates the database, loads the demo and starts the server; exits 77
 * when PostgreSQL is asked for but SAMVERKA_TEST_PG is unset. */
void h_start(void);
/* Stops the server, drops the database, prints the tally; the exit code. */
int h_finish(void);
/* 1 while the server process is still running. */
int h_alive(void);
/* Ends the server with sig (SIGTERM: cleanly, as h_finish does; SIGKILL:
 * at once, as a crash would) and starts it again on the same database,
 * files and port, appending to the same log; 1 once it answers /healthz. */
int h_restart(int sig);

/* Prints "ok N - ..." or "not ok N - ..."; returns ok. */
int h_check(int ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints a diagnostic line under the last check. */
void h_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

const struct huser *h_user(const char *role);

struct hclient;
struct hclient *h_client(void);
/* A client whose requests come from another local address (127.0.0.2,
 * 127.0.1.1: all of 127/8 is the loopback on Linux), as from another
 * machine to the server's throttling. */
struct hclient *h_client_from(const char *addr);
void h_client_free(struct hclient *c);

/* Any request; headers is a NULL-terminated list of "Name: value" lines. */
void h_request(struct hclient *c, const char *method, const char *path, const char *ctype,
               const char *body, size_t len, const char *const *headers, struct hresp *out);
void h_get(struct hclient *c, const char *path, struct hresp *out);
/* GETs path; only the status. */
long h_get_status(struct hclient *c, const char *path);
/* POSTs an urlencoded form (already encoded, see h_form_add). */
void h_post(struct hclient *c, const char *path, const char *form, struct hresp *out);

/* Appends k=v to an urlencoded form, escaping both. */
void h_form_add(struct hstr *form, const char *k, const char *v);
/* Percent-escapes a string for a query; the result is malloc'd. */
char *h_escape(const char *s);

/* The client's CSRF cookie; fetched with GET /logga-in when it has none. */
const char *h_csrf(struct hclient *c);
/* A cookie's value from the client's jar, or NULL. */
const char *h_cookie(struct hclient *c, const char *name, char *out, size_t n);
/* Signs in; the status of the POST (303 on success). */
long h_login_as(struct hclient *c, const char *email, const char *password);
long h_login(struct hclient *c, const char *role);

/* A case action (/arenden/DNR/ACTION) as a form POST: the CSRF token and
 * the NULL-ended name, value pairs kv (may be NULL); the status. */
long h_case_action(struct hclient *c, const char *dnr, const char *action, const char *const *kv);
/* The decision form with the outcome ("bifall", "avslag") and a reasoning,
 * decider, date and reference that pass; the status. */
long h_decide(struct hclient *c, const char *dnr, const char *outcome);

/* Runs a program with the given stdin, capturing its output; the exit
 * status, or -1 when it did not exit normally. argv[0] "samverka" means
 * the binary under test. */
int h_run(const char *const *argv, const char *input, struct hstr *out, struct hstr *err);

/* Sends raw bytes over a new TCP connection and reads the answer until the
 * server closes or 3 s pass. The status code, or 0 when none came. */
int h_raw(const char *data, size_t n, struct hstr *answer);

/* A new TCP connection to the server, or -1. */
int h_connect(void);

/* A figure of the server's /proc/PID/status in KiB ("VmRSS", "VmHWM"
 * for the peak), -1 when it cannot be read. */
long h_server_kib(const char *field);

/* A TCP port on 127.0.0.1 that nothing listens on right now. */
int h_free_port(void);

/* Runs SQL on the server's database (sqlite3 shell or libpq); the rows go
 * to out (when given) one per line, columns joined by '|'. 0 on success. */
int h_sql(const char *sql, struct hstr *out);
/* How long a PostgreSQL server may take to hear of another process's
 * commit (H_NOTIFY_MS), and the longest it keeps a generation it read
 * whatever it hears (src/db/watch.c's WATCH_TTL_MS, and a margin); the
 * wait for one or the other (harness.c). */
enum { H_NOTIFY_MS = 100, H_GENERATION_TTL_MS = 1100 };
void h_other_process_wrote(int ms);

/* A file in the test's own temporary directory. */
const char *h_path(const char *name);
void h_write_file(const char *path, const char *content);

/* A valid organisationsnummer NNNNNN-NNNN from nine digits and the Luhn
 * check digit. */
void h_orgnr(const char *nine, char out[12]);

/* The total the JSON API reports for a query string ("" for all), or -1. */
long h_api_total(struct hclient *c, const char *query);
/* The number in the register page's "N träffar" line, or -1. */
long h_page_total(const struct hresp *r);

/* The text between start and end (after start), into out; NULL when absent. */
const char *h_between(const char *hay, const char *start, const char *end, char *out, size_t n);
/* The first line of a query's answer (h_sql), without its newline. */
const char *h_sql_line(const char *q, char *out, size_t n);
/* The number a query answers (its first line), -1 when it answers none. */
long h_sql_number(const char *q);
/* A day counted from today in Stockholm (TZ), as the server reckons
 * dates: YYYY-MM-DD into out, which it returns. */
const char *h_day(int offset, char out[11]);
/* The Unix seconds of hour:minute on day (YYYY-MM-DD) in the test's time
 * zone (the tests set Stockholm's). */
long h_local_at(const char *day, int hour, int minute);
/* The error a field announces: a field-error paragraph that the field's
 * aria-describedby names, so it is next to the field for every reader;
 * NULL when there is none. */
const char *h_field_error(const struct hresp *r, const char *field, char *out, size_t n);
/* The programme's id from the redirect after saving its form
 * (…/bidrag/ID?sparad=1), or 0 when it was not saved. */
long h_saved_programme(const struct hresp *r);
/* Checks (h_check) that a field carries an error containing words,
 * beside it, marked invalid and linked from the error summary. */
void h_field_says(const struct hresp *r, const char *field, const char *words);
/* Whether the element with that id carries aria-invalid="true". */
int h_field_invalid(const struct hresp *r, const char *field);
/* Whether the page's error summary links to the element with that id. */
int h_summary_links(const struct hresp *r, const char *field);
/* The address the page's language switch (English/Svenska) leads to, with
 * &amp; read as &; NULL when the page has none. */
const char *h_lang_link(const struct hresp *r, char *out, size_t n);

/* The parties of a grant test, signed in: the demo's leisure officer and
 * representative, another association's representative (annan@example.se)
 * and an officer of the culture department (kultur@example.se); the
 * representative's first association's id into assoc. */
void h_parties(struct hclient **officer, struct hclient **rep, struct hclient **other_rep,
               struct hclient **culture, char assoc[32]);
/* Adds a user with the operator's command `samverka user add` (password on
 * standard input; dept NULL for none); 0 on success, else notes why. */
int h_user_add(const char *email, const char *name, const char *role, const char *dept,
               const char *password);
/* The diarienummer of a department's n-th case this year (UTC, as the
 * server numbers them); eight may be in use at once. */
const char *h_dnr(const char *dept, int n);

/* Multipart bodies as a browser sends forms with files: fields and files
 * (any bytes) added in order, then the closing boundary, then POSTed. */
#define H_BOUNDARY "samverka-test-5d41402abc4b2a76"
void h_mp_field(struct hstr *b, const char *name, const char *value);
void h_mp_file(struct hstr *b, const char *name, const char *filename, const char *ctype,
               const void *data, size_t n);
void h_mp_end(struct hstr *b);
void h_post_multipart(struct hclient *c, const char *path, const struct hstr *body,
                      struct hresp *r);

/* How many files a directory holds (dot files not counted); 0 when it
 * does not exist. */
int h_count_files(const char *dir);

/* Removes a directory and everything below it. */
void h_remove_tree(const char *dir);

#endif
