/*
 * libloc — text in under-represented languages and internationalised
 * domain names. This is the only header to include.
 *
 * Conventions (see each function's comment):
 *  - text in and out is UTF-8 with explicit byte lengths; NUL is a character;
 *  - every call that can fail returns a negative loc_status;
 *  - "transfer full" results are released with loc_free() or the matching
 *    *_free() function; every *_free() accepts NULL;
 *  - string transforms come in a caller-buffer form that reports the size it
 *    needs, and an allocating form;
 *  - immutable objects may be shared between threads; mutable objects
 *    (iterators, streams, contexts) belong to one thread at a time.
 */
#ifndef LOC_LOC_H
#define LOC_LOC_H

#define LOC_H_INSIDE
#include <loc/version.h>
#include <loc/common.h>
#include <loc/utf8.h>
#include <loc/normalize.h>
#include <loc/script.h>
#include <loc/tag.h>
#include <loc/segment.h>
#include <loc/idn.h>
#include <loc/collate.h>
#include <loc/key.h>
#include <loc/check.h>
#include <loc/legacy.h>
#include <loc/encoding.h>
#include <loc/lgr.h>
#include <loc/shape.h>
#include <loc/fontcheck.h>
#include <loc/layout.h>
#include <loc/render.h>
#include <loc/translit.h>
#include <loc/detect.h>
#include <loc/confusable.h>
#undef LOC_H_INSIDE

#endif
