/* The public register as a visitor and a re-user of open data meet it:
 * pages, order, search, filters, hidden associations, JSON and CSV. */
#include "harness.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct hclient *anon, *admin;

static const char *const csv_header[] = {
        "organisationsnummer", "namn",  "form",    "andamal",   "omraden",
        "malgrupper",          "epost", "telefon", "webbplats", "grundad",
        "medlemmar",
};
enum { NCOLS = 11 };

/* A parsed CSV file: every row's fields, each a malloc'd string. */
struct table {
	char ***rows;
	int *nf;
	int n;
};

/* RFC 4180, written independently of the server's own CSV code: quoted
 * fields may hold commas, quotes (doubled) and line breaks. -1 when the
 * text is not well-formed. */
static int
csv_read(const char *s, size_t n, struct table *t)
{
	size_t i = 0, cap = 0;
	memset(t, 0, sizeof(*t));
	while (i < n) {
		char **fields = NULL;
		int nf = 0;
		for (;;) {
			struct hstr f = {0};
			hstr_add(&f, "", 0);
			if (i < n && s[i] == '"') {
				i++;
				for (;;) {
					if (i >= n)
						return -1;
					if (s[i] == '"' && i + 1 < n && s[i + 1] == '"') {
						hstr_add(&f, "\"", 1);
						i += 2;
					} else if (s[i] == '"') {
						i++;
						break;
					} else {
						hstr_add(&f, s + i++, 1);
					}
				}
			} else {
				while (i < n && s[i] != ',' && s[i] != '\r' && s[i] != '\n') {
					if (s[i] == '"')
						return -1;
					hstr_add(&f, s + i++, 1);
				}
			}
			fields = realloc(fields, (size_t)(nf + 1) * sizeof(*fields));
			fields[nf++] = f.p;
			if (i < n && s[i] == ',') {
				i++;
				continue;
			}
			if (i < n && s[i] == '\r')
				i++;
			if (i < n && s[i] != '\n')
				return -1;
			i++;
			break;
		}
		if ((size_t)t->n == cap) {
			cap = cap ? cap * 2 : 64;
			t->rows = realloc(t->rows, cap * sizeof(*t->rows));
			t->nf = realloc(t->nf, cap * sizeof(*t->nf));
		}
		t->rows[t->n] = fields;
		t->nf[t->n++] = nf;
	}
	return 0;
}

static void
table_free(struct table *t)
{
	for (int r = 0; r < t->n; r++) {
		for (int f = 0; f < t->nf[r]; f++)
			free(t->rows[r][f]);
		free(t->rows[r]);
	}
	free(t->rows);
	free(t->nf);
}

static json_t *
get_json(const char *path, long *status)
{
	struct hresp r;
	h_get(anon, path, &r);
	*status = r.status;
	json_t *j = r.status == 200 ? json_loads(r.body.p, 0, NULL) : NULL;
	hresp_free(&r);
	return j;
}

static const char *
jstr(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	return json_is_string(v) ? json_string_value(v) : "";
}

/* The ids of the associations linked on a list page, in order. */
static int
page_ids(const struct hresp *r, long *ids, int max)
{
	int n = 0;
	const char *needle = "<h2><a href=\"/foreningar/";
	for (const char *p = r->body.p; p && (p = strstr(p, needle)) && n < max; p++)
		ids[n++] = strtol(p + strlen(needle), NULL, 10);
	return n;
}

/* The names linked on a list page, in order, into one string split by |. */
static void
page_names(const struct hresp *r, struct hstr *out)
{
	const char *needle = "<h2><a href=\"/foreningar/";
	for (const char *p = r->body.p; p && (p = strstr(p, needle)); p++) {
		const char *gt = strchr(p + strlen(needle), '>');
		const char *end = gt ? strstr(gt, "</a>") : NULL;
		if (!end)
			break;
		hstr_add(out, gt + 1, (size_t)(end - gt - 1));
		hstr_puts(out, "|");
	}
}

