/* The e-service platform, run against the test build (samverka-probe),
 * whose table holds a throw-away type declared in tests/http/probe/: its
 * form is served and checked by the engine, its case goes through
 * completion and decision with its own hook, and its submitted data is
 * shown. Then the holes that the platform closes: a stranger's pending or
 * refused registration with another association's organisationsnummer
 * does not stop the real one, a decision dated 2026-02-31 is refused beside
 * the date, and the officer sees a yearly update's old and new values. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char PDF[] = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
                          "trailer\n<< /Root 1 0 R >>\n%%EOF\n";

static struct hclient *officer, *applicant, *stranger, *rep;

static long
count(const char *sql)
{
	char got[64];
	return atol(h_sql_line(sql, got, sizeof(got)) ? got : "-1");
}

/* The diarienummer a 303 to a case page names, into dnr. */
static int
case_of(const struct hresp *r, char dnr[32])
{
	char loc[256];
	dnr[0] = 0;
	return r->status == 303 && hresp_header(r, "Location", loc, sizeof(loc)) &&
	       sscanf(loc, "/arenden/%31[^?]", dnr) == 1;
}

/* One action of a case page, urlencoded. */
static long
act(struct hclient *c, const char *dnr, const char *what, const char *const *kv, struct hresp *out)
{
	char path[96];
	struct hstr f = {0};
	snprintf(path, sizeof(path), "/arenden/%s/%s", dnr, what);
	h_form_add(&f, "csrf", h_csrf(c));
	for (int i = 0; kv[i]; i += 2)
		h_form_add(&f, kv[i], kv[i + 1]);
	struct hresp r;
	h_post(c, path, f.p, out ? out : &r);
	hstr_free(&f);
	long st = out ? out->status : r.status;
	if (!out)
		hresp_free(&r);
	return st;
}

/* The decision form with the given date; r keeps the answer when given. */
static long
decide(const char *dnr, const char *outcome, const char *date, struct hresp *r)
{
	const char *kv[] = {"utfall",
	                    outcome,
	                    "motivering",
	                    "Ansökan uppfyller villkoren.",
	                    "beslutsfattare",
	                    "Handläggaren enligt delegation",
	                    "datum",
	                    date,
	                    "referens",
	                    "FRI 2026-03-12 § 14",
	                    NULL};
	return act(officer, dnr, "beslut", kv, r);
}

/* The probe's form as a browser sends it. */
static void
probe_send(const char *subject, const char *n, const char *day, const char *email, struct hresp *r)
{
	struct hstr b = {0};
	h_mp_field(&b, "csrf", h_csrf(applicant));
	h_mp_field(&b, "amne", subject);
	h_mp_field(&b, "antal", n);
	h_mp_field(&b, "dag", day);
	h_mp_field(&b, "kontakt", email);
	h_mp_file(&b, "bilaga", "program.pdf", "application/pdf", PDF, strlen(PDF));
	h_mp_end(&b);
	h_post_multipart(applicant, "/e-tjanster/prov", &b, r);
	hstr_free(&b);
}

