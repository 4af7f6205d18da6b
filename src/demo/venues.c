/* The demo's venues, after Malmö's: the leisure department's sports halls
 * (Baltiska hallen and Lindängens sporthall split in two halves), school
 * gyms let after school, meeting rooms at the meeting places and
 * assembly halls, a rehearsal room, and the culture department's rooms
 * at the libraries. The leisure department lets at nolltaxa to
 * associations whose members are at least 60 % aged 7–25, which the
 * register's youth_members says of some demo associations and not of
 * others. Booked for the school year the demo is loaded in: weekly
 * series by the demo associations for the autumn and spring terms, closed
 * days skipped; single bookings around today, some cancelled (a few
 * late), some declined, some requests still pending (no case yet). Every
 * booking goes through booking_insert, so its holds are written and no
 * leaf is held twice. The next school year is a season open for
 * applications, with some already sent (venue_season.c). Pseudo-random from a fixed seed: the same
 * every run on the same day; a second run finds Baltiska hallen and adds nothing. */
#include "auth/users.h"
#include "base/arena.h"
#include "base/days.h"
#include "demo/demo.h"
#include "demo/venue_kinds.h"
#include "venues/booking.h"
#include "venues/venue.h"

#include <string.h>
#include <time.h>

/* Indexes into named[]; a part names its whole. */
enum {
	BALTISKA,
	BALTISKA_A,
	BALTISKA_B,
	LINDANGEN,
	LINDANGEN_A,
	LINDANGEN_B,
	HYLLIE,
	OXIE,
	KIRSEBERG,
	BUNKEFLO,
	LIMHAMN,
	ROSENGARD_GYM,
	HOLMA_GYM,
	NYDALA_GYM,
	SOFIELUND_GYM,
	AUGUSTENBORG_GYM,
	KROKSBACK_GYM,
	MP_LINDANGEN,
	GARAGET,
	HERMODSDAL,
	MP_KIRSEBERG,
	STADSBIBLIOTEKET_LILLA,
	STADSBIBLIOTEKET_HORSAL,
	ROSENGARD_BIBLIOTEK,
	HUSIE_BIBLIOTEK,
	BUNKEFLO_SAL,
	REPLOKAL,
	VASTRA_HAMNEN,
	NAMED
};

struct named_venue {
	int parent; /* -1 for none */
	const char *name, *type, *dept, *area, *address, *equipment;
	int capacity, step_free, toilet, loop, lift, approval, cancel_hours;
};