static void
paging(void)
{
	struct hresp r1, r2;
	long a[64], b[64];
	h_get(anon, "/foreningar", &r1);
	long total = h_page_total(&r1);
	int n1 = page_ids(&r1, a, 64);
	h_check(r1.status == 200, "GET /foreningar: 200");
	h_check(n1 == 50, "the first page lists 50 associations (got %d)", n1);
	h_check(total > 100, "the hit count is shown (%ld)", total);
	h_check(h_api_total(anon, "") == total, "the API's total equals the page's count");
	long pages = (total + 49) / 50;
	char want[128];
	snprintf(want, sizeof(want), "sida 1 av %ld", pages);
	h_check(hresp_has(&r1, want), "the page says \"%s\"", want);
	h_check(hresp_has(&r1, "href=\"/foreningar?sida=2\" rel=\"next\""),
	        "there is a link to the next page");

	h_get(anon, "/foreningar?sida=2", &r2);
	int n2 = page_ids(&r2, b, 64), overlap = 0;
	for (int i = 0; i < n1; i++)
		for (int k = 0; k < n2; k++)
			overlap += a[i] == b[k];
	h_check(r2.status == 200 && n2 == 50 && overlap == 0,
	        "?sida=2 lists 50 other associations (%d listed, %d in common)", n2, overlap);
	h_check(hresp_has(&r2, "rel=\"prev\""), "page 2 links back");
	hresp_free(&r2);

	char path[64];
	snprintf(path, sizeof(path), "/foreningar?sida=%ld", pages);
	h_get(anon, path, &r2);
	n2 = page_ids(&r2, b, 64);
	h_check(n2 == (int)(total - 50 * (pages - 1)), "the last page lists the rest (%d)", n2);
	hresp_free(&r2);
	snprintf(path, sizeof(path), "/foreningar?sida=%ld", pages + 1);
	h_get(anon, path, &r2);
	h_check(r2.status == 200 && page_ids(&r2, b, 64) == 0, "a page past the end is empty");
	hresp_free(&r2);
	h_get(anon, "/foreningar?sida=abc", &r2);
	n2 = page_ids(&r2, b, 64);
	h_check(r2.status == 200 && n2 == 50 && b[0] == a[0], "?sida=abc shows the first page");
	hresp_free(&r2);
	hresp_free(&r1);
}

/* Imports a CSV file with the command, as an operator would. */
static int
import(const char *name, const char *csv, struct hstr *out, struct hstr *err)
{
	const char *path = h_path(name);
	h_write_file(path, csv);
	const char *argv[] = {"samverka", "import", "foreningar", "--db", H.db_url, path, NULL};
	return h_run(argv, NULL, out, err);
}

static const char quoted_purpose[] =
        "Vi säger \"hej\", och\nså vidare; med komma, citat och radbrytning.";

/* Names beginning with Å, Ä and Ö come after Z, as in a Swedish dictionary;
 * É sorts as E. */
static void
swedish_order(void)
{
	static const char *const names[] = {"Öland Sorteringsprov", "Zeta Sorteringsprov",
	                                    "Ärla Sorteringsprov",  "Ada Sorteringsprov",
	                                    "Åsa Sorteringsprov",   "Oskar Sorteringsprov",
	                                    "Émile Sorteringsprov"};
	const char *order = "Ada Sorteringsprov|Émile Sorteringsprov|Oskar Sorteringsprov|"
	                    "Zeta Sorteringsprov|Åsa Sorteringsprov|Ärla Sorteringsprov|"
	                    "Öland Sorteringsprov|";
	struct hstr csv = {0}, out = {0}, err = {0};
	hstr_puts(&csv, "organisationsnummer,namn,form,andamal,omraden,malgrupper,epost,telefon,"
	                "webbplats,grundad,medlemmar\n");
	for (int i = 0; i < 7; i++) {
		char nine[10], orgnr[12];
		snprintf(nine, sizeof(nine), "80277700%d", i);
		h_orgnr(nine, orgnr);
		hstr_printf(&csv, "%s,%s,ideell,Ett prov av ordningen.,Lindängen,Barn,,,,,\n",
		            orgnr, names[i]);
	}
	char citat[12];
	h_orgnr("802777100", citat);
	hstr_printf(&csv, "%s,Citatföreningen,stiftelse,\"", citat);
	for (const char *p = quoted_purpose; *p; p++) {
		if (*p == '"')
			hstr_add(&csv, p, 1); /* a quote is doubled inside quotes */
		hstr_add(&csv, p, 1);
	}
	hstr_puts(&csv, "\",Hyllie|Lindängen,Barn|Äldre,,,,1950,\n");
	int rc = import("order.csv", csv.p, &out, &err);
	h_check(rc == 0 && out.p && strstr(out.p, "imported 8 associations"),
	        "importing eight associations works (%d: %.*s%s)", rc,
	        out.p ? (int)strcspn(out.p, "\n") : 0, out.p ? out.p : "", err.p ? err.p : "");

	struct hresp r;
	struct hstr got = {0};
	h_get(anon, "/foreningar?q=Sorteringsprov", &r);
	page_names(&r, &got);
	h_check(got.p && strcmp(got.p, order) == 0, "search results in Swedish order: %s",
	        got.p ? got.p : "(none)");
	hresp_free(&r);

	long total = h_api_total(anon, "");
	char path[64];
	snprintf(path, sizeof(path), "/foreningar?sida=%ld", (total + 49) / 50);
	h_get(anon, path, &r);
	hstr_free(&got);
	page_names(&r, &got);
	const char *tail = "Åsa Sorteringsprov|Ärla Sorteringsprov|Öland Sorteringsprov|";
	h_check(got.n >= strlen(tail) && strcmp(got.p + got.n - strlen(tail), tail) == 0,
	        "the whole register ends with Å, Ä, Ö after every Z");
	hresp_free(&r);
	hstr_free(&got);
	hstr_free(&csv);
	hstr_free(&out);
	hstr_free(&err);
}

