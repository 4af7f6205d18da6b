/* The demo's venue types as Malmö lets them: sports halls 08–22 on
 * weekdays and 09–18 at weekends; school gyms from 17:00 on weekdays,
 * after school; meeting rooms and assembly halls in office hours and the
 * evening; a rehearsal room in the evenings. Prices per hour in öre: a
 * hall 450 kr ordinary, 150 kr for an association and nothing for a
 * youth association (nolltaxa); meeting rooms cheaper; half a hall
 * half. The culture department has no youth rule, so its venues have no
 * youth price. The season is the school year's two terms with Sweden's
 * public holidays closed. */
#include "demo/venue_kinds.h"
#include "auth/users.h"
#include "base/buf.h"
#include "base/days.h"
#include "base/esc.h"
#include "base/sortkey.h"

#include <stdio.h>
#include <string.h>

struct kind {
	const char *type;
	int weekday_opens, weekday_closes, weekend_opens, weekend_closes, sunday_closed;
	int64_t ordinary, association, youth; /* öre an hour */
};

static const struct kind kinds[] = {
        {"idrottshall", 8 * 60, 22 * 60, 9 * 60, 18 * 60, 0, 45000, 15000, 0},
        {"gymnastiksal", 17 * 60, 22 * 60, 9 * 60, 18 * 60, 0, 30000, 10000, 0},
        {"moteslokal", 8 * 60, 21 * 60, 10 * 60, 16 * 60, 1, 20000, 5000, 0},
        {"samlingssal", 8 * 60, 22 * 60, 10 * 60, 18 * 60, 0, 60000, 20000, 0},
        {"replokal", 16 * 60, 23 * 60, 10 * 60, 22 * 60, 0, 15000, 5000, 0},
};

static struct dbq Q_VENUE = {
        "INSERT INTO venues (parent_id, department_id, type, name, sort_key, address, area_id, "
        "capacity, step_free, accessible_toilet, hearing_loop, lift, equipment, description, "
        "approval, cancel_hours, created) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
        "$12, $13, $14, $15, $16, $17) RETURNING id",
        NULL, 0};
static struct dbq Q_HOURS = {
        "INSERT INTO venue_hours (venue_id, weekday, opens, closes) VALUES ($1, $2, $3, $4)", NULL,
        0};
static struct dbq Q_PRICE = {
        "INSERT INTO venue_prices (venue_id, category, per_hour) VALUES ($1, $2, $3)", NULL, 0};

/* The type's row (the first for an unknown one). */
static const struct kind *
kind_of(const char *type)
{
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		if (strcmp(kinds[i].type, type) == 0)
			return &kinds[i];
	return &kinds[0];
}

void
venue_kind_hours(const char *type, int weekday, int *opens, int *closes)
{
	const struct kind *k = kind_of(type);
	if (weekday <= 5) {
		*opens = k->weekday_opens;
		*closes = k->weekday_closes;
	} else if (weekday == 7 && k->sunday_closed) {
		*opens = *closes = 0;
	} else {
		*opens = k->weekend_opens;
		*closes = k->weekend_closes;
	}
}

int
demo_school_year(void)
{
	char today[11];
	int y, m;
	day_today(today);
	if (sscanf(today, "%4d-%2d", &y, &m) != 2)
		return 2026;
	return m >= 7 ? y : y - 1;
}

/* The Monday of an ISO week of a year, moved by add days. */
static void
week_day(int year, int week, int add, char out[11])
{
	char w[16];
	snprintf(w, sizeof w, "%04d-W%02d", year % 10000, week % 100);
	if (iso_week_monday(w, out) != 0)
		snprintf(out, 11, "%04u-01-01", (unsigned)year % 10000u);
	day_add(out, add, out);
}

void
demo_term(int year, int spring, char first[11], char last[11])
{
	if (!spring) {
		week_day(year, 34, 0, first); /* mid-August */
		week_day(year, 51, 6, last);  /* the Sunday before Christmas week */
	} else {
		week_day(year + 1, 2, 0, first); /* after Epiphany */
		week_day(year + 1, 23, 6, last); /* mid-June */
	}
}

/* Easter Sunday of a year (the anonymous Gregorian computus). */
static void
easter(int y, char out[11])
{
	int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25;
	int g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
	int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)month % 100u,
	         (unsigned)day % 100u);
}

/* The day of a weekday (1–7) in the seven days from first on. */
static void
weekday_from(const char *first, int weekday, char out[11])
{
	day_add(first, (weekday - day_weekday(first) + 7) % 7, out);
}

