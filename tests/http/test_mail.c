/* Notifications by e-mail. The outbox is delivered through a real SMTP
 * server (aiosmtpd with smtp_sink.py) and read back with Python's e-mail
 * package: recipients, Swedish subjects and bodies arrive intact; a relay
 * that is down delays mail but loses and doubles none; two servers on one
 * database send each message once; a recipient or subject that would add
 * headers is refused; the links in case and invitation mails start with
 * --base-url and lead to the page they name. */
#include "harness.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <jansson.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef SMTP_SINK_DIR
#error "meson passes the directory of smtp_sink.py"
#endif

static const char sender[] = "noreply@samverka.example";
/* The public address as an operator might type it, trailing slash and
 * all, and as links in mails must start. */
static const char base_given[] = "https://samverka.malmo.example/";
static const char base[] = "https://samverka.malmo.example";
static int smtp_port, sink_pid;
static char smtp_url[64], inbox[256];

/* Starts a program in the background, its output appended to a log. */
static int
spawn(const char *const *argv, const char *log)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		exit(1);
	}
	if (pid == 0) {
		int fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0600);
		dup2(fd, 1);
		dup2(fd, 2);
		close(fd);
		execvp(argv[0], (char *const *)argv);
		_exit(127);
	}
	return pid;
}

/* Waits up to `seconds` for a program to end by itself, then ends it
 * (SIGTERM, and SIGKILL five seconds later). Its exit status, 128 + the
 * signal that ended it, or -1 when it had to be killed. */