/* Every item of an API answer passes pred; the number of items. */
static int
all_items(const char *query, const char *key, const char *want, int in_array, long *total)
{
	char path[512];
	long st;
	snprintf(path, sizeof(path), "/api/v1/foreningar?%s", query);
	json_t *j = get_json(path, &st);
	json_t *items = json_object_get(j, "items");
	*total = j ? (long)json_integer_value(json_object_get(j, "total")) : -1;
	int ok = json_array_size(items) > 0;
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
	{
		if (in_array) {
			int found = 0;
			size_t k;
			json_t *v;
			json_array_foreach(json_object_get(it, key), k, v) found |=
			        strcmp(json_string_value(v), want) == 0;
			ok &= found;
		} else {
			char lower[4096];
			snprintf(lower, sizeof(lower), "%s %s", jstr(it, "namn"), jstr(it, key));
			for (char *p = lower; *p; p++)
				if (*p >= 'A' && *p <= 'Z')
					*p = (char)(*p + 32);
			ok &= strstr(lower, want) != NULL;
		}
	}
	int n = (int)json_array_size(items);
	json_decref(j);
	return ok ? n : -1;
}

/* The page's hit count for a query string equals the API's total. */
static long
page_total(const char *query)
{
	char path[512];
	struct hresp r;
	snprintf(path, sizeof(path), "/foreningar?%s", query);
	h_get(anon, path, &r);
	long t = r.status == 200 ? h_page_total(&r) : -1;
	hresp_free(&r);
	return t;
}

static void
search(void)
{
	long all = h_api_total(anon, ""), t;
	static const struct {
		const char *q, *word, *what;
	} words[] = {
	        {"q=innebandy", "innebandy", "a word of the purpose"},
	        {"q=INNEBANDY", "innebandy", "the same word in capitals"},
	        {"q=konsert", "konsert", "the start of a word (konsert finds konserter)"},
	        {"q=idrott", "idrott", "a prefix of a compound (idrott finds Idrottsförening)"},
	        {"q=l%C3%A4xhj%C3%A4lp", "läxhjälp", "a word with ä (läxhjälp)"},
	        {"q=fotboll+flickors", "flickors", "two words, both required"},
	};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		int n = all_items(words[i].q, "andamal", words[i].word, 0, &t);
		h_check(n > 0 && t < all, "?%s finds by %s: %ld hits, each containing '%s'",
		        words[i].q, words[i].what, t, words[i].word);
		h_check(page_total(words[i].q) == t, "?%s: the page's count equals the API's",
		        words[i].q);
	}
	h_check(h_api_total(anon, "q=innebandy") == h_api_total(anon, "q=INNEBANDY"),
	        "search ignores case");
	h_check(h_api_total(anon, "q=fotboll+flickors") <= h_api_total(anon, "q=fotboll"),
	        "a second word narrows the search");

	struct hresp r;
	h_get(anon, "/foreningar?q=xyzzyfinnsinte", &r);
	h_check(h_page_total(&r) == 0 && hresp_has(&r, "Inga föreningar matchar"),
	        "a word found nowhere: 0 hits and a helpful message");
	hresp_free(&r);

	static const char *const odd[] = {
	        "q=%22",
	        "q=*",
	        "q=-",
	        "q=innebandy+OR",
	        "q=NEAR(a+b)",
	        "q=a%3Ab",
	        "q=(",
	        "q=%27",
	        "q=%5C",
	        "q=%26%7C!",
	        "q=%3A*",
	        "q=innebandy%22+AND+%22",
	        "q=+++",
	        "q=%E2%80%94",
	        "q=%F0%9F%98%80",
	        "q=name%3Ainnebandy",
	        "form=%22",
	        "form=ideell+OR+x",
	        "q=idrott&form=%22*",
	        "q=idrott&form=IDEELL%29",
	};
	int fine = 1;
	for (size_t i = 0; i < sizeof(odd) / sizeof(odd[0]); i++) {
		char path[128];
		snprintf(path, sizeof(path), "/foreningar?%s", odd[i]);
		h_get(anon, path, &r);
		if (r.status != 200 || h_page_total(&r) < 0) {
			fine = 0;
			h_note("%s answered %ld", path, r.status);
		}
		hresp_free(&r);
		snprintf(path, sizeof(path), "/api/v1/foreningar?%s", odd[i]);
		h_get(anon, path, &r);
		if (r.status != 200) {
			fine = 0;
			h_note("%s answered %ld", path, r.status);
		}
		hresp_free(&r);
	}
	h_check(fine, "search words with the engines' operator characters are answered, not 500");
}

