#include "register/store.h"
#include "base/valid.h"
#include "base/buf.h"
#include "base/idnum.h"
#include "base/sortkey.h"
#include "http/decode.h"
#include "register/assoc.h"
#include "register/order.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static struct dbq Q_INSERT = {
        "INSERT INTO associations (orgnr, name, sort_key, form, purpose, email, phone, website, "
        "founded, members, active, public, created, updated, pos, tags) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $14, $15) "
        "RETURNING id",
        NULL, 0};
static struct dbq Q_UPDATE = {
        "UPDATE associations SET orgnr = $1, name = $2, sort_key = $3, form = $4, purpose = $5, "
        "email = $6, phone = $7, website = $8, founded = $9, members = $10, active = $11, "
        "public = $12, updated = $13, pos = $14, tags = $15 WHERE id = $16",
        NULL, 0};
static struct dbq Q_CLEAR_AREAS = {"DELETE FROM association_areas WHERE association_id = $1", NULL,
                                   0};
static struct dbq Q_CLEAR_GROUPS = {"DELETE FROM association_groups WHERE association_id = $1",
                                    NULL, 0};
static struct dbq Q_ADD_AREA = {
        "INSERT INTO association_areas (association_id, area_id) VALUES ($1, $2) "
        "ON CONFLICT DO NOTHING",
        NULL, 0};
static struct dbq Q_ADD_GROUP = {
        "INSERT INTO association_groups (association_id, group_id) VALUES ($1, $2) "
        "ON CONFLICT DO NOTHING",
        NULL, 0};
static struct dbq Q_BY_ORGNR = {"SELECT id FROM associations WHERE orgnr = $1", NULL, 0};
static struct dbq Q_BY_NAME = {
        "SELECT id FROM associations WHERE orgnr IS NULL AND name = $1 ORDER BY id LIMIT 1", NULL,
        0};

#define MSG(sv, en) (english ? (en) : (sv))

/* Text that is valid, not too long, and (when required) not blank. */
static const char *
check_text(const char *s, size_t max, int required, int english)
{
	if (!s)
		s = "";
	size_t n = strlen(s);
	if (!text_valid(s, n))
		return MSG("Texten innehåller otillåtna tecken.",
		           "The text contains characters that are not allowed.");
	if (required && text_blank(s))
		return MSG("Fältet måste fyllas i.", "This field is required.");
	if (n > max)
		return MSG("Texten är för lång.", "The text is too long.");
	return NULL;
}

/* A plausible e-mail address: one @, a dot in the domain, no spaces. */
static const char *
check_email(const char *s, int english)
{
	if (!*s)
		return NULL;
	if (!email_valid(s))
		return MSG("Skriv en e-postadress som namn@exempel.se.",
		           "Write an e-mail address like name@example.com.");
	return NULL;
}

static const char *
check_phone(const char *s, int english)
{
	if (strlen(s) > 30 || strspn(s, "0123456789 +-()") != strlen(s))
		return MSG("Skriv telefonnumret med siffror, till exempel 040-34 10 00.",
		           "Write the phone number in digits, for example 040-34 10 00.");
	return NULL;
}

static const char *
check_website(const char *s, int english)
{
	if (!*s)
		return NULL;
	if (strlen(s) > 300 || strpbrk(s, " \t<>\"") ||
	    (strncmp(s, "https://", 8) != 0 && strncmp(s, "http://", 7) != 0) || strlen(s) < 11)
		return MSG("Skriv webbadressen med https://, till exempel https://forening.se.",
		           "Write the address with https://, for example https://association.se.");
	return NULL;
}

/* An optional whole number in [lo, hi]; 0 stands for "not given". */
static const char *
check_number(const char *s, int64_t lo, int64_t hi, int64_t *out, const char *sv, const char *en,
             int english)
{
	*out = 0;
	while (*s == ' ')
		s++;
	if (!*s)
		return NULL;
	char *end;
	long long v = strtoll(s, &end, 10);
	while (*end == ' ')
		end++;
	if (*end || v < lo || v > hi)
		return english ? en : sv;
	*out = v;
	return NULL;
}

/* Checks every field and fills rec; returns the number of errors. Links to
 * areas and groups are the caller's. */
