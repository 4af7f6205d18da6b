#include "register/store.h"
#include "base/valid.h"
#include "base/idnum.h"
#include "http/decode.h"
#include "register/assoc.h"
#include "register/bulk.h"
#include "register/order.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

/* Inserts (id 0) or updates an association with its areas and groups: a
 * batch of one (src/register/bulk.c), and a step of merging the search
 * index it wrote to. The caller holds the transaction. */
int
assoc_save(struct db *db, int64_t id, const struct assoc_rec *rec, int64_t *out_id)
{
	struct assoc_row row = {.rec = *rec, .id = id};
	int rc = assoc_write(db, &row, 1);
	if (rc == DB_OK)
		rc = order_index_merge(db);
	if (rc == DB_OK && out_id)
		*out_id = row.id;
	return rc;
}