static void
filters(void)
{
	long all = h_api_total(anon, ""), t, sum = 0;
	int n = all_items("omrade=lindangen", "omraden", "Lindängen", 1, &t);
	h_check(n > 0 && t < all, "?omrade=lindangen narrows to %ld, each in Lindängen", t);
	h_check(page_total("omrade=lindangen") == t, "?omrade: the page's count equals the API's");
	n = all_items("malgrupp=aldre", "malgrupper", "Äldre", 1, &t);
	h_check(n > 0 && t < all, "?malgrupp=aldre narrows to %ld, each for Äldre", t);
	h_check(page_total("malgrupp=aldre") == t, "?malgrupp: the page's count equals the API's");
	static const char *const forms[] = {"ideell", "stiftelse", "trossamfund", "ekonomisk",
	                                    "informell"};
	for (int i = 0; i < 5; i++) {
		char q[64];
		snprintf(q, sizeof(q), "form=%s", forms[i]);
		long ft = h_api_total(anon, q);
		sum += ft;
		if (ft > 0) {
			char path[96];
			long st;
			snprintf(path, sizeof(path), "/api/v1/foreningar?%s", q);
			json_t *j = get_json(path, &st);
			size_t k;
			json_t *it;
			int same = 1;
			json_array_foreach(json_object_get(j, "items"), k, it) same &=
			        strcmp(jstr(it, "form"), forms[i]) == 0;
			json_decref(j);
			h_check(same && ft < all && page_total(q) == ft,
			        "?%s narrows to %ld, each of that form", q, ft);
		}
	}
	h_check(sum == all, "the five forms add up to the whole register (%ld of %ld)", sum, all);
	long both = h_api_total(anon, "omrade=lindangen&form=ideell");
	h_check(both > 0 && both <= h_api_total(anon, "omrade=lindangen") &&
	                both <= h_api_total(anon, "form=ideell"),
	        "two filters together narrow further (%ld)", both);
	h_check(h_api_total(anon, "omrade=finns-inte") == 0, "an unknown area matches nothing");
	h_check(h_api_total(anon, "form=ide%22ell") == 0 && h_api_total(anon, "form=IDEELL") == 0,
	        "an unknown form matches nothing");
	h_check(page_total("q=idrott&omrade=lindangen") ==
	                h_api_total(anon, "q=idrott&omrade=lindangen"),
	        "search and filter combine the same on the page and in the API");
}

static const char *const keys[] = {
        "id",    "namn",    "organisationsnummer", "form",    "andamal",  "omraden", "malgrupper",
        "epost", "telefon", "webbplats",           "grundad", "medlemmar"};

/* Every documented field, with its JSON type. */
static int
item_shape_ok(json_t *it)
{
	int ok = json_is_object(it) && json_object_size(it) == 12;
	for (int k = 0; k < 12 && ok; k++)
		ok = json_object_get(it, keys[k]) != NULL;
	ok = ok && json_is_integer(json_object_get(it, "id")) &&
	     json_is_string(json_object_get(it, "namn")) &&
	     (json_is_string(json_object_get(it, "organisationsnummer")) ||
	      json_is_null(json_object_get(it, "organisationsnummer"))) &&
	     json_is_string(json_object_get(it, "form")) &&
	     json_is_string(json_object_get(it, "andamal")) &&
	     json_is_array(json_object_get(it, "omraden")) &&
	     json_is_array(json_object_get(it, "malgrupper")) &&
	     json_is_string(json_object_get(it, "epost")) &&
	     json_is_string(json_object_get(it, "telefon")) &&
	     json_is_string(json_object_get(it, "webbplats")) &&
	     (json_is_integer(json_object_get(it, "grundad")) ||
	      json_is_null(json_object_get(it, "grundad"))) &&
	     (json_is_integer(json_object_get(it, "medlemmar")) ||
	      json_is_null(json_object_get(it, "medlemmar")));
	return ok;
}

