/* The register in Swedish order as ICU's Swedish collation has it, on the
 * engine under test: names in many languages and scripts, imported as an
 * operator would, are listed by /foreningar in the order ICU itself puts
 * them (ucol_strcollUTF8 here, on a collator of the test's own), and so are
 * the area choices of the search form; keys left from another collator
 * (a database from before, an ICU upgrade) are made anew when the server
 * starts. */
#include "harness.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucol.h>

/* Swedish with å ä ö and case (imported upper case first, so that ids
 * alone would put it first), German ü, Danish ø and æ, French é, Polish,
 * Turkish and Somali spellings, Greek and Arabic, digits. */
static const char *const names[] = {
        "Örebro Ordningsprov",
        "Ängelholms Ordningsprov",
        "Åby Ordningsprov",
        "Zinkgruvans Ordningsprov",
        "Étoile Ordningsprov",
        "Eskilstuna Ordningsprov",
        "ÅSA Ordningsprov",
        "Åsa Ordningsprov",
        "åsa Ordningsprov",
        "Müllers Ordningsprov",
        "Myréns Ordningsprov",
        "Muzaks Ordningsprov",
        "Øresunds Ordningsprov",
        "Östra Ordningsprov",
        "Æble Ordningsprov",
        "2 Ordningsprov",
        "10 Ordningsprov",
        "Łódź Ordningsprov",
        "Lodz Ordningsprov",
        "Żabka Ordningsprov",
        "Świętokrzyska Ordningsprov",
        "Şişli Ordningsprov",
        "İzmir Ordningsprov",
        "Ilgaz Ordningsprov",
        "Çağlar Ordningsprov",
        "Cabdi Xasan Ordningsprov",
        "Xamar Cadde Ordningsprov",
        "Soomaali Dhaqan Ordningsprov",
        "Αθήνα Ordningsprov",
        "Άλφα Ordningsprov",
        "Ωμέγα Ordningsprov",
        "النور Ordningsprov",
        "الأمل Ordningsprov",
        "جمعية Ordningsprov",
};
enum { NNAMES = sizeof(names) / sizeof(names[0]) };

static struct hclient *anon;
static UCollator *icu;

/* qsort comparison by ICU. */
static int
by_icu(const void *a, const void *b)
{
	UErrorCode st = U_ZERO_ERROR;
	return ucol_strcollUTF8(icu, *(const char *const *)a, -1, *(const char *const *)b, -1, &st);
}

/* The names as ICU orders them, joined by '|'. */
static void
icu_order(const char *const *in, int n, struct hstr *out)
{
	const char **s = malloc((size_t)n * sizeof(*s));
	memcpy(s, in, (size_t)n * sizeof(*s));
	qsort(s, (size_t)n, sizeof(*s), by_icu);
	for (int i = 0; i < n; i++) {
		hstr_puts(out, s[i]);
		hstr_puts(out, "|");
	}
	free(s);
}

/* Whether name is one of ours. */
static int
ours(const char *name, size_t n)
{
	for (int i = 0; i < NNAMES; i++)
		if (strlen(names[i]) == n && memcmp(names[i], name, n) == 0)
			return 1;
	return 0;
}

/* Our names as the whole register lists them, page by page, joined by '|'. */
static void
listed_order(struct hstr *out)
{
	const char *needle = "<h2><a href=\"/foreningar/";
	for (int page = 1;; page++) {
		char path[64];
		snprintf(path, sizeof(path), "/foreningar?sida=%d", page);
		struct hresp r;
		h_get(anon, path, &r);
		int listed = 0;
		for (const char *p = r.body.p; p && (p = strstr(p, needle)); p++) {
			const char *gt = strchr(p + strlen(needle), '>');
			const char *end = gt ? strstr(gt, "</a>") : NULL;
			if (!end)
				break;
			listed++;
			if (ours(gt + 1, (size_t)(end - gt - 1))) {
				hstr_add(out, gt + 1, (size_t)(end - gt - 1));
				hstr_puts(out, "|");
			}
		}
		hresp_free(&r);
		if (listed == 0 || page > 100)
			break;
	}
}

/* Where a name stands in a '|'-joined list (its offset), or -1. */
static long
pos(const struct hstr *list, const char *name)
{
	struct hstr k = {0};
	hstr_printf(&k, "|%s|", name);
	struct hstr l = {0};
	hstr_printf(&l, "|%s", list->p ? list->p : "");
	const char *p = strstr(l.p, k.p);
	long at = p ? p - l.p : -1;
	hstr_free(&k);
	hstr_free(&l);
	return at;
}

/* Imports our names with the operator's command. */
static void
import_names(void)
{
	struct hstr csv = {0}, out = {0}, err = {0};
	hstr_puts(&csv, "organisationsnummer,namn,form,andamal,omraden,malgrupper,epost,telefon,"
	                "webbplats,grundad,medlemmar\n");
	for (int i = 0; i < NNAMES; i++) {
		char nine[10], orgnr[12];
		snprintf(nine, sizeof(nine), "8028880%02d", i);
		h_orgnr(nine, orgnr);
		hstr_printf(&csv, "%s,%s,ideell,Ett prov av ordningen.,Lindängen,Barn,,,,,\n",
		            orgnr, names[i]);
	}
	const char *path = h_path("names.csv");
	h_write_file(path, csv.p);
	const char *argv[] = {"samverka", "import", "foreningar", "--db", H.db_url, path, NULL};
	int rc = h_run(argv, NULL, &out, &err);
	h_check(rc == 0 && out.p && strstr(out.p, "imported"), "the names are imported (%d: %s%s)",
	        rc, out.p ? out.p : "", err.p ? err.p : "");
	hstr_free(&csv);
	hstr_free(&out);
	hstr_free(&err);
}

