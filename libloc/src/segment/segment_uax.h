/* The untailored UAX #29 / UAX #14 rules (segment_uax.c), private. */
#ifndef LOC_SEGMENT_UAX_H
#define LOC_SEGMENT_UAX_H

#include "internal.h"

/* Every segment of s[0..len) by the plain rules of @kind, in order; each
 * maximal ill-formed subpart reads as U+FFFD. *out is NULL when there are
 * none; free with free(). LOC_OK or LOC_E_NO_MEMORY. */
loc_status loc__uax_segments(loc_segment_kind kind, const char *s, size_t len,
                             loc_segment **out, size_t *count);

#endif
