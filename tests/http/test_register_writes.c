/* The register right after every write, under concurrent reads. A register
 * of a few thousand generated associations is written to the way the
 * product writes to it: the administrator's form (rename, hide, show again,
 * deactivate, areas and target groups, form, add), `samverka import` in
 * another process (add), the yearly update granted by an officer, and SQL
 * from another process for a deletion, which the product has no form for.
 * Meanwhile reader threads fetch the same list pages, searches, filters,
 * detail pages and API answers in a loop; among the searches, deep ones
 * (common words of the written associations' purposes, over several
 * pages), whose later pages each start at another hit after a write before
 * them. From each write's answer on,
 * every page, count and search must show it, to the test and to each
 * reader's next fetch. What they must show comes from the database by the
 * test's own SQL, never from the server. */
#include "harness.h"

#include <jansson.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum {
	ASSOCIATIONS = 2000, /* about 40 list pages */
	READERS = 3,
	PAGE = 50,
	MAX_VIEWS = 40,
	MAX_URLS = 1200,
	MAX_TARGETS = 12,
	MAX_EPOCHS = 16,
	MAX_HOT = 96,
	MAX_VIOLATIONS = 64,
	MAX_FIELDS = 96,
};

/* The smallest file the server takes for a PDF: it is checked by content. */
static const char PDF[] = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
                          "trailer\n<< /Root 1 0 R >>\n%%EOF\n";

/* A list a visitor can ask for: search words and filters ("" for none),
 * and how many of its pages are fetched. */
struct view {
	char q[64], omrade[64], malgrupp[64], form[16];
	int pages;
};

/* What the database says a view lists, in register order. */
struct listing {
	int n, cap;
	long *ids;
	char **names;
};

/* An association the writes are about, as the database has it. */
struct state {
	int listed;
	long members;
	char name[256], form[16], email[256], areas[512], groups[512];
};

/* The register after the e-th write (0: before any). */
struct epoch {
	char what[160];
	struct listing list[MAX_VIEWS];
	struct state t[MAX_TARGETS];
};

enum kind { LIST, LIST_API, DETAIL, DETAIL_API };

struct url {
	enum kind kind;
	int view, page, target;
	char path[400];
};

/* A reader's fetch that did not show what the database had. */
struct violation {
	int epoch, reader;
	char text[600];
};

enum { V_ALL = 0 }; /* the whole register, the first view */

static struct view views[MAX_VIEWS];
static int nviews;
static long target_id[MAX_TARGETS];
static char target_label[MAX_TARGETS][8];
static int ntargets;
static struct url urls[MAX_URLS];
static struct epoch epochs[MAX_EPOCHS];
static struct hclient *visitor, *admin, *officer, *rep;

/* Shared with the readers, under lock: the write under way (writing), the
 * last one answered (done) and the last whose expected state is known
 * (ready); fetches begun and ended with writing == done are judged. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ready_cond = PTHREAD_COND_INITIALIZER;
static int writing, done, ready, stop, nurls;
static int hot[MAX_HOT], nhot;
static long judged[READERS][MAX_EPOCHS], looped[READERS][MAX_EPOCHS], bad[MAX_EPOCHS];
static struct violation violations[MAX_VIOLATIONS];
static int nviolations;

static const char *const form_names[][2] = {
        {"ideell", "Ideell förening"},
        {"stiftelse", "Stiftelse"},
        {"trossamfund", "Registrerat trossamfund"},
        {"ekonomisk", "Ekonomisk förening"},
        {"informell", "Informellt nätverk"},
};

/* A form's Swedish name, as the detail page shows it. */
static const char *
form_name(const char *code)
{
	for (size_t i = 0; i < sizeof(form_names) / sizeof(form_names[0]); i++)
		if (strcmp(form_names[i][0], code) == 0)
			return form_names[i][1];
	return code;
}

/* Text from a page with the five escapes the server writes undone. */
static void
unescape(const char *s, size_t n, char *out, size_t cap)
{
	static const char *const esc[][2] = {
	        {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}};
	size_t k = 0;
	for (size_t i = 0; i < n && k + 1 < cap;) {
		size_t e = 0;
		while (e < 5 && strncmp(s + i, esc[e][0], strlen(esc[e][0])) != 0)
			e++;
		if (e < 5 && i + strlen(esc[e][0]) <= n) {
			out[k++] = esc[e][1][0];
			i += strlen(esc[e][0]);
		} else {
			out[k++] = s[i++];
		}
	}
	out[k] = 0;
}

/* The test's tables are sized for its plan; outgrowing one is its bug. */
static void
room(int used, int max, const char *what)
{
	if (used >= max) {
		fprintf(stderr, "more %s than the test has room for (%d)\n", what, max);
		exit(1);
	}
}

static int
view_add(const char *q, const char *omrade, const char *malgrupp, const char *form)
{
	room(nviews, MAX_VIEWS, "views");
	struct view *v = &views[nviews];
	snprintf(v->q, sizeof(v->q), "%s", q);
	snprintf(v->omrade, sizeof(v->omrade), "%s", omrade);
	snprintf(v->malgrupp, sizeof(v->malgrupp), "%s", malgrupp);
	snprintf(v->form, sizeof(v->form), "%s", form);
	return nviews++;
}

/* A view's page as the list (api 0) or the JSON API (api 1), its
 * parameters in the order the server writes its own links. */
static void
view_path(const struct view *v, int api, int page, char *out, size_t n)
{
	const char *const keys[] = {"q", "omrade", "malgrupp", "form"};
	const char *const vals[] = {v->q, v->omrade, v->malgrupp, v->form};
	struct hstr s = {0};
	char sep = '?';
	hstr_puts(&s, api ? "/api/v1/foreningar" : "/foreningar");
	for (int i = 0; i < 4; i++) {
		if (!*vals[i])
			continue;
		char *e = h_escape(vals[i]);
		hstr_printf(&s, "%c%s=%s", sep, keys[i], e);
		free(e);
		sep = '&';
	}
	if (page > 1)
		hstr_printf(&s, "%csida=%d", sep, page);
	snprintf(out, n, "%s", s.p);
	hstr_free(&s);
}

/* The view's rows in the test's own SQL, independent of the server's
 * statements: EXISTS over the link tables, and words matched by the
 * engine's own rules over the rows themselves (SQLite: a search index of
 * the test's own, made from the table; PostgreSQL: to_tsvector of the row,
 * not the stored column). */
static void
view_sql(struct hstr *s, int i)
{
	const struct view *v = &views[i];
	hstr_printf(s,
	            "SELECT %d AS v, a.id, a.name, a.sort_key FROM associations a "
	            "WHERE a.public = 1 AND a.active = 1",
	            i);
	if (*v->form)
		hstr_printf(s, " AND a.form = '%s'", v->form);
	if (*v->omrade)
		hstr_printf(s,
		            " AND EXISTS (SELECT 1 FROM association_areas x JOIN areas ar ON "
		            "ar.id = x.area_id WHERE x.association_id = a.id AND ar.slug = '%s')",
		            v->omrade);
	if (*v->malgrupp)
		hstr_printf(s,
		            " AND EXISTS (SELECT 1 FROM association_groups y JOIN target_groups g "
		            "ON g.id = y.group_id WHERE y.association_id = a.id AND g.slug = '%s')",
		            v->malgrupp);
	if (!*v->q)
		return;
	char words[64];
	int k = 0;
	memcpy(words, v->q, sizeof(words));
	hstr_puts(s, H.pg ? " AND to_tsvector('swedish', a.name || ' ' || a.purpose) @@ "
	                    "to_tsquery('swedish', '"
	                  : " AND a.id IN (SELECT rowid FROM oracle_fts WHERE oracle_fts MATCH '");
	for (char *save = NULL, *w = strtok_r(words, " ", &save); w; w = strtok_r(NULL, " ", &save))
		hstr_printf(s, H.pg ? "%s%s:*" : "%s\"%s\"*", k++ ? (H.pg ? " & " : " ") : "", w);
	hstr_puts(s, "')");
}

static void
listing_add(struct listing *l, long id, const char *name)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->ids = realloc(l->ids, (size_t)l->cap * sizeof(*l->ids));
		l->names = realloc(l->names, (size_t)l->cap * sizeof(*l->names));
	}
	l->ids[l->n] = id;
	l->names[l->n++] = strdup(name);
}

