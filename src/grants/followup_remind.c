/* The reminders about follow-up reports: a mail to the association's
 * representatives when a report is due within some days, and another once
 * its day has passed with none sent. Each is recorded in the transaction
 * that queues it, so it goes out once however often, and by however many
 * processes at once, the sweep runs. */
#include "grants/followup.h"
#include "grants/programme.h"
#include "base/buf.h"
#include "mail/outbox.h"

#include <string.h>
#include <time.h>

/* How late a report may be and still be reminded of (days). */
enum { REMIND_LATE_DAYS = 90 };

static struct dbq Q_RECORD = {
        "INSERT INTO grant_followup_reminders (award_id, kind, sent_at) VALUES ($1, $2, $3) "
        "ON CONFLICT DO NOTHING RETURNING award_id",
        NULL, 0};
static struct dbq Q_REPRESENTATIVES = {
        "SELECT u.email FROM users u JOIN user_roles ur ON ur.user_id = u.id "
        "WHERE ur.role = 'representative' AND ur.association_id = $1 AND u.active = 1 "
        "ORDER BY u.id",
        NULL, 0};

/* The mail about one report, in Swedish like the platform's other mails. */
static void
mail_of(const struct followup *x, int late, struct buf *subject, struct buf *body)
{
	if (late) {
		buf_printf(subject, "Återrapporten om %s %d är försenad", x->programme, x->year);
		buf_printf(
		        body,
		        "Hej!\n\nÅterrapporten om bidraget %s %d till %s skulle ha lämnats senast "
		        "%s och har inte kommit in. Lämna den så snart ni kan; till dess syns "
		        "den försenade rapporten på föreningens nya ansökningar.\n\n",
		        x->programme, x->year, x->association, x->due);
	} else {
		buf_printf(subject, "Påminnelse: återrapport om %s %d senast %s", x->programme,
		           x->year, x->due);
		buf_printf(body,
		           "Hej!\n\nÅterrapporten om bidraget %s %d till %s ska lämnas senast %s: "
		           "vad ni gjorde och vad pengarna gick till.\n\n",
		           x->programme, x->year, x->association, x->due);
	}
	buf_printf(body, "Lämna den här: %s/mina-sidor/aterrapporter/%lld\n", mail_base_url,
	           (long long)x->award_id);
}

/* Records one reminder and queues its mails in one transaction: 1 sent,
 * 0 another sweep sent it first, -1 on error. */
static int
remind(struct db *db, const struct followup *x, int late)
{
	struct buf subject = {0}, body = {0};
	struct dbcur c;
	int64_t got;
	int rc = db_begin(db) == DB_OK ? 0 : -1;
	if (rc == 0) {
		int r = db_returning(db, &Q_RECORD,
		                     DB_ARGS(DB_INT(x->award_id),
		                             DB_TEXT(late ? "forsenad" : "snart"),
		                             DB_INT(time(NULL))),
		                     &got);
		rc = r == DB_OK ? 1 : r == DB_NOROW ? 0 : -1;
	}
	if (rc == 1 &&
	    db_query(db, &c, &Q_REPRESENTATIVES, DB_ARGS(DB_INT(x->association_id))) != DB_OK)
		rc = -1;
	else if (rc == 1) {
		mail_of(x, late, &subject, &body);
		int more;
		/* the addresses first: a query may not run while the cursor is open */
		struct buf to = {0};
		while ((more = db_next(&c)) > 0)
			buf_printf(&to, "%s\n", db_col_text(&c, 0));
		db_done(&c);
		if (more < 0)
			rc = -1;
		for (char *s = to.data; rc == 1 && s && *s;) {
			char *nl = strchr(s, '\n');
			*nl = 0;
			if (outbox_queue(db, s, buf_cstr(&subject), buf_cstr(&body)) != DB_OK)
				rc = -1;
			s = nl + 1;
		}
		buf_free(&to);
	}
	if (rc == 1 && db_commit(db) != DB_OK)
		rc = -1;
	if (rc != 1)
		db_rollback(db);
	buf_free(&subject);
	buf_free(&body);
	return rc;
}

/* Sends the reminders owed today: reports due within `days`, and reports
 * whose day has passed. The number of reminders into *sent; 0, or -1 on
 * a database error (those sent before it stay sent). */
int
followup_remind(struct db *db, int days, int *sent)
{
	char today[11], limit[11], oldest[11];
	struct arena a = {0};
	struct followup_list l;
	grant_day(0, today);
	grant_day(days, limit);
	grant_day(-REMIND_LATE_DAYS, oldest);
	*sent = 0;
	int rc = followups_to_remind(db, &a, today, limit, oldest, &l);
	for (size_t i = 0; rc == 0 && i < l.n; i++) {
		int r = remind(db, &l.items[i], strcmp(l.items[i].due, today) < 0);
		if (r < 0)
			rc = -1;
		*sent += r > 0;
	}
	arena_reset(&a);
	return rc;
}
