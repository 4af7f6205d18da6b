/* Demo cases in every status, so the inbox, Mina sidor and the diary have
 * something to show. */
#include "cases/case.h"
#include "demo/demo.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static struct dbq Q_USER = {"SELECT id, name FROM users WHERE email = $1", NULL, 0};
static struct dbq Q_ASSOC = {
        "SELECT ur.association_id, a.name, coalesce(a.members, 0), a.email, a.phone, a.website "
        "FROM user_roles ur JOIN associations a ON a.id = ur.association_id "
        "WHERE ur.user_id = $1 AND ur.role = 'representative'",
        NULL, 0};
static struct dbq Q_ANY = {"SELECT count(*) FROM cases", NULL, 0};
static struct dbq Q_SET = {"UPDATE cases SET status = $2, officer_id = $3 WHERE id = $1", NULL, 0};
static struct dbq Q_DECIDE = {
        "INSERT INTO case_decisions (case_id, outcome, reasoning, decided_by, decided_by_id, "
        "decided_on, reference, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        NULL, 0};
static struct dbq Q_MESSAGE = {
        "INSERT INTO case_messages (case_id, author_id, author_name, from_officer, at, body) "
        "VALUES ($1, $2, $3, 1, $4, $5)",
        NULL, 0};

/* Reads a user's id and name by e-mail. */
static int
user(struct db *db, const char *email, struct actor *a, char *name, size_t n)
{
	struct dbcur c;
	int found = 0;
	if (db_query(db, &c, &Q_USER, DB_ARGS(DB_TEXT(email))) == DB_OK && db_next(&c) > 0) {
		a->id = db_col_int(&c, 0);
		snprintf(name, n, "%s", db_col_text(&c, 1));
		a->name = name;
		found = 1;
	}
	db_done(&c);
	return found;
}

/* What an association's yearly update says: its board, one person per
 * line, and the register's members and contact details. */
struct values {
	int64_t members;
	char email[160], phone[32], web[200];
};

static char *
update_payload(const char *board, const struct values *v)
{
	json_t *p = json_object();
	json_object_set_new(p, "styrelse", json_string(board));
	json_object_set_new(p, "medlemmar", json_integer(v->members));
	json_object_set_new(p, "epost", json_string(v->email));
	json_object_set_new(p, "telefon", json_string(v->phone));
	json_object_set_new(p, "webbplats", json_string(v->web));
	char *s = json_dumps(p, JSON_COMPACT);
	json_decref(p);
	return s;
}

/* One case per status at the leisure department, for the demo association
 * and its representative, each with the yearly update she sent (an empty
 * one could not be granted: the decision applies it to the register);
 * nothing when cases exist already. */
int
demo_cases(struct db *db)
{
	if (db_int(db, &Q_ANY, DB_NOARGS, 0) > 0)
		return 0;
	struct actor rep, officer;
	char rep_name[128], officer_name[128], assoc_name[200] = "";
	if (!user(db, "forening@demo.samverka.se", &rep, rep_name, sizeof(rep_name)) ||
	    !user(db, "handlaggare@demo.samverka.se", &officer, officer_name, sizeof(officer_name)))
		return 0;
	int64_t assoc = 0;
	struct values v = {0};
	struct dbcur c;
	if (db_query(db, &c, &Q_ASSOC, DB_ARGS(DB_INT(rep.id))) == DB_OK && db_next(&c) > 0) {
		assoc = db_col_int(&c, 0);
		snprintf(assoc_name, sizeof(assoc_name), "%s", db_col_text(&c, 1));
		v.members = db_col_int(&c, 2);
		snprintf(v.email, sizeof(v.email), "%s", db_col_text(&c, 3));
		snprintf(v.phone, sizeof(v.phone), "%s", db_col_text(&c, 4));
		snprintf(v.web, sizeof(v.web), "%s", db_col_text(&c, 5));
	}
	db_done(&c);
	static const struct {
		const char *type, *status, *what;
	} demo[] = {
	        {"arsuppdatering", "inkommen", "Årlig uppdatering"},
	        {"arsuppdatering", "handlaggning", "Årlig uppdatering med ny styrelse"},
	        {"arsuppdatering", "komplettering", "Ändrade stadgar"},
	        {"arsuppdatering", "beslutad", "Årlig uppdatering 2025"},
	        {"arsuppdatering", "avslutad", "Årlig uppdatering 2024"},
	        {"arsuppdatering", "aterkallad", "Ändrad kontaktperson"},
	};
	time_t now = time(NULL);
	for (size_t i = 0; i < sizeof(demo) / sizeof(demo[0]); i++) {
		char title[300], dnr[32], board[300];
		snprintf(title, sizeof(title), "%s: %s", demo[i].what, assoc_name);
		snprintf(board, sizeof(board),
		         "%s, %s\nGöran Åberg, kassör\nNoor Said, sekreterare",
		         i == 1 ? "Ingrid Dahl" : "Bengt Holm", "ordförande");
		struct values sent = v;
		sent.members = (v.members ? v.members : 40) + (int64_t)i * 3 - 6;
		char *payload = update_payload(board, &sent);
		struct case_row row;
		struct case_new n = {"FRI", demo[i].type, title, assoc, rep, payload, 0};
		int rc = case_create(db, &n, &row, dnr);
		free(payload);
		if (rc != DB_OK)
			return -1;
		int64_t id = row.id;
		const char *st = demo[i].status;
		int handled = strcmp(st, "inkommen") != 0 && strcmp(st, "aterkallad") != 0;
		if (db_exec(db, &Q_SET,
		            DB_ARGS(DB_INT(id), DB_TEXT(st),
		                    handled ? DB_INT(officer.id) : DB_NULLV)) != DB_OK ||
		    case_event(db, id, handled ? &officer : &rep, "status", st) != DB_OK)
			return -1;
		if (strcmp(st, "komplettering") == 0 &&
		    db_exec(db, &Q_MESSAGE,
		            DB_ARGS(DB_INT(id), DB_INT(officer.id), DB_TEXT(officer.name),
		                    DB_INT(now),
		                    DB_TEXT("Skicka in de antagna stadgarna med "
		                            "årsmötets protokoll."))) != DB_OK)
			return -1;
		if ((strcmp(st, "beslutad") == 0 || strcmp(st, "avslutad") == 0) &&
		    db_exec(db, &Q_DECIDE,
		            DB_ARGS(DB_INT(id), DB_TEXT("bifall"),
		                    DB_TEXT("Uppgifterna är kompletta och föreningen uppfyller "
		                            "villkoren för registrering."),
		                    DB_TEXT(officer.name), DB_INT(officer.id),
		                    DB_TEXT("2026-03-12"), DB_TEXT("FRI 2026-03-12 § 14"),
		                    DB_INT(now))) != DB_OK)
			return -1;
	}
	return 0;
}