/* Calls fn for every line of a query's answer, split at '|' into at most
 * 8 fields. */
static void
each_row(const char *sql, void (*fn)(char **f, int n, void *), void *arg)
{
	struct hstr out = {0};
	if (h_sql(sql, &out) != 0) {
		h_check(0, "the test's own query of the database runs");
		exit(1);
	}
	for (char *line = out.p; line && *line;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = 0;
		char *f[8];
		int n = 0;
		for (char *p = line; p && n < 8;) {
			f[n++] = p;
			p = strchr(p, '|');
			if (p)
				*p++ = 0;
		}
		fn(f, n, arg);
		line = nl ? nl + 1 : NULL;
	}
	hstr_free(&out);
}

static void
list_row(char **f, int n, void *arg)
{
	struct epoch *ep = arg;
	int v = atoi(f[0]);
	if (n >= 3 && v >= 0 && v < nviews)
		listing_add(&ep->list[v], atol(f[1]), f[2]);
}

/* "b|a" as "a|b": names compared as sets. */
static void
sort_pipes(char *s)
{
	char *parts[64], copy[512];
	int n = 0;
	snprintf(copy, sizeof(copy), "%s", s);
	for (char *save = NULL, *p = strtok_r(copy, "|", &save); p && n < 64;
	     p = strtok_r(NULL, "|", &save))
		parts[n++] = p;
	for (int i = 1; i < n; i++)
		for (int k = i; k > 0 && strcmp(parts[k - 1], parts[k]) > 0; k--) {
			char *t = parts[k];
			parts[k] = parts[k - 1];
			parts[k - 1] = t;
		}
	size_t len = 0;
	s[0] = 0;
	for (int i = 0; i < n; i++)
		len += (size_t)snprintf(s + len, 512 - len, "%s%s", i ? "|" : "", parts[i]);
}

static void
target_row(char **f, int n, void *arg)
{
	struct epoch *ep = arg;
	if (n < 7)
		return;
	long id = atol(f[1]);
	int t = 0;
	while (t < ntargets && target_id[t] != id)
		t++;
	if (t == ntargets)
		return;
	struct state *s = &ep->t[t];
	if (f[0][0] == 'a') {
		snprintf(s->name, sizeof(s->name), "%s", f[2]);
		snprintf(s->form, sizeof(s->form), "%s", f[3]);
		snprintf(s->email, sizeof(s->email), "%s", f[4]);
		s->members = atol(f[5]);
		s->listed = atoi(f[6]) == 1;
	} else {
		char *set = f[0][0] == 'r' ? s->areas : s->groups;
		size_t len = strlen(set);
		snprintf(set + len, 512 - len, "%s%s", len ? "|" : "", f[2]);
	}
}

/* What every view and every target is in the database now, as epoch e. */
static void
expect(int e)
{
	struct epoch *ep = &epochs[e];
	struct hstr sql = {0};
	if (!H.pg)
		hstr_puts(&sql, "CREATE VIRTUAL TABLE temp.oracle_fts USING fts5 (name, purpose, "
		                "tokenize = 'unicode61');\nINSERT INTO oracle_fts (rowid, name, "
		                "purpose) SELECT id, name, purpose FROM associations;\n");
	hstr_puts(&sql, "SELECT v, id, name FROM (");
	for (int i = 0; i < nviews; i++) {
		if (i)
			hstr_puts(&sql, " UNION ALL ");
		view_sql(&sql, i);
	}
	hstr_puts(&sql, ") o ORDER BY v, sort_key, id");
	each_row(sql.p, list_row, ep);
	hstr_free(&sql);

	struct hstr ids = {0};
	hstr_puts(&ids, "0");
	for (int t = 0; t < ntargets; t++)
		hstr_printf(&ids, ", %ld", target_id[t]);
	hstr_printf(&sql,
	            "SELECT 'a', id, name, form, email, coalesce(members, 0), public * active "
	            "FROM associations WHERE id IN (%s) UNION ALL SELECT 'r', x.association_id, "
	            "ar.name, '', '', 0, 0 FROM association_areas x JOIN areas ar ON ar.id = "
	            "x.area_id WHERE x.association_id IN (%s) UNION ALL SELECT 'g', "
	            "y.association_id, g.name_sv, '', '', 0, 0 FROM association_groups y JOIN "
	            "target_groups g ON g.id = y.group_id WHERE y.association_id IN (%s)",
	            ids.p, ids.p, ids.p);
	each_row(sql.p, target_row, ep);
	for (int t = 0; t < ntargets; t++) {
		sort_pipes(ep->t[t].areas);
		sort_pipes(ep->t[t].groups);
	}
	hstr_free(&sql);
	hstr_free(&ids);
}

/* Where id is in view v at epoch e (0-based), or -1. */
static int
position(int e, int v, long id)
{
	const struct listing *l = &epochs[e].list[v];
	for (int i = 0; i < l->n; i++)
		if (l->ids[i] == id)
			return i;
	return -1;
}

static int
count(int e, int v)
{
	return epochs[e].list[v].n;
}

/* The page number (1-based) of id in view v at epoch e, 0 when unlisted. */
static int
page_of(int e, int v, long id)
{
	int i = position(e, v, id);
	return i < 0 ? 0 : i / PAGE + 1;
}

static int
pages_of(int n)
{
	return (n + PAGE - 1) / PAGE;
}

/* printf into a buffer where cutting a long text short is fine (a reason,
 * a copy of a name). */
static void __attribute__((format(printf, 3, 4)))
text_into(char *out, size_t n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(out, n, fmt, ap);
	va_end(ap);
}

/* A judge's answer when the page is wrong: the reason into why. */
#define FAIL(...)                                                                                  \
	do {                                                                                       \
		text_into(why, n, __VA_ARGS__);                                                    \
		return 0;                                                                          \
	} while (0)

/* The href of the pager's rel="prev" or "next" link, unescaped; NULL when
 * there is none. */
static const char *
pager_link(const struct hresp *r, const char *rel, char *out, size_t n)
{
	char tail[32];
	snprintf(tail, sizeof(tail), "\" rel=\"%s\">", rel);
	const char *end = r->body.p ? strstr(r->body.p, tail) : NULL;
	const char *start = end;
	while (start && start > r->body.p && strncmp(start, "href=\"", 6) != 0)
		start--;
	if (!start || start == r->body.p)
		return NULL;
	start += 6;
	unescape(start, (size_t)(end - start), out, n);
	return out;
}

/* A query's value, percent-decoded ('+' a space), into out; NULL when the
 * key is not there. */
static const char *
query_value(const char *url, const char *key, char *out, size_t n)
{
	const char *q = strchr(url, '?');
	size_t kl = strlen(key);
	for (const char *p = q; p && *p;) {
		p++;
		if (strncmp(p, key, kl) == 0 && p[kl] == '=') {
			size_t k = 0;
			for (const char *s = p + kl + 1; *s && *s != '&' && k + 1 < n; s++) {
				if (*s == '%' && s[1] && s[2]) {
					char hex[3] = {s[1], s[2], 0};
					out[k++] = (char)strtol(hex, NULL, 16);
					s += 2;
				} else {
					out[k++] = *s == '+' ? ' ' : *s;
				}
			}
			out[k] = 0;
			return out;
		}
		p = strchr(p, '&');
	}
	return NULL;
}

/* Whether a pager link leads to the view's page: /foreningar with the same
 * filters, the page number (none for page 1) and nothing else. */
static int
link_is(const char *href, const struct view *v, int page)
{
	const char *const keys[] = {"q", "omrade", "malgrupp", "form"};
	const char *const vals[] = {v->q, v->omrade, v->malgrupp, v->form};
	char got[128];
	int params = 0;
	size_t path = strcspn(href, "?");
	if (path != strlen("/foreningar") || strncmp(href, "/foreningar", path) != 0)
		return 0;
	for (int i = 0; i < 4; i++) {
		const char *g = query_value(href, keys[i], got, sizeof(got));
		if ((*vals[i] && (!g || strcmp(g, vals[i]) != 0)) || (!*vals[i] && g))
			return 0;
		params += *vals[i] != 0;
	}
	const char *s = query_value(href, "sida", got, sizeof(got));
	if (page > 1 ? !s || atoi(s) != page : s != NULL)
		return 0;
	params += page > 1;
	int amps = 0;
	for (const char *p = href; *p; p++)
		amps += *p == '&';
	return href[path] ? amps + 1 == params : params == 0;
}

