/* Rules for values people type, written once: every form, the CSV import
 * and the command line check an e-mail address, a date or a blank text the
 * same way. */
#ifndef BASE_VALID_H
#define BASE_VALID_H
#include <stddef.h>
#include <stdint.h>

int email_valid(const char *s);
int date_valid(const char *s);
int text_blank(const char *s);
size_t utf8_chars(const char *s);
int int_in_range(const char *s, int64_t lo, int64_t hi, int64_t *out);
const char *local_path(const char *next, const char *fallback);
#endif