static int
finish(int pid, int seconds, int term)
{
	int st;
	for (int i = 0; i < seconds * 20 + 100; i++) {
		if (waitpid(pid, &st, WNOHANG) == pid)
			return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
		if (i == seconds * 20 && term)
			kill(pid, SIGTERM);
		usleep(50000);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	return -1;
}

/* A log file of the test's directory, without its last line breaks. */
static void
read_log(const char *name, struct hstr *text)
{
	FILE *f = fopen(h_path(name), "r");
	char chunk[512];
	size_t got;
	while (f && (got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		hstr_add(text, chunk, got);
	if (f)
		fclose(f);
	while (text->n && text->p[text->n - 1] == '\n')
		text->p[--text->n] = 0;
}

/* 1 when something accepts connections on the port. */
static int
port_open(int port)
{
	int s = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {0};
	a.sin_family = AF_INET;
	a.sin_port = htons((unsigned short)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	int ok = s >= 0 && connect(s, (struct sockaddr *)&a, sizeof(a)) == 0;
	if (s >= 0)
		close(s);
	return ok;
}

/* Waits up to `seconds` for the port to open (want 1) or close (want 0). */
static int
wait_port(int port, int want, int seconds)
{
	for (int i = 0; i < seconds * 10; i++) {
		if (port_open(port) == want)
			return 1;
		usleep(100000);
	}
	return 0;
}

/* The SMTP server, writing what it accepts into the inbox directory; the
 * Debian python3 has aiosmtpd even where another python3 comes first. */
static int
sink_start(void)
{
	const char *py = access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
	char listen[32];
	snprintf(listen, sizeof(listen), "127.0.0.1:%d", smtp_port);
	const char *argv[] = {py,     "-m", "aiosmtpd",       "-n",  "-l",
	                      listen, "-c", "smtp_sink.Sink", inbox, NULL};
	setenv("PYTHONPATH", SMTP_SINK_DIR, 1);
	sink_pid = spawn(argv, h_path("smtp.log"));
	return wait_port(smtp_port, 1, 20);
}

static void
sink_stop(void)
{
	if (sink_pid > 0)
		finish(sink_pid, 0, 1);
	sink_pid = 0;
}

/* Every message the SMTP server has accepted, as the sink recorded it. */
static json_t *
received(void)
{
	json_t *all = json_array();
	DIR *d = opendir(inbox);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (e->d_name[0] == '.' || n < 6 || strcmp(e->d_name + n - 5, ".json") != 0)
			continue;
		char path[512];
		snprintf(path, sizeof(path), "%s/%s", inbox, e->d_name);
		json_t *j = json_load_file(path, 0, NULL);
		if (j)
			json_array_append_new(all, j);
	}
	if (d)
		closedir(d);
	return all;
}

static const char *
jstr(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	return json_is_string(v) ? json_string_value(v) : "";
}

/* How many received messages have this subject; *last gets one of them. */
static int
count_subject(json_t *all, const char *subject, json_t **last)
{
	size_t i;
	json_t *m;
	int k = 0;
	json_array_foreach(all, i, m)
	{
		if (strcmp(jstr(m, "subject"), subject) == 0) {
			k++;
			if (last)
				*last = m;
		}
	}
	return k;
}

/* Waits up to `seconds` until a message with each subject has arrived. */
static int
wait_for(const char *const *subjects, int n, int seconds)
{
	for (int t = 0; t < seconds * 5; t++) {
		json_t *all = received();
		int have = 0;
		for (int i = 0; i < n; i++)
			have += count_subject(all, subjects[i], NULL) > 0;
		json_decref(all);
		if (have == n)
			return 1;
		usleep(200000);
	}
	return 0;
}

/* A text as an SQL expression: quoted, with CR and LF spelled as the
 * engine's character function so the sqlite3 shell sees one line. */
static void
sql_text(struct hstr *s, const char *v)
{
	hstr_puts(s, "'");
	for (const char *p = v; *p; p++) {
		if (*p == '\r' || *p == '\n')
			hstr_printf(s, "' || %s(%d) || '", H.pg ? "chr" : "char", *p);
		else if (*p == '\'')
			hstr_puts(s, "''");
		else
			hstr_add(s, p, 1);
	}
	hstr_puts(s, "'");
}

/* Queues a notification the way the case code does (due at once); its id. */
static long long
queue(const char *to, const char *subject, const char *body, long long created)
{
	struct hstr sql = {0}, out = {0};
	hstr_puts(&sql, "INSERT INTO outbox (to_addr, subject, body, created, next_try) VALUES (");
	sql_text(&sql, to);
	hstr_puts(&sql, ", ");
	sql_text(&sql, subject);
	hstr_puts(&sql, ", ");
	sql_text(&sql, body);
	hstr_printf(&sql, ", %lld, %lld) RETURNING id", created, created);
	long long id = h_sql(sql.p, &out) == 0 && out.p ? atoll(out.p) : 0;
	hstr_free(&sql);
	hstr_free(&out);
	return id;
}

struct row {
	long long attempts, next_try, sent_at; /* sent_at -1: NULL */
	char error[512];
};

/* One outbox row as the database has it now; 0 when it was read. */
static int
row(long long id, struct row *r)
{
	char sql[160];
	struct hstr out = {0};
	memset(r, 0, sizeof(*r));
	snprintf(sql, sizeof(sql),
	         "SELECT attempts, next_try, coalesce(sent_at, -1), last_error FROM outbox "
	         "WHERE id = %lld",
	         id);
	int n = -1;
	if (h_sql(sql, &out) == 0 && out.p &&
	    sscanf(out.p, "%lld|%lld|%lld|%n", &r->attempts, &r->next_try, &r->sent_at, &n) >= 3 &&
	    n > 0) {
		snprintf(r->error, sizeof(r->error), "%s", out.p + n);
		r->error[strcspn(r->error, "\n")] = 0;
	}
	hstr_free(&out);
	return n > 0 ? 0 : -1;
}

/* Waits up to `seconds` until every row has been tried at least `tries`
 * times. */
static int
wait_attempts(const long long *ids, int n, int tries, int seconds)
{
	for (int t = 0; t < seconds * 5; t++) {
		int done = 0;
		struct row r;
		for (int i = 0; i < n; i++)
			done += row(ids[i], &r) == 0 && r.attempts >= tries;
		if (done == n)
			return 1;
		usleep(200000);
	}
	return 0;
}

struct mail {
	const char *to, *subject, *body;
	long long id;
};

/* What a reader sees of one delivered notification, header by header. */
static void
check_delivered(const struct mail *m, long long created)
{
	json_t *all = received(), *got = NULL;
	int n = count_subject(all, m->subject, &got);
	h_check(n == 1, "\"%s\" arrives once (%d)", m->subject, n);
	if (!got) {
		json_decref(all);
		return;
	}
	json_t *rcpt = json_object_get(got, "rcpt_tos");
	h_check(json_array_size(rcpt) == 1 &&
	                strcmp(json_string_value(json_array_get(rcpt, 0)), m->to) == 0 &&
	                strcmp(jstr(got, "mail_from"), sender) == 0,
	        "  the envelope goes from %s to %s only", sender, m->to);
	h_check(strcmp(jstr(got, "to"), m->to) == 0 && strcmp(jstr(got, "from"), sender) == 0,
	        "  To: %s, From: %s", jstr(got, "to"), jstr(got, "from"));
	const char *body = jstr(got, "body");
	size_t bn = strlen(body);
	h_check(bn > 0 && body[bn - 1] == '\n' && strlen(m->body) == bn - 1 &&
	                strncmp(body, m->body, bn - 1) == 0,
	        "  the body reads as queued");
	if (strncmp(body, m->body, strlen(m->body)) != 0)
		h_note("got body:\n%s", body);
	h_check(strcmp(jstr(got, "content_type"), "text/plain") == 0 &&
	                strcmp(jstr(got, "charset"), "utf-8") == 0 &&
	                strcmp(jstr(got, "mime_version"), "1.0") == 0,
	        "  MIME-Version 1.0, text/plain in UTF-8 (%s, %s)", jstr(got, "content_type"),
	        jstr(got, "charset"));
	json_t *defects = json_object_get(got, "defects");
	h_check(json_array_size(defects) == 0, "  Python's e-mail parser finds no defect (%zu)",
	        json_array_size(defects));
	for (size_t i = 0; i < json_array_size(defects); i++)
		h_note("%s", json_string_value(json_array_get(defects, i)));
	h_check(json_is_true(json_object_get(got, "seven_bit")) &&
	                json_integer_value(json_object_get(got, "longest_line")) <= 78,
	        "  7-bit with lines of at most 78 characters, whatever relay it passes (%lld)",
	        (long long)json_integer_value(json_object_get(got, "longest_line")));
	h_check(json_integer_value(json_object_get(got, "date")) == created,
	        "  Date: is when the notification was queued");
	const char *mid = jstr(got, "message_id");
	h_check(mid[0] == '<' && strchr(mid, '@') && mid[strlen(mid) - 1] == '>',
	        "  it has a Message-ID (%s)", mid);
	struct row r;
	int have = row(m->id, &r) == 0;
	h_check(have && r.sent_at >= created && r.attempts == 0,
	        "  the outbox marks it sent (sent_at %lld, attempts %lld)", r.sent_at, r.attempts);
	json_decref(all);
}

static void
delivers(void)
{
	long long now = time(NULL);
	struct hstr long_body = {0};
	hstr_puts(&long_body, "Beslut om föreningsbidrag\n.\n.ensam punkt först på raden\n"
	                      "Belopp: 5 000 kr = fem tusen kronor\nblanksteg på slutet   \n"
	                      "\ttabb först\nFrom the start of a line\n"
	                      "=?UTF-8?B?w6Vsw6Q=?= står kvar som text\n");
	for (int i = 0; i < 12; i++)
		hstr_puts(&long_body, "Ärendets handläggare på Kultur- och fritidsförvaltningen ");
	hstr_puts(&long_body, "\n\nMed vänlig hälsning\nMalmö stad 🌳");
	struct mail m[] = {
	        {"anna.andersson@example.se", "Nytt meddelande i ditt ärende KFN 2025/0001",
	         "Hej Anna!\n\nHandläggaren har skrivit ett nytt meddelande till dig.\n"
	         "Logga in på Mina sidor för att läsa det.",
	         0},
	        {"bo.ek@example.se",
	         "Beslut i ärende KFN 2025/0002: föreningsbidrag för 2026 – beviljat 🎉, med "
	         "villkor om återrapportering senast den 31 mars (Östra Sorgenfri)",
	         long_body.p, 0},
	        {"cecilia@example.se", "Status changed", "Plain ASCII body.", 0},
	        {"dan@example.se", "Rubrik med =?utf-8?q?kod?= i texten", "Kort.", 0},
	};
	const char *subjects[4];
	for (int i = 0; i < 4; i++) {
		m[i].id = queue(m[i].to, m[i].subject, m[i].body, now);
		subjects[i] = m[i].subject;
	}
	h_check(m[0].id && m[3].id, "four notifications are queued");
	h_check(wait_for(subjects, 4, 30), "all four reach the SMTP server within 30 s");
	for (int i = 0; i < 4; i++)
		check_delivered(&m[i], now);
	hstr_free(&long_body);
}

static void
refuses_header_injection(void)
{
	long long now = time(NULL);
	struct mail bad[] = {
	        {"x@example.se\r\nBcc: intrang@example.se", "Injektion via mottagaren", "a", 0},
	        {"y@example.se", "Injektion via ämnet\r\nBcc: intrang@example.se", "b", 0},
	        {"z@example.se", "Injektion via ämnet med LF\nBcc: intrang@example.se", "c", 0},
	        {"w@example.se\n", "Injektion via LF sist i adressen", "d", 0},
	};
	for (int i = 0; i < 4; i++)
		bad[i].id = queue(bad[i].to, bad[i].subject, bad[i].body, now);
	const char *after = "Skickas trots de vägrade före";
	queue("emma@example.se", after, "Hej Emma.", now);
	h_check(wait_for(&after, 1, 30), "a notification queued after four with CR/LF in "
	                                 "recipient or subject still arrives");
	for (int i = 0; i < 4; i++) {
		struct row r;
		int ok = row(bad[i].id, &r) == 0;
		h_check(ok && r.sent_at == -1 && r.attempts == 1 &&
		                r.next_try > now + 100LL * 365 * 86400 &&
		                strstr(r.error, "line break"),
		        "\"%.*s…\" is refused for good: not sent, never due again, last_error "
		        "says why (%s)",
		        (int)strcspn(bad[i].subject, "\r\n"), bad[i].subject, r.error);
	}
	json_t *all = received(), *m;
	size_t i;
	int leaked = 0;
	json_array_foreach(all, i, m)
	{
		json_t *rcpt = json_object_get(m, "rcpt_tos");
		for (size_t k = 0; k < json_array_size(rcpt); k++)
			leaked += strstr(json_string_value(json_array_get(rcpt, k)), "intrang") !=
			          NULL;
		leaked += strncmp(jstr(m, "subject"), "Injektion", 9) == 0;
	}
	h_check(leaked == 0, "nothing reached the smuggled Bcc address (%d)", leaked);
	json_decref(all);
}

/* The relay's own refusals: an address that does not exist is given up at
 * once (550), one it cannot take now is tried again later (451), unless
 * the mail has already waited three days. */
static void
relay_refusals(void)
{
	long long now = time(NULL);
	long long gone = queue("finns-inte@example.se", "Till en adress som inte finns", "a", now);
	long long later = queue("senare@example.se", "Till en adress som får vänta", "b", now);
	long long stale =
	        queue("senare-gammal@example.se", "Väntat i fyra dygn", "c", now - 4 * 86400);
	const long long ids[] = {gone, later, stale};
	h_check(wait_attempts(ids, 3, 1, 30), "the three are tried");
	struct row r;
	int read = row(gone, &r) == 0;
	h_check(read && r.sent_at == -1 && r.next_try > now + 100LL * 365 * 86400 &&
	                strstr(r.error, "550"),
	        "550 no such user: given up at once, last_error says 550 (%s)", r.error);
	read = row(later, &r) == 0;
	h_check(read && r.sent_at == -1 && r.next_try > now && r.next_try < now + 3600 &&
	                strstr(r.error, "451"),
	        "451 try again later: due again within the hour (%s)", r.error);
	read = row(stale, &r) == 0;
	h_check(read && r.sent_at == -1 && r.next_try > now + 100LL * 365 * 86400,
	        "451 for a mail four days old: given up (next try %lld)", r.next_try);
}

static void
survives_relay_outage(void)
{
	sink_stop();
	h_check(wait_port(smtp_port, 0, 10), "the SMTP server is stopped");
	long long now = time(NULL), ids[3];
	const char *subjects[] = {"Påminnelse: årsuppdatering för Föreningen Ängsblomman",
	                          "Ärende KFN 2025/0042 har fått status Komplettering",
	                          "Inbjudan till dialogmöte i Rosengård"};
	for (int i = 0; i < 3; i++)
		ids[i] = queue("frida@example.se", subjects[i],
		               "Väntar på att reläet kommer tillbaka.", now);
	h_check(wait_attempts(ids, 3, 1, 15), "with the relay down each notification is tried");
	int ok = 1;
	for (int i = 0; i < 3; i++) {
		struct row r;
		long long t = time(NULL);
		ok &= row(ids[i], &r) == 0 && r.sent_at == -1 &&
		      (r.attempts > 1 || (r.next_try >= now + 5 && r.next_try <= t + 5)) &&
		      r.error[0];
		if (i == 0)
			h_note("last_error: %s", r.error);
	}
	h_check(ok, "  and stays queued: not sent, last_error set, next try in 5 s");
	h_check(wait_attempts(ids, 3, 2, 20), "  it is tried again");
	ok = 1;
	for (int i = 0; i < 3; i++) {
		struct row r;
		long long t = time(NULL);
		ok &= row(ids[i], &r) == 0 && r.sent_at == -1 && r.attempts == 2 &&
		      r.next_try >= now + 35 && r.next_try <= t + 30;
	}
	h_check(ok, "  and after the second failure it waits 30 s");
	json_t *all = received();
	int early = 0;
	for (int i = 0; i < 3; i++)
		early += count_subject(all, subjects[i], NULL);
	json_decref(all);
	h_check(early == 0, "  nothing arrived meanwhile");

	h_check(sink_start(), "the SMTP server is back");
	h_check(wait_for(subjects, 3, 45), "all three arrive once it is back");
	all = received();
	for (int i = 0; i < 3; i++) {
		struct row r;
		int n = count_subject(all, subjects[i], NULL);
		h_check(n == 1 && row(ids[i], &r) == 0 && r.sent_at >= now,
		        "  \"%s\" arrives once and is marked sent (%d)", subjects[i], n);
	}
	json_decref(all);
}

/* The one received message with this subject, or NULL; *all keeps it. */
static json_t *
one_with_subject(json_t **all, const char *subject)
{
	json_t *m = NULL;
	*all = received();
	return count_subject(*all, subject, &m) == 1 ? m : NULL;
}

/* An officer writes to the applicant of a demo case: the mail ends with
 * the case's address under --base-url, and that path is the case's page
 * for the applicant. */
static void
case_mail_links_to_the_case(void)
{
	static const char subject[] = "Nytt meddelande i ditt ärende";
	struct hstr out = {0}, form = {0};
	char dnr[32] = "", path[96], want[160];
	h_sql("SELECT diarienummer FROM cases WHERE status = 'inkommen' ORDER BY id LIMIT 1", &out);
	if (out.p)
		snprintf(dnr, sizeof(dnr), "%.*s", (int)strcspn(out.p, "\n"), out.p);
	hstr_free(&out);
	struct hclient *officer = h_client(), *rep = h_client();
	h_check(dnr[0] && h_login(officer, "officer") == 303 &&
	                h_login(rep, "representative") == 303,
	        "the demo officer and representative sign in; case %s is open", dnr);
	snprintf(path, sizeof(path), "/arenden/%s/meddelande", dnr);
	h_form_add(&form, "csrf", h_csrf(officer));
	h_form_add(&form, "meddelande", "Vi har tagit emot er årliga uppdatering.");
	struct hresp r;
	h_post(officer, path, form.p, &r);
	h_check(r.status == 303, "the officer writes to the applicant (got %ld)", r.status);
	hresp_free(&r);
	hstr_free(&form);

	const char *subjects[] = {subject};
	h_check(wait_for(subjects, 1, 30), "the applicant's notification arrives");
	json_t *all, *m = one_with_subject(&all, subject);
	const char *body = m ? jstr(m, "body") : "";
	snprintf(want, sizeof(want), "\n%s/arenden/%s\n", base, dnr);
	h_check(m && strcmp(jstr(m, "to"), "forening@demo.samverka.se") == 0 &&
	                strstr(body, want) && !strstr(body, ".example//"),
	        "it goes to the applicant and ends with %s/arenden/%s, from --base-url %s", base,
	        dnr, base_given);
	if (m && !strstr(body, want))
		h_note("got body:\n%s", body);
	json_decref(all);

	snprintf(path, sizeof(path), "/arenden/%s", dnr);
	h_get(rep, path, &r);
	h_check(r.status == 200 && hresp_has(&r, dnr) &&
	                hresp_has(&r, "Vi har tagit emot er årliga uppdatering."),
	        "that path is the case's page with the message, for the applicant (got %ld)",
	        r.status);
	hresp_free(&r);
	h_client_free(officer);
	h_client_free(rep);
}

/* A representative invites a new person: the mail's link is --base-url,
 * /inbjudan/ and a token, and that path offers the invitation to the
 * invitee and lets them accept it. */
static void
invitation_links_to_the_invitation(void)
{
	static const char subject[] = "Inbjudan att företräda en förening";
	static const char invitee[] = "inbjuden@example.se", password[] = "inbjuden-losenord-2026";
	struct hstr out = {0}, err = {0}, form = {0};
	long long assoc = 0;
	char name[200] = "", path[128], prefix[96];
	h_sql("SELECT a.id, a.name FROM associations a JOIN user_roles ur ON ur.association_id = "
	      "a.id JOIN users u ON u.id = ur.user_id WHERE u.email = 'forening@demo.samverka.se' "
	      "AND ur.role = 'representative'",
	      &out);
	int got = out.p ? sscanf(out.p, "%lld|%199[^\n]", &assoc, name) : 0;
	hstr_free(&out);
	const char *add[] = {"samverka",       "user",  "add",    "--db",          H.db_url,
	                     "--email",        invitee, "--name", "Ines Inbjuden", "--role",
	                     "representative", NULL};
	char pw[64];
	snprintf(pw, sizeof(pw), "%s\n", password);
	int rc = h_run(add, pw, &out, &err);
	hstr_free(&out);
	hstr_free(&err);
	struct hclient *rep = h_client(), *guest = h_client();
	h_check(got == 2 && rc == 0 && h_login(rep, "representative") == 303 &&
	                h_login_as(guest, invitee, password) == 303,
	        "the demo representative of %s and a new user sign in", name);

	snprintf(path, sizeof(path), "/foreningar/%lld/bjud-in", assoc);
	h_form_add(&form, "csrf", h_csrf(rep));
	h_form_add(&form, "epost", invitee);
	struct hresp r;
	h_post(rep, path, form.p, &r);
	h_check(r.status == 303, "the representative invites %s (got %ld)", invitee, r.status);
	hresp_free(&r);
	hstr_free(&form);

	const char *subjects[] = {subject};
	h_check(wait_for(subjects, 1, 30), "the invitation mail arrives");
	json_t *all, *m = one_with_subject(&all, subject);
	const char *body = m ? jstr(m, "body") : "";
	snprintf(prefix, sizeof(prefix), "\n%s/inbjudan/", base);
	const char *link = strstr(body, prefix);
	const char *token = link ? link + strlen(prefix) : "";
	size_t n = strspn(token, "0123456789abcdef");
	h_check(m && strcmp(jstr(m, "to"), invitee) == 0 && n == 32 && token[n] == '\n',
	        "it goes to %s with the link %s/inbjudan/ and a 32-character token on a line of "
	        "its own",
	        invitee, base);
	if (!link || n != 32)
		h_note("got body:\n%s", body);
	snprintf(path, sizeof(path), "/inbjudan/%.*s", (int)n, token);
	json_decref(all);

	h_get(guest, path, &r);
	char action[160];
	snprintf(action, sizeof(action), "action=\"%s\"", path);
	h_check(r.status == 200 && hresp_has(&r, "Du har bjudits in att företräda") &&
	                hresp_has(&r, name) && hresp_has(&r, action),
	        "that path, opened by the invitee, offers to represent %s (got %ld)", name,
	        r.status);
	hresp_free(&r);
	h_form_add(&form, "csrf", h_csrf(guest));
	h_post(guest, path, form.p, &r);
	hstr_free(&form);
	long status = r.status;
	hresp_free(&r);
	h_get(guest, "/mina-sidor", &r);
	h_check(status == 303 && hresp_has(&r, name),
	        "accepting it there makes the invitee a representative (got %ld)", status);
	hresp_free(&r);
	h_client_free(rep);
	h_client_free(guest);
}

/* Starts a server on its own port and database, sending through relay
 * with the password in pw_file; its pid. */
static int
serve_with_password(const char *db, const char *relay, const char *pw_file, const char *log)
{
	char listen[32];
	snprintf(listen, sizeof(listen), "127.0.0.1:%d", h_free_port());
	const char *argv[] = {getenv("SAMVERKA_BIN"),
	                      "serve",
	                      "--listen",
	                      listen,
	                      "--db",
	                      db,
	                      "--smtp",
	                      relay,
	                      "--mail-from",
	                      sender,
	                      "--smtp-password-file",
	                      pw_file,
	                      NULL};
	return spawn(argv, h_path(log));
}

/* The relay's password from --smtp-password-file, against a relay that
 * wants one: the right password delivers, a wrong one is refused by the
 * relay (535) and the mail waits, and the password never has to be on the
 * command line. A database of its own keeps the main server's worker out. */
static void
password_from_file(void)
{
	static const char user[] = "samverka", secret[] = "hemligt lösen 2026";
	int port = h_free_port();
	char ports[16], relay[96], db[300], box[300];
	snprintf(ports, sizeof(ports), "%d", port);
	snprintf(relay, sizeof(relay), "smtp://%s@127.0.0.1:%d", user, port);
	snprintf(box, sizeof(box), "%s", h_path("authbox"));
	mkdir(box, 0700);
	const char *py = access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
	char script[300];
	snprintf(script, sizeof(script), "%s/smtp_auth_sink.py", SMTP_SINK_DIR);
	const char *sink[] = {py, script, ports, box, user, secret, NULL};
	int sink_pid2 = spawn(sink, h_path("smtp-auth.log"));
	h_check(wait_port(port, 1, 20), "a relay that wants a password listens on %d", port);

	snprintf(db, sizeof(db), "sqlite:%s", h_path("auth.db"));
	const char *migrate[] = {"samverka", "migrate", "--db", db, NULL};
	struct hstr out = {0}, err = {0};
	h_check(h_run(migrate, NULL, &out, &err) == 0, "a database of its own");
	hstr_free(&out);
	hstr_free(&err);
	const char *right = h_path("smtp-password"), *wrong = h_path("smtp-password-wrong");
	char line[64];
	snprintf(line, sizeof(line), "%s\n", secret);
	h_write_file(right, line);
	h_write_file(wrong, "inte-det-losenordet\n");

	const char *files[] = {right, wrong};
	for (int k = 0; k < 2; k++) {
		char subject[64], insert[300];
		snprintf(subject, sizeof(subject), "Med lösenord %d", k + 1);
		snprintf(insert, sizeof(insert),
		         "INSERT INTO outbox (to_addr, subject, body, created, next_try) VALUES "
		         "('auth%d@example.se', '%s', 'Hej.', strftime('%%s'), strftime('%%s'))",
		         k, subject);
		const char *sq[] = {"sqlite3", h_path("auth.db"), insert, NULL};
		h_run(sq, NULL, &out, &err);
		hstr_free(&out);
		hstr_free(&err);
		int before = h_count_files(box);
		int pid = serve_with_password(db, relay, files[k],
		                              k ? "auth-wrong.log" : "auth-right.log");
		int got = 0;
		for (int t = 0; t < (k ? 40 : 100) && !got; t++) {
			got = h_count_files(box) > before;
			usleep(100000);
		}
		finish(pid, 0, 1);
		if (k == 0) {
			h_check(got, "with the right password from the file, the mail arrives");
			continue;
		}
		char q[160];
		snprintf(q, sizeof(q),
		         "SELECT last_error, next_try < %lld FROM outbox WHERE subject = '%s'",
		         (long long)time(NULL) + 86400, subject);
		const char *sel[] = {"sqlite3", h_path("auth.db"), q, NULL};
		h_run(sel, NULL, &out, &err);
		h_check(!got && out.p && strstr(out.p, "535") && strstr(out.p, "|1"),
		        "with a wrong one the relay refuses (535) and the mail waits (%s)",
		        out.p ? out.p : "");
		hstr_free(&out);
		hstr_free(&err);
	}
	finish(sink_pid2, 0, 1);

	/* the password in one place, with a user name to go with it */
	const struct {
		const char *smtp, *what;
	} bad[] = {
	        {"smtp://samverka:i-url@127.0.0.1:25", "a password in the URL as well"},
	        {"smtp://127.0.0.1:25", "no user name in the URL"},
	};
	for (int i = 0; i < 2; i++) {
		int st = finish(serve_with_password(db, bad[i].smtp, right, "auth-bad.log"), 10, 1);
		struct hstr text = {0};
		read_log("auth-bad.log", &text);
		h_check(st != 0 && text.p && strstr(text.p, "--smtp-password-file"),
		        "serve refuses %s (status %d)", bad[i].what, st);
		hstr_free(&text);
	}
}

/* A second server process on the same database, as behind a load
 * balancer: every notification still goes out exactly once. */
static void
two_servers_send_once(void)
{
	enum { N = 60 };
	static const char other[] = "noreply2@samverka.example";
	int port = h_free_port();
	char listen[32];
	snprintf(listen, sizeof(listen), "127.0.0.1:%d", port);
	const char *argv[] = {getenv("SAMVERKA_BIN"),
	                      "serve",
	                      "--listen",
	                      listen,
	                      "--db",
	                      H.db_url,
	                      "--threads",
	                      "1",
	                      "--smtp",
	                      smtp_url,
	                      "--mail-from",
	                      other,
	                      NULL};
	int pid = spawn(argv, h_path("server2.log"));
	h_check(wait_port(port, 1, 20), "a second server starts on the same database");

	struct hstr sql = {0};
	char subjects[N][64];
	long long now = time(NULL);
	hstr_puts(&sql, "INSERT INTO outbox (to_addr, subject, body, created, next_try) VALUES ");
	for (int i = 0; i < N; i++) {
		snprintf(subjects[i], sizeof(subjects[i]), "Utskick %d av %d – välkommen", i + 1,
		         N);
		hstr_printf(&sql,
		            "%s('medlem%d@example.se', '%s', 'Hej och välkommen!', %lld, %lld)",
		            i ? ", " : "", i, subjects[i], now, now);
	}
	h_check(h_sql(sql.p, NULL) == 0, "%d notifications are queued at once", N);
	hstr_free(&sql);

	int all_arrived = 0;
	json_t *all = NULL;
	for (int t = 0; t < 150 && !all_arrived; t++) {
		json_decref(all);
		all = received();
		all_arrived = 1;
		for (int i = 0; i < N && all_arrived; i++)
			all_arrived = count_subject(all, subjects[i], NULL) > 0;
		if (!all_arrived)
			usleep(200000);
	}
	h_check(all_arrived, "all %d arrive within 30 s", N);
	int twice = 0, by_other = 0;
	for (int i = 0; i < N; i++) {
		json_t *m = NULL;
		twice += count_subject(all, subjects[i], &m) > 1;
		by_other += m && strcmp(jstr(m, "mail_from"), other) == 0;
	}
	h_check(twice == 0, "none of them twice (%d were)", twice);
	h_note("the second server sent %d of %d", by_other, N);
	json_decref(all);
	struct hstr out = {0};
	h_sql("SELECT count(*) FROM outbox WHERE sent_at IS NULL AND subject LIKE 'Utskick %'",
	      &out);
	h_check(out.p && atoi(out.p) == 0, "the outbox has them all marked sent");
	hstr_free(&out);
	int st = finish(pid, 0, 1);
	h_check(st == 0, "the second server stops cleanly on SIGTERM (status %d)", st);
	struct hstr log = {0};
	char said[96];
	read_log("server2.log", &log);
	snprintf(said, sizeof(said), "links in mails start with http://%s;", listen);
	h_check(log.p && strstr(log.p, said),
	        "without --base-url it says links start with http://%s", listen);
	hstr_free(&log);
}

/* No two messages share a Message-ID: a resent row would. */
static void
message_ids_unique(void)
{
	json_t *all = received(), *m, *seen = json_object();
	size_t i;
	int dup = 0;
	json_array_foreach(all, i, m)
	{
		const char *id = jstr(m, "message_id");
		dup += json_object_get(seen, id) != NULL;
		json_object_set_new(seen, id, json_true());
	}
	h_check(dup == 0 && json_array_size(all) > 0,
	        "each of the %zu messages received has its own Message-ID (%d repeated)",
	        json_array_size(all), dup);
	json_decref(seen);
	json_decref(all);
}

/* `serve` refuses mail settings it cannot use, before it listens: a base
 * for links that is no web address would go out in every mail. */
static void
refuses_bad_settings(void)
{
	struct {
		const char *smtp, *from, *base, *expect, *what;
		int status;
	} cases[] = {
	        {smtp_url, NULL, base_given, "--mail-from", "--smtp without --mail-from", 2},
	        {"http://127.0.0.1:25", sender, base_given, "smtp://",
	         "an --smtp URL that is not smtp://", 1},
	        {smtp_url, "noreply@example.se\r\nBcc: x@example.se", base_given, "--mail-from",
	         "a sender address with a line break", 1},
	        {smtp_url, sender, "javascript:alert(1)", "--base-url must start with http",
	         "--base-url javascript:alert(1)", 2},
	        {smtp_url, sender, "https://samverka malmo.se", "--base-url may only be",
	         "a --base-url with a space", 2},
	        {smtp_url, sender, "https://samverka.malmo.se/arenden", "--base-url may only be",
	         "a --base-url with a path", 2},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char listen[32], log[32];
		snprintf(listen, sizeof(listen), "127.0.0.1:%d", h_free_port());
		snprintf(log, sizeof(log), "refused%zu.log", i);
		const char *argv[] = {getenv("SAMVERKA_BIN"),
		                      "serve",
		                      "--listen",
		                      listen,
		                      "--db",
		                      H.db_url,
		                      "--base-url",
		                      cases[i].base,
		                      "--smtp",
		                      cases[i].smtp,
		                      cases[i].from ? "--mail-from" : NULL,
		                      cases[i].from,
		                      NULL};
		int st = finish(spawn(argv, h_path(log)), 10, 1);
		struct hstr text = {0};
		read_log(log, &text);
		h_check(st == cases[i].status && text.p && strstr(text.p, cases[i].expect),
		        "serve refuses %s (status %d, says %s)", cases[i].what, st,
		        text.p ? text.p : "nothing");
		hstr_free(&text);
	}
}

int
main(void)
{
	smtp_port = h_free_port();
	snprintf(smtp_url, sizeof(smtp_url), "smtp://127.0.0.1:%d", smtp_port);
	const char *extra[] = {"--smtp",     smtp_url,   "--mail-from", sender,
	                       "--base-url", base_given, NULL};
	h_serve_args(extra);
	h_start();
	/* serve keeps its documents in the working directory by default */
	if (chdir(H.dir) != 0)
		perror("chdir");
	snprintf(inbox, sizeof(inbox), "%s", h_path("inbox"));
	mkdir(inbox, 0700);
	if (!h_check(sink_start(), "an SMTP server (aiosmtpd) listens on %d", smtp_port))
		return h_finish();
	delivers();
	case_mail_links_to_the_case();
	invitation_links_to_the_invitation();
	refuses_header_injection();
	relay_refusals();
	survives_relay_outage();
	two_servers_send_once();
	message_ids_unique();
	refuses_bad_settings();
	password_from_file();
	sink_stop();
	return h_finish();
}