static const struct named_venue named[NAMED] = {
        {-1, "Baltiska hallen", "idrottshall", "FRI", "Södra Innerstaden", "Eric Perssons väg 2",
         "Innebandysarg, basketkorgar, handbollsmål, läktare för 400", 400, 1, 1, 1, 1, 1, 72},
        {BALTISKA, "Baltiska hallen A", "idrottshall", "FRI", "Södra Innerstaden",
         "Eric Perssons väg 2", "Basketkorgar, innebandymål", 200, 1, 1, 0, 0, 1, 72},
        {BALTISKA, "Baltiska hallen B", "idrottshall", "FRI", "Södra Innerstaden",
         "Eric Perssons väg 2", "Basketkorgar, innebandymål", 200, 1, 1, 0, 0, 1, 72},
        {-1, "Lindängens sporthall", "idrottshall", "FRI", "Lindängen", "Lindängsvägen 28",
         "Innebandysarg, volleybollnät, redskapsförråd", 250, 1, 1, 0, 0, 1, 72},
        {LINDANGEN, "Lindängens sporthall A", "idrottshall", "FRI", "Lindängen", "Lindängsvägen 28",
         "Volleybollnät", 120, 1, 1, 0, 0, 1, 72},
        {LINDANGEN, "Lindängens sporthall B", "idrottshall", "FRI", "Lindängen", "Lindängsvägen 28",
         "Innebandymål", 120, 1, 1, 0, 0, 1, 72},
        {-1, "Hyllie idrottshall", "idrottshall", "FRI", "Hyllie", "Hyllie allé 5",
         "Handbollsmål, läktare", 300, 1, 1, 1, 1, 1, 48},
        {-1, "Oxievångshallen", "idrottshall", "FRI", "Oxie", "Oxievångsvägen 10",
         "Badmintonnät, basketkorgar", 150, 1, 0, 0, 0, 1, 48},
        {-1, "Kirsebergshallen", "idrottshall", "FRI", "Kirseberg", "Kirsebergsgatan 14",
         "Innebandysarg, ribbstolar", 180, 0, 1, 0, 0, 1, 48},
        {-1, "Bunkeflo sporthall", "idrottshall", "FRI", "Bunkeflo", "Bunkeflovägen 66",
         "Futsalmål, basketkorgar", 200, 1, 1, 0, 0, 1, 48},
        {-1, "Limhamns sporthall", "idrottshall", "FRI", "Limhamn", "Linnégatan 40",
         "Handbollsmål, volleybollnät", 250, 1, 1, 1, 0, 1, 48},
        {-1, "Rosengårdsskolans gymnastiksal", "gymnastiksal", "FRI", "Rosengård", "Ramels väg 31",
         "Ribbstolar, plintar, mattor", 60, 1, 0, 0, 0, 1, 48},
        {-1, "Holmaskolans gymnastiksal", "gymnastiksal", "FRI", "Holma", "Västra Kattarpsvägen 8",
         "Ribbstolar, mattor", 50, 0, 0, 0, 0, 1, 48},
        {-1, "Nydalaskolans gymnastiksal", "gymnastiksal", "FRI", "Nydala", "Nydalatorget 3",
         "Ribbstolar, bollar", 50, 1, 1, 0, 0, 1, 48},
        {-1, "Sofielundsskolans gymnastiksal", "gymnastiksal", "FRI", "Sofielund", "Lönngatan 20",
         "Ribbstolar, trampett", 45, 0, 0, 0, 0, 1, 48},
        {-1, "Augustenborgsskolans gymnastiksal", "gymnastiksal", "FRI", "Augustenborg",
         "Augustenborgsgatan 16", "Ribbstolar, mattor", 45, 1, 0, 0, 0, 1, 48},
        {-1, "Kroksbäcksskolans gymnastiksal", "gymnastiksal", "FRI", "Kroksbäck",
         "Kroksbäcksparken 1", "Ribbstolar, bollar", 50, 1, 1, 0, 0, 1, 48},
        {-1, "Mötesplats Lindängen, möteslokalen", "moteslokal", "FRI", "Lindängen",
         "Lindängsvägen 30", "Projektor, whiteboard, pentry", 30, 1, 1, 1, 0, 0, 24},
        {-1, "Garaget, mötesrummet", "moteslokal", "KUL", "Sofielund", "Lönngatan 30",
         "Skärm, whiteboard", 20, 1, 1, 1, 0, 0, 24},
        {-1, "Hermodsdals mötesplats", "moteslokal", "FRI", "Hermodsdal", "Hermodsdalsvägen 4",
         "Projektor, kök", 40, 1, 1, 0, 0, 0, 24},
        {-1, "Mötesplats Kirseberg", "moteslokal", "FRI", "Kirseberg", "Vattenverksvägen 9",
         "Projektor, kök", 35, 0, 0, 0, 0, 0, 24},
        {-1, "Stadsbiblioteket, Lilla salen", "moteslokal", "KUL", "Centrum", "Kung Oscars väg 11",
         "Skärm, mikrofon", 40, 1, 1, 1, 1, 0, 48},
        {-1, "Stadsbiblioteket, Hörsalen", "samlingssal", "KUL", "Centrum", "Kung Oscars väg 11",
         "Scen, ljud och ljus, hörslinga", 180, 1, 1, 1, 1, 1, 168},
        {-1, "Rosengårds bibliotek, samlingssalen", "samlingssal", "KUL", "Rosengård",
         "Rosengårds centrum 2", "Scen, projektor", 100, 1, 1, 1, 0, 1, 72},
        {-1, "Husie bibliotek, mötesrummet", "moteslokal", "KUL", "Husie", "Husievägen 120",
         "Whiteboard", 15, 1, 1, 0, 0, 0, 24},
        {-1, "Bunkeflo mötesplats, samlingssalen", "samlingssal", "FRI", "Bunkeflo",
         "Bunkeflovägen 70", "Scen, kök, 120 stolar", 120, 1, 1, 1, 0, 1, 72},
        {-1, "Möllevångens replokal", "replokal", "FRI", "Möllevången", "Bergsgatan 18",
         "Trumset, förstärkare, PA", 8, 0, 0, 0, 0, 0, 24},
        {-1, "Västra hamnens mötesplats", "moteslokal", "FRI", "Västra hamnen", "Dockplatsen 1",
         "Projektor, kök, utsikt över Öresund", 30, 1, 1, 1, 1, 0, 24},
};