int
assoc_validate(const struct assoc_input *in, int english, struct assoc_rec *rec,
               struct assoc_errors *e)
{
	memset(e, 0, sizeof(*e));
	memset(rec->orgnr, 0, sizeof(rec->orgnr));
	const char *name = in->name ? in->name : "";
	const char *purpose = in->purpose ? in->purpose : "";
	const char *email = in->email ? in->email : "";
	const char *phone = in->phone ? in->phone : "";
	const char *website = in->website ? in->website : "";
	e->name = check_text(name, 200, 1, english);
	e->purpose = check_text(purpose, 4000, 0, english);
	e->email = check_text(email, 254, 0, english);
	if (!e->email)
		e->email = check_email(email, english);
	e->phone = check_text(phone, 30, 0, english);
	if (!e->phone)
		e->phone = check_phone(phone, english);
	e->website = check_text(website, 300, 0, english);
	if (!e->website)
		e->website = check_website(website, english);
	rec->form = in->form && *in->form ? assoc_form_code(in->form) : NULL;
	if (!rec->form)
		e->form = MSG("Välj en av formerna i listan.",
		              "Choose one of the forms in the list.");
	const char *orgnr = in->orgnr ? in->orgnr : "";
	int informal = rec->form && strcmp(rec->form, "informell") == 0;
	enum idnum_err ie = orgnr_parse(orgnr, strlen(orgnr), rec->orgnr);
	if (ie == IDNUM_EMPTY && informal)
		rec->orgnr[0] = 0;
	else if (ie == IDNUM_EMPTY)
		e->orgnr =
		        MSG("Fyll i organisationsnummer. Bara informella nätverk kan sakna det.",
		            "Enter the organisation number. Only informal networks may lack one.");
	else if (ie != IDNUM_OK)
		e->orgnr = idnum_message(ie, english);
	int year;
	{
		time_t t = time(NULL);
		struct tm tm;
		gmtime_r(&t, &tm);
		year = tm.tm_year + 1900;
	}
	e->founded = check_number(in->founded ? in->founded : "", 1600, year, &rec->founded,
	                          "Skriv ett årtal, till exempel 1985.",
	                          "Write a year, for example 1985.", english);
	e->members = check_number(in->members ? in->members : "", 0, 10000000, &rec->members,
	                          "Skriv antalet medlemmar som en siffra.",
	                          "Write the number of members as a number.", english);
	rec->name = name;
	rec->purpose = purpose;
	rec->email = email;
	rec->phone = phone;
	rec->website = website;
	const char *all[] = {e->orgnr, e->name,    e->form,    e->purpose, e->email,
	                     e->phone, e->website, e->founded, e->members};
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		e->count += all[i] != NULL;
	return e->count;
}

/* The id of the association a record stands for: by organisationsnummer,
 * or for an informal network by its name. 0 when new. */
int64_t
assoc_find(struct db *db, const struct assoc_rec *rec)
{
	if (rec->orgnr[0])
		return db_int(db, &Q_BY_ORGNR, DB_ARGS(DB_TEXT(rec->orgnr)), 0);
	return db_int(db, &Q_BY_NAME, DB_ARGS(DB_TEXT(rec->name)), 0);
}

/* Ascending, for qsort. */
static int
by_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* Appends " _<kind><id>" for each id, in ascending order, so that the same
 * links always give the same text. */
static void
tag_ids(struct buf *b, char kind, const int64_t *ids, int n)
{
	int64_t sorted[ASSOC_MAX_LINKS];
	memcpy(sorted, ids, (size_t)n * sizeof(*ids));
	qsort(sorted, (size_t)n, sizeof(*sorted), by_id);
	for (int i = 0; i < n; i++) {
		buf_printf(b, " _%c", kind);
		buf_int(b, sorted[i]);
	}
}

/* The filters an association matches, as the words the search index keeps
 * for them (migration 011): _f<form>, _a<area id>, _g<group id>. */
static void
assoc_tags(struct buf *b, const struct assoc_rec *rec)
{
	buf_puts(b, "_f");
	buf_puts(b, rec->form);
	tag_ids(b, 'a', rec->area_ids, rec->nareas);
	tag_ids(b, 'g', rec->group_ids, rec->ngroups);
}

/* Inserts (id 0) or updates an association with its areas and groups. The
 * caller holds the transaction. */
int
assoc_save(struct db *db, int64_t id, const struct assoc_rec *rec, int64_t *out_id)
{
	struct buf key = {0}, tags = {0};
	sv_sort_key(&key, rec->name, strlen(rec->name));
	assoc_tags(&tags, rec);
	int64_t pos;
	if (order_place(db, id, buf_cstr(&key), key.len, &pos) != DB_OK) {
		buf_free(&key);
		buf_free(&tags);
		return DB_ERROR;
	}
	struct dbval v[] = {
	        rec->orgnr[0] ? DB_TEXT(rec->orgnr) : DB_NULLV,
	        DB_TEXT(rec->name),
	        DB_TEXTN(buf_cstr(&key), key.len),
	        DB_TEXT(rec->form),
	        DB_TEXT(rec->purpose),
	        DB_TEXT(rec->email),
	        DB_TEXT(rec->phone),
	        DB_TEXT(rec->website),
	        rec->founded ? DB_INT(rec->founded) : DB_NULLV,
	        rec->members ? DB_INT(rec->members) : DB_NULLV,
	        DB_INT(rec->active),
	        DB_INT(rec->public_),
	        DB_INT(time(NULL)),
	        DB_INT(pos),
	        DB_TEXTN(buf_cstr(&tags), tags.len),
	        DB_INT(id),
	};
	int rc = id == 0 ? db_returning(db, &Q_INSERT, v, 15, &id) : db_exec(db, &Q_UPDATE, v, 16);
	buf_free(&key);
	buf_free(&tags);
	if (rc != DB_OK)
		return rc;
	if (db_exec(db, &Q_CLEAR_AREAS, DB_ARGS(DB_INT(id))) != DB_OK ||
	    db_exec(db, &Q_CLEAR_GROUPS, DB_ARGS(DB_INT(id))) != DB_OK)
		return DB_ERROR;
	for (int i = 0; i < rec->nareas; i++)
		if (db_exec(db, &Q_ADD_AREA, DB_ARGS(DB_INT(id), DB_INT(rec->area_ids[i]))) !=
		    DB_OK)
			return DB_ERROR;
	for (int i = 0; i < rec->ngroups; i++)
		if (db_exec(db, &Q_ADD_GROUP, DB_ARGS(DB_INT(id), DB_INT(rec->group_ids[i]))) !=
		    DB_OK)
			return DB_ERROR;
	if (out_id)
		*out_id = id;
	return DB_OK;
}