static void
probe_type(void)
{
	struct hresp r;
	h_get(applicant, "/e-tjanster/prov", &r);
	h_check(r.status == 200 && hresp_has(&r, "<h1>Provärende</h1>") &&
	                hresp_has(&r, "name=\"amne\"") && hresp_has(&r, "name=\"bilaga\""),
	        "the engine serves the probe type's form from its declaration (got %ld)", r.status);
	hresp_free(&r);
	h_check(h_get_status(applicant, "/e-tjanster/finns-inte") == 404,
	        "a type that is not in the table is a 404");

	long before = count("SELECT count(*) FROM cases");
	char err[256];
	probe_send("", "0", "2026-02-31", "inte-en-adress", &r);
	h_check(r.status == 422 && h_field_error(&r, "amne", err, sizeof(err)) &&
	                h_field_error(&r, "antal", err, sizeof(err)) &&
	                h_field_error(&r, "dag", err, sizeof(err)) && strstr(err, "ÅÅÅÅ-MM-DD") &&
	                h_field_error(&r, "kontakt", err, sizeof(err)) &&
	                hresp_has(&r, "href=\"#dag\""),
	        "bad values get their errors beside each field, 2026-02-31 refused as a date, "
	        "the summary links to them (got %ld)",
	        r.status);
	h_check(hresp_has(&r, "value=\"2026-02-31\"") && hresp_has(&r, "value=\"inte-en-adress\""),
	        "what was typed is kept");
	h_check(count("SELECT count(*) FROM cases") == before, "and nothing is written");
	hresp_free(&r);

	probe_send("Sommarläger för unga", "40", "2026-07-06", "lager@example.se", &r);
	char dnr[32];
	if (!h_check(case_of(&r, dnr),
	             "a good probe case is filed and leads to its page (got %ld %s)", r.status,
	             dnr))
		h_note("%s",
		       h_between(r.body.p, "Formuläret har fel</h2>", "</div>", err, sizeof(err)));
	hresp_free(&r);
	char path[96];
	snprintf(path, sizeof(path), "/arenden/%s", dnr);
	h_get(officer, path, &r);
	h_check(r.status == 200 && hresp_has(&r, "Provärende") &&
	                hresp_has(&r, "Sommarläger för unga") && hresp_has(&r, "<dd>40</dd>") &&
	                hresp_has(&r, "2026-07-06") && hresp_has(&r, ">program.pdf</a>"),
	        "the officer sees what was sent, drawn from the type's form, and the attachment");
	hresp_free(&r);

	const char *ask[] = {"meddelande", "Skicka programmet för hela veckan.", NULL};
	const char *answer[] = {"meddelande", "Här är veckans program.", NULL};
	const char *resume[] = {"till", "handlaggning", NULL};
	h_check(act(officer, dnr, "status", resume, NULL) == 303 &&
	                act(officer, dnr, "komplettering", ask, NULL) == 303 &&
	                act(applicant, dnr, "komplettera", answer, NULL) == 303 &&
	                act(officer, dnr, "status", resume, NULL) == 303,
	        "handling, completion asked and answered, handling again: each a 303");
	h_check(decide(dnr, "bifall", "2026-03-12", NULL) == 303,
	        "the officer grants the probe case");
	char q[256];
	snprintf(q, sizeof(q),
	         "SELECT count(*) FROM case_events e JOIN cases c ON c.id = e.case_id WHERE "
	         "c.diarienummer = '%s' AND e.kind = 'prov' AND e.detail = 'beviljad'",
	         dnr);
	h_check(count(q) == 1, "the type's own decision hook ran in the decision");
	h_get(applicant, path, &r);
	h_check(hresp_has(&r, "<strong>Beslutad</strong>") && hresp_has(&r, "Beslut: Bifall"),
	        "the applicant sees the decision");
	hresp_free(&r);
	h_get(applicant, "/diarium", &r);
	h_check(hresp_has(&r, dnr) && hresp_has(&r, "Provärende"),
	        "the diary lists it with the type's name");
	h_check(!hresp_has(&r, "Sara Sökande"),
	        "and not the applicant's name, which its title carries");
	hresp_free(&r);
	h_get(officer, "/handlaggning?typ=prov", &r);
	h_check(hresp_has(&r, "value=\"prov\"") && hresp_has(&r, dnr),
	        "the inbox offers the type as a filter and finds the case");
	hresp_free(&r);
}