/* The API and the detail page, and that they agree with each other. */
static void
api_and_detail(void)
{
	struct hresp r;
	char v[128];
	h_get(anon, "/api/v1/foreningar", &r);
	h_check(r.status == 200 && hresp_header(&r, "Content-Type", v, sizeof(v)) &&
	                strncmp(v, "application/json", 16) == 0,
	        "the API answers application/json");
	json_error_t e;
	json_t *j = json_loads(r.body.p, JSON_REJECT_DUPLICATES, &e);
	hresp_free(&r);
	json_t *items = json_object_get(j, "items");
	h_check(json_is_integer(json_object_get(j, "total")) &&
	                json_integer_value(json_object_get(j, "page")) == 1 &&
	                json_array_size(items) == 50,
	        "the API has total, page 1 and 50 items");
	int shape = json_array_size(items) > 0;
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it) shape &= item_shape_ok(it);
	h_check(shape, "every item has the documented fields with their types");

	long st;
	json_t *p2 = get_json("/api/v1/foreningar?sida=2", &st);
	json_t *first2 = json_array_get(json_object_get(p2, "items"), 0);
	h_check(json_integer_value(json_object_get(p2, "page")) == 2 && first2 &&
	                !json_equal(first2, json_array_get(items, 0)),
	        "?sida=2 gives page 2 with other items");
	json_decref(p2);

	/* one with an organisationsnummer and the details filled in */
	json_t *one = NULL;
	json_array_foreach(items, i, it) if (!one && json_is_string(json_object_get(
	                                                     it, "organisationsnummer"))) one = it;
	long id = one ? (long)json_integer_value(json_object_get(one, "id")) : 0;
	char path[64];
	snprintf(path, sizeof(path), "/api/v1/foreningar/%ld", id);
	json_t *single = get_json(path, &st);
	h_check(st == 200 && item_shape_ok(single) && json_equal(single, one),
	        "/api/v1/foreningar/%ld is the same object as in the list", id);
	json_decref(single);

	snprintf(path, sizeof(path), "/foreningar/%ld", id);
	h_get(anon, path, &r);
	struct hstr h1 = {0};
	hstr_printf(&h1, "<h1>%s</h1>", jstr(one, "namn"));
	h_check(r.status == 200 && hresp_has(&r, h1.p), "the detail page shows the name (%s)",
	        jstr(one, "namn"));
	h_check(hresp_has(&r, jstr(one, "organisationsnummer")),
	        "the detail page shows the organisationsnummer %s",
	        jstr(one, "organisationsnummer"));
	h_check(hresp_has(&r, jstr(one, "andamal")), "the detail page shows the purpose");
	hresp_free(&r);
	hstr_free(&h1);
	json_decref(j);

	h_get(anon, "/api/v1/foreningar/999999999", &r);
	h_check(r.status == 404 && hresp_header(&r, "Content-Type", v, sizeof(v)) &&
	                strncmp(v, "application/json", 16) == 0,
	        "an unknown id in the API: 404 as JSON");
	hresp_free(&r);
}

/* Adds an association through the admin form; its id. */
static long
add_hidden(const char *name, int aktiv, int offentlig)
{
	struct hstr f = {0};
	char orgnr[12], nine[10], loc[128];
	static int seq;
	snprintf(nine, sizeof(nine), "80288800%d", seq++);
	h_orgnr(nine, orgnr);
	h_form_add(&f, "csrf", h_csrf(admin));
	h_form_add(&f, "namn", name);
	h_form_add(&f, "form", "ideell");
	h_form_add(&f, "organisationsnummer", orgnr);
	h_form_add(&f, "andamal", "Doldisprov i registret.");
	if (aktiv)
		h_form_add(&f, "aktiv", "1");
	if (offentlig)
		h_form_add(&f, "offentlig", "1");
	struct hresp r;
	h_post(admin, "/admin/foreningar/ny", f.p, &r);
	long id = 0;
	if (r.status == 303 && hresp_header(&r, "Location", loc, sizeof(loc)))
		sscanf(loc, "/admin/foreningar/%ld", &id);
	hresp_free(&r);
	hstr_free(&f);
	return id;
}

