/* loc_idn_check, profile registration: never fails on any bytes; a name is
 * valid exactly when no error is listed; warnings never invalidate; a level
 * is given unless the input is unreadable; and registration is consistent
 * with UTS #46 where it must be:
 *   - a name registration accepts, UTS #46 ToASCII accepts with the same
 *     output (registration maps nothing and allows a subset);
 *   - its A-label form checks again to itself, and ToUnicode of that form
 *     checks to the same A-label form (A-label <-> U-label round trip);
 *   - for every input that converts without error,
 *     to-ascii(to-unicode(to-ascii(x))) == to-ascii(x);
 *   - check with LOC_IDN_CHECK_UTS46 is ToASCII. */
#include "fuzz.h"

static loc_idn *idn;
static loc_idn_ctx *ctx;

static char *check(unsigned flags, const char *s, size_t size, size_t *len) {
  char *out = NULL;
  FUZZ_CHECK(loc_idn_check_alloc(ctx, flags, s, size, &out, len) == LOC_OK);
  FUZZ_CHECK(loc_idn_ok(ctx) == (loc_idn_error_count(ctx) == 0 && !loc_idn_truncated(ctx)));
  for (size_t i = 0; i < loc_idn_error_count(ctx); i++) {
    const loc_idn_error *e = loc_idn_error_at(ctx, i);
    FUZZ_CHECK(e->code != NULL && e->message != NULL && e->message[0] != '\0');
    FUZZ_CHECK(e->offset <= size);
  }
  for (size_t i = 0; i < loc_idn_warning_count(ctx); i++) {
    const loc_idn_error *w = loc_idn_warning_at(ctx, i);
    FUZZ_CHECK(w->code[0] == 'W' && w->message != NULL && w->offset <= size);
    /* a Latin look-alike exactly on the two look-alike codes that have one */
    bool has = strcmp(w->code, "W_WHOLE_SCRIPT") == 0 || strcmp(w->code, "W_DIGIT_LOOKALIKE") == 0;
    FUZZ_CHECK(has == (w->lookalike != NULL));
  }
  bool unreadable = loc_idn_error_count(ctx) > 0 &&
                    (strcmp(loc_idn_error_at(ctx, 0)->code, "X_UTF8") == 0 ||
                     strcmp(loc_idn_error_at(ctx, 0)->code, "X_TOO_LONG") == 0);
  loc_idn_level level = loc_idn_restriction_level(ctx);
  FUZZ_CHECK(unreadable ? level == LOC_IDN_LEVEL_NONE
                        : level >= LOC_IDN_LEVEL_ASCII && level <= LOC_IDN_LEVEL_UNRESTRICTED);
  for (size_t i = 0; i < loc_idn_label_count(ctx); i++)
    FUZZ_CHECK(loc_idn_label_level(ctx, i) <= level);
  return out;
}

static char *to_ascii(const char *s, size_t size, size_t *len, bool *ok) {
  char *out = NULL;
  FUZZ_CHECK(loc_idn_to_ascii_alloc(ctx, 0, s, size, &out, len) == LOC_OK);
  *ok = loc_idn_ok(ctx);
  return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > FUZZ_MAX_INPUT)
    return 0;
  if (idn == NULL) {
    FUZZ_CHECK(loc_idn_new(&idn) == LOC_OK);
    FUZZ_CHECK(loc_idn_ctx_new(idn, &ctx) == LOC_OK);
  }
  const char *s = (const char *)data;
  size_t rl, al, ul, bl, cl;
  char *r = check(0, s, size, &rl);
  bool r_ok = loc_idn_ok(ctx);
  bool a_ok;
  char *a = to_ascii(s, size, &al, &a_ok);
  char *c = check(LOC_IDN_CHECK_UTS46, s, size, &cl);
  FUZZ_CHECK(loc_idn_ok(ctx) == a_ok && cl == al && memcmp(c, a, al) == 0);
  loc_free(c);
  /* profile url: check is to-ascii --profile url plus the levels */
  size_t wl, xl;
  char *w = NULL;
  FUZZ_CHECK(loc_idn_to_ascii_alloc(ctx, LOC_IDN_URL, s, size, &w, &wl) == LOC_OK);
  bool w_ok = loc_idn_ok(ctx);
  char *x = check(LOC_IDN_URL, s, size, &xl);
  FUZZ_CHECK(loc_idn_ok(ctx) == w_ok && xl == wl && memcmp(x, w, wl) == 0);
  loc_free(w);
  loc_free(x);
  if (r_ok) {
    FUZZ_CHECK(a_ok && al == rl && memcmp(a, r, rl) == 0);
    char *again = check(0, r, rl, &bl);
    FUZZ_CHECK(loc_idn_ok(ctx) && bl == rl && memcmp(again, r, rl) == 0);
    loc_free(again);
    char *u = NULL;
    FUZZ_CHECK(loc_idn_to_unicode_alloc(ctx, 0, r, rl, &u, &ul) == LOC_OK);
    FUZZ_CHECK(loc_idn_ok(ctx));
    again = check(0, u, ul, &bl);
    FUZZ_CHECK(loc_idn_ok(ctx) && bl == rl && memcmp(again, r, rl) == 0);
    loc_free(again);
    loc_free(u);
  }
  if (a_ok) {
    char *u = NULL;
    FUZZ_CHECK(loc_idn_to_unicode_alloc(ctx, 0, a, al, &u, &ul) == LOC_OK);
    bool ok;
    char *back = to_ascii(u, ul, &bl, &ok);
    FUZZ_CHECK(ok && bl == al && memcmp(back, a, al) == 0);
    loc_free(back);
    loc_free(u);
  }
  loc_free(a);
  loc_free(r);
  return 0;
}
