/* Argon2id password hashes (libsodium). */
#ifndef AUTH_PASSWORD_H
#define AUTH_PASSWORD_H
#include <stddef.h>

enum { PASSWORD_MIN = 10, PASSWORD_MAX = 256 };

int password_hash(const char *pw, char out[128]);
int password_verify(const char *hash, const char *pw);
int password_acceptable(const char *pw);
const char *password_problem(const char *pw, int english);
#endif
