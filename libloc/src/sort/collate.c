/* Collation through ICU's UCollator. Text is turned into UTF-16 here, with
 * our own decoder, so that ill-formed UTF-8 becomes U+FFFD per maximal
 * subpart for compare and sort keys alike (ICU's own UTF-8 paths would
 * agree today, but doing it once keeps the two provably consistent). */
#include "internal.h"

#include <stdio.h>
#include <unicode/ucol.h>
#include <unicode/uloc.h>

struct loc_collator {
  UCollator *ucol;
  char tag[LOC_TAG_MAX_LEN + 1];
  char rules[ULOC_FULLNAME_CAPACITY];
};

/* Short texts stay on the stack; this covers most dictionary lines. */
#define STACK_UNITS 512

typedef struct u16 {
  UChar *p;
  int32_t len;
  UChar stack[STACK_UNITS];
} u16;

static loc_status to_u16(const char *s, size_t len, u16 *u) {
  u->p = u->stack;
  u->len = 0;
  /* UTF-16 never needs more units than UTF-8 has bytes. */
  if (len > STACK_UNITS) {
    if (len > INT32_MAX) {
      /* Count first: 4-byte characters shrink to 2 units. */
      size_t units = 0;
      for (size_t i = 0, n; i < len; i += n)
        units += loc__utf8_decode((const uint8_t *)s, len, i, &n) > 0xFFFF ? 2 : 1;
      if (units > INT32_MAX)
        return LOC_E_OVERFLOW;
    }
    u->p = malloc((len < INT32_MAX ? len : INT32_MAX) * sizeof(UChar));
    if (u->p == NULL)
      return LOC_E_NO_MEMORY;
  }
  size_t k = 0;
  for (size_t i = 0, n; i < len; i += n) {
    int32_t cp = loc__utf8_decode((const uint8_t *)s, len, i, &n);
    if (cp < 0)
      cp = 0xFFFD;
    if (cp > 0xFFFF) {
      u->p[k++] = (UChar)(0xD7C0 + (cp >> 10));
      u->p[k++] = (UChar)(0xDC00 | (cp & 0x3FF));
    } else {
      u->p[k++] = (UChar)cp;
    }
  }
  u->len = (int32_t)k;
  return LOC_OK;
}

static void u16_free(u16 *u) {
  if (u->p != u->stack)
    free(u->p);
}

/* ICU opens "de@collation=bogus" as plain German without a word: a
 * collation type (-u-co-) must be one ICU has for some language. */
static bool known_collation(const char *id) {
  char want[ULOC_KEYWORDS_CAPACITY] = "";
  UErrorCode e = U_ZERO_ERROR;
  int32_t n = uloc_getKeywordValue(id, "collation", want, (int32_t)sizeof want, &e);
  if (e == U_BUFFER_OVERFLOW_ERROR || e == U_STRING_NOT_TERMINATED_WARNING)
    return false; /* longer than any type */
  if (U_FAILURE(e) || n <= 0)
    return true;
  UEnumeration *all = ucol_getKeywordValues("collation", &e);
  if (U_FAILURE(e))
    return true;
  bool found = false;
  const char *v;
  while (!found && (v = uenum_next(all, NULL, &e)) != NULL && U_SUCCESS(e))
    found = strcmp(v, want) == 0;
  uenum_close(all);
  return found;
}

loc_status loc_collator_new(const char *tag, size_t len, loc_collator **out) {
  if (out == NULL || (tag == NULL && len > 0))
    return LOC_E_INVALID_ARGUMENT;
  *out = NULL;
  loc_collator *c = calloc(1, sizeof *c);
  if (c == NULL)
    return LOC_E_NO_MEMORY;
  char id[ULOC_FULLNAME_CAPACITY] = "";
  if (len > 0) {
    size_t n;
    loc_status st = loc_tag_canonicalize(tag, len, c->tag, sizeof c->tag, &n);
    if (st != LOC_OK) {
      free(c);
      return st == LOC_E_BUFFER_TOO_SMALL ? LOC_E_INVALID_TAG : st;
    }
    UErrorCode e = U_ZERO_ERROR;
    int32_t parsed = 0;
    uloc_forLanguageTag(c->tag, id, (int32_t)sizeof id, &parsed, &e);
    if (U_FAILURE(e) || e == U_STRING_NOT_TERMINATED_WARNING) {
      free(c);
      return LOC_E_ICU;
    }
  }
  if (!known_collation(id)) {
    free(c);
    return LOC_E_UNSUPPORTED;
  }
  UErrorCode e = U_ZERO_ERROR;
  c->ucol = ucol_open(id, &e);
  if (e == U_ILLEGAL_ARGUMENT_ERROR) { /* a -u- keyword value ICU refuses */
    free(c);
    return LOC_E_UNSUPPORTED;
  }
  if (U_FAILURE(e)) {
    free(c);
    return e == U_MEMORY_ALLOCATION_ERROR ? LOC_E_NO_MEMORY : LOC_E_ICU;
  }
  e = U_ZERO_ERROR;
  const char *actual = ucol_getLocaleByType(c->ucol, ULOC_ACTUAL_LOCALE, &e);
  if (U_FAILURE(e) || actual == NULL || actual[0] == '\0')
    actual = "root";
  snprintf(c->rules, sizeof c->rules, "%s", actual);
  *out = c;
  return LOC_OK;
}

