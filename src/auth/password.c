#include "auth/password.h"

#include <pthread.h>
#include <sodium.h>
#include <string.h>

/* Argon2id with libsodium's interactive limits (64 MiB, 2 passes). */
int
password_hash(const char *pw, char out[128])
{
	return crypto_pwhash_str(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                         crypto_pwhash_MEMLIMIT_INTERACTIVE);
}

/* 0 when the password matches. A NULL hash still costs one verification,
 * so unknown accounts answer as slowly as known ones. */
static char dummy[crypto_pwhash_STRBYTES];

static void
make_dummy(void)
{
	if (password_hash("not a password of anyone", dummy) != 0)
		dummy[0] = 0;
}

int
password_verify(const char *hash, const char *pw)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	if (hash)
		return crypto_pwhash_str_verify(hash, pw, strlen(pw));
	pthread_once(&once, make_dummy);
	volatile int sink = crypto_pwhash_str_verify(dummy, pw, strlen(pw));
	(void)sink;
	return -1;
}

/* ASVS 2.1: at least 10 characters (we count bytes), at most 256. */
int
password_acceptable(const char *pw)
{
	size_t n = strlen(pw);
	return n >= PASSWORD_MIN && n <= PASSWORD_MAX;
}

/* What is wrong with a new password, in the reader's language, or NULL:
 * the check a form's password field declares. */
const char *
password_problem(const char *pw, int english)
{
	if (pw && password_acceptable(pw))
		return NULL;
	return english ? "The password must be 10 to 256 characters."
	               : "Lösenordet ska vara 10 till 256 tecken.";
}
