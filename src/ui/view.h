#ifndef UI_VIEW_H
#define UI_VIEW_H
#include <stdint.h>

/* Whether id is among the n ids: which checkboxes are ticked. */
static inline int
ids_has(const int64_t *ids, int n, int64_t id)
{
	for (int i = 0; i < n; i++)
		if (ids[i] == id)
			return 1;
	return 0;
}
#endif