/* A weekly time for both terms (spring only when pending): the venue,
 * and the association whose name holds who (NULL: the demo
 * representative's), the nth such. */
struct series_seed {
	int venue, weekday, from, to;
	const char *who;
	int nth;
	const char *activity;
	int youth, show_name, participants, pending;
};

#define H(h, m) ((h)*60 + (m))
static const struct series_seed series[] = {
        {BALTISKA_A, 2, H(18, 0), H(20, 0), "Idrottsförening", 0, "Innebandyträning", 1, 1, 24, 0},
        {BALTISKA_B, 2, H(18, 0), H(20, 0), "Bollklubb", 0, "Basketträning", 1, 1, 18, 0},
        {BALTISKA, 4, H(19, 0), H(21, 0), "Idrottsförening", 1, "Handbollsträning", 1, 1, 30, 0},
        {BALTISKA_A, 1, H(17, 0), H(18, 30), "Bollklubb", 1, "Futsal för unga", 1, 1, 20, 0},
        {BALTISKA, 6, H(10, 0), H(14, 0), "Idrottsförening", 2, "Innebandyserien", 1, 1, 120, 0},
        {LINDANGEN, 3, H(18, 0), H(20, 0), "Idrottsförening", 3, "Volleybollträning", 0, 1, 16, 0},
        {LINDANGEN_A, 1, H(18, 0), H(20, 0), "Boxningsklubb", 0, "Boxningsträning", 1, 1, 20, 0},
        {LINDANGEN_B, 1, H(18, 0), H(19, 30), "Dansförening", 0, "Streetdance", 1, 1, 25, 0},
        {HYLLIE, 2, H(17, 0), H(19, 0), "Bollklubb", 2, "Fotboll inomhus", 1, 1, 22, 0},
        {HYLLIE, 6, H(10, 0), H(12, 0), "Scoutkåren", 0, "Scoutgympa", 1, 0, 30, 0},
        {OXIE, 4, H(18, 0), H(20, 0), "Idrottsförening", 4, "Badminton", 0, 1, 12, 0},
        {KIRSEBERG, 3, H(17, 30), H(19, 30), "Idrottsförening", 5, "Innebandyträning", 1, 1, 20, 0},
        {KIRSEBERG, 1, H(18, 0), H(20, 0), "Bollklubb", 3, "Basket för tjejer", 1, 1, 16, 1},
        {BUNKEFLO, 5, H(17, 0), H(19, 0), "Bollklubb", 4, "Futsal", 1, 1, 20, 0},
        {LIMHAMN, 1, H(19, 0), H(21, 0), "Idrottsförening", 6, "Handbollsträning", 0, 1, 18, 0},
        {ROSENGARD_GYM, 2, H(18, 0), H(20, 0), "Boxningsklubb", 1, "Boxning för unga", 1, 1, 24, 0},
        {ROSENGARD_GYM, 4, H(17, 0), H(19, 0), "Dansförening", 1, "Dansträning", 1, 1, 20, 0},
        {HOLMA_GYM, 3, H(18, 0), H(20, 0), "Kvinnoförening", 0, "Motionsgympa", 0, 0, 15, 0},
        {NYDALA_GYM, 1, H(17, 0), H(19, 0), "Scoutkåren", 1, "Lekar inomhus", 1, 1, 25, 0},
        {SOFIELUND_GYM, 4, H(18, 0), H(20, 0), "Idrottsförening", 7, "Parkour", 1, 1, 18, 0},
        {AUGUSTENBORG_GYM, 2, H(17, 0), H(18, 0), "Pensionärsförening", 0, "Seniorgympa", 0, 1, 20,
         0},
        {KROKSBACK_GYM, 7, H(10, 0), H(12, 0), "Dansförening", 2, "Folkdans", 1, 1, 20, 0},
        {MP_LINDANGEN, 3, H(18, 0), H(20, 0), "Läxhjälpen", 0, "Läxhjälp", 1, 1, 25, 0},
        {GARAGET, 1, H(18, 0), H(20, 0), "Schackklubb", 0, "Schackträning", 1, 1, 16, 0},
        {HERMODSDAL, 4, H(17, 0), H(18, 30), NULL, 0, "Medlemsträff", 0, 1, 20, 0},
        {MP_KIRSEBERG, 2, H(14, 0), H(16, 0), "Pensionärsförening", 1, "Studiecirkel", 0, 1, 15, 0},
        {STADSBIBLIOTEKET_LILLA, 2, H(17, 0), H(19, 0), "Språkcafé", 0, "Språkcafé", 0, 1, 30, 0},
        {REPLOKAL, 3, H(18, 0), H(21, 0), "Musikförening", 0, "Bandrepetition", 1, 0, 6, 0},
        {REPLOKAL, 6, H(14, 0), H(17, 0), "Musikförening", 1, "Körövning", 1, 1, 8, 0},
        {VASTRA_HAMNEN, 2, H(19, 0), H(21, 0), "Regnbågsförening", 0, "Samtalsgrupp", 0, 0, 15, 0},
};