/* Page and API agree that a hidden association does not exist. */
static void
check_hidden(long id, const char *what)
{
	char path[64];
	struct hresp r;
	snprintf(path, sizeof(path), "/foreningar/%ld", id);
	h_get(anon, path, &r);
	h_check(r.status == 404, "%s (id %ld): its page is 404 (got %ld)", what, id, r.status);
	hresp_free(&r);
	snprintf(path, sizeof(path), "/api/v1/foreningar/%ld", id);
	h_get(anon, path, &r);
	h_check(r.status == 404, "%s (id %ld): the API says 404 (got %ld)", what, id, r.status);
	hresp_free(&r);
}

static void
hidden(void)
{
	h_check(h_login(admin, "admin") == 303, "the admin signs in");
	long before = h_api_total(anon, "");
	long shown = add_hidden("Synlig Doldisprovare", 1, 1);
	long secret = add_hidden("Hemlig Doldisprovare", 1, 0);
	long asleep = add_hidden("Vilande Doldisprovare", 0, 1);
	h_check(shown && secret && asleep, "three associations added through the admin form");
	struct hresp r;
	char path[64];
	snprintf(path, sizeof(path), "/foreningar/%ld", shown);
	h_get(anon, path, &r);
	h_check(r.status == 200, "the public, active one has a page");
	hresp_free(&r);
	check_hidden(secret, "not public");
	check_hidden(asleep, "inactive");
	h_check(h_api_total(anon, "q=Doldisprovare") == 1,
	        "search finds only the public, active one");
	h_check(h_api_total(anon, "") == before + 1, "the total grew by one, not three");

	/* the search follows each change of visibility and name */
	char q[160];
	snprintf(q, sizeof(q), "UPDATE associations SET public = 1 WHERE id = %ld", secret);
	h_check(h_sql(q, NULL) == 0 && h_api_total(anon, "q=Doldisprovare") == 2 &&
	                h_api_total(anon, "q=Hemlig") == 1,
	        "made public, the secret one is found too");
	snprintf(q, sizeof(q), "UPDATE associations SET active = 0 WHERE id = %ld", shown);
	h_check(h_sql(q, NULL) == 0 && h_api_total(anon, "q=Doldisprovare") == 1 &&
	                h_api_total(anon, "q=Synlig") == 0,
	        "made inactive, the shown one is no longer found");
	snprintf(q, sizeof(q),
	         "UPDATE associations SET name = 'Namnbytarnas förening' WHERE id = %ld", secret);
	h_check(h_sql(q, NULL) == 0 && h_api_total(anon, "q=Hemlig") == 0 &&
	                h_api_total(anon, "q=Namnbytarnas") == 1,
	        "renamed, it is found by its new name only");
	snprintf(q, sizeof(q), "DELETE FROM associations WHERE id IN (%ld, %ld, %ld)", shown,
	         secret, asleep);
	h_check(h_sql(q, NULL) == 0 && h_api_total(anon, "q=Namnbytarnas") == 0 &&
	                h_api_total(anon, "") == before,
	        "deleted, none is found and the total is as before");

	/* the demo's own: every 41st inactive, every 53rd not public */
	h_get(admin, "/admin/foreningar", &r);
	int found = 0;
	for (const char *p = r.body.p; p && (p = strstr(p, "<tr><td><a href=\"/admin/foreningar/"));
	     p++) {
		long id = strtol(p + strlen("<tr><td><a href=\"/admin/foreningar/"), NULL, 10);
		const char *end = strstr(p, "</tr>");
		const char *inactive = strstr(p, "Inaktiv"), *private = strstr(p, "ej offentlig");
		if (end && ((inactive && inactive < end) || (private && private < end)) &&
		    id != secret && id != asleep) {
			check_hidden(id, inactive && inactive < end
			                         ? "a demo association marked Inaktiv"
			                         : "a demo association, ej offentlig");
			found++;
		}
	}
	h_check(found > 0, "the admin list shows hidden demo associations (%d)", found);
	hresp_free(&r);
}

