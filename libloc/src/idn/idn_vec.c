/* The IDN code's growable arrays (idn_vec), shared by mapping, Punycode,
 * registration and the confusable index. */
#include "idn_internal.h"
#include "buf.h"

loc_status idn__vec_reserve(idn_vec *v, size_t size, size_t n) {
  if (n <= v->cap - v->len)
    return LOC_OK;
  if (n > SIZE_MAX - v->len)
    return LOC_E_NO_MEMORY;
  return loc__grow(&v->data, &v->cap, v->len + n, size, 64);
}
