/* The public address links in mails start with. A mail is read far from
 * the request that caused it, so the address comes from the operator
 * (serve --base-url), never from a request's Host header, which a client
 * chooses. */
#include "mail/outbox.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

enum { BASE_MAX = 200 };

static char base[BASE_MAX + 1] = "http://127.0.0.1:8080";
const char *mail_base_url = base;

/* Only scheme://host[:port] with an optional "/" is taken: the pages live
 * at the root of the site, and anything more (a path, a query, a user, a
 * space) would end up in every link. The host is a name or an IPv4
 * address in [A-Za-z0-9.-], or an IPv6 address in brackets. */
int
mail_base_url_set(const char *url, const char **why)
{
	size_t n = strlen(url);
	const char *p;
	if (strncmp(url, "https://", 8) == 0)
		p = url + 8;
	else if (strncmp(url, "http://", 7) == 0)
		p = url + 7;
	else {
		*why = "must start with http:// or https://";
		return -1;
	}
	if (n > BASE_MAX) {
		*why = "is too long";
		return -1;
	}
	const char *host = p;
	if (*p == '[') {
		p++;
		while (isxdigit((unsigned char)*p) || *p == ':' || *p == '.')
			p++;
		if (*p != ']' || p == host + 1) {
			*why = "has an IPv6 address that is not [hex:digits]";
			return -1;
		}
		p++;
	} else {
		while (isalnum((unsigned char)*p) || *p == '-' || *p == '.')
			p++;
		if (p == host || !isalnum((unsigned char)*host)) {
			*why = "needs a host name after the scheme";
			return -1;
		}
	}
	if (*p == ':') {
		char *end;
		long port = strtol(p + 1, &end, 10);
		if (!isdigit((unsigned char)p[1]) || port < 1 || port > 65535) {
			*why = "has a port that is not 1 to 65535";
			return -1;
		}
		p = end;
	}
	size_t len = (size_t)(p - url);
	if (*p == '/' && !p[1])
		p++;
	if (*p) {
		*why = "may only be scheme://host[:port]: no path, query, user, space or "
		       "control character";
		return -1;
	}
	memcpy(base, url, len);
	base[len] = 0;
	return 0;
}