/* What one does in a venue of a type, for the single bookings. */
static const struct {
	const char *type, *activities[4];
} doings[] = {
        {"idrottshall", {"Innebandycup", "Basketmatch", "Träningsläger", "Volleybollturnering"}},
        {"gymnastiksal", {"Gympa för barn", "Yoga", "Dansuppvisning", "Kampsport"}},
        {"moteslokal", {"Styrelsemöte", "Årsmöte", "Studiecirkel", "Medlemsmöte"}},
        {"samlingssal", {"Årsmöte", "Föreläsning", "Konsert", "Medlemsfest"}},
        {"replokal", {"Bandrepetition", "Inspelning", "Körövning", "Workshop"}},
};

static struct dbq Q_EXISTS = {"SELECT count(*) FROM venues WHERE name = 'Baltiska hallen'", NULL,
                              0};
static struct dbq Q_YOUTH_RULE = {
        "INSERT INTO venue_youth_rules (department_id, share_pct) VALUES ($1, 60) "
        "ON CONFLICT (department_id) DO NOTHING",
        NULL, 0};
/* Youth members as a share of members that differs by association: 85,
 * 70, 62, 40 or 15 %, so some are above the 60 % threshold and some
 * below; only where the register has no figure yet. */
static struct dbq Q_YOUTH_MEMBERS = {
        "UPDATE associations SET youth_members = members * (CASE id % 5 WHEN 0 THEN 85 "
        "WHEN 1 THEN 70 WHEN 2 THEN 40 WHEN 3 THEN 15 ELSE 62 END) / 100 "
        "WHERE youth_members IS NULL AND members IS NOT NULL",
        NULL, 0};
static struct dbq Q_ASSOC_LIKE = {
        "SELECT a.id FROM associations a WHERE a.active = 1 AND a.public = 1 AND a.name LIKE $1 "
        "ORDER BY NOT EXISTS (SELECT 1 FROM association_areas x WHERE x.association_id = a.id "
        "AND x.area_id = $2), a.id LIMIT 1 OFFSET $3",
        NULL, 0};
static struct dbq Q_ASSOC_NTH = {
        "SELECT id FROM associations WHERE active = 1 AND public = 1 ORDER BY id LIMIT 1 OFFSET $1",
        NULL, 0};
static struct dbq Q_ASSOC_COUNT = {
        "SELECT count(*) FROM associations WHERE active = 1 AND public = 1", NULL, 0};
static struct dbq Q_REP = {
        "SELECT u.id, r.association_id FROM users u JOIN user_roles r ON r.user_id = u.id "
        "WHERE u.email = 'forening@demo.samverka.se' AND r.role = 'representative'",
        NULL, 0};
static struct dbq Q_ELIGIBLE = {
        "SELECT count(*) FROM associations a JOIN venue_youth_rules r ON r.department_id = $2 "
        "WHERE a.id = $1 AND a.members > 0 AND a.youth_members * 100 >= r.share_pct * a.members",
        NULL, 0};