/* A registration as the form sends it. */
static void
register_assoc(struct hclient *c, const char *name, const char *orgnr, struct hresp *r)
{
	struct hstr b = {0};
	h_mp_field(&b, "csrf", h_csrf(c));
	h_mp_field(&b, "namn", name);
	h_mp_field(&b, "form", "ideell");
	h_mp_field(&b, "organisationsnummer", orgnr);
	h_mp_field(&b, "andamal", "Körsång för alla åldrar.");
	h_mp_field(&b, "epost", "kor@example.se");
	h_mp_field(&b, "styrelse", "Eva Ek, ordförande\nOlle Ask, kassör");
	h_mp_field(&b, "offentlig", "1");
	h_mp_file(&b, "stadgar", "stadgar.pdf", "application/pdf", PDF, strlen(PDF));
	h_mp_file(&b, "protokoll", "protokoll.pdf", "application/pdf", PDF, strlen(PDF));
	h_mp_end(&b);
	h_post_multipart(c, "/registrera-forening", &b, r);
	hstr_free(&b);
}

static void
squatting(void)
{
	char orgnr[12], real_dnr[32], fake_dnr[32], q[256], err[256];
	h_orgnr("802711111", orgnr);
	struct hresp r;
	register_assoc(stranger, "Falska kören", orgnr, &r);
	h_check(case_of(&r, fake_dnr), "a stranger sends a registration with the choir's number");
	hresp_free(&r);
	snprintf(q, sizeof(q), "SELECT count(*) FROM associations WHERE orgnr = '%s'", orgnr);
	h_check(count(q) == 0, "a pending registration puts nothing in the register");

	register_assoc(applicant, "Kvarnby kör", orgnr, &r);
	h_check(case_of(&r, real_dnr),
	        "while it is pending, the real association's registration is accepted (got %ld)",
	        r.status);
	hresp_free(&r);
	char path[96];
	snprintf(path, sizeof(path), "/arenden/%s", real_dnr);
	h_get(officer, path, &r);
	h_check(hresp_has(&r, "Andra registreringar med samma organisationsnummer") &&
	                hresp_has(&r, fake_dnr),
	        "the officer sees the other registration of the number on the case page");
	hresp_free(&r);
	h_get(applicant, path, &r);
	h_check(!hresp_has(&r, fake_dnr), "the applicant does not see the stranger's case");
	hresp_free(&r);

	h_check(decide(fake_dnr, "avslag", "2026-03-12", NULL) == 303,
	        "the officer refuses the stranger's registration");
	h_check(count(q) == 0, "a refused registration leaves no trace in the register");
	register_assoc(applicant, "Kvarnby kör", orgnr, &r);
	char again[32];
	h_check(case_of(&r, again),
	        "after the refusal the real association can still send a registration");
	hresp_free(&r);
	const char *withdraw[] = {"bekrafta", "1", NULL};
	h_check(act(applicant, again, "aterkalla", withdraw, NULL) == 303,
	        "and withdraw the second one");

	/* an impossible date on the real decision, then the grant */
	h_check(decide(real_dnr, "bifall", "2026-02-31", &r) == 422 &&
	                h_field_error(&r, "datum", err, sizeof(err)),
	        "a decision dated 2026-02-31 is refused beside the date field (got %ld)", r.status);
	hresp_free(&r);
	snprintf(q, sizeof(q),
	         "SELECT count(*) FROM case_decisions d JOIN cases c ON c.id = d.case_id "
	         "WHERE c.diarienummer = '%s'",
	         real_dnr);
	h_check(count(q) == 0, "and no decision is stored");
	const char *bad[] = {"2026-04-31", "2026-13-01", "2025-02-29", "12-03-2026", NULL};
	int refused = 1;
	for (int i = 0; bad[i]; i++)
		refused &= decide(real_dnr, "bifall", bad[i], NULL) == 422;
	h_check(refused && count(q) == 0, "so are 2026-04-31, 2026-13-01, 2025-02-29, 12-03-2026");
	h_check(decide(real_dnr, "bifall", "2028-02-29", NULL) == 303,
	        "a real leap day is a date: the real association is granted");
	snprintf(q, sizeof(q),
	         "SELECT count(*) FROM associations WHERE orgnr = '%s' AND active = 1 AND name = "
	         "'Kvarnby kör'",
	         orgnr);
	h_check(count(q) == 1, "and enters the register, active, under its own name");
	snprintf(q, sizeof(q),
	         "SELECT count(*) FROM cases c JOIN associations a ON a.id = c.association_id "
	         "WHERE c.diarienummer = '%s' AND a.orgnr = '%s'",
	         real_dnr, orgnr);
	h_check(count(q) == 1, "the case now names the association it made");
	register_assoc(stranger, "Falska kören", orgnr, &r);
	h_check(r.status == 422 && h_field_error(&r, "organisationsnummer", err, sizeof(err)) &&
	                strstr(err, "redan registrerad"),
	        "once registered, the number is refused beside the field (got %ld)", r.status);
	hresp_free(&r);
}

