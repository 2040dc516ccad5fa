/*
 * libloc — text in under-represented languages and internationalised
 * domain names. This is the only header to include.
 *
 * Conventions (see each function's comment):
 *  - text in and out is UTF-8 with explicit byte lengths; NUL is a character;
 *  - every call that can fail returns a loc_status (LOC_OK, or a negative
 *    LOC_E_*); loc_status_message() and loc_status_name() describe it;
 *  - names: every symbol starts with `loc_<module>_` (the header's name) or
 *    `loc_<object>_` for the module's object (loc_normalizer_, loc_keyer_,
 *    loc_checker_, ...); constructors are `*_new` (variants `*_new_<how>`),
 *    destructors `*_free`, and every *_free() accepts NULL; a name-to-enum
 *    function is `*_parse(const char *, <enum> *)` returning a loc_status,
 *    its inverse `*_name(<enum>)`;
 *  - results come in three forms, named so in each comment:
 *      caller buffer ("out caller-allocates"): the caller passes @out and
 *        @cap; the call writes at most @cap bytes and reports the size it
 *        needs, with LOC_E_BUFFER_TOO_SMALL when that is more than @cap;
 *      allocating (`*_alloc`, "transfer full"): the library allocates, the
 *        caller releases with loc_free() (or the matching *_free());
 *      borrowed ("transfer none ... valid until the next call on @ctx"):
 *        the result lives in a context or iterator and stays valid until
 *        its next call or its *_free(), e.g. loc_idn_error_at(),
 *        loc_confusable_skeleton(), loc_lgr_variant_at();
 *  - objects (a profile, an LGR, a checker, a font, a model) are immutable
 *    once made and may be shared between threads; per-thread state lives in
 *    a context, `loc_<module>_ctx`, made from its object with
 *    loc_<module>_ctx_new(object, &ctx): it remembers the object (which must
 *    outlive it), so calls take the context alone. The layout context,
 *    which serves any fonts, is the one context made bare. Iterators,
 *    streams and contexts belong to one thread at a time;
 *  - script codes are loc_script values (loc/script.h): no ICU header is
 *    needed to use libloc.
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
