/* Demo cases. By default two years of the leisure department's
 * registrations and yearly updates, back from now: they arrive as
 * associations send them (most in spring after the annual meetings, few in
 * July and at Christmas, mostly on weekdays in office hours), and FRI's
 * officers assign them, ask for completion, decide and close them. Each
 * step writes what the case pages write (trail, messages, decisions) at the
 * time it happened. The demo representative's own cases are among them,
 * one in every status. Without the history: only her six cases, all
 * received now, which the HTTP tests start from. */
#include "auth/users.h"
#include "cases/case.h"
#include "demo/demo.h"
#include "registration/eservices.h"

#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static struct dbq Q_USER = {"SELECT id, name FROM users WHERE email = $1", NULL, 0};
static struct dbq Q_REP_ASSOC = {
        "SELECT ur.association_id FROM user_roles ur JOIN associations a "
        "ON a.id = ur.association_id WHERE ur.user_id = $1 AND ur.role = 'representative' "
        "ORDER BY ur.id LIMIT 1",
        NULL, 0};
static struct dbq Q_ANY = {"SELECT count(*) FROM cases", NULL, 0};
static struct dbq Q_OFFICERS = {
        "SELECT u.id, u.name FROM users u JOIN user_roles ur ON ur.user_id = u.id "
        "JOIN departments d ON d.id = ur.department_id WHERE ur.role = 'officer' "
        "AND d.code = $1 AND u.active = 1 ORDER BY u.id",
        NULL, 0};
/* The register's first 300, and the demo representative's wherever it is. */
static struct dbq Q_ASSOCS = {
        "SELECT id, name, coalesce(members, 0), email, phone, website FROM associations "
        "WHERE active = 1 ORDER BY CASE WHEN id = $1 THEN 0 ELSE 1 END, id LIMIT 301",
        NULL, 0};
static struct dbq Q_NEW_USER = {
        "INSERT INTO users (email, name, password_hash, created) VALUES ($1, $2, $3, $4) "
        "RETURNING id",
        NULL, 0};
static struct dbq Q_USER_SINCE = {"UPDATE users SET created = $2 WHERE id = $1 AND created > $2",
                                  NULL, 0};
static struct dbq Q_SET = {
        "UPDATE cases SET status = $2, officer_id = $3, updated = $4, confidential = $5, "
        "association_id = $6 WHERE id = $1",
        NULL, 0};