/* The officer sees what a yearly update changes before deciding. */
static void
yearly_update(void)
{
	char row[256], id[16], old_email[128];
	h_sql_line("SELECT ur.association_id, a.email FROM user_roles ur JOIN users u ON "
	           "u.id = ur.user_id JOIN associations a ON a.id = ur.association_id WHERE "
	           "u.email = 'forening@demo.samverka.se' AND ur.role = 'representative'",
	           row, sizeof(row));
	sscanf(row, "%15[^|]|%127s", id, old_email);
	char path[64];
	snprintf(path, sizeof(path), "/arsuppdatering/%s", id);
	struct hstr b = {0};
	h_mp_field(&b, "csrf", h_csrf(rep));
	h_mp_field(&b, "styrelse", "Nils Nyman, ordförande");
	h_mp_field(&b, "medlemmar", "4321");
	h_mp_field(&b, "epost", "ny-adress@example.se");
	h_mp_field(&b, "telefon", "");
	h_mp_field(&b, "webbplats", "");
	h_mp_file(&b, "protokoll", "arsmote.pdf", "application/pdf", PDF, strlen(PDF));
	h_mp_end(&b);
	struct hresp r;
	h_post_multipart(rep, path, &b, &r);
	hstr_free(&b);
	char dnr[32];
	h_check(case_of(&r, dnr), "the demo representative sends a yearly update");
	hresp_free(&r);
	snprintf(path, sizeof(path), "/arenden/%s", dnr);
	h_get(officer, path, &r);
	char want[512];
	snprintf(want, sizeof(want), "<td>%s</td><td>ny-adress@example.se</td><td>Ja</td>",
	         old_email);
	h_check(r.status == 200 && hresp_has(&r, "I registret nu") && hresp_has(&r, want) &&
	                hresp_has(&r, "<td>4321</td>") && hresp_has(&r, "Nils Nyman, ordförande"),
	        "the officer's case page shows the e-mail in the register now beside the new one, "
	        "the new member count and the board");
	hresp_free(&r);
}

int
main(void)
{
	h_start();
	officer = h_client();
	applicant = h_client();
	stranger = h_client();
	rep = h_client();
	h_check(h_user_add("sokande@example.se", "Sara Sökande", "representative", NULL,
	                   "sokande-losenord-2026") == 0 &&
	                h_user_add("framling@example.se", "Frans Främling", "representative", NULL,
	                           "framling-losenord-2026") == 0,
	        "an applicant and a stranger get accounts");
	h_check(h_login(officer, "officer") == 303 && h_login(rep, "representative") == 303 &&
	                h_login_as(applicant, "sokande@example.se", "sokande-losenord-2026") ==
	                        303 &&
	                h_login_as(stranger, "framling@example.se", "framling-losenord-2026") ==
	                        303,
	        "the officer, the demo representative, the applicant and the stranger sign in");
	probe_type();
	squatting();
	yearly_update();
	h_client_free(officer);
	h_client_free(applicant);
	h_client_free(stranger);
	h_client_free(rep);
	return h_finish();
}
