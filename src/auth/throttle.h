/* Throttling of password checks: failures are counted per account, per
 * client address and per address prefix (/24, /64), under keyed hashes so
 * no typed address or client address is stored, and answered with growing
 * delays instead of a lock: the owner of an attacked account can still
 * sign in from elsewhere within a minute, while an address that tries many
 * accounts is slowed to a crawl. Used by every place that checks a
 * password: sign-in and account deletion. */
#ifndef AUTH_THROTTLE_H
#define AUTH_THROTTLE_H
#include "http/request.h"

/* The three counters one password check counts against. */
enum throttle_kind { THROTTLE_ACCOUNT, THROTTLE_ADDRESS, THROTTLE_PREFIX, THROTTLE_KINDS };

/* One password check: the hex keys of its account, client address and
 * prefix (throttle_claim fills them in). */
struct throttle {
	char key[THROTTLE_KINDS][33];
};

/* Reads the server's secret key from the settings, making it on the first
 * start (one for every process on the database); 0 when it is ready. */
int throttle_key_load(struct db *db);

/* Whether a password for account (an e-mail address, folded here) may be
 * checked now from the request's client address. 0: yes, and the attempt
 * already counts as a failure until throttle_passed, so attempts running
 * at once cannot slip past the count; > 0: the seconds to wait, the
 * password must not be checked; -1: the database failed. */
int throttle_claim(struct req *r, const char *account, struct throttle *t);

/* The password was right: the account's counter is cleared, and the
 * address and prefix get this attempt back (their earlier failures stay). */
void throttle_passed(struct req *r, const struct throttle *t);

/* A refusal to wait: 429 with Retry-After, and the words for the page in
 * both languages ("Vänta 12 sekunder …"). */
void throttle_refusal(struct req *r, int wait, const char **sv, const char **en);
#endif