static struct dbq Q_DECIDE = {
        "INSERT INTO case_decisions (case_id, outcome, reasoning, decided_by, decided_by_id, "
        "decided_on, reference, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        NULL, 0};
static struct dbq Q_MESSAGE = {
        "INSERT INTO case_messages (case_id, author_id, author_name, from_officer, at, body, "
        "read_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        NULL, 0};
static struct dbq Q_LAST_UPDATE = {"UPDATE associations SET last_update = $2 WHERE id = $1 "
                                   "AND (last_update IS NULL OR last_update < $2)",
                                   NULL, 0};
static struct dbq Q_REGISTERED = {
        "UPDATE associations SET created = $2, updated = $2, last_update = $2 WHERE id = $1", NULL,
        0};

/* The department whose cases these are, and its committee. */
static const char DEPT[] = "FRI";
static const char COMMITTEE[] = "Fritidsnämnden";

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

/* --- the HTTP tests' fixture: the demo representative's six cases ------- */

static struct dbq Q_ASSOC = {
        "SELECT ur.association_id, a.name, coalesce(a.members, 0), a.email, a.phone, a.website "
        "FROM user_roles ur JOIN associations a ON a.id = ur.association_id "
        "WHERE ur.user_id = $1 AND ur.role = 'representative'",
        NULL, 0};
static struct dbq Q_FIXTURE_SET = {"UPDATE cases SET status = $2, officer_id = $3 WHERE id = $1",
                                   NULL, 0};
static struct dbq Q_FIXTURE_MESSAGE = {
        "INSERT INTO case_messages (case_id, author_id, author_name, from_officer, at, body) "
        "VALUES ($1, $2, $3, 1, $4, $5)",
        NULL, 0};

/* One case per status at the leisure department, for the demo association
 * and its representative, each with the yearly update she sent. */
static int
fixture(struct db *db)
{
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
		const char *status, *what;
	} demo[] = {
	        {"inkommen", "Årlig uppdatering"},
	        {"handlaggning", "Årlig uppdatering med ny styrelse"},
	        {"komplettering", "Ändrade stadgar"},
	        {"beslutad", "Årlig uppdatering 2025"},
	        {"avslutad", "Årlig uppdatering 2024"},
	        {"aterkallad", "Ändrad kontaktperson"},
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
		struct case_new n = {DEPT, update_eservice.code, title, assoc, rep, payload, 0, 0};
		int rc = case_create(db, &n, &row, dnr);
		free(payload);
		if (rc != DB_OK)
			return -1;
		int64_t id = row.id;
		const char *st = demo[i].status;
		int handled = strcmp(st, "inkommen") != 0 && strcmp(st, "aterkallad") != 0;
		if (db_exec(db, &Q_FIXTURE_SET,
		            DB_ARGS(DB_INT(id), DB_TEXT(st),
		                    handled ? DB_INT(officer.id) : DB_NULLV)) != DB_OK ||
		    case_event(db, id, handled ? &officer : &rep, "status", st) != DB_OK)
			return -1;
		if (strcmp(st, "komplettering") == 0 &&
		    db_exec(db, &Q_FIXTURE_MESSAGE,
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

/* --- chance and the calendar ----------------------------------------------- */

/* A small generator (splitmix64): the same history for the same day. */
struct rng {
	uint64_t s;
};

static uint64_t
rnext(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static struct rng
rng_for(uint64_t a, uint64_t b)
{
	struct rng r = {a * 0x100000001b3ULL ^ (b + 0x5851f42d4c957f2dULL)};
	rnext(&r);
	return r;
}

static double
unit(struct rng *r)
{
	return (double)(rnext(r) >> 11) / 9007199254740992.0;
}

/* lo … hi, both included. */
static int
range(struct rng *r, int lo, int hi)
{
	return lo + (int)(rnext(r) % (uint64_t)(hi - lo + 1));
}

static int
chance(struct rng *r, double p)
{
	return unit(r) < p;
}

/* An index chosen by weight. */
static int
weighted(struct rng *r, const int *w, int n)
{
	int sum = 0;
	for (int i = 0; i < n; i++)
		sum += w[i];
	int x = range(r, 0, sum - 1);
	for (int i = 0; i < n; i++)
		if ((x -= w[i]) < 0)
			return i;
	return n - 1;
}

#define PICK(r, list) ((list)[range((r), 0, (int)(sizeof(list) / sizeof((list)[0])) - 1)])

enum { DAY = 86400 };

/* A local time; mktime carries days and minutes over into months. */
static int64_t
local_at(int y, int mon, int d, int h, int mi)
{
	struct tm tm = {.tm_year = y - 1900,
	                .tm_mon = mon - 1,
	                .tm_mday = d,
	                .tm_hour = h,
	                .tm_min = mi,
	                .tm_isdst = -1};
	return (int64_t)mktime(&tm);
}

static void
local_tm(int64_t t, struct tm *tm)
{
	time_t tt = (time_t)t;
	localtime_r(&tt, tm);
}

/* The day of the year (from 0) of Easter Sunday, by the Gregorian
 * computus. */
static int
easter_yday(int y)
{
	int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
	int f = (b + 8) / 25, g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
	int x = h + l - 7 * m + 114;
	struct tm tm;
	local_tm(local_at(y, x / 31, x % 31 + 1, 12, 0), &tm);
	return tm.tm_yday;
}

/* Swedish public holidays, and the eves the offices close for. */
static int
holiday(const struct tm *tm)
{
	int m = tm->tm_mon + 1, d = tm->tm_mday;
	if ((m == 1 && (d == 1 || d == 6)) || (m == 5 && d == 1) || (m == 6 && d == 6) ||
	    (m == 12 && (d == 24 || d == 25 || d == 26 || d == 31)))
		return 1;
	if (m == 6 && tm->tm_wday == 5 && d >= 19 && d <= 25)
		return 1; /* midsommarafton */
	int e = easter_yday(tm->tm_year + 1900), yd = tm->tm_yday;
	return yd == e - 2 || yd == e + 1 || yd == e + 39;
}

static int
workday(const struct tm *tm)
{
	return tm->tm_wday >= 1 && tm->tm_wday <= 5 && !holiday(tm);
}

/* A moment in office hours (8–16.30) on the n-th working day after t;
 * with n 0 soon after t the same day if the office is open, else the next
 * working day. */
static int64_t
office_day(struct rng *r, int64_t t, int n)
{
	struct tm tm;
	local_tm(t, &tm);
	int y = tm.tm_year + 1900, mon = tm.tm_mon + 1, d = tm.tm_mday;
	int counted = 0;
	for (int k = 0; k < 800; k++) {
		struct tm day;
		local_tm(local_at(y, mon, d + k, 12, 0), &day);
		int from = 8 * 60, to = 16 * 60 + 30;
		if (k == 0)
			from = from > tm.tm_hour * 60 + tm.tm_min + 5
			               ? from
			               : tm.tm_hour * 60 + tm.tm_min + 5;
		if (!workday(&day) || from >= to)
			continue;
		if (counted++ < n)
			continue;
		int span = to - from;
		if (n == 0 && span > 90)
			span = 90;
		return local_at(y, mon, d + k, 0, from + range(r, 0, span));
	}
	return t + DAY;
}

/* When an officer gets to it: in July and between Christmas and
 * Epiphany the office runs on a skeleton staff, and things wait. */
static int64_t
officer_time(struct rng *r, int64_t t, int n)
{
	int64_t u = office_day(r, t, n);
	struct tm tm;
	local_tm(u, &tm);
	int m = tm.tm_mon + 1, d = tm.tm_mday;
	if (m == 7 && chance(r, 0.7))
		u = office_day(r, u, range(r, 4, 12));
	else if (((m == 12 && d >= 21) || (m == 1 && d <= 6)) && chance(r, 0.5))
		u = office_day(r, u, range(r, 2, 5));
	return u;
}

/* A minute of the day when people send things from home or work: mostly
 * in office hours, often in the evening, seldom at night. */
static int
minute_of_day(struct rng *r)
{
	static const int w[] = {62, 30, 8};
	switch (weighted(r, w, 3)) {
	case 0:
		return range(r, 8 * 60, 17 * 60);
	case 1:
		return range(r, 17 * 60, 22 * 60 + 30);
	default:
		return chance(r, 0.5) ? range(r, 6 * 60, 8 * 60)
		                      : range(r, 22 * 60 + 30, 23 * 60 + 50);
	}
}

/* An applicant's moment on a given day (days carry over): weekends and
 * holidays are mostly moved to the next weekday. */
static int64_t
sent_on(struct rng *r, int y, int mon, int d)
{
	for (int k = 0; k < 10; k++) {
		struct tm day;
		local_tm(local_at(y, mon, d + k, 12, 0), &day);
		if (workday(&day) || chance(r, 0.25))
			return local_at(y, mon, d + k, 0, minute_of_day(r));
	}
	return local_at(y, mon, d, 12, 0);
}

/* An applicant's answer, some days after t. */
static int64_t
applicant_time(struct rng *r, int64_t t, int min_days, int max_days)
{
	struct tm tm;
	local_tm(t, &tm);
	for (int tries = 0; tries < 20; tries++) {
		int64_t u = sent_on(r, tm.tm_year + 1900, tm.tm_mon + 1,
		                    tm.tm_mday + range(r, min_days, max_days));
		if (u > t + 300)
			return u;
	}
	return t + range(r, 600, 7200);
}

static int
year_of(int64_t t)
{
	struct tm tm;
	local_tm(t, &tm);
	return tm.tm_year + 1900;
}

/* The date of a moment, as decisions are dated. */
static void
date_of(int64_t t, char out[16])
{
	struct tm tm;
	local_tm(t, &tm);
	strftime(out, 16, "%Y-%m-%d", &tm);
}

/* The committee's next meeting (the third Thursday of the month at five,
 * none in July) on or after t. */
static int64_t
next_meeting(int64_t t)
{
	struct tm tm;
	local_tm(t, &tm);
	int y = tm.tm_year + 1900, mon = tm.tm_mon + 1;
	for (int k = 0; k < 14; k++, mon++) {
		if (mon > 12)
			mon = 1, y++;
		if (mon == 7)
			continue;
		struct tm first;
		local_tm(local_at(y, mon, 1, 12, 0), &first);
		int thursday = 1 + (4 - first.tm_wday + 7) % 7 + 14;
		int64_t m = local_at(y, mon, thursday, 17, 0);
		if (m >= t)
			return m;
	}
	return t + 30 * DAY;
}

/* --- what the cases say ---------------------------------------------------- */

static const char *const BOARD_ROLES[] = {"ordförande", "kassör",  "sekreterare", "vice ordförande",
                                          "ledamot",    "ledamot", "suppleant"};

struct talk {
	const char *ask, *answer;
};

static const struct talk COMPLETE_UPDATE[] = {
        {"Protokollet från årsmötet är inte justerat. Skicka ett justerat protokoll, eller skriv "
         "vilka som justerade det och när.",
         "Protokollet justerades efter mötet av våra två justerare. Det justerade protokollet "
         "finns hos sekreteraren och kan skickas på begäran."},
        {"Medlemsantalet skiljer sig mycket från förra årets. Stämmer siffran?",
         "Ja, den stämmer. Vi har rensat medlemsregistret och tagit bort dem som inte betalat "
         "avgift på två år."},
        {"Styrelsen i uppdateringen har bara två ledamöter, men stadgarna kräver minst tre. Vem "
         "är den tredje?",
         "Vi glömde en rad: vår kassör valdes också om på årsmötet. Han finns med i protokollet."},
        {"E-postadressen ni anger går inte att skicka till. Vilken adress ska stå i registret?",
         "Adressen var felstavad. Den vi angav i uppdateringen är rättad nu och fungerar."},
};

static const struct talk COMPLETE_REGISTRATION[] = {
        {"Stadgarna saknar datum för när de antogs. Vilket datum hölls det konstituerande mötet?",
         "Det konstituerande mötet hölls en vecka innan vi skickade ansökan. Datumet står nu på "
         "stadgarnas sista sida."},
        {"För registreringen behöver vi veta hur många av medlemmarna som bor i Malmö.",
         "Alla utom tre av medlemmarna bor i Malmö, de flesta i närområdet."},
        {"Protokollet visar inte att styrelsen har valts. Skicka protokollet från mötet där "
         "styrelsen valdes.",
         "Styrelsen valdes på det konstituerande mötet; det står under punkt 7 i protokollet "
         "som vi nu har skickat igen till förvaltningen."},
        {"Föreningen anger barn som målgrupp. Har ni rutiner för att begära utdrag ur "
         "belastningsregistret för ledarna?",
         "Ja, alla ledare visar utdrag innan de börjar och styrelsen går igenom det varje "
         "höst."},
        {"Vilket konto ska föreningen använda? Vi behöver veta att föreningen har ett eget "
         "bankkonto eller plusgiro.",
         "Föreningen har ett eget konto hos banken sedan förra månaden, med två firmatecknare "
         "i styrelsen."},
};

static const char *const REMINDERS[] = {
        "Påminnelse: vi väntar fortfarande på kompletteringen. Hör av er om ni behöver hjälp.",
        "Vi har inte fått någon komplettering ännu. Utan den kan vi inte fatta beslut i "
        "ärendet.",
};

static const char *const WITHDRAW_SOON[] = {
        "Vi skickade in uppdateringen två gånger av misstag. Den här kan strykas.",
        "Fel protokoll kom med. Vi återkallar och skickar en ny uppdatering direkt.",
        "Medlemsantalet blev fel. Vi skickar in en rättad uppdatering.",
};

static const char *const WITHDRAW_REGISTRATION[] = {
        "Vi har bestämt oss för att bli en sektion i en befintlig förening i stället.",
        "Styrelsen har beslutat att vänta med registreringen till nästa år.",
        "Vi återkallar ansökan; vi har inte hunnit få ihop en styrelse.",
};

static const char *const WITHDRAW_LATE[] = {
        "Vi hinner inte ta fram det som saknas just nu och återkallar. Vi återkommer.",
        "Föreningen har gått samman med en annan förening, så ärendet kan avslutas.",
};

static const struct talk QUESTIONS[] = {
        {"Hej! När kan vi räkna med besked?",
         "Hej! Ärendet handläggs nu och ni får besked inom ett par veckor."},
        {"Vi har fått ny kassör sedan vi skickade in. Behöver vi skicka en ny uppdatering?",
         "Nej, det räcker att ni skriver det här. Vi för in den nya kassören när vi beslutar."},
        {"Syns föreningen i det offentliga registret medan ärendet handläggs?",
         "Föreningen syns som förut tills vi har beslutat. Uppgifterna ändras då."},
};

static const char *const GRANT_UPDATE[] = {
        "Uppgifterna stämmer med årsmötesprotokollet och förs in i föreningsregistret.",
        "Föreningen har hållit årsmöte enligt stadgarna. Den nya styrelsen och de ändrade "
        "uppgifterna förs in i registret.",
        "Uppdateringen är komplett och godkänns.",
};

static const char *const GRANT_REGISTRATION[] = {
        "Föreningen har antagna stadgar, en vald styrelse och verksamhet i Malmö, och "
        "uppfyller villkoren för registrering i föreningsregistret.",
        "Föreningen är demokratiskt uppbyggd, öppen för alla och bedriver verksamhet i Malmö. "
        "Den registreras i föreningsregistret.",
};

static const char *const REFUSE_UPDATE[] = {
        "Det bifogade protokollet är från ett tidigare årsmöte och visar inte den nuvarande "
        "styrelsen. Skicka en ny uppdatering med protokollet från det senaste årsmötet.",
        "Uppdateringen är inte undertecknad av någon i styrelsen och kan därför inte godtas.",
};

static const char *const REFUSE_REGISTRATION[] = {
        "Föreningen har inte hållit något konstituerande möte och har ingen vald styrelse. Den "
        "uppfyller därför inte villkoren för registrering.",
        "Verksamheten bedrivs i vinstsyfte och riktar sig inte till Malmöbor på ideell grund. "
        "Föreningen kan därför inte registreras.",
        "Stadgarna säger inget om årsmöte eller om hur styrelsen väljs. Föreningen är därför "
        "inte demokratiskt uppbyggd och kan inte registreras.",
        /* FEW_MEMBERS */
        "Föreningen har färre än fem medlemmar och uppfyller inte villkoren för registrering.",
};
enum { FEW_MEMBERS = 3 };

/* --- the people and associations of the history ---------------------------- */

enum { T_UPDATE, T_REGISTRATION };
enum { APPLICANTS = 36, MAX_EVENTS = 24, MAX_OFFICERS = 16 };
enum ev_kind { EV_ASSIGN, EV_STATUS, EV_MESSAGE, EV_DECISION, EV_CONFIDENTIAL };

struct person {
	int64_t id;
	char name[96];
};

/* One step of a case: who did it when; a status change may carry the
 * message that went with it (a request for completion and its answer). */
struct ev {
	int64_t at;
	enum ev_kind kind;
	int who;               /* a person */
	int whom;              /* EV_ASSIGN: the officer it is given to */
	const char *from, *to; /* EV_STATUS, EV_DECISION */
	const char *text;      /* a message; the provision of a confidentiality marking */
	int from_officer;
	int note; /* the message is the plan's own note */
};

/* An association whose cases the history has: from the register, or
 * registered during the history (reg at or above 0). */
struct hassoc {
	int64_t id;
	char name[200];
	struct values now; /* in the register at the end */
	int rep;           /* the person who sends its updates */
	int party;         /* an officer who represents it, or -1 */
	int meet_month, meet_day, seats;
	int reg;       /* the registration it came from, or -1 */
	int64_t since; /* when that was granted */
};

/* A registration: the association it asks to register. */
struct hreg {
	char name[160], purpose[512], orgnr[12], founded[12], members[12];
	const char *form;
	int area, area2, group, public_, confidential; /* area2: asked for too, or -1 */
	struct values v;
	int assoc; /* once granted */
};

struct plan {
	int64_t at;
	int type, assoc, reg, applicant, officer;
	int duplicate; /* withdrawn soon after, and sent again */
	int story;     /* the demo representative's: built by hand, not simulated */
	int simulated;
	uint64_t seed;
	struct ev ev[MAX_EVENTS];
	int nev;
	/* how it stands now */
	const char *status;
	int decided, committee;
	const char *outcome;
	int64_t decided_at, updated;
	char decided_on[16], reference[64], reasoning[600], note[300];
	int confidential;
	struct values v;
	char board[600];
};

struct history {
	struct db *db;
	int64_t now, start;
	const int64_t *area_ids, *group_ids;
	struct person *people;
	int npeople, cap_people, nofficers, rep;
	struct hassoc *assocs;
	int nassocs, cap_assocs, rep_assoc;
	struct hreg *regs;
	int nregs, cap_regs;
	struct plan *plans;
	int nplans, cap_plans;
	char hash[128]; /* of a password nobody knows, for the applicants */
};

static void *
grow(void *items, int n, int *cap, size_t size)
{
	if (n < *cap)
		return items;
	*cap = *cap ? *cap * 2 : 64;
	return xrealloc(items, (size_t)*cap * size);
}

static int
add_person(struct history *h, int64_t id, const char *name)
{
	h->people = grow(h->people, h->npeople, &h->cap_people, sizeof(*h->people));
	struct person *p = &h->people[h->npeople];
	p->id = id;
	snprintf(p->name, sizeof(p->name), "%s", name);
	return h->npeople++;
}

/* A demo applicant's account (created the first time it is needed): the
 * k-th person, signed up some days before `at`, with a password nobody
 * knows. */
static int
applicant(struct history *h, unsigned long k, int64_t at)
{
	char name[96], email[200];
	demo_person(k, name, sizeof(name));
	demo_email(name, "demo.samverka.se", email, sizeof(email));
	struct actor a;
	char found[96];
	if (user(h->db, email, &a, found, sizeof(found)))
		return add_person(h, a.id, found);
	int64_t id;
	if (db_returning(h->db, &Q_NEW_USER,
	                 DB_ARGS(DB_TEXT(email), DB_TEXT(name), DB_TEXT(h->hash), DB_INT(at)),
	                 &id) != DB_OK)
		return -1;
	return add_person(h, id, name);
}

static struct plan *
add_plan(struct history *h, int64_t at, int type, int assoc, int reg, int who)
{
	h->plans = grow(h->plans, h->nplans, &h->cap_plans, sizeof(*h->plans));
	struct plan *p = &h->plans[h->nplans];
	memset(p, 0, sizeof(*p));
	p->at = at;
	p->type = type;
	p->assoc = assoc;
	p->reg = reg;
	p->applicant = who;
	p->officer = -1;
	p->seed = (uint64_t)h->nplans * 7919 + (uint64_t)type;
	h->nplans++;
	return p;
}

static void
push(struct plan *p, struct ev e)
{
	if (p->nev < MAX_EVENTS)
		p->ev[p->nev++] = e;
}

static void
ev_status(struct plan *p, int64_t at, int who, const char *from, const char *to, const char *text,
          int from_officer)
{
	push(p, (struct ev){.at = at,
	                    .kind = EV_STATUS,
	                    .who = who,
	                    .from = from,
	                    .to = to,
	                    .text = text,
	                    .from_officer = from_officer});
}

static void
ev_message(struct plan *p, int64_t at, int who, int from_officer, const char *text)
{
	push(p, (struct ev){.at = at,
	                    .kind = EV_MESSAGE,
	                    .who = who,
	                    .text = text,
	                    .from_officer = from_officer});
}

static void
ev_assign(struct plan *p, int64_t at, int who, int whom)
{
	push(p, (struct ev){.at = at, .kind = EV_ASSIGN, .who = who, .whom = whom});
}

static void
ev_decision(struct plan *p, int64_t at, int who, const char *from, const char *outcome,
            int committee, int64_t decided_on)
{
	push(p,
	     (struct ev){.at = at, .kind = EV_DECISION, .who = who, .from = from, .to = outcome});
	p->committee = committee;
	date_of(decided_on, p->decided_on);
}

/* An officer of the department who is no party to the case. */
static int
officer_for(struct history *h, struct rng *r, const struct plan *p)
{
	int party = p->type == T_UPDATE ? h->assocs[p->assoc].party : -1;
	for (;;) {
		int o = range(r, 0, h->nofficers - 1);
		if (o != party || h->nofficers == 1)
			return o;
	}
}

/* --- a case's course ------------------------------------------------------- */

/* How long officers take to decide, in working days after they started. */
static int
handling_days(struct rng *r, int reg)
{
	static const int w_update[] = {45, 40, 15}, w_reg[] = {40, 40, 20};
	switch (weighted(r, reg ? w_reg : w_update, 3)) {
	case 0:
		return reg ? range(r, 3, 10) : range(r, 1, 4);
	case 1:
		return reg ? range(r, 11, 25) : range(r, 5, 12);
	default:
		return reg ? range(r, 26, 60) : range(r, 13, 35);
	}
}

/* What happens to a case from its arrival, step by step, as far as chance
 * takes it; steps after now are dropped afterwards. */
static void
simulate(struct history *h, struct plan *p)
{
	struct rng r = rng_for(p->seed, 17);
	int reg = p->type == T_REGISTRATION, app = p->applicant;
	int64_t t = p->at;
	if (p->duplicate) {
		t += range(&r, 10, 300) * 60;
		ev_message(p, t, app, 0,
		           reg ? PICK(&r, WITHDRAW_REGISTRATION) : PICK(&r, WITHDRAW_SOON));
		ev_status(p, t + range(&r, 1, 20) * 60, app, "inkommen", "aterkallad", NULL, 0);
		return;
	}
	static const int w_update[] = {94, 2, 4}, w_reg[] = {76, 8, 16};
	static const char *const outcomes[] = {"bifall", "delvis", "avslag"};
	const char *outcome = outcomes[weighted(&r, reg ? w_reg : w_update, 3)];
	char area[64] = "";
	if (!reg && strcmp(outcome, "delvis") == 0) {
		/* asks for more than the update can do */
		snprintf(area, sizeof(area), "%s",
		         demo_areas[range(&r, 0, (int)demo_area_count() - 1)]);
		snprintf(p->note, sizeof(p->note),
		         "Vi har också börjat med verksamhet i %s och vill stå med under det "
		         "området i registret.",
		         area);
		t += range(&r, 2, 30) * 60;
		push(p, (struct ev){.at = t, .kind = EV_MESSAGE, .who = app, .note = 1});
	}
	int off = officer_for(h, &r, p);
	int by = chance(&r, 0.2) ? officer_for(h, &r, p) : off;
	/* the inbox's queue: the same day, or some days later; longer in the
	 * autumn, when the grant applications come in */
	static const int w_wait[] = {35, 30, 20, 15}, w_autumn[] = {10, 15, 30, 45};
	struct tm when;
	local_tm(t, &when);
	int wait = weighted(&r, when.tm_mon >= 9 ? w_autumn : w_wait, 4);
	t = officer_time(&r, t, wait == 2 ? range(&r, 2, 3) : wait == 3 ? range(&r, 4, 10) : wait);
	ev_assign(p, t, by, off);
	if (reg && h->regs[p->reg].confidential) {
		t += range(&r, 1, 5) * 60;
		push(p, (struct ev){.at = t,
		                    .kind = EV_CONFIDENTIAL,
		                    .who = off,
		                    .text = "21 kap. 3 § offentlighets- och sekretesslagen"});
	}
	t += range(&r, 1, 8) * 60;
	ev_status(p, t, off, "inkommen", "handlaggning", NULL, 0);
	if (chance(&r, reg ? 0.4 : 0.14)) {
		const struct talk *k =
		        reg ? &PICK(&r, COMPLETE_REGISTRATION) : &PICK(&r, COMPLETE_UPDATE);
		t = officer_time(&r, t, range(&r, 0, 3));
		ev_status(p, t, off, "handlaggning", "komplettering", k->ask, 1);
		double u = unit(&r);
		int old = p->at < h->now - 150 * DAY;
		if (u < 0.86) {
			t = applicant_time(&r, t, 0, chance(&r, 0.7) ? 6 : 24);
			ev_status(p, t, app, "komplettering", "inkommen", k->answer, 0);
			t = officer_time(&r, t, range(&r, 0, 3));
			ev_status(p, t, off, "inkommen", "handlaggning", NULL, 0);
		} else if (u < 0.93 || old) {
			t = officer_time(&r, t + range(&r, 21, 30) * DAY, 0);
			ev_message(p, t, off, 1, PICK(&r, REMINDERS));
			t = applicant_time(&r, t, 1, 10);
			ev_message(p, t, app, 0, PICK(&r, WITHDRAW_LATE));
			ev_status(p, t + range(&r, 1, 10) * 60, app, "komplettering", "aterkallad",
			          NULL, 0);
			return;
		} else {
			return; /* still waiting for the answer */
		}
	}
	if (chance(&r, 0.08)) {
		const struct talk *q = &PICK(&r, QUESTIONS);
		t = applicant_time(&r, t, 1, 8);
		ev_message(p, t, app, 0, q->ask);
		t = officer_time(&r, t, range(&r, 0, 1));
		ev_message(p, t, off, 1, q->answer);
	}
	if (chance(&r, reg ? 0.04 : 0.015)) {
		t = applicant_time(&r, t, 1, 10);
		ev_message(p, t, app, 0, PICK(&r, WITHDRAW_LATE));
		ev_status(p, t + range(&r, 1, 10) * 60, app, "handlaggning", "aterkallad", NULL, 0);
		return;
	}
	/* a registration refused, or granted only in part, goes to the
	 * committee; everything else is decided by delegation */
	int committee = reg && strcmp(outcome, "bifall") != 0;
	int64_t ready = officer_time(&r, t, handling_days(&r, reg)), on = ready;
	if (committee) {
		on = next_meeting(ready + 5 * DAY);
		ready = officer_time(&r, on, range(&r, 1, 3));
	}
	ev_decision(p, ready, off, "handlaggning", outcome, committee, on);
	const char *why = reg ? PICK(&r, GRANT_REGISTRATION) : PICK(&r, GRANT_UPDATE);
	if (strcmp(outcome, "avslag") == 0 && reg) {
		int k = range(&r, 0, (int)(sizeof(REFUSE_REGISTRATION) / sizeof(char *)) - 1);
		why = REFUSE_REGISTRATION[k];
		if (k == FEW_MEMBERS) {
			struct hreg *g = &h->regs[p->reg];
			snprintf(g->members, sizeof(g->members), "%d", range(&r, 3, 4));
			g->v.members = atoi(g->members);
		}
	} else if (strcmp(outcome, "avslag") == 0) {
		why = PICK(&r, REFUSE_UPDATE);
	}
	if (strcmp(outcome, "delvis") == 0 && !reg) {
		snprintf(p->reasoning, sizeof(p->reasoning),
		         "%s Föreningen förs inte in under %s: verksamheten där har inte beslutats "
		         "av årsmötet och finns inte i verksamhetsberättelsen.",
		         why, area);
	} else if (strcmp(outcome, "delvis") == 0) {
		/* registered with the area it works in, not the one it plans */
		struct hreg *g = &h->regs[p->reg];
		int na = (int)demo_area_count();
		g->area2 = (g->area + range(&r, 1, na - 1)) % na;
		snprintf(p->reasoning, sizeof(p->reasoning),
		         "Föreningen registreras i föreningsregistret under %s. Den förs inte "
		         "in under %s: föreningen har ännu ingen verksamhet där.",
		         demo_areas[g->area], demo_areas[g->area2]);
	} else {
		snprintf(p->reasoning, sizeof(p->reasoning), "%s", why);
	}
	if (chance(&r, 0.96)) {
		static const int w_close[] = {60, 25, 15};
		int c = weighted(&r, w_close, 3);
		int days = c == 0 ? 0 : c == 1 ? range(&r, 1, 3) : range(&r, 4, 12);
		ev_status(p, officer_time(&r, ready + 60, days), off, "beslutad", "avslutad", NULL,
		          0);
	}
}

/* Drops what would happen after now, and reads how the case stands. */
static void
settle(struct history *h, struct plan *p)
{
	int n = 0;
	while (n < p->nev && p->ev[n].at <= h->now)
		n++;
	p->nev = n;
	p->status = "inkommen";
	p->updated = p->at;
	for (int i = 0; i < n; i++) {
		const struct ev *e = &p->ev[i];
		if (e->kind == EV_ASSIGN) {
			p->officer = e->whom;
			p->updated = e->at;
		} else if (e->kind == EV_STATUS) {
			p->status = e->to;
			p->updated = e->at;
		} else if (e->kind == EV_DECISION) {
			p->status = "beslutad";
			p->decided = 1;
			p->outcome = e->to;
			p->decided_at = e->at;
			p->updated = e->at;
		} else if (e->kind == EV_CONFIDENTIAL) {
			p->confidential = 1;
			p->updated = e->at;
		}
	}
}

/* --- the demo representative's own cases ----------------------------------- */

/* A moment on the n-th working day before now, in office hours. */
static int64_t
days_ago(struct rng *r, int64_t now, int n)
{
	struct tm tm;
	local_tm(now, &tm);
	int y = tm.tm_year + 1900, mon = tm.tm_mon + 1, d = tm.tm_mday;
	for (int k = 1, found = 0; k < 400; k++) {
		struct tm day;
		local_tm(local_at(y, mon, d - k, 12, 0), &day);
		if (workday(&day) && ++found == n)
			return local_at(y, mon, d - k, 0, range(r, 8 * 60 + 15, 15 * 60 + 30));
	}
	return now - (int64_t)n * DAY;
}

/* Granted by delegation a few days after arrival, then closed. */
static void
story_granted(struct plan *p, struct rng *r, int off)
{
	int64_t t = officer_time(r, p->at, 1);
	ev_assign(p, t, off, off);
	ev_status(p, t + 120, off, "inkommen", "handlaggning", NULL, 0);
	t = officer_time(r, t, range(r, 1, 4));
	ev_decision(p, t, off, "handlaggning", "bifall", 0, t);
	snprintf(p->reasoning, sizeof(p->reasoning), "%s", GRANT_UPDATE[0]);
	ev_status(p, t + 600, off, "beslutad", "avslutad", NULL, 0);
}

/* The demo representative's cases, in every status: her association's
 * yearly updates of the last two springs (one sent twice, the first
 * withdrawn), two networks she is starting (one registered days ago, one
 * waiting for her completion), an update after an extra annual meeting
 * being handled and one that arrived today. */
static int
rep_stories(struct history *h)
{
	struct rng r = rng_for(4242, 1);
	int a = h->rep_assoc, rep = h->rep, hamid = 0, lena = h->nofficers > 1 ? 1 : 0;
	const struct hassoc *x = &h->assocs[a];
	/* the latest spring whose update has long been decided */
	struct tm now;
	local_tm(h->now, &now);
	int y = now.tm_year + 1900;
	int64_t s1 = local_at(y, x->meet_month, x->meet_day + 18, 0, 19 * 60 + 40);
	if (s1 > h->now - 45 * DAY)
		s1 = local_at(--y, x->meet_month, x->meet_day + 18, 0, 19 * 60 + 40);
	int64_t s0 = local_at(y - 1, x->meet_month, x->meet_day + 24, 0, 10 * 60 + 5);
	if (s0 < h->start)
		s0 = local_at(year_of(h->start), 12, 10, 10, 5);

	struct plan *p = add_plan(h, s0, T_UPDATE, a, -1, rep);
	p->story = 1;
	story_granted(p, &r, hamid);

	p = add_plan(h, s1, T_UPDATE, a, -1, rep);
	p->story = 1;
	p->duplicate = 1;
	ev_message(p, s1 + 25 * 60, rep, 0, WITHDRAW_SOON[1]);
	ev_status(p, s1 + 31 * 60, rep, "inkommen", "aterkallad", NULL, 0);

	p = add_plan(h, s1 + 52 * 60, T_UPDATE, a, -1, rep);
	p->story = 1;
	story_granted(p, &r, lena);

	/* registered two working days ago after a completion, not yet closed */
	int64_t decided = days_ago(&r, h->now, 2);
	int64_t t = days_ago(&r, h->now, 24);
	p = add_plan(h, t, T_REGISTRATION, -1, 0, rep);
	p->story = 1;
	t = officer_time(&r, t, 1);
	ev_assign(p, t, hamid, hamid);
	ev_status(p, t + 300, hamid, "inkommen", "handlaggning", NULL, 0);
	t = officer_time(&r, t, 2);
	ev_status(p, t, hamid, "handlaggning", "komplettering", COMPLETE_REGISTRATION[1].ask, 1);
	t = applicant_time(&r, t, 1, 3);
	ev_status(p, t, rep, "komplettering", "inkommen", COMPLETE_REGISTRATION[1].answer, 0);
	t = officer_time(&r, t, 1);
	ev_status(p, t < decided - 3600 ? t : decided - 3600, hamid, "inkommen", "handlaggning",
	          NULL, 0);
	ev_decision(p, decided, hamid, "handlaggning", "bifall", 0, decided);
	snprintf(p->reasoning, sizeof(p->reasoning), "%s", GRANT_REGISTRATION[1]);

	/* waiting for her completion */
	t = days_ago(&r, h->now, 9);
	p = add_plan(h, t - 15 * 3600, T_REGISTRATION, -1, 1, rep);
	p->story = 1;
	ev_assign(p, t, hamid, hamid);
	ev_status(p, t + 240, hamid, "inkommen", "handlaggning", NULL, 0);
	ev_status(p, days_ago(&r, h->now, 3), hamid, "handlaggning", "komplettering",
	          COMPLETE_REGISTRATION[0].ask, 1);

	/* after an extra annual meeting: being handled by Hamid */
	t = days_ago(&r, h->now, 7);
	p = add_plan(h, t - 2 * 3600, T_UPDATE, a, -1, rep);
	p->story = 2; /* the board elected at the extra meeting */
	ev_assign(p, t, hamid, hamid);
	ev_status(p, t + 180, hamid, "inkommen", "handlaggning", NULL, 0);
	ev_message(p, t + 3 * DAY, rep, 0, QUESTIONS[1].ask);

	/* arrived today (or late yesterday), nobody has looked at it */
	p = add_plan(h, h->now - range(&r, 2, 14) * 3600, T_UPDATE, a, -1, rep);
	p->story = 2;
	return 0;
}

/* --- payloads -------------------------------------------------------------- */

/* The e-mail address at another name of the same domain. */
static void
other_address(struct rng *r, const char *name, const char *email, char *out, size_t n)
{
	static const char *const local[] = {"info", "kontakt", "styrelsen", "ordforande",
	                                    "kansliet"};
	const char *at = strchr(email, '@');
	char slug[120];
	demo_slug(name, slug, sizeof(slug));
	const char *l = PICK(r, local);
	if (at && strncmp(email, l, (size_t)(at - email)) == 0)
		l = "kontakt";
	if (at)
		snprintf(out, n, "%s%s", l, at);
	else
		snprintf(out, n, "%s@%s.example.se", l, slug);
}

static const int MOBILE[] = {0, 2, 3, 6};

static void
other_phone(struct rng *r, char *out, size_t n)
{
	if (chance(r, 0.5))
		snprintf(out, n, "040-%02d %02d %02d", range(r, 10, 99), range(r, 0, 99),
		         range(r, 0, 99));
	else
		snprintf(out, n, "07%d-%03d %02d %02d", PICK(r, MOBILE), range(r, 100, 999),
		         range(r, 0, 99), range(r, 0, 99));
}

/* What the association sends a year on from v: a few members more or
 * fewer, now and then a new address or number. */
static struct values
forward(struct rng *r, const char *name, const struct values *v)
{
	struct values n = *v;
	n.members = v->members + (int64_t)((double)v->members * (unit(r) * 0.15 - 0.05) + 0.5);
	if (n.members < 5)
		n.members = 5 + range(r, 0, 4);
	if (chance(r, 0.15) || !n.email[0])
		other_address(r, name, v->email, n.email, sizeof(n.email));
	if (chance(r, 0.12))
		other_phone(r, n.phone, sizeof(n.phone));
	if (!n.web[0] && chance(r, 0.08)) {
		char slug[120];
		demo_slug(name, slug, sizeof(slug));
		snprintf(n.web, sizeof(n.web), "https://%s.example.se/", slug);
	}
	return n;
}

/* What it had a year before v. */
static struct values
backward(struct rng *r, const char *name, const struct values *v)
{
	struct values n = *v;
	n.members = v->members - (int64_t)((double)v->members * (unit(r) * 0.12 - 0.03) + 0.5);
	if (n.members < 5)
		n.members = 5;
	if (chance(r, 0.15))
		other_address(r, name, v->email, n.email, sizeof(n.email));
	if (chance(r, 0.12))
		other_phone(r, n.phone, sizeof(n.phone));
	if (n.web[0] && chance(r, 0.1))
		n.web[0] = 0;
	return n;
}

/* The board of an association in a year: each seat changes hands every
 * one to three years; the one who sends the updates is its secretary. */
static void
board_text(struct history *h, const struct hassoc *x, int year, char *out, size_t n)
{
	size_t k = 0;
	out[0] = 0;
	uint64_t key = (uint64_t)(x->id > 0 ? x->id : 100000 + x->reg) * 31;
	for (int s = 0; s < x->seats && k < n; s++) {
		char name[96];
		int term = 1 + (int)((key + (uint64_t)s * 7) % 3);
		uint64_t era = (uint64_t)(year + (int)((key + (uint64_t)s) % 3)) / (uint64_t)term;
		if (s == 2 || (x->seats < 3 && s == 0))
			snprintf(name, sizeof(name), "%s", h->people[x->rep].name);
		else
			demo_person(5000 + (key * 13 + (uint64_t)s * 101 + era * 7) % 2800, name,
			            sizeof(name));
		k += (size_t)snprintf(out + k, n - k, "%s%s, %s", s ? "\n" : "", name,
		                      BOARD_ROLES[s]);
	}
}

/* Each association's updates, so that the register ends with what the
 * last granted one sent: walked back from the register for its own
 * associations, forward from the registration for new ones. Updates not
 * applied send changes to what was in the register at the time. */
static void
update_payloads(struct history *h, int a)
{
	struct hassoc *x = &h->assocs[a];
	int ids[64], n = 0, applied[64], na = 0;
	for (int i = 0; i < h->nplans && n < 64; i++)
		if (h->plans[i].type == T_UPDATE && h->plans[i].assoc == a)
			ids[n++] = i;
	for (int i = 0; i < n; i++) {
		struct plan *p = &h->plans[ids[i]];
		if (p->decided && strcmp(p->outcome, "avslag") != 0)
			applied[na++] = ids[i];
	}
	/* by the time they were decided (insertion sort, a handful) */
	for (int i = 1; i < na; i++)
		for (int j = i;
		     j > 0 && h->plans[applied[j]].decided_at < h->plans[applied[j - 1]].decided_at;
		     j--) {
			int t = applied[j];
			applied[j] = applied[j - 1];
			applied[j - 1] = t;
		}
	struct values states[65];
	struct rng r = rng_for((uint64_t)a, 99);
	if (x->reg >= 0) {
		states[0] = h->regs[x->reg].v;
		for (int j = 0; j < na; j++)
			states[j + 1] = forward(&r, x->name, &states[j]);
		x->now = states[na];
	} else {
		states[na] = x->now;
		for (int j = na; j > 0; j--)
			states[j - 1] = backward(&r, x->name, &states[j]);
	}
	for (int i = 0; i < n; i++) {
		struct plan *p = &h->plans[ids[i]];
		int j = 0;
		while (j < na && applied[j] != ids[i])
			j++;
		if (j < na) {
			p->v = states[j + 1];
		} else {
			int before = 0;
			while (before < na && h->plans[applied[before]].decided_at <= p->at)
				before++;
			p->v = forward(&r, x->name, &states[before]);
		}
		int year = year_of(p->at) + (p->story == 2);
		board_text(h, x, year, p->board, sizeof(p->board));
	}
	/* a withdrawn duplicate sent the same as the one sent again after it */
	for (int i = 0; i + 1 < n; i++) {
		struct plan *p = &h->plans[ids[i]];
		if (p->duplicate) {
			p->v = h->plans[ids[i + 1]].v;
			p->v.members += range(&r, -3, 3);
			if (p->v.members < 1)
				p->v.members = 1;
			memcpy(p->board, h->plans[ids[i + 1]].board, sizeof(p->board));
		}
	}
}

static char *
registration_payload(struct history *h, const struct plan *p)
{
	const struct hreg *g = &h->regs[p->reg];
	json_t *o = json_object();
	json_object_set_new(o, "namn", json_string(g->name));
	json_object_set_new(o, "form", json_string(g->form));
	json_object_set_new(o, "organisationsnummer", json_string(g->orgnr));
	json_object_set_new(o, "andamal", json_string(g->purpose));
	json_object_set_new(o, "epost", json_string(g->v.email));
	json_object_set_new(o, "telefon", json_string(g->v.phone));
	json_object_set_new(o, "webbplats", json_string(g->v.web));
	json_object_set_new(o, "grundad", json_string(g->founded));
	json_object_set_new(o, "medlemmar", json_string(g->members));
	json_t *areas = json_array(), *groups = json_array(), *board = json_array();
	json_array_append_new(areas, json_integer(h->area_ids[g->area]));
	if (g->area2 >= 0)
		json_array_append_new(areas, json_integer(h->area_ids[g->area2]));
	json_array_append_new(groups, json_integer(h->group_ids[g->group]));
	json_object_set_new(o, "omrade", areas);
	json_object_set_new(o, "malgrupp", groups);
	json_object_set_new(o, "offentlig", json_boolean(g->public_));
	const char *line = p->board;
	while (*line) {
		size_t len = strcspn(line, "\n");
		json_array_append_new(board, json_stringn(line, len));
		line += len + (line[len] == '\n');
	}
	json_object_set_new(o, "styrelse", board);
	char *s = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	return s;
}

/* --- building the history -------------------------------------------------- */

/* When associations hold their annual meetings: most in February to
 * April, some after a season in the autumn. */
static void
meeting_date(struct rng *r, struct hassoc *x)
{
	static const int w[] = {3, 20, 34, 18, 4, 1, 0, 1, 7, 8, 4, 0};
	x->meet_month = weighted(r, w, 12) + 1;
	x->meet_day = range(r, 1, 28);
}

/* The associations of the register whose representatives use the
 * e-service, each with its contact person among the demo applicants. */
static int
load_assocs(struct history *h, int64_t rep_assoc_id)
{
	struct dbcur c;
	if (db_query(h->db, &c, &Q_ASSOCS, DB_ARGS(DB_INT(rep_assoc_id))) != DB_OK)
		return -1;
	h->rep_assoc = -1;
	while (db_next(&c) > 0) {
		int64_t id = db_col_int(&c, 0);
		struct rng r = rng_for((uint64_t)id, 3);
		int own = id == rep_assoc_id;
		if (!own && !chance(&r, 0.42))
			continue;
		h->assocs = grow(h->assocs, h->nassocs, &h->cap_assocs, sizeof(*h->assocs));
		struct hassoc *x = &h->assocs[h->nassocs];
		memset(x, 0, sizeof(*x));
		x->id = id;
		snprintf(x->name, sizeof(x->name), "%s", db_col_text(&c, 1));
		x->now.members = db_col_int(&c, 2) ? db_col_int(&c, 2) : 20 + range(&r, 0, 60);
		snprintf(x->now.email, sizeof(x->now.email), "%s", db_col_text(&c, 3));
		snprintf(x->now.phone, sizeof(x->now.phone), "%s", db_col_text(&c, 4));
		snprintf(x->now.web, sizeof(x->now.web), "%s", db_col_text(&c, 5));
		x->party = -1;
		x->reg = -1;
		x->seats = 3 + range(&r, 0, 4);
		meeting_date(&r, x);
		if (own)
			h->rep_assoc = h->nassocs;
		h->nassocs++;
	}
	db_done(&c);
	return h->rep_assoc >= 0 ? 0 : -1;
}

/* Gives each association its contact person: the first applicants one
 * each, the rest shared, as some people run several associations. */
static int
contacts(struct history *h)
{
	int first = h->npeople, k = 0;
	struct rng r = rng_for(77, 5);
	for (int i = 0; i < APPLICANTS; i++)
		if (applicant(h, 1000 + (unsigned long)i, h->start - range(&r, 30, 400) * DAY) < 0)
			return -1;
	for (int a = 0; a < h->nassocs; a++) {
		struct hassoc *x = &h->assocs[a];
		if (a == h->rep_assoc) {
			x->rep = h->rep;
			continue;
		}
		int p = k < APPLICANTS ? k : range(&r, 0, range(&r, 0, APPLICANTS - 1));
		x->rep = first + p;
		k++;
		if (grant_representative(h->db, h->people[x->rep].id, x->id) != DB_OK)
			return -1;
	}
	/* one officer is also on the board of an association (jäv) */
	if (h->nofficers > 2 && h->nassocs > 4) {
		int a = h->rep_assoc == 3 ? 4 : 3;
		h->assocs[a].party = 2;
		if (grant_representative(h->db, h->people[2].id, h->assocs[a].id) != DB_OK)
			return -1;
	}
	return 0;
}

/* Every year's update of every association, around its annual meeting. */
static void
plan_updates(struct history *h, int a, int from_year)
{
	struct hassoc *x = &h->assocs[a];
	struct rng r = rng_for((uint64_t)(x->id > 0 ? x->id : 500000 + x->reg), 11);
	int last = year_of(h->now);
	if (a == h->rep_assoc)
		return; /* hers are told one by one */
	for (int y = from_year; y <= last; y++) {
		if (!chance(&r, 0.9))
			continue;
		int lag = range(&r, 4, 21) + (chance(&r, 0.35) ? range(&r, 7, 35) : 0);
		int d = x->meet_day + range(&r, -6, 6) + lag, m = x->meet_month;
		struct tm day;
		local_tm(local_at(y, m, d, 12, 0), &day);
		/* the minutes wait over July and Christmas */
		if (day.tm_mon == 6 && chance(&r, 0.6))
			d += 31 - day.tm_mday + range(&r, 3, 20);
		else if (((day.tm_mon == 11 && day.tm_mday >= 20) ||
		          (day.tm_mon == 0 && day.tm_mday <= 6)) &&
		         chance(&r, 0.6))
			d += 16;
		int64_t at = sent_on(&r, y, m, d);
		if (at < h->start || at > h->now - 600)
			continue;
		if (x->reg >= 0 && at < x->since + 60 * DAY)
			continue;
		int dup = chance(&r, 0.035);
		struct plan *p = add_plan(h, at, T_UPDATE, a, -1, x->rep);
		p->duplicate = dup;
		if (dup)
			add_plan(h, at + range(&r, 30, 3 * DAY / 60) * 60, T_UPDATE, a, -1, x->rep);
	}
}

static struct hreg *
add_reg(struct history *h)
{
	h->regs = grow(h->regs, h->nregs, &h->cap_regs, sizeof(*h->regs));
	struct hreg *g = &h->regs[h->nregs++];
	memset(g, 0, sizeof(*g));
	g->assoc = -1;
	g->area2 = -1;
	return g;
}

/* A new association asking to be registered: named as the register's are
 * (from the names after the register's own, so no name is taken), with an
 * organisationsnummer of a series the register does not use. */
static void
describe_reg(struct hreg *g, unsigned long i, int year, struct rng *r)
{
	const char *form;
	char orgnr[12], nine[10];
	int founded, members;
	demo_association(i, 0, g->name, sizeof(g->name), g->purpose, sizeof(g->purpose), &form,
	                 orgnr, &founded, &members, &g->area, &g->group);
	g->form = form;
	if (strcmp(form, "informell") == 0) {
		g->orgnr[0] = 0;
	} else {
		snprintf(nine, sizeof(nine), "803%06lu", (i * 7919 + 104729) % 1000000);
		demo_orgnr(nine, g->orgnr);
	}
	snprintf(g->founded, sizeof(g->founded), "%d", year - range(r, 0, 4));
	snprintf(g->members, sizeof(g->members), "%d", range(r, 7, 90));
	g->public_ = chance(r, 0.85);
	g->v.members = atoi(g->members);
	char slug[120];
	demo_slug(g->name, slug, sizeof(slug));
	snprintf(g->v.email, sizeof(g->v.email), "%s@%s.example.se",
	         chance(r, 0.5) ? "kontakt" : "styrelsen", slug);
	other_phone(r, g->v.phone, sizeof(g->v.phone));
	if (chance(r, 0.45))
		snprintf(g->v.web, sizeof(g->v.web), "https://%s.example.se/", slug);
}

/* About two registrations a month, fewer in July and December. */
static int
plan_registrations(struct history *h)
{
	static const int per_month[] = {2, 2, 3, 2, 2, 2, 0, 2, 3, 3, 2, 1};
	struct rng r = rng_for(31337, 2);
	struct tm tm;
	local_tm(h->start, &tm);
	int y = tm.tm_year + 1900, m = tm.tm_mon + 1, serial = 0;
	for (int64_t month = local_at(y, m, 1, 12, 0); month <= h->now;
	     month = local_at(y, ++m, 1, 12, 0)) {
		int n = per_month[(m - 1) % 12] + range(&r, -1, 1);
		for (int k = 0; k < n; k++) {
			int64_t at = sent_on(&r, y, m, range(&r, 1, 28));
			if (at < h->start || at > h->now - 3600)
				continue;
			/* the names after the register's 300; 307 and 319 are hers */
			unsigned long i;
			do
				i = 300 + ((unsigned long)serial++ * 37) % 180;
			while (i == 307 || i == 319);
			struct hreg *g = add_reg(h);
			describe_reg(g, i, year_of(at), &r);
			g->confidential = (strstr(g->name, "Kvinnoförening") ||
			                   strstr(g->name, "Regnbågsförening")) &&
			                  chance(&r, 0.5);
			int who = chance(&r, 0.65) ? h->nofficers + 1 + range(&r, 0, APPLICANTS - 1)
			                           : applicant(h, 3000 + (unsigned long)serial,
			                                       at - range(&r, 5, 90) * 60);
			if (who < 0)
				return -1;
			struct plan *p = add_plan(h, at, T_REGISTRATION, -1, h->nregs - 1, who);
			p->duplicate = chance(&r, 0.04);
		}
	}
	return 0;
}

static int
by_time(const void *a, const void *b)
{
	const struct plan *x = a, *y = b;
	if (x->at != y->at)
		return (x->at > y->at) - (x->at < y->at);
	return (x->seed > y->seed) - (x->seed < y->seed);
}

static int
by_decision(const void *a, const void *b)
{
	const struct plan *x = *(struct plan *const *)a, *y = *(struct plan *const *)b;
	return (x->decided_at > y->decided_at) - (x->decided_at < y->decided_at);
}

/* References in the order decisions were made: delegation decisions
 * numbered through the year, the committee's paragraphs through its
 * minutes (about a dozen items a meeting). */
static void
references(struct history *h)
{
	struct plan **d = xmalloc(((size_t)h->nplans + 1) * sizeof(*d));
	int n = 0;
	for (int i = 0; i < h->nplans; i++)
		if (h->plans[i].decided)
			d[n++] = &h->plans[i];
	qsort(d, (size_t)n, sizeof(*d), by_decision);
	int year = 0, serial = 0, item = 0;
	char meeting[16] = "";
	for (int i = 0; i < n; i++) {
		struct plan *p = d[i];
		int y = atoi(p->decided_on);
		if (y != year)
			year = y, serial = 0;
		if (!p->committee) {
			snprintf(p->reference, sizeof(p->reference), "Delegationsbeslut %s %d:%03d",
			         DEPT, y, ++serial);
			continue;
		}
		if (strcmp(meeting, p->decided_on) != 0) {
			snprintf(meeting, sizeof(meeting), "%s", p->decided_on);
			item = 0;
		}
		int month = atoi(p->decided_on + 5);
		int ordinal = month - 1 - (month > 7);
		snprintf(p->reference, sizeof(p->reference), "%s %s § %d", DEPT, p->decided_on,
		         8 + ordinal * 12 + item++);
	}
	free(d);
}

/* --- writing it ------------------------------------------------------------ */

static struct actor
actor_of(struct history *h, int who)
{
	return (struct actor){h->people[who].id, h->people[who].name};
}

/* A message is read when its reader next acts on the case, or within a
 * couple of days when they only look; not yet, if that is after now. */
static int64_t
read_at(struct history *h, const struct plan *p, int i, struct rng *r)
{
	const struct ev *m = &p->ev[i];
	int64_t t = m->at + range(r, 1800, 2 * DAY);
	for (int k = i + 1; k < p->nev; k++) {
		int officer = p->ev[k].who < h->nofficers;
		if (officer != m->from_officer && p->ev[k].at < t)
			t = p->ev[k].at;
	}
	return t <= h->now ? t : 0;
}

static int
write_message(struct history *h, int64_t case_id, const struct plan *p, int i, struct rng *r)
{
	const struct ev *e = &p->ev[i];
	struct actor a = actor_of(h, e->who);
	int64_t read = read_at(h, p, i, r);
	return db_exec(h->db, &Q_MESSAGE,
	               DB_ARGS(DB_INT(case_id), DB_INT(a.id), DB_TEXT(a.name),
	                       DB_INT(e->from_officer), DB_INT(e->at),
	                       DB_TEXT(e->note ? p->note : e->text),
	                       read ? DB_INT(read) : DB_NULLV)) == DB_OK &&
	       case_event_at(h->db, case_id, e->at, &a, "meddelande", "") == DB_OK;
}

/* A granted registration: the association in the register, active, with
 * the applicant as its representative, since the decision. */
static int
register_assoc(struct history *h, const struct plan *p, int64_t *id)
{
	struct hreg *g = &h->regs[p->reg];
	const struct hassoc *x = &h->assocs[g->assoc];
	struct assoc_rec rec = {0};
	snprintf(rec.orgnr, sizeof(rec.orgnr), "%s", g->orgnr);
	rec.name = g->name;
	rec.form = g->form;
	rec.purpose = g->purpose;
	rec.email = x->now.email;
	rec.phone = x->now.phone;
	rec.website = x->now.web;
	rec.founded = atoi(g->founded);
	rec.members = x->now.members;
	rec.active = 1;
	rec.public_ = g->public_;
	rec.area_ids[rec.nareas++] = h->area_ids[g->area];
	rec.group_ids[rec.ngroups++] = h->group_ids[g->group];
	*id = assoc_find(h->db, &rec);
	if (assoc_save(h->db, *id, &rec, id) != DB_OK ||
	    db_exec(h->db, &Q_REGISTERED, DB_ARGS(DB_INT(*id), DB_INT(p->decided_at))) != DB_OK)
		return -1;
	return grant_representative(h->db, h->people[p->applicant].id, *id) == DB_OK ? 0 : -1;
}

static int
write_case(struct history *h, struct plan *p)
{
	int reg = p->type == T_REGISTRATION;
	struct hassoc *x = reg ? NULL : &h->assocs[p->assoc];
	const char *name = reg ? h->regs[p->reg].name : x->name;
	char title[300], dnr[32];
	snprintf(title, sizeof(title), "%s: %s", reg ? "Registrering" : "Årlig uppdatering", name);
	char *payload = reg ? registration_payload(h, p) : update_payload(p->board, &p->v);
	struct case_row row;
	struct case_new n = {DEPT,
	                     reg ? registration_eservice.code : update_eservice.code,
	                     title,
	                     reg ? 0 : x->id,
	                     actor_of(h, p->applicant),
	                     payload,
	                     p->at,
	                     reg && !h->regs[p->reg].public_};
	int rc = case_create(h->db, &n, &row, dnr);
	free(payload);
	if (rc != DB_OK)
		return -1;
	struct rng r = rng_for(p->seed, 23);
	for (int i = 0; i < p->nev; i++) {
		const struct ev *e = &p->ev[i];
		struct actor a = actor_of(h, e->who);
		char detail[160];
		switch (e->kind) {
		case EV_ASSIGN:
			rc = case_event_at(h->db, row.id, e->at, &a, "tilldelad",
			                   h->people[e->whom].name);
			break;
		case EV_CONFIDENTIAL:
			rc = case_event_at(h->db, row.id, e->at, &a, "sekretess", e->text);
			break;
		case EV_MESSAGE:
			rc = write_message(h, row.id, p, i, &r) ? DB_OK : DB_ERROR;
			break;
		case EV_STATUS:
			if (e->text && !write_message(h, row.id, p, i, &r))
				return -1;
			snprintf(detail, sizeof(detail), "%s → %s", e->from, e->to);
			rc = case_event_at(h->db, row.id, e->at, &a, "status", detail);
			break;
		case EV_DECISION:
			snprintf(detail, sizeof(detail), "%s → beslutad: %s", e->from,
			         p->reference);
			rc = db_exec(h->db, &Q_DECIDE,
			             DB_ARGS(DB_INT(row.id), DB_TEXT(p->outcome),
			                     DB_TEXT(p->reasoning),
			                     DB_TEXT(p->committee ? COMMITTEE : a.name),
			                     DB_INT(a.id), DB_TEXT(p->decided_on),
			                     DB_TEXT(p->reference), DB_INT(e->at)));
			if (rc == DB_OK)
				rc = case_event_at(h->db, row.id, e->at, &a, "beslut", p->outcome);
			if (rc == DB_OK)
				rc = case_event_at(h->db, row.id, e->at, &a, "status", detail);
			break;
		}
		if (rc != DB_OK)
			return -1;
	}
	int64_t assoc = reg ? 0 : x->id;
	int granted = p->decided && strcmp(p->outcome, "avslag") != 0;
	if (reg && granted) {
		if (register_assoc(h, p, &assoc) != 0)
			return -1;
		h->assocs[h->regs[p->reg].assoc].id = assoc;
	} else if (granted && db_exec(h->db, &Q_LAST_UPDATE,
	                              DB_ARGS(DB_INT(x->id), DB_INT(p->decided_at))) != DB_OK) {
		return -1;
	}
	return db_exec(h->db, &Q_SET,
	               DB_ARGS(DB_INT(row.id), DB_TEXT(p->status),
	                       p->officer >= 0 ? DB_INT(h->people[p->officer].id) : DB_NULLV,
	                       DB_INT(p->updated), DB_INT(p->confidential),
	                       assoc ? DB_INT(assoc) : DB_NULLV)) == DB_OK
	               ? 0
	               : -1;
}

/* The officers of the department, then the demo representative. */
static int
load_people(struct history *h, int64_t *rep_assoc)
{
	struct dbcur c;
	if (db_query(h->db, &c, &Q_OFFICERS, DB_ARGS(DB_TEXT(DEPT))) != DB_OK)
		return -1;
	while (db_next(&c) > 0 && h->npeople < MAX_OFFICERS)
		add_person(h, db_col_int(&c, 0), db_col_text(&c, 1));
	db_done(&c);
	h->nofficers = h->npeople;
	struct actor rep;
	char name[96];
	if (h->nofficers == 0 ||
	    !user(h->db, "forening@demo.samverka.se", &rep, name, sizeof(name)))
		return 1;
	h->rep = add_person(h, rep.id, name);
	*rep_assoc = db_int(h->db, &Q_REP_ASSOC, DB_ARGS(DB_INT(rep.id)), 0);
	return *rep_assoc ? 0 : 1;
}

/* The registrations granted in the history join the register and send
 * their yearly updates from the next spring on. */
static void
registered_assocs(struct history *h)
{
	int nplans = h->nplans;
	for (int i = 0; i < nplans; i++) {
		const struct plan *p = &h->plans[i];
		if (p->type != T_REGISTRATION || !p->decided || strcmp(p->outcome, "avslag") == 0)
			continue;
		struct hreg *g = &h->regs[p->reg];
		h->assocs = grow(h->assocs, h->nassocs, &h->cap_assocs, sizeof(*h->assocs));
		struct hassoc *x = &h->assocs[h->nassocs];
		memset(x, 0, sizeof(*x));
		snprintf(x->name, sizeof(x->name), "%s", g->name);
		x->now = g->v;
		x->rep = p->applicant;
		x->party = -1;
		x->reg = p->reg;
		x->since = p->decided_at;
		x->seats = 3 + i % 3;
		struct rng r = rng_for((uint64_t)i, 13);
		meeting_date(&r, x);
		g->assoc = h->nassocs++;
		plan_updates(h, g->assoc, year_of(x->since) + 1); /* moves h->plans */
	}
}

static void
free_history(struct history *h)
{
	free(h->people);
	free(h->assocs);
	free(h->regs);
	free(h->plans);
}

/* Two years back from now, written in the order the cases arrived so that
 * their numbers follow the days they came in. */
static int
history(struct db *db, const int64_t *area_ids, const int64_t *group_ids)
{
	struct history h = {.db = db, .area_ids = area_ids, .group_ids = group_ids};
	h.now = (int64_t)time(NULL);
	h.start = h.now - 730 * (int64_t)DAY;
	char secret[33];
	unsigned char raw[16];
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(secret, sizeof(secret), raw, sizeof(raw));
	int64_t rep_assoc = 0;
	int rc = -1;
	struct rng r = rng_for(4242, 7);
	int found = load_people(&h, &rep_assoc);
	if (found != 0) {
		free_history(&h);
		return found < 0 ? -1 : 0;
	}
	if (crypto_pwhash_str(h.hash, secret, strlen(secret), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0 ||
	    load_assocs(&h, rep_assoc) != 0 || contacts(&h) != 0)
		goto out;

	/* her two networks (a homework club, registered now, and a parents'
	 * network), then everyone else's registrations */
	static const unsigned long hers[] = {319, 307};
	for (int i = 0; i < 2; i++) {
		struct hreg *g = add_reg(&h);
		describe_reg(g, hers[i], year_of(h.now), &r);
		g->public_ = 1;
	}
	if (rep_stories(&h) != 0 || plan_registrations(&h) != 0)
		goto out;
	for (int i = 0; i < h.nplans; i++)
		if (h.plans[i].type == T_REGISTRATION) {
			if (!h.plans[i].story)
				simulate(&h, &h.plans[i]);
			settle(&h, &h.plans[i]);
			h.plans[i].simulated = 1;
		}
	registered_assocs(&h);
	for (int a = 0; a < h.nassocs; a++)
		if (h.assocs[a].reg < 0)
			plan_updates(&h, a, year_of(h.start));
	for (int i = 0; i < h.nplans; i++)
		if (!h.plans[i].simulated) {
			if (!h.plans[i].story)
				simulate(&h, &h.plans[i]);
			settle(&h, &h.plans[i]);
		}
	/* the registrations' boards, with the applicant as secretary */
	for (int i = 0; i < h.nplans; i++) {
		struct plan *p = &h.plans[i];
		if (p->type != T_REGISTRATION)
			continue;
		int few = atoi(h.regs[p->reg].members) < 5;
		struct hassoc tmp = {
		        .id = 0, .reg = p->reg, .rep = p->applicant, .seats = few ? 3 : 3 + i % 3};
		board_text(&h, &tmp, year_of(p->at), p->board, sizeof(p->board));
	}
	references(&h);
	for (int a = 0; a < h.nassocs; a++)
		update_payloads(&h, a);
	qsort(h.plans, (size_t)h.nplans, sizeof(*h.plans), by_time);
	for (int i = 0; i < h.nplans; i++)
		if (write_case(&h, &h.plans[i]) != 0)
			goto out;
	/* the accounts existed before the cases */
	for (int i = 0; i <= h.rep; i++)
		if (db_exec(db, &Q_USER_SINCE,
		            DB_ARGS(DB_INT(h.people[i].id), DB_INT(h.plans[0].at - 40 * DAY))) !=
		    DB_OK)
			goto out;
	rc = 0;
out:
	free_history(&h);
	return rc;
}

/* Nothing when cases exist already. */
int
demo_cases(struct db *db, int with_history, const int64_t *area_ids, const int64_t *group_ids)
{
	if (db_int(db, &Q_ANY, DB_NOARGS, 0) > 0)
		return 0;
	return with_history ? history(db, area_ids, group_ids) : fixture(db);
}