/* /foreningar lists the names as ICU orders them, and as a Swedish reader
 * expects. */
static void
register_order(const char *when)
{
	struct hstr want = {0}, got = {0};
	icu_order(names, NNAMES, &want);
	listed_order(&got);
	h_check(got.p && strcmp(got.p, want.p) == 0, "%s: /foreningar lists the names as ICU does",
	        when);
	if (!got.p || strcmp(got.p, want.p) != 0)
		h_note("listed: %s\nICU:    %s", got.p ? got.p : "(none)", want.p);
	const char *before_after[][2] = {
	        {"Zinkgruvans Ordningsprov", "Åby Ordningsprov"},
	        {"Åby Ordningsprov", "Ängelholms Ordningsprov"},
	        {"Ängelholms Ordningsprov", "Örebro Ordningsprov"},
	        {"Muzaks Ordningsprov", "Müllers Ordningsprov"},
	        {"Müllers Ordningsprov", "Myréns Ordningsprov"},
	        {"Örebro Ordningsprov", "Øresunds Ordningsprov"},
	        {"Øresunds Ordningsprov", "Östra Ordningsprov"},
	        {"Eskilstuna Ordningsprov", "Étoile Ordningsprov"},
	        {"åsa Ordningsprov", "Åsa Ordningsprov"},
	        {"Åsa Ordningsprov", "ÅSA Ordningsprov"},
	        {"10 Ordningsprov", "Cabdi Xasan Ordningsprov"},
	        {"Östra Ordningsprov", "Αθήνα Ordningsprov"},
	        {"Ωμέγα Ordningsprov", "الأمل Ordningsprov"},
	        {"Xamar Cadde Ordningsprov", "Zinkgruvans Ordningsprov"},
	};
	int right = 0, n = (int)(sizeof(before_after) / sizeof(before_after[0]));
	for (int i = 0; i < n; i++) {
		long a = pos(&got, before_after[i][0]), b = pos(&got, before_after[i][1]);
		if (a >= 0 && b >= 0 && a < b)
			right++;
		else
			h_note("%s is not before %s", before_after[i][0], before_after[i][1]);
	}
	h_check(right == n,
	        "%s: å ä ö after z, ü with y, ø with ö, é after e, lower case first, digits "
	        "first, Greek and Arabic after Latin (%d of %d)",
	        when, right, n);
	hstr_free(&want);
	hstr_free(&got);
}

/* The search form's areas come in the same order. */
static void
area_choices(void)
{
	struct hresp r;
	h_get(anon, "/foreningar", &r);
	const char *sel = r.body.p ? strstr(r.body.p, "<select id=\"omrade\"") : NULL;
	const char *end = sel ? strstr(sel, "</select>") : NULL;
	const char *opts[64];
	int n = 0;
	struct hstr got = {0}, want = {0};
	for (const char *p = sel; p && p < end && n < 64; p++) {
		p = strstr(p, "<option value=\"");
		if (!p || p > end)
			break;
		const char *gt = strchr(p, '>'), *close = gt ? strstr(gt, "</option>") : NULL;
		if (!close || p[15] == '"') /* the empty choice, "Alla områden" */
			continue;
		opts[n++] = strndup(gt + 1, (size_t)(close - gt - 1));
		hstr_puts(&got, opts[n - 1]);
		hstr_puts(&got, "|");
	}
	icu_order(opts, n, &want);
	h_check(n > 20 && got.p && strcmp(got.p, want.p) == 0,
	        "the %d areas of the search form come as ICU orders them: %s", n,
	        got.p ? got.p : "(none)");
	for (int i = 0; i < n; i++)
		free((char *)opts[i]);
	hstr_free(&got);
	hstr_free(&want);
	hresp_free(&r);
}

/* Keys from another collator, and the order (pos) made from them, as a
 * database from before this change has them (and as an ICU upgrade would
 * leave them), are made anew when the server starts, and the generation
 * they bump renews every page. */
static void
stale_keys(void)
{
	h_check(h_sql("UPDATE associations SET sort_key = name;"
	              "UPDATE associations SET pos = -r.r FROM (SELECT id, row_number() OVER "
	              "(ORDER BY sort_key, id) AS r FROM associations) r "
	              "WHERE associations.id = r.id;"
	              "UPDATE associations SET pos = -pos * 1099511627776;"
	              "UPDATE meta SET v = 0 WHERE k = 'sort_key:collation';",
	              NULL) == 0,
	        "the keys are made stale behind the server's back");
	struct hstr want = {0}, got = {0};
	icu_order(names, NNAMES, &want);
	listed_order(&got);
	h_check(got.p && strcmp(got.p, want.p) != 0,
	        "with keys that are the names' bytes, the order is not ICU's");
	h_check(h_restart(SIGTERM), "the server starts again on the same database");
	char v[32];
	h_sql_line("SELECT v FROM meta WHERE k = 'sort_key:collation'", v, sizeof(v));
	h_check(strtoll(v, NULL, 10) > 0, "the collator's version is recorded (%s)", v);
	register_order("after the restart");
	hstr_free(&want);
	hstr_free(&got);
}

int
main(void)
{
	UErrorCode st = U_ZERO_ERROR;
	icu = ucol_open("sv", &st);
	if (U_FAILURE(st) || st == U_USING_DEFAULT_WARNING) {
		fprintf(stderr, "ICU has no Swedish collation: %s\n", u_errorName(st));
		return 1;
	}
	h_start();
	anon = h_client();
	import_names();
	register_order("imported");
	area_choices();
	stale_keys();
	h_client_free(anon);
	ucol_close(icu);
	return h_finish();
}