static struct dbq Q_SERIES = {
        "INSERT INTO booking_series (venue_id, association_id, weekday, starts_min, ends_min, "
        "first_day, last_day, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        NULL, 0};
static struct dbq Q_MAINTENANCE = {
        "INSERT INTO venue_closed (venue_id, day, reason) VALUES ($1, $2, 'Golvslipning') "
        "ON CONFLICT DO NOTHING",
        NULL, 0};

/* What the demo's bookings are made from. */
struct ctx {
	struct db *db;
	struct arena a;
	int64_t id[NAMED], dept[NAMED], area[NAMED];
	int64_t now, rep_user, rep_assoc, nassoc;
	int year;
	uint64_t seed;
};

/* The next pseudo-random number (xorshift64*). */
static uint64_t
next(struct ctx *c)
{
	c->seed ^= c->seed >> 12;
	c->seed ^= c->seed << 25;
	c->seed ^= c->seed >> 27;
	return c->seed * 2685821657736338717ULL;
}

/* The area's id by name, 0 for none. */
static int64_t
area_id_of(const int64_t *area_ids, const char *name)
{
	for (size_t i = 0; demo_areas[i]; i++)
		if (strcmp(demo_areas[i], name) == 0)
			return area_ids[i];
	return 0;
}

/* The named venues, wholes before their parts, with their closed days:
 * the holidays, and Baltiska hallen's floor sanded in the autumn half-term
 * break. */
static int
store_venues(struct ctx *c, const int64_t *area_ids)
{
	for (int i = 0; i < NAMED; i++) {
		const struct named_venue *n = &named[i];
		struct venue_seed s = {.name = n->name,
		                       .type = n->type,
		                       .dept = n->dept,
		                       .address = n->address,
		                       .equipment = n->equipment,
		                       .area_id = area_id_of(area_ids, n->area),
		                       .parent_id = n->parent >= 0 ? c->id[n->parent] : 0,
		                       .capacity = n->capacity,
		                       .step_free = n->step_free,
		                       .accessible_toilet = n->toilet,
		                       .hearing_loop = n->loop,
		                       .lift = n->lift,
		                       .approval = n->approval,
		                       .cancel_hours = n->cancel_hours};
		if (venue_seed_store(c->db, &s, c->now, &c->id[i]) != DB_OK)
			return -1;
		c->dept[i] = department_id(c->db, n->dept);
		c->area[i] = s.area_id;
	}
	if (venue_holidays_store(c->db, c->id[0], c->year) != DB_OK)
		return -1;
	char monday[11], week[16];
	snprintf(week, sizeof week, "%04u-W44", (unsigned)c->year % 10000u);
	if (iso_week_monday(week, monday) != 0)
		return -1;
	for (int d = 0; d < 3; d++) {
		char day[11];
		day_add(monday, d, day);
		for (int v = BALTISKA; v <= BALTISKA_B; v++)
			if (db_exec(c->db, &Q_MAINTENANCE,
			            DB_ARGS(DB_INT(c->id[v]), DB_TEXT(day))) != DB_OK)
				return -1;
	}
	return 0;
}

/* The category an association books venue v at: youth (nolltaxa) for
 * youth activity when its register data makes it eligible under the
 * venue's department's rule and the venue has a youth price, else
 * association. */
static const char *
category_for(struct ctx *c, int v, int64_t assoc, int youth)
{
	int64_t per_hour;
	if (youth && venue_price(c->db, c->id[v], "ungdom", &per_hour) == 1 &&
	    db_int(c->db, &Q_ELIGIBLE, DB_ARGS(DB_INT(assoc), DB_INT(c->dept[v])), 0) > 0)
		return "ungdom";
	return "forening";
}

/* What a booking is, before it is written. */
struct want {
	int v;
	int64_t assoc, series, starts, ends, at;
	enum booking_status status;
	const char *category; /* NULL: category_for */
	const char *activity;
	int youth, show_name, participants;
};

/* Books a time when it is free and open (1 with *id, 0 when it is taken
 * or closed), priced hours × the category's price per hour. */
static int
book(struct ctx *c, const struct want *w, int64_t *id)
{
	char day[11];
	int minute;
	local_day_of(w->starts, day, &minute);
	int closed = venue_closed_on(c->db, &c->a, c->id[w->v], day, NULL);
	if (closed != 0)
		return closed < 0 ? -1 : 0;
	int free_ = booking_free(c->db, c->id[w->v], w->starts, w->ends, NULL);
	if (free_ <= 0)
		return free_;
	const char *cat = w->category ? w->category : category_for(c, w->v, w->assoc, w->youth);
	int64_t per_hour = 0;
	if (venue_price(c->db, c->id[w->v], cat, &per_hour) != 1)
		return 0;
	struct booking_new b = {
	        .venue_id = c->id[w->v],
	        .association_id = w->assoc,
	        .booked_by = w->assoc == c->rep_assoc ? c->rep_user : 0,
	        .series_id = w->series,
	        .starts = w->starts,
	        .ends = w->ends,
	        .status = w->status,
	        .category = cat,
	        .price = (w->ends - w->starts) * per_hour / 3600,
	        .activity = w->activity,
	        .participants = w->participants,
	        .youth = w->youth,
	        .show_name = w->show_name,
	        .at = w->at,
	};
	return booking_insert(c->db, &b, id) == DB_OK ? 1 : -1;
}

/* Cancels a booking at cancelled (no later than now): late, and still
 * charged, when that is within the venue's cancellation hours. */
static int
cancel(struct ctx *c, int v, int64_t id, int64_t starts, int64_t cancelled)
{
	if (cancelled > c->now)
		cancelled = c->now;
	int late = starts - cancelled < (int64_t)named[v].cancel_hours * 3600;
	return booking_set_status(c->db, id, BOOKING_CANCELLED, late, cancelled) == DB_OK ? 0 : -1;
}

/* The association a series seed names. */
static int64_t
series_association(struct ctx *c, const struct series_seed *s)
{
	if (!s->who)
		return c->rep_assoc;
	char like[64];
	snprintf(like, sizeof like, "%%%s%%", s->who);
	int64_t id = db_int(c->db, &Q_ASSOC_LIKE,
	                    DB_ARGS(DB_TEXT(like), DB_INT(c->area[s->venue]), DB_INT(s->nth)), 0);
	return id ? id : db_int(c->db, &Q_ASSOC_NTH, DB_ARGS(DB_INT(s->nth % c->nassoc)), 0);
}

/* One series for one term: its rule and a booking per week, closed days
 * skipped; every sixth series has one occurrence cancelled late and
 * another in good time. */
static int
store_series(struct ctx *c, const struct series_seed *s, size_t k, int spring)
{
	int64_t assoc = series_association(c, s);
	if (!assoc)
		return -1;
	char first[11], last[11], day[11];
	demo_term(c->year, spring, first, last);
	day_add(first, (s->weekday - day_weekday(first) + 7) % 7, day);
	int64_t at = s->pending ? c->now - 3 * 86400 : local_time(first, 0) - 40 * 86400;
	if (at > c->now)
		at = c->now - 86400;
	int64_t series_id;
	if (db_returning(c->db, &Q_SERIES,
	                 DB_ARGS(DB_INT(c->id[s->venue]), DB_INT(assoc), DB_INT(s->weekday),
	                         DB_INT(s->from), DB_INT(s->to), DB_TEXT(day), DB_TEXT(last),
	                         DB_INT(at)),
	                 &series_id) != DB_OK)
		return -1;
	for (int week = 0; strcmp(day, last) <= 0; week++, day_add(day, 7, day)) {
		struct want w = {.v = s->venue,
		                 .assoc = assoc,
		                 .series = series_id,
		                 .starts = local_time(day, s->from),
		                 .ends = local_time(day, s->to),
		                 .at = at,
		                 .status = s->pending ? BOOKING_PENDING : BOOKING_CONFIRMED,
		                 .activity = s->activity,
		                 .youth = s->youth,
		                 .show_name = s->show_name,
		                 .participants = s->participants};
		int64_t id;
		int rc = book(c, &w, &id);
		if (rc < 0)
			return -1;
		if (rc == 1 && !s->pending && k % 6 == 0 && (week == 3 || week == 7) &&
		    cancel(c, s->venue, id, w.starts,
		           w.starts - (week == 3 ? 20 : 24 * 8) * 3600) != 0)
			return -1;
	}
	return 0;
}

/* Single bookings from six weeks ago to four months ahead: the past ones
 * confirmed, some cancelled in good time or late and some declined;
 * ahead, requests for venues that need approval are mostly still pending.
 * The demo representative's association has a confirmed time and a
 * pending request of its own. */
static int
store_singles(struct ctx *c)
{
	char today[11];
	day_today(today);
	for (int i = 0; i < 90; i++) {
		int v = (int)(next(c) % NAMED);
		int ahead = (int)(next(c) % 165) - 45;
		if (i < 2) {
			v = i == 0 ? BALTISKA_A : HERMODSDAL;
			ahead = 9 + i * 4;
		}
		char day[11];
		day_add(today, ahead, day);
		int opens, closes;
		venue_kind_hours(named[v].type, day_weekday(day), &opens, &closes);
		static const int lengths[] = {60, 90, 120, 180};
		int len = lengths[next(c) % 4];
		if (closes - opens < len)
			continue;
		int from =
		        opens + 30 * (int)(next(c) % (uint64_t)((closes - opens - len) / 30 + 1));
		int64_t assoc =
		        i < 2 ? c->rep_assoc
		              : db_int(c->db, &Q_ASSOC_NTH,
		                       DB_ARGS(DB_INT((int64_t)(next(c) % (uint64_t)c->nassoc))),
		                       0);
		size_t t = 0;
		while (strcmp(doings[t].type, named[v].type) != 0)
			t++;
		int64_t starts = local_time(day, from);
		int future = starts > c->now;
		int pending = future && named[v].approval && (i < 2 ? i == 0 : i % 3 != 0);
		struct want w = {
		        .v = v,
		        .assoc = assoc,
		        .starts = starts,
		        .ends = local_time(day, from + len),
		        .at = starts - (int64_t)(3 + next(c) % 40) * 86400,
		        .status = pending ? BOOKING_PENDING : BOOKING_CONFIRMED,
		        .category = i % 10 == 7 ? "ordinarie" : NULL,
		        .activity = doings[t].activities[next(c) % 4],
		        .youth = i % 2,
		        .show_name = i % 4 != 3,
		        .participants = 1 + (int)(next(c) % (uint64_t)named[v].capacity),
		};
		if (w.at > c->now)
			w.at = c->now - (int64_t)(1 + i % 5) * 3600;
		int64_t id;
		int rc = book(c, &w, &id);
		if (rc < 0)
			return -1;
		if (rc == 0 || i < 2)
			continue;
		if (i % 6 == 1) {
			int64_t before = i % 12 == 1 ? 10 * 3600 : 10 * 86400;
			if (cancel(c, v, id, starts, starts - before) != 0)
				return -1;
		} else if (named[v].approval && i % 9 == 4 &&
		           booking_set_status(c->db, id, BOOKING_DECLINED, 0,
		                              w.at + 2 * 86400 < c->now ? w.at + 2 * 86400
		                                                        : c->now) != DB_OK) {
			return -1;
		}
	}
	return 0;
}

/* The leisure department's youth rule, the register's youth members, the
 * named venues with their season, and what a benchmark asks for more. */
int
demo_venues(struct db *db, const int64_t *area_ids, long venues, long bookings)
{
	struct ctx c = {.db = db, .now = (int64_t)time(NULL), .seed = 0x5a3d7e11c0ffee01ULL};
	c.year = demo_school_year();
	int64_t exists = db_int(db, &Q_EXISTS, DB_NOARGS, -1);
	int rc = -1;
	if (exists < 0 ||
	    db_exec(db, &Q_YOUTH_RULE, DB_ARGS(DB_INT(department_id(db, "FRI")))) != DB_OK ||
	    db_exec(db, &Q_YOUTH_MEMBERS, DB_NOARGS) != DB_OK)
		goto done;
	c.nassoc = db_int(db, &Q_ASSOC_COUNT, DB_NOARGS, 0);
	struct dbcur cur;
	if (db_query(db, &cur, &Q_REP, DB_NOARGS) != DB_OK)
		goto done;
	if (db_next(&cur) > 0) {
		c.rep_user = db_col_int(&cur, 0);
		c.rep_assoc = db_col_int(&cur, 1);
	}
	db_done(&cur);
	if (exists == 0 && c.nassoc > 0 && c.rep_assoc) {
		if (store_venues(&c, area_ids) != 0)
			goto done;
		for (int spring = 0; spring <= 1; spring++)
			for (size_t k = 0; k < sizeof series / sizeof *series; k++)
				if ((!series[k].pending || spring) &&
				    store_series(&c, &series[k], k, spring) != 0)
					goto done;
		if (store_singles(&c) != 0 || demo_venue_season(db, c.year, c.rep_assoc) != 0)
			goto done;
	}
	rc = venues > 0 || bookings > 0 ? demo_venue_scale(db, area_ids, venues, bookings) : 0;
done:
	arena_reset(&c.a);
	return rc;
}