static void
csv_export(void)
{
	struct hresp r;
	char v[256];
	h_get(anon, "/oppna-data/foreningar.csv", &r);
	h_check(r.status == 200 && hresp_header(&r, "Content-Type", v, sizeof(v)) &&
	                strcmp(v, "text/csv; charset=utf-8") == 0,
	        "the CSV is text/csv; charset=utf-8");
	h_check(hresp_header(&r, "Content-Disposition", v, sizeof(v)) && strstr(v, "attachment") &&
	                strstr(v, "foreningar.csv"),
	        "the CSV downloads as foreningar.csv");
	struct table t;
	int rc = csv_read(r.body.p, r.body.n, &t);
	hresp_free(&r);
	h_check(rc == 0 && t.n > 1, "the CSV parses as RFC 4180 (%d records)", t.n);
	int header = t.n > 0 && t.nf[0] == NCOLS;
	for (int i = 0; header && i < NCOLS; i++)
		header = strcmp(t.rows[0][i], csv_header[i]) == 0;
	h_check(header, "the header is the documented one");
	long total = h_api_total(anon, "");
	h_check(t.n - 1 == total, "one row per association: %d rows, the API's total %ld", t.n - 1,
	        total);
	int width = 1;
	for (int i = 1; i < t.n; i++)
		width &= t.nf[i] == NCOLS;
	h_check(width, "every row has 11 fields");

	/* the rows agree with the API, quoting included */
	long st;
	json_t *j = get_json("/api/v1/foreningar?q=Citatf%C3%B6reningen", &st);
	json_t *it = json_array_get(json_object_get(j, "items"), 0);
	h_check(it && strcmp(jstr(it, "andamal"), quoted_purpose) == 0,
	        "the imported purpose with quotes, commas and a line break is kept in the API");
	int row = -1;
	for (int i = 1; i < t.n && it; i++)
		if (strcmp(t.rows[i][0], jstr(it, "organisationsnummer")) == 0)
			row = i;
	h_check(row > 0 && strcmp(t.rows[row][1], "Citatföreningen") == 0 &&
	                strcmp(t.rows[row][3], quoted_purpose) == 0,
	        "its CSV row has the same purpose, quotes, commas and line break intact");
	h_check(row > 0 && strcmp(t.rows[row][4], "Hyllie|Lindängen") == 0 &&
	                strcmp(t.rows[row][5], "Barn|Äldre") == 0 &&
	                strcmp(t.rows[row][9], "1950") == 0 && strcmp(t.rows[row][10], "") == 0,
	        "its areas and groups are |-separated, an empty number is an empty field");
	json_decref(j);

	j = get_json("/api/v1/foreningar", &st);
	int same = 1;
	size_t k;
	json_array_foreach(json_object_get(j, "items"), k, it)
	{
		const char *on = jstr(it, "organisationsnummer");
		int found = 0;
		for (int i = 1; i < t.n && *on; i++)
			if (strcmp(t.rows[i][0], on) == 0)
				found = strcmp(t.rows[i][1], jstr(it, "namn")) == 0 &&
				        strcmp(t.rows[i][3], jstr(it, "andamal")) == 0;
		same &= !*on || found;
	}
	h_check(same,
	        "the first API page's associations have the same name and purpose in the CSV");
	json_decref(j);
	table_free(&t);
}

/* The text of the list row that links to association id (from its <li>
 * to its </li>) into out; 0 when the page has none. */
static int
row_of(const struct hresp *r, long id, char *out, size_t n)
{
	char link[64];
	snprintf(link, sizeof link, "<a href=\"/foreningar/%ld\">", id);
	const char *at = r->body.p ? strstr(r->body.p, link) : NULL;
	const char *end = at ? strstr(at, "</li>") : NULL;
	if (!end)
		return 0;
	snprintf(out, n, "%.*s", (int)(end - at), at);
	return 1;
}

/* The list page's rows are kept as rendered (register/rows.c) and must
 * still be drawn anew whenever what they show changes: the association's
 * name or purpose, the name of its area — written by another process —
 * and each language has its own. */