/* A list page: its count, its 50 (or the rest) in order with their names,
 * "sida K av N", and the pager's links. */
static int
judge_list(const struct url *u, const struct hresp *r, int e, char *why, size_t n)
{
	const struct view *v = &views[u->view];
	const struct listing *l = &epochs[e].list[u->view];
	int pages = pages_of(l->n), from = (u->page - 1) * PAGE;
	int want = l->n > from ? (l->n - from < PAGE ? l->n - from : PAGE) : 0;
	if (r->status != 200)
		FAIL("answered %ld", r->status);
	long shown = h_page_total(r);
	if (shown != l->n)
		FAIL("says %ld träffar, the database has %d", shown, l->n);
	const char *needle = "<h2><a href=\"/foreningar/";
	int k = 0;
	for (const char *p = strstr(r->body.p, needle); p; p = strstr(p + 1, needle)) {
		char *end;
		long id = strtol(p + strlen(needle), &end, 10);
		const char *gt = strchr(end, '>'), *close = gt ? strstr(gt, "</a>") : NULL;
		char name[256] = "";
		if (close)
			unescape(gt + 1, (size_t)(close - gt - 1), name, sizeof(name));
		if (k >= want)
			FAIL("lists more than %d: %ld \"%s\" too", want, id, name);
		if (id != l->ids[from + k] || strcmp(name, l->names[from + k]) != 0)
			FAIL("has %ld \"%s\" in place %d, the database %ld \"%s\"", id, name, k + 1,
			     l->ids[from + k], l->names[from + k]);
		k++;
	}
	if (k != want)
		FAIL("lists %d, the database %d", k, want);
	char text[64], href[512];
	snprintf(text, sizeof(text), "sida %d av %d", u->page, pages);
	if (pages > 1 && !hresp_has(r, text))
		FAIL("does not say \"%s\"", text);
	const char *prev = pager_link(r, "prev", href, sizeof(href));
	if (u->page > 1 && pages > 1 && (!prev || !link_is(prev, v, u->page - 1)))
		FAIL("links back to %s, not to page %d", prev ? prev : "nothing", u->page - 1);
	if ((u->page == 1 || pages <= 1) && prev)
		FAIL("links back to %s from page %d of %d", prev, u->page, pages);
	const char *next = pager_link(r, "next", href, sizeof(href));
	if (u->page < pages && (!next || !link_is(next, v, u->page + 1)))
		FAIL("links on to %s, not to page %d", next ? next : "nothing", u->page + 1);
	if (u->page >= pages && next)
		FAIL("links on to %s from page %d of %d", next, u->page, pages);
	return 1;
}

static const char *
jstr(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	return json_is_string(v) ? json_string_value(v) : "";
}

/* A JSON array of strings as a sorted set joined by '|'. */
static void
jset(json_t *a, char *out)
{
	size_t i, len = 0;
	json_t *it;
	out[0] = 0;
	json_array_foreach(a, i, it) len +=
	        (size_t)snprintf(out + len, 512 - len, "%s%s", i ? "|" : "", json_string_value(it));
	sort_pipes(out);
}

/* The fields of an API item that the writes change. */
static int
judge_item(json_t *it, const struct state *s, char *why, size_t n)
{
	char set[512];
	long members = json_is_integer(json_object_get(it, "medlemmar"))
	                       ? (long)json_integer_value(json_object_get(it, "medlemmar"))
	                       : 0;
	if (strcmp(jstr(it, "namn"), s->name) != 0)
		FAIL("namn \"%s\", the database \"%s\"", jstr(it, "namn"), s->name);
	if (strcmp(jstr(it, "form"), s->form) != 0)
		FAIL("form %s, the database %s", jstr(it, "form"), s->form);
	if (strcmp(jstr(it, "epost"), s->email) != 0 || members != s->members)
		FAIL("epost %s and medlemmar %ld, the database %s and %ld", jstr(it, "epost"),
		     members, s->email, s->members);
	jset(json_object_get(it, "omraden"), set);
	if (strcmp(set, s->areas) != 0)
		FAIL("omraden %s, the database %s", set, s->areas);
	jset(json_object_get(it, "malgrupper"), set);
	if (strcmp(set, s->groups) != 0)
		FAIL("malgrupper %s, the database %s", set, s->groups);
	return 1;
}

/* An API page: its total, page number and items in order, the targets'
 * fields too. */
static int
judge_list_api(const struct url *u, const struct hresp *r, int e, char *why, size_t n)
{
	const struct listing *l = &epochs[e].list[u->view];
	int from = (u->page - 1) * PAGE, k = 0, ok = 1;
	int want = l->n > from ? (l->n - from < PAGE ? l->n - from : PAGE) : 0;
	if (r->status != 200)
		FAIL("answered %ld", r->status);
	json_t *j = json_loads(r->body.p, 0, NULL);
	json_t *items = json_object_get(j, "items");
	long total = json_is_integer(json_object_get(j, "total"))
	                     ? (long)json_integer_value(json_object_get(j, "total"))
	                     : -1;
	if (total != l->n || json_integer_value(json_object_get(j, "page")) != u->page ||
	    (int)json_array_size(items) != want) {
		snprintf(why, n, "total %ld, page %lld, %zu items; the database %d, %d, %d", total,
		         (long long)json_integer_value(json_object_get(j, "page")),
		         json_array_size(items), l->n, u->page, want);
		ok = 0;
	}
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
	{
		long id = (long)json_integer_value(json_object_get(it, "id"));
		if (!ok || k >= want)
			break;
		if (id != l->ids[from + k] || strcmp(jstr(it, "namn"), l->names[from + k]) != 0) {
			snprintf(why, n, "has %ld \"%s\" in place %d, the database %ld \"%s\"", id,
			         jstr(it, "namn"), k + 1, l->ids[from + k], l->names[from + k]);
			ok = 0;
		}
		for (int t = 0; ok && t < ntargets; t++)
			if (target_id[t] == id && !judge_item(it, &epochs[e].t[t], why, n))
				ok = 0;
		k++;
	}
	json_decref(j);
	return ok;
}

/* The text of a <dt>label</dt><dd>…</dd> pair, unescaped, "" when absent. */
static void
fact(const struct hresp *r, const char *label, char *out, size_t n)
{
	char start[64], raw[1024];
	snprintf(start, sizeof(start), "<dt>%s</dt><dd>", label);
	if (h_between(r->body.p, start, "</dd>", raw, sizeof(raw)))
		unescape(raw, strlen(raw), out, n);
	else
		out[0] = 0;
}

/* ", " between names, as the detail page lists areas and groups, to '|'
 * and sorted. */
static void
fact_set(const struct hresp *r, const char *label, char *out)
{
	char text[512];
	size_t k = 0;
	fact(r, label, text, sizeof(text));
	for (const char *p = text; *p && k + 1 < 512; p++) {
		if (p[0] == ',' && p[1] == ' ') {
			out[k++] = '|';
			p++;
		} else {
			out[k++] = *p;
		}
	}
	out[k] = 0;
	sort_pipes(out);
}

/* An association's page: 404 unless listed, else its name, form, areas,
 * target groups, e-mail and members. */
static int
judge_detail(const struct url *u, const struct hresp *r, int e, char *why, size_t n)
{
	const struct state *s = &epochs[e].t[u->target];
	char h1[300], got[512], want[300];
	if (!s->listed) {
		if (r->status != 404)
			FAIL("answered %ld, not 404 (the database: not listed)", r->status);
		return 1;
	}
	if (r->status != 200)
		FAIL("answered %ld for a listed association", r->status);
	if (!h_between(r->body.p, "<h1>", "</h1>", h1, sizeof(h1)))
		h1[0] = 0;
	unescape(h1, strlen(h1), got, sizeof(got));
	if (strcmp(got, s->name) != 0)
		FAIL("is headed \"%s\", the database \"%s\"", got, s->name);
	fact(r, "Form", got, sizeof(got));
	if (strcmp(got, form_name(s->form)) != 0)
		FAIL("says Form %s, the database %s", got, form_name(s->form));
	fact_set(r, "Områden", got);
	if (strcmp(got, s->areas) != 0)
		FAIL("says Områden %s, the database %s", got, s->areas);
	fact_set(r, "Målgrupper", got);
	if (strcmp(got, s->groups) != 0)
		FAIL("says Målgrupper %s, the database %s", got, s->groups);
	fact(r, "E-post", got, sizeof(got));
	text_into(want, sizeof(want), ">%s</a>", s->email);
	if (*s->email && !strstr(got, want))
		FAIL("says E-post %s, the database %s", got, s->email);
	fact(r, "Medlemmar", got, sizeof(got));
	if (atol(got) != s->members)
		FAIL("says Medlemmar %s, the database %ld", got, s->members);
	return 1;
}

