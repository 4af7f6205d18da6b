/* Payouts of decided grants (issue 10, point 6, and the reclaim of point
 * 7), as migration 019 keeps them: the account an association is paid
 * to, each award's planned, paid and reclaimed payments, and the payment
 * files handed to the finance system. Every write of a department's
 * payments takes the department's lock first (grant_payouts_lock), so
 * that a plan, a payment marked paid and a file made at the same moment
 * never pay the same money twice or past the award. */
#ifndef GRANTS_PAYOUTS_H
#define GRANTS_PAYOUTS_H
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/choice.h"
#include "db/db.h"
#include "http/request.h"
#include "ui/form.h"

/* An association's payout account: bankgiro or plusgiro, its number in
 * the canonical form giro_parse writes. */
struct grant_account {
	const char *kind; /* account_kinds.code */
	const char *kind_sv, *kind_en;
	const char *number;
	int64_t since;
};

/* An award with what its payments add up to, in öre. */
struct payout_award {
	int64_t id, case_id, department_id, association_id;
	const char *dnr; /* the decision's case, "" for imported history */
	const char *association, *orgnr, *programme, *kind_sv, *kind_en, *decided_on;
	int year;
	int64_t amount;
	int64_t planned;   /* payouts not paid yet */
	int64_t paid;      /* payouts paid */
	int64_t reclaimed; /* reclaims, as a positive sum */
};

/* The balance: what of the award is not with the association. */
#define PAYOUT_BALANCE(a) ((a)->amount - (a)->paid + (a)->reclaimed)

/* One payment of an award: a payout (amount above zero), planned for its
 * day or paid on paid_on; or a reclaim (below zero) with its reason. */
struct grant_payment {
	int64_t id, award_id, amount, file_id;
	const char *due, *paid_on, *reason;
};

/* A payout due for a payment file, with where it goes; no account: it is
 * blocked until the association has an approved one. */
struct payout_due {
	int64_t payment_id, amount;
	const char *due, *dnr, *association, *orgnr;
	const char *account_kind, *account_number; /* NULL: no approved account */
};

/* A payment file as it was made. */
struct payment_file {
	int64_t id, department_id, total;
	const char *up_to, *made_by;
	int64_t at;
	int rows;
	int unpaid; /* rows not marked paid yet */
};

/* A payout of a payment file not marked paid yet, with its decision's
 * case for the trail. */
struct file_unpaid {
	int64_t payment_id, award_id, case_id, amount;
};

int grant_account_of(struct db *db, struct arena *a, int64_t association_id,
                     struct grant_account *out);
int grant_account_replace(struct db *db, int64_t association_id, const char *kind,
                          const char *number, int64_t case_id);
int grant_account_kinds(struct db *db, struct arena *a, struct choice **out);

int grant_payouts_lock(struct db *db, int64_t department_id);
int payout_award_get(struct db *db, struct arena *a, int64_t id, struct payout_award *out);
/* Which awards a list reads, the newest first: an association's (when
 * association_id is set) or else a department's, of a year (0: any),
 * those before the award before (0: from the newest), at most limit. */
struct payout_filter {
	int64_t department_id, association_id, year, before, limit;
};
int payout_awards_of(struct db *db, struct arena *a, const struct payout_filter *f,
                     struct payout_award **out, size_t *n);
int grant_payments_of(struct db *db, struct arena *a, int64_t award_id, struct grant_payment **out,
                      size_t *n);
int grant_payment_add(struct db *db, int64_t award_id, int64_t amount, const char *due,
                      const char *reason, int64_t user_id);
int grant_payment_mark_paid(struct db *db, int64_t award_id, int64_t payment_id,
                            const char *paid_on);
int grant_payment_remove(struct db *db, int64_t award_id, int64_t payment_id);

int payouts_due(struct db *db, struct arena *a, int64_t department_id, const char *up_to,
                struct payout_due **out, size_t *n);
int payment_file_make(struct db *db, int64_t department_id, const char *up_to, int64_t user_id,
                      const char *user_name, int64_t *file_id);
int payment_files_of(struct db *db, struct arena *a, int64_t department_id,
                     struct payment_file **out, size_t *n);
int payment_file_get(struct db *db, struct arena *a, int64_t id, struct payment_file *out);
int payment_file_rows(struct db *db, struct arena *a, int64_t file_id, struct payout_due **out,
                      size_t *n);

int payment_file_unpaid(struct db *db, struct arena *a, int64_t file_id, struct file_unpaid **out,
                        size_t *n);

int payout_trail(struct req *r, int64_t case_id, const char *what, int64_t ore, const char *day);

/* One association's part of the representative's Mina sidor: its account
 * and its awards, each with its payments. */
struct payouts_mine {
	int64_t id;
	const char *name;
	int has_account;
	struct grant_account account;
	struct payout_award *awards;
	size_t nawards;
	struct grant_payment **pays; /* per award */
	size_t *npays;
};

/* The representative's part of Mina sidor: each association's awards
 * with their payouts, and its account (payouts_mine.c); 0, or -1 when
 * the database failed. */
int grant_payouts_mine(struct req *r, struct buf *out);

/* The field of the day a payout was paid (payouts.c), for every form
 * that marks payouts paid. */
extern const struct field_def payout_paid_fields[];

/* The pages (payouts.c, payment_file.c, account_change.c), listed in
 * src/routes.c. */
void payouts_awards_page(struct req *r);
void payouts_award_page(struct req *r);
void payouts_plan(struct req *r);
void payouts_reclaim(struct req *r);
void payouts_mark_paid(struct req *r);
void payouts_remove(struct req *r);
void payment_file_page(struct req *r);
void payment_file_create(struct req *r);
void payment_file_csv(struct req *r);
void payment_file_xlsx(struct req *r);
void payment_file_paid(struct req *r);
void account_change_form(struct req *r);
void account_change_submit(struct req *r);
#endif
