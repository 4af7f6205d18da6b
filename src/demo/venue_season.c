/* The demo's season in progress: the leisure department's next school
 * year, open for applications, with applications from demo associations
 * sent as the application form sends them (a case of the type
 * sasongsansokan with its wished weekly times), not yet allocated or
 * decided. Two pairs want one hall at one time — Baltiska hallen's whole
 * against its half A, and two associations the same evening in
 * Lindängens sporthall — so that the officer's grid has true conflicts
 * and a priority order to show. The applicants are the associations'
 * representatives (none an officer, and not the demo representative's
 * association, which is left free to apply); an association that has none
 * is passed over, so a demo without the history has fewer or none. */
#include "auth/users.h"
#include "base/days.h"
#include "cases/case.h"
#include "demo/venue_kinds.h"
#include "venues/season.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define H(h, m) ((h)*60 + (m))
#define WISHES 2

/* An application: the association whose name holds who, the nth such;
 * what it does; its wished times at the named venues. */
static const struct {
	const char *who;
	int nth;
	const char *activity;
	int youth, participants;
	struct {
		const char *venue;
		int weekday, from, to;
	} wish[WISHES];
} seeds[] = {
        {"Bollklubb",
         0,
         "Basketträning för unga",
         1,
         18,
         {{"Baltiska hallen A", 2, H(18, 0), H(20, 0)}}},
        {"Idrottsförening",
         0,
         "Handbollsträning",
         0,
         30,
         {{"Baltiska hallen", 2, H(19, 0), H(21, 0)},
          {"Hyllie idrottshall", 4, H(18, 0), H(20, 0)}}},
        {"Dansförening",
         0,
         "Streetdance",
         1,
         25,
         {{"Lindängens sporthall", 3, H(18, 0), H(20, 0)}}},
        {"Boxningsklubb",
         0,
         "Boxningsträning",
         1,
         20,
         {{"Lindängens sporthall", 3, H(18, 0), H(20, 0)},
          {"Rosengårdsskolans gymnastiksal", 1, H(18, 0), H(20, 0)}}},
        {"Scoutkåren",
         0,
         "Scoutgympa",
         1,
         30,
         {{"Nydalaskolans gymnastiksal", 1, H(17, 0), H(19, 0)}}},
        {"Pensionärsförening",
         0,
         "Seniorgympa",
         0,
         20,
         {{"Augustenborgsskolans gymnastiksal", 2, H(17, 0), H(18, 0)}}},
};

static struct dbq Q_VENUE = {"SELECT id FROM venues WHERE name = $1 AND department_id = $2", NULL,
                             0};
/* A public association whose name holds $1 with a representative who is
 * no officer, other than $2: its id, name, and that representative. */
static struct dbq Q_APPLICANT = {
        "SELECT a.id, a.name, u.id, u.name FROM associations a JOIN user_roles r ON "
        "r.association_id = a.id AND r.role = 'representative' JOIN users u ON u.id = r.user_id "
        "WHERE a.active = 1 AND a.public = 1 AND a.name LIKE $1 AND a.id <> $2 AND NOT EXISTS "
        "(SELECT 1 FROM user_roles o WHERE o.user_id = u.id AND o.role = 'officer') "
        "ORDER BY a.id, r.id LIMIT 1 OFFSET $3",
        NULL, 0};

/* The applicant of seed k: 1 with the association and its representative,
 * 0 when there is none, -1 on an error. */
static int
applicant(struct db *db, struct arena *a, size_t k, int64_t rep_assoc, struct season_app *x,
          struct actor *who)
{
	char like[64];
	snprintf(like, sizeof like, "%%%s%%", seeds[k].who);
	struct dbcur c;
	if (db_query(db, &c, &Q_APPLICANT,
	             DB_ARGS(DB_TEXT(like), DB_INT(rep_assoc), DB_INT(seeds[k].nth))) != DB_OK)
		return -1;
	int rc = db_next(&c);
	if (rc > 0) {
		x->association_id = db_col_int(&c, 0);
		x->association = arena_strdup(a, db_col_text(&c, 1));
		who->id = db_col_int(&c, 2);
		who->name = arena_strdup(a, db_col_text(&c, 3));
	}
	db_done(&c);
	return rc < 0 ? -1 : rc > 0;
}