static int
judge_detail_api(const struct url *u, const struct hresp *r, int e, char *why, size_t n)
{
	const struct state *s = &epochs[e].t[u->target];
	if (!s->listed) {
		if (r->status != 404)
			FAIL("answered %ld, not 404 (the database: not listed)", r->status);
		return 1;
	}
	if (r->status != 200)
		FAIL("answered %ld for a listed association", r->status);
	json_t *j = json_loads(r->body.p, 0, NULL);
	int ok = j && judge_item(j, s, why, n);
	if (!j)
		snprintf(why, n, "is not JSON");
	json_decref(j);
	return ok;
}

/* Whether an answer is what the database says the URL shows at epoch e;
 * when not, why, beginning with the URL. */
static int
judge(const struct url *u, const struct hresp *r, int e, char *why, size_t n)
{
	char reason[480];
	int ok = u->kind == LIST       ? judge_list(u, r, e, reason, sizeof(reason))
	         : u->kind == LIST_API ? judge_list_api(u, r, e, reason, sizeof(reason))
	         : u->kind == DETAIL   ? judge_detail(u, r, e, reason, sizeof(reason))
	                               : judge_detail_api(u, r, e, reason, sizeof(reason));
	if (!ok)
		text_into(why, n, "%s %s", u->path, reason);
	return ok;
}

static void
url_add(enum kind kind, int view, int page, int target)
{
	room(nurls, MAX_URLS, "addresses");
	struct url *u = &urls[nurls];
	*u = (struct url){kind, view, page, target, ""};
	if (kind == LIST || kind == LIST_API)
		view_path(&views[view], kind == LIST_API, page, u->path, sizeof(u->path));
	else
		snprintf(u->path, sizeof(u->path), "%s/%ld",
		         kind == DETAIL ? "/foreningar" : "/api/v1/foreningar", target_id[target]);
	pthread_mutex_lock(&lock);
	nurls++;
	pthread_mutex_unlock(&lock);
}

/* Every page of every view as the list, one past the last too (for the
 * writes that add); as the API the first two, every fifth and the last
 * four, since a deep page made afresh is dear on PostgreSQL and the list
 * pages already show every place. */
static void
urls_of_views(void)
{
	for (int v = 0; v < nviews; v++) {
		int p = pages_of(count(0, v));
		views[v].pages = (p ? p : 1) + 1;
		for (int page = 1; page <= views[v].pages; page++) {
			url_add(LIST, v, page, 0);
			if (page <= 2 || page % 5 == 0 || page > views[v].pages - 4)
				url_add(LIST_API, v, page, 0);
		}
	}
}

/* A target's page and its API answer. */
static int
target_add(const char *label, long id)
{
	room(ntargets, MAX_TARGETS, "associations written to");
	int t = ntargets++;
	target_id[t] = id;
	snprintf(target_label[t], sizeof(target_label[t]), "%s", label);
	if (id) {
		url_add(DETAIL, 0, 0, t);
		url_add(DETAIL_API, 0, 0, t);
	}
	return t;
}

/* The index of the URL of view v's page (list or API), or -1. */
static int
url_of(enum kind kind, int v, int page)
{
	for (int i = 0; i < nurls; i++)
		if (urls[i].kind == kind && urls[i].view == v && urls[i].page == page)
			return i;
	return -1;
}

static void
hot_add(int i)
{
	if (i >= 0 && nhot < MAX_HOT)
		hot[nhot++] = i;
}

static void
hot_pages(int v, int page)
{
	for (int p = page - 1; p <= page + 1; p++)
		if (p >= 1) {
			hot_add(url_of(LIST, v, p));
			hot_add(url_of(LIST_API, v, p));
		}
}

/* Makes the URLs of a write's target and views the readers' hot ones,
 * fetched between the others: its pages, its page of the list at epoch e
 * and those either side, the first pages of each view (lock held). */
static void
hot_target(int t, const int *vs, int nv, int e)
{
	nhot = 0;
	for (int i = 0; i < nurls; i++)
		if ((urls[i].kind == DETAIL || urls[i].kind == DETAIL_API) && urls[i].target == t)
			hot_add(i);
	hot_pages(V_ALL, page_of(e, V_ALL, target_id[t]));
	for (int k = 0; k < nv; k++)
		for (int p = 1; p <= views[vs[k]].pages && p <= 3; p++)
			hot_pages(vs[k], p);
}

/* A form's fields as a browser sends them: every named input with its
 * value (a checkbox or radio button only when ticked), each textarea's
 * text and each select's chosen option, unescaped. */
struct fields {
	int n;
	char k[MAX_FIELDS][32], v[MAX_FIELDS][4096];
};

/* An attribute's value within a tag, unescaped; NULL when absent. */
static const char *
attr(const char *tag, const char *end, const char *name, char *out, size_t n)
{
	char start[40];
	snprintf(start, sizeof(start), " %s=\"", name);
	const char *p = strstr(tag, start);
	if (!p || p > end)
		return NULL;
	p += strlen(start);
	const char *q = strchr(p, '"');
	unescape(p, (size_t)(q - p), out, n);
	return out;
}

static void
fields_add(struct fields *f, const char *k, const char *v)
{
	snprintf(f->k[f->n], sizeof(f->k[0]), "%s", k);
	snprintf(f->v[f->n++], sizeof(f->v[0]), "%s", v);
}

/* Removes the fields named k (with value v, unless v is NULL). */
static void
fields_drop(struct fields *f, const char *k, const char *v)
{
	int w = 0;
	for (int i = 0; i < f->n; i++)
		if (strcmp(f->k[i], k) != 0 || (v && strcmp(f->v[i], v) != 0)) {
			if (w != i) {
				memcpy(f->k[w], f->k[i], sizeof(f->k[0]));
				memcpy(f->v[w], f->v[i], sizeof(f->v[0]));
			}
			w++;
		}
	f->n = w;
}

static void
fields_set(struct fields *f, const char *k, const char *v)
{
	fields_drop(f, k, NULL);
	fields_add(f, k, v);
}

/* Reads the form that posts to action on the page at action, as the
 * administrator's browser has it. */
static long
form_open(const char *action, struct fields *f)
{
	struct hresp r;
	char start[128], name[32], value[4096], type[16];
	h_get(admin, action, &r);
	f->n = 0;
	snprintf(start, sizeof(start), "<form method=\"post\" action=\"%s\"", action);
	const char *p = r.status == 200 ? strstr(r.body.p, start) : NULL;
	const char *stop_at = p ? strstr(p, "</form>") : NULL;
	while (p && (p = strchr(p + 1, '<')) && p < stop_at && f->n < MAX_FIELDS) {
		const char *end = strchr(p, '>');
		if (strncmp(p, "<input", 6) == 0 && attr(p, end, "name", name, sizeof(name))) {
			if (!attr(p, end, "type", type, sizeof(type)))
				strcpy(type, "text");
			if (!attr(p, end, "value", value, sizeof(value)))
				value[0] = 0;
			const char *ticked = strstr(p, " checked");
			int box = strcmp(type, "checkbox") == 0 || strcmp(type, "radio") == 0;
			if (strcmp(type, "file") != 0 && (!box || (ticked && ticked < end)))
				fields_add(f, name, value);
		} else if (strncmp(p, "<textarea", 9) == 0 &&
		           attr(p, end, "name", name, sizeof(name))) {
			const char *close = strstr(end, "</textarea>");
			unescape(end + 1, (size_t)(close - end - 1), value, sizeof(value));
			fields_add(f, name, value);
		} else if (strncmp(p, "<select", 7) == 0 &&
		           attr(p, end, "name", name, sizeof(name))) {
			const char *close = strstr(end, "</select>");
			const char *opt = strstr(end, " selected>");
			if (!opt || opt > close)
				opt = strstr(end, "<option");
			while (opt > end && strncmp(opt, "<option", 7) != 0)
				opt--;
			const char *oend = strchr(opt, '>');
			if (!attr(opt, oend, "value", value, sizeof(value)))
				value[0] = 0;
			fields_add(f, name, value);
		}
	}
	long st = r.status;
	hresp_free(&r);
	return stop_at ? st : -1;
}