static void
rows_follow_writes(void)
{
	char id[32] = "", slug[64] = "", area[128] = "", row[2048] = "", path[256];
	h_sql_line("SELECT a.id FROM associations a JOIN association_areas x ON "
	           "x.association_id = a.id WHERE a.public = 1 AND a.active = 1 "
	           "ORDER BY a.pos LIMIT 1",
	           id, sizeof id);
	h_sql_line("SELECT r.slug FROM areas r JOIN association_areas x ON x.area_id = r.id "
	           "WHERE x.association_id = (SELECT a.id FROM associations a JOIN "
	           "association_areas y ON y.association_id = a.id WHERE a.public = 1 AND "
	           "a.active = 1 ORDER BY a.pos LIMIT 1) ORDER BY r.name LIMIT 1",
	           slug, sizeof slug);
	snprintf(path, sizeof path, "SELECT name FROM areas WHERE slug = '%s'", slug);
	h_sql_line(path, area, sizeof area);
	long n = atol(id);
	struct hresp r;
	h_get(anon, "/foreningar?v=1", &r);
	int shown = row_of(&r, n, row, sizeof row);
	hresp_free(&r);
	h_check(shown && strstr(row, area) != NULL, "the first row (%ld) names its area %s", n,
	        area);
	static const char *const forms[][3] = {
	        {"ideell", "Ideell förening", "Non-profit association"},
	        {"stiftelse", "Stiftelse", "Foundation"},
	        {"trossamfund", "Registrerat trossamfund", "Registered religious community"},
	        {"ekonomisk", "Ekonomisk förening", "Economic association"},
	        {"informell", "Informellt nätverk", "Informal network"},
	};
	char form[32], meta[2][128] = {"", ""};
	snprintf(path, sizeof path, "SELECT form FROM associations WHERE id = %ld", n);
	h_sql_line(path, form, sizeof form);
	for (size_t i = 0; i < sizeof forms / sizeof *forms; i++)
		if (strcmp(forms[i][0], form) == 0)
			for (int l = 0; l < 2; l++)
				snprintf(meta[l], sizeof meta[l], "class=\"meta\">%s",
				         forms[i][1 + l]);
	h_check(shown && *meta[0] && strstr(row, meta[0]), "in Swedish the row says %s", meta[0]);
	h_get(anon, "/foreningar?lang=en&v=2", &r);
	shown = row_of(&r, n, row, sizeof row);
	hresp_free(&r);
	h_check(shown && *meta[1] && strstr(row, meta[1]),
	        "in English the same row is its own, not the Swedish one kept: %s", row);

	char sql[512];
	snprintf(sql, sizeof sql, "UPDATE areas SET name = 'Radområdet' WHERE slug = '%s'", slug);
	h_check(h_sql(sql, NULL) == 0, "another process renames the area");
	h_other_process_wrote(H_NOTIFY_MS);
	h_get(anon, "/foreningar?v=3", &r);
	shown = row_of(&r, n, row, sizeof row);
	hresp_free(&r);
	h_check(shown && strstr(row, "Radområdet") && !strstr(row, area),
	        "the row, its association unchanged, names the area anew: %s", row);
	snprintf(sql, sizeof sql,
	         "UPDATE associations SET name = 'Radprovet ' || name, purpose = "
	         "'Omskrivet syfte för radprovet.' WHERE id = %ld",
	         n);
	h_check(h_sql(sql, NULL) == 0, "another process renames the association");
	h_other_process_wrote(H_NOTIFY_MS);
	for (int lang = 0; lang < 2; lang++) {
		h_get(anon, lang ? "/foreningar?lang=en&v=4" : "/foreningar?lang=sv&v=4", &r);
		shown = row_of(&r, n, row, sizeof row);
		hresp_free(&r);
		h_check(shown && strstr(row, ">Radprovet ") &&
		                strstr(row, "Omskrivet syfte för radprovet."),
		        "%s, the row shows the new name and purpose: %s",
		        lang ? "in English" : "in Swedish", row);
	}
	/* the API's rows are kept too, and show the members and contacts */
	long st;
	json_t *j = get_json("/api/v1/foreningar?v=5", &st);
	json_decref(j);
	snprintf(sql, sizeof sql, "UPDATE associations SET members = 4321 WHERE id = %ld", n);
	h_check(h_sql(sql, NULL) == 0, "another process changes the members alone");
	h_other_process_wrote(H_NOTIFY_MS);
	j = get_json("/api/v1/foreningar?v=6", &st);
	json_t *it, *found = NULL;
	size_t k;
	json_array_foreach(json_object_get(j, "items"), k, it)
	{
		if (json_integer_value(json_object_get(it, "id")) == n)
			found = it;
	}
	h_check(found && json_integer_value(json_object_get(found, "medlemmar")) == 4321,
	        "the API's first page shows the new number of members of %ld", n);
	json_decref(j);
	snprintf(sql, sizeof sql, "UPDATE areas SET name = '%s' WHERE slug = '%s'", area, slug);
	h_sql(sql, NULL);
	h_other_process_wrote(H_NOTIFY_MS);
}

int
main(void)
{
	h_start();
	anon = h_client();
	admin = h_client();
	paging();
	swedish_order();
	search();
	filters();
	api_and_detail();
	hidden();
	csv_export();
	rows_follow_writes();
	h_client_free(anon);
	h_client_free(admin);
	return h_finish();
}
