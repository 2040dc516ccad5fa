/* Private to the legacy-encoding modules (legacy.c, zawgyi.c). */
#ifndef LOC_LEGACY_INTERNAL_H
#define LOC_LEGACY_INTERNAL_H

#include <unicode/utrans.h>

/* A clone of the shared compiled transform for @dir; the caller closes it. */
loc_status loc__zawgyi_open(loc_legacy_direction dir, UTransliterator **out);

/* Converts well-formed UTF-8 @in (at most 2^30 bytes) with @t into the
 * growable UTF-16 buffer *buf (capacity *cap units); *n16 = units used. */
loc_status loc__zawgyi_convert16(UTransliterator *t, UChar **buf, int32_t *cap,
                                 const char *in, size_t len, int32_t *n16);

#endif