/* Sends the form; the status (303 when saved) and the id the redirect
 * names. */
static long
form_send(const char *action, const struct fields *f, long *id)
{
	struct hstr body = {0};
	struct hresp r;
	char loc[128];
	for (int i = 0; i < f->n; i++)
		h_form_add(&body, f->k[i], f->v[i]);
	h_post(admin, action, body.p, &r);
	if (id && r.status == 303 && hresp_header(&r, "Location", loc, sizeof(loc)))
		sscanf(loc, "/admin/foreningar/%ld", id);
	long st = r.status;
	if (st != 303)
		h_note("POST %s answered %ld", action, st);
	hresp_free(&r);
	hstr_free(&body);
	return st;
}

static char edit_path[64];

/* The edit form of a target as the administrator opens it. */
static long
edit_open(int t, struct fields *f)
{
	snprintf(edit_path, sizeof(edit_path), "/admin/foreningar/%ld", target_id[t]);
	return form_open(edit_path, f);
}

static long
edit_send(const struct fields *f)
{
	long id = 0;
	return form_send(edit_path, f, &id);
}

/* The id of an area or target group by slug, as the form's checkbox value. */
static const char *
choice_id(const char *table, const char *slug, char *out, size_t n)
{
	char q[160];
	snprintf(q, sizeof(q), "SELECT id FROM %s WHERE slug = '%s'", table, slug);
	return h_sql_line(q, out, n);
}

static int bystander, bystander_saves;

/* The write about target t (with the views it concerns) is about to be
 * made. The readers turn to its pages; the administrator first saves
 * another association unchanged, which empties the caches without
 * changing a page, so that the readers are making pages afresh while the
 * write is made, as when the register is written to often. From then on
 * fetches are not judged until the write is answered. */
static void
write_begins(const char *what, int t, const int *vs, int nv)
{
	struct fields *f = malloc(sizeof(*f));
	pthread_mutex_lock(&lock);
	int e = writing + 1;
	snprintf(epochs[e].what, sizeof(epochs[e].what), "%s", what);
	hot_target(t, vs, nv, e - 1);
	pthread_mutex_unlock(&lock);
	bystander_saves += edit_open(bystander, f) == 200 && edit_send(f) == 303;
	free(f);
	usleep(50000);
	pthread_mutex_lock(&lock);
	writing = e;
	pthread_mutex_unlock(&lock);
}

/* Fetches every URL as a visitor right after write e and judges it; one
 * check per kind of page, the first reasons noted. */
static void
sweep(int e, int t)
{
	const char *what = epochs[e].what;
	int wrong[4] = {0}, seen[4] = {0}, on[8], non = 0;
	char why[600], first[4][600];
	for (int i = 0; i < nurls; i++) {
		struct hresp r;
		struct url *u = &urls[i];
		h_get(visitor, u->path, &r);
		int k = u->kind == LIST ? (u->view == V_ALL ? 0 : 1) : u->kind == LIST_API ? 2 : 3;
		seen[k]++;
		if (!judge(u, &r, e, why, sizeof(why)) && wrong[k]++ == 0)
			snprintf(first[k], sizeof(first[k]), "%s", why);
		if (t >= 0 && u->kind == LIST && u->view == V_ALL) {
			char id[32];
			snprintf(id, sizeof(id), "<a href=\"/foreningar/%ld\">", target_id[t]);
			if (hresp_has(&r, id) && non < 8)
				on[non++] = u->page;
		}
		hresp_free(&r);
	}
	static const char *const kinds[] = {
	        "all %d pages of /foreningar: the count, 50 a page in Swedish order, the pager",
	        "%d pages of searches and filters: their counts and hits, page by page",
	        "%d pages of the JSON API: totals and items",
	        "%d detail pages and API answers of the associations written to"};
	for (int k = 0; k < 4; k++) {
		char line[200];
		snprintf(line, sizeof(line), kinds[k], seen[k]);
		if (!h_check(wrong[k] == 0, "after %s: %s right (%d wrong)", what, line, wrong[k]))
			h_note("first: %s", first[k]);
	}
	if (t < 0)
		return;
	int want = page_of(e, V_ALL, target_id[t]);
	int pages = pages_of(count(e, V_ALL));
	char found[64] = "";
	for (int i = 0, len = 0; i < non; i++)
		len += snprintf(found + len, sizeof(found) - (size_t)len, " %d", on[i]);
	if (want)
		h_check(non == 1 && on[0] == want,
		        "after %s: %s is on page %d of %d and no other (seen on:%s)", what,
		        target_label[t], want, pages, found);
	else
		h_check(non == 0, "after %s: %s is on no page of /foreningar (seen on:%s)", what,
		        target_label[t], non ? found : " none");
	if (!want)
		return;
	/* the pager of its page leads to the pages either side */
	struct hresp r;
	char path[400], href[512];
	char wrong_links[2][700] = {"", ""};
	view_path(&views[V_ALL], 0, want, path, sizeof(path));
	h_get(visitor, path, &r);
	for (int d = -1; d <= 1; d += 2) {
		if (want + d < 1 || want + d > pages)
			continue;
		char *note = wrong_links[d > 0];
		if (!pager_link(&r, d < 0 ? "prev" : "next", href, sizeof(href))) {
			text_into(note, 700, "page %d has no %s link", want,
			          d < 0 ? "prev" : "next");
			continue;
		}
		struct url u = {LIST, V_ALL, want + d, 0, ""};
		text_into(u.path, sizeof(u.path), "%s", href);
		struct hresp n;
		h_get(visitor, href, &n);
		if (!judge(&u, &n, e, why, sizeof(why)))
			text_into(note, 700, "followed from page %d: %s", want, why);
		hresp_free(&n);
	}
	hresp_free(&r);
	h_check(!wrong_links[0][0] && !wrong_links[1][0],
	        "after %s: the pager of page %d leads to the full pages before and after it", what,
	        want);
	for (int k = 0; k < 2; k++)
		if (wrong_links[k][0])
			h_note("%s", wrong_links[k]);
}

/* Waits until each reader has judged a full round of the URLs after write
 * e (so every page is in the caches before the next write); 0 after 30 s. */
static int
readers_caught_up(int e)
{
	for (int i = 0; i < 1500; i++) {
		int all = 1;
		pthread_mutex_lock(&lock);
		for (int k = 0; k < READERS; k++)
			all &= looped[k][e] >= nurls;
		pthread_mutex_unlock(&lock);
		if (all)
			return 1;
		usleep(20000);
	}
	return 0;
}

/* The write is answered: the database's state is taken as what every page
 * must show from now on, and the test checks every page itself. */
static int
write_ends(int t)
{
	pthread_mutex_lock(&lock);
	done = writing;
	int e = done;
	pthread_mutex_unlock(&lock);
	expect(e);
	pthread_mutex_lock(&lock);
	ready = e;
	if (t >= 0)
		hot_pages(V_ALL, page_of(e, V_ALL, target_id[t]));
	pthread_cond_broadcast(&ready_cond);
	pthread_mutex_unlock(&lock);
	sweep(e, t);
	h_check(readers_caught_up(e), "after %s: each reader fetched every page again",
	        epochs[e].what);
	return e;
}

/* One reader: fetches every URL in turn, a hot one between each two, and
 * judges each fetch begun and ended with no write under way against the
 * last write answered. */
