/* Strings that carry their length. */
#ifndef BASE_STR_H
#define BASE_STR_H
#include <stddef.h>
#include <string.h>

struct str {
	const char *p;
	size_t n;
};

#define STR(lit) ((struct str){(lit), sizeof(lit) - 1})

/* A C string viewed as a str. */
static inline struct str
str_c(const char *s)
{
	return (struct str){s ? s : "", s ? strlen(s) : 0};
}

/* Byte equality with a C string. */
static inline int
str_eq(struct str a, const char *b)
{
	size_t n = strlen(b);
	return a.n == n && memcmp(a.p, b, n) == 0;
}
#endif
