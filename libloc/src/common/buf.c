/* The overflow-checked growable array (buf.h). */
#include "internal.h"
#include "buf.h"

#include <stdint.h>
#include <stdlib.h>

loc_status loc__grow(void **p, size_t *cap, size_t need, size_t size, size_t first) {
  if (need <= *cap)
    return LOC_OK;
  /* No object may exceed PTRDIFF_MAX bytes (pointer differences inside it
   * must be representable); larger requests fail before realloc(). */
  size_t max = size ? (size_t)PTRDIFF_MAX / size : 0;
  if (need > max)
    return LOC_E_NO_MEMORY;
  size_t nc = *cap ? *cap : (first ? first : 1);
  while (nc < need) {
    if (nc > max / 2) { /* doubling would pass the limit: take what is needed */
      nc = need;
      break;
    }
    nc *= 2;
  }
  void *g = realloc(*p, nc * size);
  if (g == NULL)
    return LOC_E_NO_MEMORY;
  *p = g;
  *cap = nc;
  return LOC_OK;
}

/* The byte buffer of internal.h (loc__buf). */
loc_status loc__buf_reserve(loc__buf *b, size_t extra) {
  if (b->cap - b->len >= extra)
    return LOC_OK;
  if (extra > SIZE_MAX / 2 - b->len)
    return LOC_E_NO_MEMORY;
  void *p = b->data;
  loc_status st = loc__grow(&p, &b->cap, b->len + extra, 1, 256);
  b->data = p;
  return st;
}