static void *
read_loop(void *arg)
{
	int no = (int)(long)arg, pos = no * 61, turn = 0, hot_pos = no;
	char why[600];
	struct hclient *client = h_client();
	for (;;) {
		pthread_mutex_lock(&lock);
		if (stop) {
			pthread_mutex_unlock(&lock);
			break;
		}
		int e = done, fresh = writing == done, cycle = turn++ % 2 == 0 || nhot == 0;
		struct url u = urls[cycle ? pos++ % nurls : hot[hot_pos++ % nhot]];
		pthread_mutex_unlock(&lock);
		struct hresp r;
		h_get(client, u.path, &r);
		pthread_mutex_lock(&lock);
		fresh = fresh && writing == e;
		while (fresh && ready < e && !stop)
			pthread_cond_wait(&ready_cond, &lock);
		fresh = fresh && ready >= e;
		pthread_mutex_unlock(&lock);
		if (fresh) {
			int ok = judge(&u, &r, e, why, sizeof(why));
			pthread_mutex_lock(&lock);
			judged[no][e]++;
			if (cycle)
				looped[no][e]++;
			if (!ok && bad[e]++ < 4 && nviolations < MAX_VIOLATIONS) {
				struct violation *v = &violations[nviolations++];
				v->epoch = e;
				v->reader = no;
				snprintf(v->text, sizeof(v->text), "%s", why);
			}
			pthread_mutex_unlock(&lock);
		}
		hresp_free(&r);
	}
	h_client_free(client);
	return NULL;
}

/* A listed association as the register has it, for choosing targets. */
struct row {
	long id;
	char name[160], form[16], area[64], group[64];
};
static struct row *rows;
static int nrows;

static void
candidate_row(char **f, int n, void *arg)
{
	(void)arg;
	if (n < 5)
		return;
	struct row *r = &rows[nrows++];
	r->id = atol(f[0]);
	snprintf(r->name, sizeof(r->name), "%s", f[1]);
	snprintf(r->form, sizeof(r->form), "%s", f[2]);
	snprintf(r->area, sizeof(r->area), "%s", f[3]);
	snprintf(r->group, sizeof(r->group), "%s", f[4]);
}

/* The first listed association of the form from place `from` on in the
 * register's order that no other write is about. */
static const struct row *
pick(const char *form, int from)
{
	for (int i = from; i < nrows; i++) {
		int taken = 0;
		for (int t = 0; t < ntargets; t++)
			taken |= target_id[t] == rows[i].id;
		if (!taken && strcmp(rows[i].form, form) == 0)
			return &rows[i];
	}
	fprintf(stderr, "no %s association after place %d\n", form, from);
	exit(1);
}

/* The serial the demo numbers a generated name with ("… 1043"). */
static const char *
serial(const struct row *r)
{
	const char *sp = strrchr(r->name, ' ');
	return sp ? sp + 1 : r->name;
}

/* That write e changed what view v lists by `by` in the database: the
 * write took effect, so the pages have something to show. */
static void
check_delta(int e, int v, int by, const char *what)
{
	h_check(count(e, v) == count(e - 1, v) + by, "the database: %s %+d (%d → %d hits for %s)",
	        what, by, count(e - 1, v), count(e, v), urls[url_of(LIST, v, 1)].path);
}

/* What the writes are about: the associations (each a target, by its
 * label) and the views each write changes. */
static struct {
	const struct row *a, *b, *c, *d, *e, *h;
	int R, A, B, C, D, E, F, G, H;
	char new_area[64], new_group[64];
	int a_num, a_old, a_new, a_form, a_area, a_all, a_words_area;
	int b_num, informal, b_area, b_group, c_num, c_area_form;
	int d_area, d_area_new, d_group, d_group_new, d_all, economic, e_num_form;
	int f_word, f_all, g_word, g_words_area, h_num;
	int deep[4];
} P;

enum { NDEEP = 4 };

/* The first slug of areas (or target_groups) that association id is not
 * linked to, into out. */
static void
slug_not_of(const char *table, const char *link, const char *col, long id, char *out)
{
	char q[256];
	snprintf(q, sizeof(q),
	         "SELECT slug FROM %s WHERE id NOT IN (SELECT %s FROM %s WHERE "
	         "association_id = %ld) ORDER BY slug",
	         table, col, link, id);
	h_sql_line(q, out, 64);
}

/* G's purpose: "ordnar" is H's commonest word, so G comes into that deep
 * search. */
static const char G_PURPOSE[] = "Vi vårdar ängarna i Holma, ordnar vandringar och visar barnen "
                                "blommorna.";

/* The word of a text (five letters or more) that the most listed
 * associations have in their purpose, into a static buffer: a search for
 * it runs over many pages. */
static const char *
common_word(const char *text)
{
	static char best[64];
	long most = -1;
	for (const char *p = text; *p;) {
		size_t n = 0;
		while (p[n] && ((unsigned char)p[n] >= 0x80 || (p[n] | 0x20) >= 'a') &&
		       ((unsigned char)p[n] >= 0x80 || (p[n] | 0x20) <= 'z'))
			n++;
		if (n >= 5 && n < sizeof(best)) {
			char q[256], hits[32];
			snprintf(
			        q, sizeof(q),
			        "SELECT count(*) FROM associations WHERE public = 1 AND active = 1 "
			        "AND purpose LIKE '%%%.*s%%'",
			        (int)n, p);
			long c = atol(h_sql_line(q, hits, sizeof(hits)));
			if (c > most) {
				most = c;
				snprintf(best, sizeof(best), "%.*s", (int)n, p);
			}
		}
		p += n ? n : 1;
	}
	return best;
}

/* Chooses the associations, spread over the register, and the views:
 * each one's words old and new, and each filter it matches or stops
 * matching. */
static void
plan(void)
{
	rows = calloc(ASSOCIATIONS + 16, sizeof(*rows));
	each_row("SELECT a.id, a.name, a.form, (SELECT min(ar.slug) FROM association_areas x "
	         "JOIN areas ar ON ar.id = x.area_id WHERE x.association_id = a.id), (SELECT "
	         "min(g.slug) FROM association_groups y JOIN target_groups g ON g.id = y.group_id "
	         "WHERE y.association_id = a.id) FROM associations a WHERE a.public = 1 AND "
	         "a.active = 1 ORDER BY a.sort_key, a.id",
	         candidate_row, NULL);
	h_check(nrows > ASSOCIATIONS * 9 / 10, "the register lists %d of %d generated associations",
	        nrows, ASSOCIATIONS);
	char rid[16];
	h_sql_line("SELECT ur.association_id FROM user_roles ur JOIN users u ON u.id = ur.user_id "
	           "WHERE u.email = 'forening@demo.samverka.se' AND ur.role = 'representative'",
	           rid, sizeof(rid));
	P.R = target_add("R", atol(rid));
	P.a = pick("stiftelse", nrows / 5);
	P.A = target_add("A", P.a->id);
	P.b = pick("informell", nrows * 3 / 10);
	P.B = target_add("B", P.b->id);
	P.c = pick("informell", nrows * 9 / 20);
	P.C = target_add("C", P.c->id);
	P.d = pick("informell", nrows * 6 / 10);
	P.D = target_add("D", P.d->id);
	P.e = pick("stiftelse", nrows * 7 / 10);
	P.E = target_add("E", P.e->id);
	P.h = pick("informell", nrows / 10);
	P.H = target_add("H", P.h->id);
	bystander = target_add("Z", pick("ideell", nrows / 2)->id);
	P.F = target_add("F", 0);
	P.G = target_add("G", 0);
	slug_not_of("areas", "association_areas", "area_id", P.d->id, P.new_area);
	slug_not_of("target_groups", "association_groups", "group_id", P.d->id, P.new_group);

	view_add("", "", "", ""); /* V_ALL */
	P.a_num = view_add(serial(P.a), "", "", "");
	P.a_old = view_add("Fritidsgård", "", "", "");
	P.a_new = view_add("Kvarnfjärilar", "", "", "");
	P.a_form = view_add("", "", "", "stiftelse");
	P.a_area = view_add("", P.a->area, "", "");
	P.a_all = view_add("Kvarnfjärilar", P.a->area, P.a->group, "stiftelse");
	P.a_words_area = view_add("Fritidsgård", P.a->area, "", "");
	P.b_num = view_add(serial(P.b), "", "", "");
	P.informal = view_add("", "", "", "informell");
	P.b_area = view_add("", P.b->area, "", "");
	P.b_group = view_add("", "", P.b->group, "");
	P.c_num = view_add(serial(P.c), "", "", "");
	P.c_area_form = view_add("", P.c->area, "", "informell");
	P.d_area = view_add("", P.d->area, "", "");
	P.d_area_new = view_add("", P.new_area, "", "");
	P.d_group = view_add("", "", P.d->group, "");
	P.d_group_new = view_add("", "", P.new_group, "");
	P.d_all = view_add(serial(P.d), P.new_area, P.new_group, "");
	P.economic = view_add("", "", "", "ekonomisk");
	P.e_num_form = view_add(serial(P.e), "", "", "ekonomisk");
	P.f_word = view_add("Tornseglarna", "", "", "");
	P.f_all = view_add("Tornseglarna", "lindangen", "barn", "stiftelse");
	P.g_word = view_add("Nattviolerna", "", "", "");
	P.g_words_area = view_add("Nattviolerna Holma", "holma", "", "");
	P.h_num = view_add(serial(P.h), "", "", "");
	/* deep searches: for A, B and H, which writes take out of the list, the
	 * commonest word of each one's purpose, and A's with its form */
	char purpose[4096];
	const struct row *deep_of[] = {P.a, P.b, P.h};
	for (int k = 0; k < 3; k++) {
		char q[128];
		snprintf(q, sizeof(q), "SELECT purpose FROM associations WHERE id = %ld",
		         deep_of[k]->id);
		P.deep[k] =
		        view_add(common_word(h_sql_line(q, purpose, sizeof(purpose))), "", "", "");
	}
	P.deep[3] = view_add(views[P.deep[0]].q, "", "", P.a->form);
	/* words with a common filter: on PostgreSQL the hits of a part as
	 * large as two thirds of the register, intersected with the words'
	 * (src/register/counts.c) */
	view_add(views[P.deep[0]].q, "", "", "ideell");
	view_add(views[P.deep[1]].q, "", P.b->group, "");
}

