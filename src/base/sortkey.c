/* Sort keys from ICU's Swedish collation (CLDR "sv"), written as text in
 * an order-preserving base 64 so that a plain text index orders them on
 * both engines. */
#include "base/sortkey.h"
#include "base/arena.h"
#include "base/log.h"

#include <pthread.h>
#include <stdlib.h>
#include <unicode/ucol.h>
#include <unicode/ustring.h>

/* Bumped when what we make of ICU's key changes (its settings, the text,
 * the cap), so that stored keys are made anew as after an ICU upgrade. */
enum { KEY_FORMAT = 1 };

/* The collator as set up once; each thread works on its own clone of it,
 * as ICU's collation guide asks ("Collator instances cannot be shared
 * among threads"), made on the thread's first key and closed at its end. */
static UCollator *swedish;
static pthread_once_t swedish_once = PTHREAD_ONCE_INIT;
static pthread_key_t clone_key;
static __thread UCollator *mine;

/* A thread's clone goes with the thread (pthread_key_create's destructor). */
static void
close_clone(void *c)
{
	ucol_close(c);
}

/* Opens the Swedish collation with canonical normalisation on: without it
 * a name whose accents are typed in an unusual order (not FCD) would get
 * another key than the same name typed as usual. The default strength,
 * tertiary, tells letters, then accents, then case apart, which is all a
 * Swedish reader looks at. Without the Swedish data the register would be
 * in another order, silently, so that ends the process. */
static void
open_swedish(void)
{
	UErrorCode st = U_ZERO_ERROR;
	swedish = ucol_open("sv", &st);
	if (U_SUCCESS(st) && st != U_USING_DEFAULT_WARNING)
		ucol_setAttribute(swedish, UCOL_NORMALIZATION_MODE, UCOL_ON, &st);
	if (U_FAILURE(st) || st == U_USING_DEFAULT_WARNING) {
		log_msg("ICU has no Swedish collation: %s", u_errorName(st));
		abort();
	}
	if (pthread_key_create(&clone_key, close_clone) != 0)
		abort();
}

/* This thread's collator. */
static const UCollator *
collator(void)
{
	if (!mine) {
		pthread_once(&swedish_once, open_swedish);
		UErrorCode st = U_ZERO_ERROR;
		mine = ucol_clone(swedish, &st);
		if (U_FAILURE(st)) {
			log_msg("ICU cannot copy the collator: %s", u_errorName(st));
			abort();
		}
		pthread_setspecific(clone_key, mine);
	}
	return mine;
}

/* Writes n bytes as text that compares as the bytes do: six bits a
 * character, most significant first, the last character's missing bits
 * zero, in an alphabet listed in ASCII order (so also UTF-8's and
 * SQLite's and PostgreSQL's "C" order). A text that ends early ends where
 * its bytes do, before any longer text with the same start. Four
 * characters for three bytes, where hex takes six; all are safe in an
 * address. */
static void
ordered_base64(struct buf *out, const uint8_t *k, size_t n)
{
	static const char digits[] =
	        "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
	char text[(SV_SORT_KEY_MAX + 2) / 3 * 4];
	size_t t = 0, i = 0;
	for (; i + 3 <= n; i += 3) {
		uint32_t v = (uint32_t)k[i] << 16 | (uint32_t)k[i + 1] << 8 | k[i + 2];
		text[t++] = digits[v >> 18];
		text[t++] = digits[(v >> 12) & 63];
		text[t++] = digits[(v >> 6) & 63];
		text[t++] = digits[v & 63];
	}
	if (n - i == 1) {
		text[t++] = digits[k[i] >> 2];
		text[t++] = digits[(k[i] & 3) << 4];
	} else if (n - i == 2) {
		uint32_t v = (uint32_t)k[i] << 8 | k[i + 1];
		text[t++] = digits[v >> 10];
		text[t++] = digits[(v >> 4) & 63];
		text[t++] = digits[(v & 15) << 2];
	}
	buf_add(out, text, t);
}

/* ICU's key (bytes 01..FF, the levels split by 01, the whole ended by 00)
 * without its last byte and cut at SV_SORT_KEY_MAX, as ordered_base64
 * text. A cut key still orders correctly against every key that differs
 * within its bytes; names alike for that long fall back to the id.
 * Invalid UTF-8 counts as U+FFFD. */
void
sv_sort_key(struct buf *out, const char *s, size_t n)
{
	UChar stack_u[256], *u = stack_u;
	uint8_t stack_k[512], *k = stack_k;
	int32_t ulen = 0;
	UErrorCode st = U_ZERO_ERROR;
	u_strFromUTF8WithSub(u, 256, &ulen, s, (int32_t)n, 0xfffd, NULL, &st);
	if (st == U_BUFFER_OVERFLOW_ERROR) {
		u = xmalloc(((size_t)ulen + 1) * sizeof(*u));
		st = U_ZERO_ERROR;
		u_strFromUTF8WithSub(u, ulen + 1, &ulen, s, (int32_t)n, 0xfffd, NULL, &st);
	}
	if (U_FAILURE(st))
		ulen = 0;
	const UCollator *c = collator();
	int32_t klen = ucol_getSortKey(c, u, ulen, k, sizeof(stack_k));
	if (klen > (int32_t)sizeof(stack_k)) {
		k = xmalloc((size_t)klen);
		klen = ucol_getSortKey(c, u, ulen, k, klen);
	}
	size_t len = klen > 0 ? (size_t)klen - 1 : 0;
	ordered_base64(out, k, len < SV_SORT_KEY_MAX ? len : SV_SORT_KEY_MAX);
	if (u != stack_u)
		free(u);
	if (k != stack_k)
		free(k);
}

/* The collator's version (ICU's four bytes) under our key format: stored
 * beside the keys, it says whether they are still this program's. */
int64_t
sv_sort_key_version(void)
{
	UVersionInfo v;
	ucol_getVersion(collator(), v);
	return (int64_t)KEY_FORMAT << 32 | (int64_t)v[0] << 24 | v[1] << 16 | v[2] << 8 | v[3];
}
