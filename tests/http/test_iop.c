/* IOP agreements (issue 10, point 8): the association proposes one with
 * the four IOP conditions ticked and each justified, refused beside the
 * field without them; the department's officer keeps every version of the
 * agreement's text and the follow-up meetings; agreed, each year of the
 * period becomes a decided grant of kind iop. Another association's
 * representative and another department's officer get 404. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct hclient *officer, *rep, *other_rep, *kul;
static char assoc[32];

static long
sql_number(const char *q)
{
	char v[32];
	return h_sql_line(q, v, sizeof(v)) && v[0] ? strtol(v, NULL, 10) : -1;
}

static long
iop_cases(void)
{
	return sql_number("SELECT count(*) FROM cases WHERE type = 'iop'");
}

static void
field_says(const struct hresp *r, const char *field, const char *words)
{
	char err[512];
	const char *e = h_field_error(r, field, err, sizeof(err));
	h_check(e && strstr(e, words) && h_field_invalid(r, field) && h_summary_links(r, field),
	        "%s: the error '%s' beside the field, linked from the summary (got '%s')", field,
	        words, e ? e : "none");
}

/* The intake as the representative sends it; skip names a condition
 * left unticked and unjustified (NULL: none), the years and amount as
 * given. */
static void
propose(const char *skip, const char *first, const char *last, const char *amount, struct hresp *r)
{
	static const char *const conds[] = {"initiativ", "upphandling", "konkurrens",
	                                    "allmannytta"};
	struct hstr f = {0};
	h_form_add(&f, "csrf", h_csrf(rep));
	h_form_add(&f, "forening", assoc);
	h_form_add(&f, "forvaltning", "FRI");
	for (int i = 0; i < 4; i++) {
		char name[64], why[128];
		if (skip && strcmp(skip, conds[i]) == 0)
			continue;
		snprintf(name, sizeof(name), "villkor-%s", conds[i]);
		h_form_add(&f, name, "1");
		snprintf(name, sizeof(name), "motivering-%s", conds[i]);
		snprintf(why, sizeof(why), "Motivering om %s från föreningen.", conds[i]);
		h_form_add(&f, name, why);
	}
	h_form_add(&f, "parter", "Föreningen\nFritidsförvaltningen");
	h_form_add(&f, "syfte", "Läxhjälp och idrott för unga i Lindängen.");
	h_form_add(&f, "forsta-ar", first);
	h_form_add(&f, "sista-ar", last);
	h_form_add(&f, "arsbelopp", amount);
	h_post(rep, "/iop-avtal/ny", f.p, r);
	hstr_free(&f);
}

/* Without a condition's tick and justification, or with its years the
 * wrong way round, the intake is refused beside the field, what was typed
 * kept, nothing written; then a good one becomes a case. */
static void
intake(char dnr[64])
{
	struct hresp r;
	h_get(rep, "/iop-avtal/ny", &r);
	h_check(r.status == 200 && hresp_has(&r, "id=\"villkor-initiativ\"") &&
	                hresp_has(&r, "id=\"motivering-allmannytta\"") &&
	                hresp_has(&r, "Partnerskapet snedvrider inte konkurrensen"),
	        "the intake lists the four IOP conditions, each with a justification");
	hresp_free(&r);
	h_check(h_get_status(officer, "/iop-avtal/ny") == 403,
	        "an officer does not propose an IOP (403)");

	propose("konkurrens", "2027", "2029", "450 000", &r);
	h_check(r.status == 422, "an intake without one condition is answered 422 (got %ld)",
	        r.status);
	field_says(&r, "villkor-konkurrens", "alla fyra krävs");
	field_says(&r, "motivering-konkurrens", "Motivera varför villkoret är uppfyllt");
	h_check(hresp_has(&r, ">Motivering om initiativ från föreningen.</textarea>") &&
	                hresp_has(&r, ">Läxhjälp och idrott för unga i Lindängen.</textarea>"),
	        "the justifications and purpose typed are kept");
	h_check(iop_cases() == 0, "nothing was written");
	hresp_free(&r);

	propose(NULL, "2029", "2027", "-5", &r);
	h_check(r.status == 422 && iop_cases() == 0, "years the wrong way round and a negative "
	                                             "amount are refused, nothing written");
	field_says(&r, "sista-ar", "kan inte vara före det första");
	field_says(&r, "arsbelopp", "kan inte vara negativt");
	hresp_free(&r);

	propose(NULL, "2027", "2029", "450 000", &r);
	char loc[256] = "";
	hresp_header(&r, "Location", loc, sizeof(loc));
	h_check(r.status == 303 && strncmp(loc, "/arenden/FRI-", 13) == 0 && iop_cases() == 1,
	        "a good intake becomes a case of the leisure department (%s)", loc);
	hresp_free(&r);
	snprintf(dnr, 64, "%.*s", (int)strcspn(loc + 9, "?"), loc + 9);
}

/* The officer records versions (each kept) and a meeting; the
 * representative sees them and cannot add any; others get 404. */