/* That the association t is a hit of a deep search at epoch e before its
 * last page, and where: a hit that goes or comes there moves the first hit
 * of every later page, so the sweep's pages of that search catch a page
 * start kept from before the write. */
static void
check_deep(int e, int t, const char *what)
{
	char on[256] = "";
	int n = 0;
	for (int k = 0, len = 0; k < NDEEP; k++) {
		int v = P.deep[k], i = position(e, v, target_id[t]);
		if (i < 0 || i / PAGE + 1 >= pages_of(count(e, v)))
			continue;
		n++;
		len += snprintf(on + len, sizeof(on) - (size_t)len, " %s page %d of %d;",
		                urls[url_of(LIST, v, 1)].path, i / PAGE + 1, pages_of(count(e, v)));
	}
	h_check(n > 0, "the database: %s %s is a hit before the last page of a deep search (%s)",
	        what, target_label[t], n ? on : " none");
}

/* Renamed, A moves from the S names to the Östra names near the end. */
static void
rename_a(void)
{
	struct fields f;
	int vs[] = {P.a_num, P.a_old, P.a_new, P.a_form, P.a_area, P.a_all, P.a_words_area};
	write_begins("renaming A to Östra Kvarnfjärilar", P.A, vs, 7);
	h_check(edit_open(P.A, &f) == 200, "the administrator opens A's form");
	fields_set(&f, "namn", "Östra Kvarnfjärilar");
	h_check(edit_send(&f) == 303, "renaming A: saved (303)");
	int e = write_ends(P.A);
	int before = position(e - 1, V_ALL, P.a->id), after = position(e, V_ALL, P.a->id);
	const struct listing *all = &epochs[e].list[V_ALL];
	h_check(after / PAGE != before / PAGE && after > 0 &&
	                strncmp(all->names[after - 1], "Östra ", 7) == 0,
	        "the database: A moved from page %d to page %d, after %s", before / PAGE + 1,
	        after / PAGE + 1, after > 0 ? all->names[after - 1] : "nothing");
	check_delta(e, P.a_num, -1, "its old serial");
	check_delta(e, P.a_old, -1, "its old word");
	check_delta(e, P.a_words_area, -1, "its old word in its area");
	check_delta(e, P.a_new, 1, "its new word");
	check_delta(e, P.a_all, 1, "its new word with its area, group and form");
	check_delta(e, P.a_form, 0, "its form");
}

/* B hidden (not public), and later shown again. */
static void
show_b(int shown)
{
	struct fields f;
	int vs[] = {P.b_num, P.informal, P.b_area, P.b_group};
	write_begins(shown ? "showing B again" : "hiding B (not public)", P.B, vs, 4);
	h_check(edit_open(P.B, &f) == 200, "the administrator opens B's form");
	if (shown)
		fields_add(&f, "offentlig", "1");
	else
		fields_drop(&f, "offentlig", NULL);
	h_check(edit_send(&f) == 303, "%s offentlig: saved (303)", shown ? "ticking" : "unticking");
	int e = write_ends(P.B);
	check_delta(e, V_ALL, shown ? 1 : -1, "the register");
	check_delta(e, P.b_num, shown ? 1 : -1, "its serial");
	check_delta(e, P.b_group, shown ? 1 : -1, "its target group");
}

static void
deactivate_c(void)
{
	struct fields f;
	int vs[] = {P.c_num, P.informal, P.c_area_form};
	write_begins("deactivating C", P.C, vs, 3);
	h_check(edit_open(P.C, &f) == 200, "the administrator opens C's form");
	fields_drop(&f, "aktiv", NULL);
	h_check(edit_send(&f) == 303, "unticking aktiv: saved (303)");
	int e = write_ends(P.C);
	check_delta(e, V_ALL, -1, "the register");
	check_delta(e, P.c_area_form, -1, "its area and form");
}

/* D to an area and a target group it was not in, out of its own. */
static void
move_d(void)
{
	struct fields f;
	char id[32];
	int vs[] = {P.d_area, P.d_area_new, P.d_group, P.d_group_new, P.d_all};
	write_begins("moving D to another area and target group", P.D, vs, 5);
	h_check(edit_open(P.D, &f) == 200, "the administrator opens D's form");
	fields_drop(&f, "omrade", NULL);
	fields_drop(&f, "malgrupp", NULL);
	fields_add(&f, "omrade", choice_id("areas", P.new_area, id, sizeof(id)));
	fields_add(&f, "malgrupp", choice_id("target_groups", P.new_group, id, sizeof(id)));
	h_check(edit_send(&f) == 303, "D now in %s for %s: saved (303)", P.new_area, P.new_group);
	int e = write_ends(P.D);
	check_delta(e, P.d_area, -1, "its old area");
	check_delta(e, P.d_area_new, 1, "its new area");
	check_delta(e, P.d_group, -1, "its old target group");
	check_delta(e, P.d_group_new, 1, "its new target group");
	check_delta(e, P.d_all, 1, "its serial with the new area and group");
}

/* E from stiftelse to ekonomisk förening. */
static void
reform_e(void)
{
	struct fields f;
	int vs[] = {P.a_form, P.economic, P.e_num_form};
	write_begins("making E an ekonomisk förening", P.E, vs, 3);
	h_check(edit_open(P.E, &f) == 200, "the administrator opens E's form");
	fields_set(&f, "form", "ekonomisk");
	h_check(edit_send(&f) == 303, "E as ekonomisk förening: saved (303)");
	int e = write_ends(P.E);
	check_delta(e, P.a_form, -1, "stiftelser");
	check_delta(e, P.economic, 1, "ekonomiska föreningar");
	check_delta(e, P.e_num_form, 1, "its serial as ekonomisk");
}

/* The target's page and API answer, once it exists. */
static void
target_urls(int t)
{
	url_add(DETAIL, 0, 0, t);
	url_add(DETAIL_API, 0, 0, t);
}

/* F added by `samverka import`, in another process. */
static void
import_f(void)
{
	char orgnr[12], q[128], id[32];
	struct hstr csv = {0}, out = {0}, err = {0};
	h_orgnr("802999001", orgnr);
	hstr_printf(&csv,
	            "organisationsnummer,namn,form,andamal,omraden,malgrupper,epost,telefon,"
	            "webbplats,grundad,medlemmar\n%s,Tornseglarnas stiftelse,stiftelse,Stiftelsen "
	            "ordnar fågelskådning för barn i Lindängen.,Lindängen,Barn,"
	            "tornseglare@example.se,,,2001,40\n",
	            orgnr);
	h_write_file(h_path("add.csv"), csv.p);
	const char *import[] = {"samverka", "import",          "foreningar", "--db",
	                        H.db_url,   h_path("add.csv"), NULL};
	int vs[] = {P.f_word, P.f_all, P.a_form};
	write_begins("importing F with samverka import", P.F, vs, 3);
	int rc = h_run(import, NULL, &out, &err);
	h_check(rc == 0 && out.p && strstr(out.p, "imported 1 association (1 new"),
	        "samverka import adds F (%d: %.*s%s)", rc, out.p ? (int)strcspn(out.p, "\n") : 0,
	        out.p ? out.p : "", err.p ? err.p : "");
	snprintf(q, sizeof(q), "SELECT id FROM associations WHERE orgnr = '%s'", orgnr);
	target_id[P.F] = atol(h_sql_line(q, id, sizeof(id)));
	target_urls(P.F);
	int e = write_ends(P.F);
	check_delta(e, V_ALL, 1, "the register");
	check_delta(e, P.f_all, 1, "its word with its area, group and form");
	check_delta(e, P.a_form, 1, "stiftelser");
	hstr_free(&csv);
	hstr_free(&out);
	hstr_free(&err);
}

