/* One overflow-checked growable array for the library's sources (never
 * installed). Every buffer that grows by doubling goes through
 * loc__grow(), so the size arithmetic is checked in one place. */
#ifndef LOC_SRC_BUF_H
#define LOC_SRC_BUF_H

#include <stddef.h>

#include <loc/loc.h>

/* Makes the array *p (of *cap elements of @size bytes each; *p may be NULL
 * while *cap is 0) hold at least @need elements. When it must grow, the new
 * capacity is *cap (or @first when *cap is 0) doubled until it reaches
 * @need (or to exactly @need when doubling would pass the limit). Returns
 * LOC_OK (also when no growth was needed), or LOC_E_NO_MEMORY when @need
 * elements would take more than PTRDIFF_MAX bytes (so no size arithmetic
 * can wrap) or realloc() fails; *p and *cap are then unchanged. @size must
 * be > 0; @first 0 counts as 1. */
loc_status loc__grow(void **p, size_t *cap, size_t need, size_t size, size_t first);

#endif
