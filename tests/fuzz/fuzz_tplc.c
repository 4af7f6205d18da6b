/* The template compiler on any text: it must not crash or overrun, and
 * must either report an error or emit a function. */
#include "fuzz.h"

#include <string.h>

#include "tplc_lib.h"

/* Compiles the input as a template; outputs are written to memory. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *src = malloc(size + 1);
	memcpy(src, data, size);
	src[size] = 0;
	char *c = NULL, *h = NULL, *e = NULL;
	size_t cn, hn, en;
	FILE *oc = open_memstream(&c, &cn), *oh = open_memstream(&h, &hn),
	     *err = open_memstream(&e, &en);
	int errors = tplc_compile("fuzz.html", src, size, "tpl_fuzz", "fuzz.tpl.h", oc, oh, err);
	fclose(oc);
	fclose(oh);
	fclose(err);
	PROPERTY(errors >= 0);
	PROPERTY((errors == 0) == (en == 0));
	PROPERTY(strstr(h, "void tpl_fuzz(struct buf *b") != NULL);
	PROPERTY(strstr(c, "#include \"fuzz.tpl.h\"") != NULL);
	free(c);
	free(h);
	free(e);
	free(src);
	return 0;
}