/* G added through the administrator's form. */
static void
add_g(void)
{
	struct fields f;
	char orgnr[12], id[32];
	int vs[] = {P.g_word, P.g_words_area};
	write_begins("adding G through the form", P.G, vs, 2);
	h_check(form_open("/admin/foreningar/ny", &f) == 200,
	        "the administrator opens the form for a new association");
	h_orgnr("802999002", orgnr);
	fields_set(&f, "namn", "Nattviolerna i Holma");
	fields_set(&f, "organisationsnummer", orgnr);
	fields_set(&f, "andamal", G_PURPOSE);
	fields_set(&f, "epost", "nattviol@example.se");
	fields_set(&f, "medlemmar", "18");
	fields_add(&f, "omrade", choice_id("areas", "holma", id, sizeof(id)));
	fields_add(&f, "malgrupp", choice_id("target_groups", "aldre", id, sizeof(id)));
	h_check(form_send("/admin/foreningar/ny", &f, &target_id[P.G]) == 303 && target_id[P.G],
	        "adding G: saved (303, id %ld)", target_id[P.G]);
	target_urls(P.G);
	int e = write_ends(P.G);
	check_delta(e, V_ALL, 1, "the register");
	check_delta(e, P.g_words_area, 1, "its two words with its area");
	check_deep(e, P.G, "added,");
}

/* H deleted: the product has no form for it, so an operator's SQL from
 * another process does it (its links go with it). */
static void
delete_h(void)
{
	char q[128];
	int vs[] = {P.h_num, P.informal};
	write_begins("deleting H with SQL from another process", P.H, vs, 2);
	snprintf(q, sizeof(q), "%sDELETE FROM associations WHERE id = %ld",
	         H.pg ? "" : "PRAGMA foreign_keys = ON;\n", P.h->id);
	h_check(h_sql(q, NULL) == 0, "H is deleted");
	int e = write_ends(P.H);
	check_delta(e, V_ALL, -1, "the register");
	check_delta(e, P.h_num, -1, "its serial");
}

/* R's yearly update, sent by the representative (a case, which changes no
 * page of the register) and granted by the officer (the write). */
static void
update_r(void)
{
	struct hstr mp = {0};
	struct hresp r;
	char path[64], loc[128], dnr[32] = "";
	snprintf(path, sizeof(path), "/arsuppdatering/%ld", target_id[P.R]);
	h_mp_field(&mp, "csrf", h_csrf(rep));
	h_mp_field(&mp, "styrelse", "Ada Andersson, ordförande\nBo Berg, kassör\n");
	h_mp_field(&mp, "medlemmar", "777");
	h_mp_field(&mp, "epost", "arsmote@kvarnen.example");
	h_mp_field(&mp, "telefon", "040-123 45 67");
	h_mp_field(&mp, "webbplats", "https://kvarnen.example");
	h_mp_file(&mp, "protokoll", "arsmote.pdf", "application/pdf", PDF, strlen(PDF));
	h_mp_end(&mp);
	h_post_multipart(rep, path, &mp, &r);
	if (r.status == 303 && hresp_header(&r, "Location", loc, sizeof(loc)))
		sscanf(loc, "/arenden/%31[^?]", dnr);
	h_check(r.status == 303 && dnr[0], "R's yearly update is case %s", dnr);
	hresp_free(&r);
	hstr_free(&mp);
	write_begins("granting R's yearly update", P.R, NULL, 0);
	h_check(h_decide(officer, dnr, "bifall") == 303, "the officer grants it (303)");
	int e = write_ends(P.R);
	h_check(epochs[e].t[P.R].members == 777 &&
	                strcmp(epochs[e].t[P.R].email, "arsmote@kvarnen.example") == 0,
	        "the database: R has 777 members and its new e-mail");
}

/* Stops the readers and says, for each write, whether every one of their
 * fetches after it showed it. */
static void
readers_report(pthread_t *readers, int last)
{
	pthread_mutex_lock(&lock);
	stop = 1;
	pthread_cond_broadcast(&ready_cond);
	pthread_mutex_unlock(&lock);
	for (int i = 0; i < READERS; i++)
		pthread_join(readers[i], NULL);
	for (int k = 0; k <= last; k++) {
		long n = 0, least = judged[0][k];
		for (int i = 0; i < READERS; i++) {
			n += judged[i][k];
			least = judged[i][k] < least ? judged[i][k] : least;
		}
		if (!h_check(bad[k] == 0 && least > 0,
		             "readers after %s: each fetch showed it (%ld fetches, %ld wrong)",
		             epochs[k].what, n, bad[k]))
			for (int i = 0; i < nviolations; i++)
				if (violations[i].epoch == k)
					h_note("reader %d: %s", violations[i].reader,
					       violations[i].text);
	}
}

int
main(void)
{
	h_demo_associations(ASSOCIATIONS);
	h_serve_own_files();
	h_start();
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	visitor = h_client();
	admin = h_client();
	officer = h_client();
	rep = h_client();
	h_check(h_login(admin, "admin") == 303 && h_login(officer, "officer") == 303 &&
	                h_login(rep, "representative") == 303,
	        "the administrator, an officer and the demo representative sign in");
	plan();
	expect(0);
	snprintf(epochs[0].what, sizeof(epochs[0].what), "the start");
	urls_of_views();
	h_check(count(0, P.a_num) == 1 && count(0, P.b_num) == 1 && count(0, P.c_num) == 1 &&
	                count(0, P.h_num) == 1 && count(0, P.a_new) == 0 && count(0, P.f_word) == 0,
	        "the database: each serial finds one, the new words none (A %ld, B %ld, C %ld, D "
	        "%ld, E %ld, H %ld, R %ld; %d pages and answers to check)",
	        P.a->id, P.b->id, P.c->id, P.d->id, P.e->id, P.h->id, target_id[P.R], nurls);
	for (int k = 0; k < NDEEP; k++)
		h_check(pages_of(count(0, P.deep[k])) >= (k < 3 ? 3 : 2),
		        "the database: %s has %d pages (%d or more)",
		        urls[url_of(LIST, P.deep[k], 1)].path, pages_of(count(0, P.deep[k])),
		        k < 3 ? 3 : 2);
	check_deep(0, P.A, "renamed,");
	check_deep(0, P.B, "hidden,");
	check_deep(0, P.H, "deleted,");
	sweep(0, P.A);

	pthread_t readers[READERS];
	for (long i = 0; i < READERS; i++)
		pthread_create(&readers[i], NULL, read_loop, (void *)i);
	h_check(readers_caught_up(0), "each of %d readers fetched every page once", READERS);
	rename_a();
	show_b(0);
	deactivate_c();
	move_d();
	reform_e();
	import_f();
	add_g();
	delete_h();
	update_r();
	show_b(1);
	int last = writing;
	h_check(bystander_saves == last,
	        "before each of the %d writes the administrator saved Z unchanged (%d times 303)",
	        last, bystander_saves);
	readers_report(readers, last);

	clock_gettime(CLOCK_MONOTONIC, &t1);
	h_note("%d writes, %d pages and answers checked after each, in %.1f s", last, nurls,
	       (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	h_client_free(visitor);
	h_client_free(admin);
	h_client_free(officer);
	h_client_free(rep);
	free(rows);
	for (int k = 0; k <= last; k++)
		for (int v = 0; v < nviews; v++) {
			for (int i = 0; i < epochs[k].list[v].n; i++)
				free(epochs[k].list[v].names[i]);
			free(epochs[k].list[v].names);
			free(epochs[k].list[v].ids);
		}
	return h_finish();
}
