#include "base/fold.h"
#include "base/arena.h"

#include <string.h>
#include <unicase.h>
#include <unistr.h>

/* Lower-cases, folds accents the Swedish alphabet does not distinguish
 * (é as e, ü as y), maps å, ä, ö to the three bytes after 'z' and drops
 * punctuation, so that names a person would call the same compare equal:
 * the import finds an area by its name or slug this way, and the
 * administration makes slugs from it. */
void
sv_fold(struct buf *out, const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + n;
	while (p < end) {
		ucs4_t c;
		int len = u8_mbtouc(&c, p, (size_t)(end - p));
		p += len;
		c = uc_tolower(c);
		switch (c) {
		case 0xe5:
			buf_putc(out, '{');
			continue; /* å */
		case 0xe4:
		case 0xe6:
			buf_putc(out, '|');
			continue; /* ä æ */
		case 0xf6:
		case 0xf8:
			buf_putc(out, '}');
			continue; /* ö ø */
		case 0xe0:
		case 0xe1:
		case 0xe2:
		case 0xe3:
			c = 'a';
			break;
		case 0xe7:
			c = 'c';
			break;
		case 0xe8:
		case 0xe9:
		case 0xea:
		case 0xeb:
			c = 'e';
			break;
		case 0xec:
		case 0xed:
		case 0xee:
		case 0xef:
			c = 'i';
			break;
		case 0xf1:
			c = 'n';
			break;
		case 0xf2:
		case 0xf3:
		case 0xf4:
		case 0xf5:
			c = 'o';
			break;
		case 0xf9:
		case 0xfa:
		case 0xfb:
			c = 'u';
			break;
		case 0xfc:
		case 0xfd:
		case 0xff:
			c = 'y';
			break;
		default:
			break;
		}
		if (c < 0x80) {
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' ')
				buf_putc(out, (char)c);
		} else {
			uint8_t tmp[6];
			int k = u8_uctomb(tmp, c, sizeof(tmp));
			if (k > 0)
				buf_add(out, tmp, (size_t)k);
		}
	}
}

/* Slugs for areas, target groups and grant programmes alike, so that one
 * name gives one address wherever it is made. */
const char *
sv_slug(struct arena *a, const char *name, size_t max)
{
	struct buf k = {0};
	sv_fold(&k, name, strlen(name));
	char *out = arena_alloc(a, max + 1);
	size_t n = 0;
	for (size_t i = 0; i < k.len && n < max; i++) {
		char c = k.data[i];
		c = c == '{' || c == '|' ? 'a' : c == '}' ? 'o' : c;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			out[n++] = c;
		else if (n && out[n - 1] != '-')
			out[n++] = '-';
	}
	while (n && out[n - 1] == '-')
		n--;
	out[n] = 0;
	buf_free(&k);
	return out;
}