void loc_collator_free(loc_collator *c) {
  if (c == NULL)
    return;
  ucol_close(c->ucol);
  free(c);
}

const char *loc_collator_tag(const loc_collator *c) { return c ? c->tag : ""; }

const char *loc_collator_rules_locale(const loc_collator *c) {
  return c ? c->rules : "";
}

loc_status loc_collate(const loc_collator *c, const char *a, size_t alen,
                       const char *b, size_t blen, int *result) {
  if (c == NULL || result == NULL || (a == NULL && alen > 0) || (b == NULL && blen > 0))
    return LOC_E_INVALID_ARGUMENT;
  *result = 0;
  u16 ua, ub;
  loc_status st = to_u16(a, alen, &ua);
  if (st != LOC_OK)
    return st;
  st = to_u16(b, blen, &ub);
  if (st != LOC_OK) {
    u16_free(&ua);
    return st;
  }
  UCollationResult r = ucol_strcoll(c->ucol, ua.p, ua.len, ub.p, ub.len);
  *result = r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : 0;
  u16_free(&ua);
  u16_free(&ub);
  return LOC_OK;
}

loc_status loc_collate_key(const loc_collator *c, const char *s, size_t len,
                           uint8_t *out, size_t cap, size_t *out_len) {
  if (c == NULL || out_len == NULL || (s == NULL && len > 0) || (out == NULL && cap > 0))
    return LOC_E_INVALID_ARGUMENT;
  *out_len = 0;
  u16 u;
  loc_status st = to_u16(s, len, &u);
  if (st != LOC_OK)
    return st;
  int32_t icap = cap > INT32_MAX ? INT32_MAX : (int32_t)cap;
  int32_t n = ucol_getSortKey(c->ucol, u.p, u.len, out, icap);
  u16_free(&u);
  if (n <= 0) /* ICU signals every failure (allocation) as 0 */
    return LOC_E_ICU;
  *out_len = (size_t)n;
  return (size_t)n > cap ? LOC_E_BUFFER_TOO_SMALL : LOC_OK;
}

loc_status loc_collate_key_alloc(const loc_collator *c, const char *s, size_t len,
                                 uint8_t **out, size_t *out_len) {
  if (out == NULL || out_len == NULL)
    return LOC_E_INVALID_ARGUMENT;
  *out = NULL;
  *out_len = 0;
  if (c == NULL || (s == NULL && len > 0))
    return LOC_E_INVALID_ARGUMENT;
  u16 u;
  loc_status st = to_u16(s, len, &u);
  if (st != LOC_OK)
    return st;
  uint8_t small[256];
  int32_t n = ucol_getSortKey(c->ucol, u.p, u.len, small, (int32_t)sizeof small);
  if (n <= 0) {
    u16_free(&u);
    return LOC_E_ICU;
  }
  uint8_t *k = malloc((size_t)n);
  if (k == NULL) {
    u16_free(&u);
    return LOC_E_NO_MEMORY;
  }
  if ((size_t)n <= sizeof small)
    memcpy(k, small, (size_t)n);
  else if (ucol_getSortKey(c->ucol, u.p, u.len, k, n) != n) {
    free(k);
    u16_free(&u);
    return LOC_E_ICU;
  }
  u16_free(&u);
  *out = k;
  *out_len = (size_t)n;
  return LOC_OK;
}