static void
versions_and_meetings(const char *dnr)
{
	struct hresp r;
	char path[96];
	snprintf(path, sizeof(path), "/arenden/%s", dnr);
	h_get(officer, path, &r);
	h_check(r.status == 200 && hresp_has(&r, "Motivering om upphandling från föreningen.") &&
	                hresp_has(&r, "Det gäller inte något som ska upphandlas") &&
	                hresp_has(&r, "450 000 kr") && hresp_has(&r, "2027–2029") &&
	                hresp_has(&r, "Ingen version av avtalets text ännu."),
	        "the officer sees the conditions with their justifications, period and amount");
	hresp_free(&r);
	h_check(h_get_status(other_rep, path) == 404 && h_get_status(kul, path) == 404,
	        "another association's representative and the culture officer get 404");

	h_check(h_decide(officer, dnr, "bifall") == 422 &&
	                sql_number("SELECT count(*) FROM grant_awards WHERE kind = 'iop'") == 0,
	        "an agreement without a version of its text cannot be agreed, nothing written");

	snprintf(path, sizeof(path), "/arenden/%s/avtalsversion", dnr);
	struct hstr f = {0};
	h_form_add(&f, "csrf", h_csrf(officer));
	h_form_add(&f, "avtalstext", "");
	h_post(officer, path, f.p, &r);
	hstr_free(&f);
	h_check(r.status == 422, "an empty version is refused (got %ld)", r.status);
	field_says(&r, "avtalstext", "Skriv avtalets text");
	hresp_free(&r);

	const char *v1[] = {"avtalstext", "§ 1 Parterna åtar sig läxhjälp två kvällar i veckan.",
	                    NULL};
	const char *v2[] = {"avtalstext", "§ 1 Parterna åtar sig läxhjälp tre kvällar i veckan.",
	                    NULL};
	h_check(h_case_action(officer, dnr, "avtalsversion", v1) == 303 &&
	                h_case_action(officer, dnr, "avtalsversion", v2) == 303,
	        "the officer saves two versions of the agreement");
	h_check(h_case_action(rep, dnr, "avtalsversion", v1) == 403 &&
	                h_case_action(kul, dnr, "avtalsversion", v1) == 404,
	        "the representative may not add one (403), the culture officer gets 404");
	h_check(sql_number("SELECT count(*) FROM iop_versions") == 2 &&
	                sql_number("SELECT count(*) FROM iop_versions WHERE version = 1 AND body "
	                           "LIKE '%två kvällar%'") == 1,
	        "both versions are kept, the first as it was");
	h_sql("UPDATE iop_versions SET body = 'ändrad' WHERE version = 1", NULL);
	h_sql("DELETE FROM iop_versions WHERE version = 1", NULL);
	h_check(sql_number("SELECT count(*) FROM iop_versions WHERE version = 1 AND body LIKE "
	                   "'%två kvällar%'") == 1,
	        "the database refuses to change or remove a version");

	const char *bad[] = {"datum", "2026-02-31", "anteckningar", "Vi sågs.", NULL};
	h_check(h_case_action(officer, dnr, "uppfoljningsmote", bad) == 422 &&
	                sql_number("SELECT count(*) FROM iop_meetings") == 0,
	        "a meeting on a day that does not exist is refused, nothing written");
	const char *meeting[] = {"datum", "2026-05-20", "anteckningar",
	                         "Trettio unga kom varje vecka. Nästa möte i september.", NULL};
	h_check(h_case_action(officer, dnr, "uppfoljningsmote", meeting) == 303,
	        "the officer records a follow-up meeting");

	snprintf(path, sizeof(path), "/arenden/%s", dnr);
	h_get(rep, path, &r);
	h_check(r.status == 200 && hresp_has(&r, "två kvällar") && hresp_has(&r, "tre kvällar") &&
	                hresp_has(&r, "Version 2 (gällande)") &&
	                hresp_has(&r, "Trettio unga kom varje vecka.") &&
	                !hresp_has(&r, "/avtalsversion\""),
	        "the representative sees both versions and the meeting, without the forms");
	hresp_free(&r);
}

/* Agreed: one decided grant per year of the period, kind iop, without a
 * programme, with the decision's date and reference. */
static void
agreed(const char *dnr)
{
	h_check(h_decide(officer, dnr, "delvis") == 422 &&
	                sql_number("SELECT count(*) FROM grant_awards WHERE kind = 'iop'") == 0,
	        "an agreement cannot be agreed in part: refused, no award");
	h_check(h_decide(officer, dnr, "bifall") == 303, "the officer records the agreement");
	char q[512], v[128];
	snprintf(q, sizeof(q),
	         "SELECT count(*), min(w.year), max(w.year), sum(w.amount) FROM grant_awards w "
	         "JOIN cases "
	         "c ON c.id = w.case_id WHERE c.diarienummer = '%s' AND w.kind = 'iop' AND "
	         "w.programme_id IS NULL AND w.amount = 45000000 AND w.association_id = %s AND "
	         "w.department_id = c.department_id AND w.decided_on = '2026-03-12' AND "
	         "w.reference = 'FRI 2026-03-12 § 15'",
	         dnr, assoc);
	h_check(h_sql_line(q, v, sizeof(v)) && strcmp(v, "3|2027|2029|135000000") == 0,
	        "three awards of 450 000 kr, 2027 to 2029 (%s)", v);
}

int
main(void)
{
	h_start();
	officer = h_client();
	rep = h_client();
	other_rep = h_client();
	kul = h_client();
	h_sql_line("SELECT association_id FROM user_roles WHERE role = 'representative' AND "
	           "user_id = (SELECT id FROM users WHERE email = 'forening@demo.samverka.se') "
	           "ORDER BY association_id LIMIT 1",
	           assoc, sizeof(assoc));
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
	h_check(h_login(officer, "officer") == 303 && h_login(rep, "representative") == 303 &&
	                h_login_as(other_rep, "annan@example.se", "annan-forening-2026") == 303 &&
	                h_login_as(kul, "kultur@example.se", "kultur-losenord-2026") == 303,
	        "the leisure officer, both representatives and the culture officer sign in");
	char dnr[64];
	intake(dnr);
	versions_and_meetings(dnr);
	agreed(dnr);
	h_client_free(officer);
	h_client_free(rep);
	h_client_free(other_rep);
	h_client_free(kul);
	return h_finish();
}