int
holidays_of(int year, struct closed_day *out)
{
	static const struct {
		int next_year;
		const char *md, *reason;
	} fixed[] = {
	        {0, "12-24", "Julafton"},     {0, "12-25", "Juldagen"},
	        {0, "12-26", "Annandag jul"}, {0, "12-31", "Nyårsafton"},
	        {1, "01-01", "Nyårsdagen"},   {1, "01-06", "Trettondedag jul"},
	        {1, "05-01", "Första maj"},   {1, "06-06", "Sveriges nationaldag"},
	};
	static const struct {
		int from_easter;
		const char *reason;
	} moving[] = {
	        {-2, "Långfredagen"},
	        {-1, "Påskafton"},
	        {0, "Påskdagen"},
	        {1, "Annandag påsk"},
	        {39, "Kristi himmelsfärds dag"},
	        {49, "Pingstdagen"},
	};
	int n = 0;
	char d[11];
	snprintf(d, sizeof d, "%04u-10-31", (unsigned)year % 10000u);
	weekday_from(d, 6, out[n].day);
	out[n++].reason = "Alla helgons dag";
	for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++) {
		snprintf(out[n].day, sizeof out[n].day, "%04u-%.5s",
		         (unsigned)(year + fixed[i].next_year) % 10000u, fixed[i].md);
		out[n++].reason = fixed[i].reason;
	}
	char e[11];
	easter(year + 1, e);
	for (size_t i = 0; i < sizeof moving / sizeof *moving; i++) {
		day_add(e, moving[i].from_easter, out[n].day);
		out[n++].reason = moving[i].reason;
	}
	snprintf(d, sizeof d, "%04u-06-19", (unsigned)(year + 1) % 10000u);
	weekday_from(d, 5, out[n].day);
	out[n++].reason = "Midsommarafton";
	return n;
}

int
venue_seed_store(struct db *db, const struct venue_seed *s, int64_t at, int64_t *id)
{
	struct buf key = {0};
	sv_sort_key(&key, s->name, strlen(s->name));
	struct dbval v[] = {s->parent_id ? DB_INT(s->parent_id) : DB_NULLV,
	                    DB_INT(department_id(db, s->dept)),
	                    DB_TEXT(s->type),
	                    DB_TEXT(s->name),
	                    DB_TEXTN(key.data, key.len),
	                    DB_TEXT(s->address ? s->address : ""),
	                    s->area_id ? DB_INT(s->area_id) : DB_NULLV,
	                    DB_INT(s->capacity),
	                    DB_INT(s->step_free),
	                    DB_INT(s->accessible_toilet),
	                    DB_INT(s->hearing_loop),
	                    DB_INT(s->lift),
	                    DB_TEXT(s->equipment ? s->equipment : ""),
	                    DB_TEXT(s->description ? s->description : ""),
	                    DB_INT(s->approval),
	                    DB_INT(s->cancel_hours),
	                    DB_INT(at)};
	int rc = db_returning(db, &Q_VENUE, v, (int)(sizeof v / sizeof *v), id);
	buf_free(&key);
	const struct kind *k = kind_of(s->type);
	for (int d = 1; rc == DB_OK && d <= 7; d++) {
		int opens, closes;
		venue_kind_hours(s->type, d, &opens, &closes);
		if (closes)
			rc = db_exec(
			        db, &Q_HOURS,
			        DB_ARGS(DB_INT(*id), DB_INT(d), DB_INT(opens), DB_INT(closes)));
	}
	int64_t div = s->parent_id ? 2 : 1;
	const struct {
		const char *category;
		int64_t per_hour;
	} prices[] = {{"ordinarie", k->ordinary / div},
	              {"forening", k->association / div},
	              {"ungdom", strcmp(s->dept, "KUL") == 0 ? -1 : k->youth / div}};
	for (size_t i = 0; rc == DB_OK && i < sizeof prices / sizeof *prices; i++)
		if (prices[i].per_hour >= 0)
			rc = db_exec(db, &Q_PRICE,
			             DB_ARGS(DB_INT(*id), DB_TEXT(prices[i].category),
			                     DB_INT(prices[i].per_hour)));
	return rc;
}

/* Each venue from $1 on, each closed day of the JSON array $2. */
static struct dbq Q_CLOSED = {
        "INSERT INTO venue_closed (venue_id, day, reason) SELECT v.id, value ->> 0, value ->> 1 "
        "FROM venues v, json_each($2) WHERE v.id >= $1 ON CONFLICT DO NOTHING",
        "INSERT INTO venue_closed (venue_id, day, reason) SELECT v.id, e ->> 0, e ->> 1 "
        "FROM venues v, json_array_elements($2::json) e WHERE v.id >= $1 ON CONFLICT DO NOTHING",
        0};

int
venue_holidays_store(struct db *db, int64_t first_id, int year)
{
	struct buf j = {0};
	buf_putc(&j, '[');
	for (int y = year - 1; y <= year + 1; y++) {
		struct closed_day h[HOLIDAYS_MAX];
		int n = holidays_of(y, h);
		for (int i = 0; i < n; i++) {
			if (j.len > 1)
				buf_putc(&j, ',');
			buf_printf(&j, "[\"%s\",", h[i].day);
			esc_json(&j, h[i].reason, strlen(h[i].reason));
			buf_putc(&j, ']');
		}
	}
	buf_putc(&j, ']');
	int rc = db_exec(db, &Q_CLOSED, DB_ARGS(DB_INT(first_id), DB_TEXTN(j.data, j.len)));
	buf_free(&j);
	return rc;
}