/* What the application form would have sent, as its payload says it. */
static char *
payload_of(size_t k, const struct season_wish *w, size_t nw, const struct season_app *x,
           int64_t season_id)
{
	json_t *p = json_object();
	json_object_set_new(p, "forening", json_sprintf("%lld", (long long)x->association_id));
	for (size_t i = 0; i < SEASON_WISHES; i++) {
		char name[16], from[6] = "", to[6] = "";
		if (i < nw) {
			hhmm(w[i].from, from);
			hhmm(w[i].to, to);
		}
		snprintf(name, sizeof name, "lokal-%zu", i + 1);
		json_object_set_new(p, name,
		                    i < nw ? json_sprintf("%lld", (long long)w[i].venue_id)
		                           : json_string(""));
		snprintf(name, sizeof name, "dag-%zu", i + 1);
		json_object_set_new(p, name,
		                    i < nw ? json_sprintf("%d", w[i].weekday) : json_string(""));
		snprintf(name, sizeof name, "fran-%zu", i + 1);
		json_object_set_new(p, name, json_string(from));
		snprintf(name, sizeof name, "till-%zu", i + 1);
		json_object_set_new(p, name, json_string(to));
	}
	json_object_set_new(p, "aktivitet", json_string(seeds[k].activity));
	json_object_set_new(p, "deltagare", json_integer(seeds[k].participants));
	json_object_set_new(p, "ungdom", json_boolean(seeds[k].youth));
	json_object_set_new(p, "sasong", json_integer(season_id));
	char *s = json_dumps(p, JSON_COMPACT);
	json_decref(p);
	return s;
}

/* Seed k's application to the season, received now: 0, or -1. */
static int
apply(struct db *db, struct arena *a, const struct season *s, size_t k, int64_t rep_assoc)
{
	struct season_app x = {.activity = seeds[k].activity,
	                       .participants = seeds[k].participants,
	                       .youth = seeds[k].youth};
	struct actor who;
	int rc = applicant(db, a, k, rep_assoc, &x, &who);
	if (rc <= 0)
		return rc;
	int applied = season_applied(db, s->id, x.association_id);
	if (applied != 0)
		return applied < 0 ? -1 : 0;
	struct season_wish w[WISHES];
	size_t nw = 0;
	for (size_t i = 0; i < WISHES && seeds[k].wish[i].venue; i++) {
		int64_t venue = db_int(
		        db, &Q_VENUE,
		        DB_ARGS(DB_TEXT(seeds[k].wish[i].venue), DB_INT(s->department_id)), 0);
		if (!venue)
			continue;
		int pos = (int)nw + 1;
		w[nw++] = (struct season_wish){.pos = pos,
		                               .venue_id = venue,
		                               .weekday = seeds[k].wish[i].weekday,
		                               .from = seeds[k].wish[i].from,
		                               .to = seeds[k].wish[i].to};
	}
	if (!nw)
		return 0;
	char *payload = payload_of(k, w, nw, &x, s->id);
	char title[300], dnr[32];
	snprintf(title, sizeof title, "Säsongsansökan, %s: %s", s->name, x.association);
	struct case_new n = {s->dept_code, "sasongsansokan", title, x.association_id,
	                     who,          payload,          0,     0};
	struct case_row row;
	rc = case_create(db, &n, &row, dnr);
	free(payload);
	if (rc == DB_OK)
		rc = season_app_insert(db, row.id, s->id, &x);
	for (size_t i = 0; rc == DB_OK && i < nw; i++) {
		w[i].case_id = row.id;
		rc = season_wish_insert(db, &w[i]);
	}
	return rc == DB_OK ? 0 : -1;
}

int
demo_venue_season(struct db *db, int year, int64_t rep_assoc)
{
	struct arena a = {0};
	char first[11], last[11], spring[11], today[11], deadline[11];
	demo_term(year + 1, 0, first, spring);
	demo_term(year + 1, 1, spring, last);
	/* four weeks to apply, ending before the season begins */
	day_today(today);
	day_add(today, 28, deadline);
	if (strcmp(deadline, first) >= 0)
		day_add(first, -1, deadline);
	struct season s = {
	        .department_id = department_id(db, "FRI"), .dept_code = "FRI", .status = "open"};
	s.name = arena_printf(&a, "Läsåret %d/%02d", year + 1, (year + 2) % 100);
	snprintf(s.first_day, sizeof s.first_day, "%s", first);
	snprintf(s.last_day, sizeof s.last_day, "%s", last);
	snprintf(s.deadline, sizeof s.deadline, "%s", deadline);
	int rc = -1;
	if (season_insert(db, &s, &s.id) != DB_OK)
		goto done;
	for (size_t k = 0; k < sizeof seeds / sizeof *seeds; k++)
		if (apply(db, &a, &s, k, rep_assoc) != 0)
			goto done;
	rc = 0;
done:
	arena_reset(&a);
	return rc;
}
