/* The ICU side of transliteration: opening by ID or rules with errors that
 * point into the input, running a clone over one token, listing IDs. */
#include "internal.h"
#include "translit_internal.h"

#include <stdio.h>
#include <unicode/uchar.h>
#include <unicode/uenum.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

/* UTF-16 copy of UTF-8 text (malloc), or NULL. */
static UChar *to_u16(const char *s, size_t len, int32_t *ulen) {
  if (len > INT32_MAX / 2)
    return NULL;
  UChar *u = malloc((len + 1) * sizeof *u);
  if (u == NULL)
    return NULL;
  UErrorCode e = U_ZERO_ERROR;
  u_strFromUTF8WithSub(u, (int32_t)len + 1, ulen, s, (int32_t)len, 0xFFFD, NULL, &e);
  if (U_FAILURE(e)) {
    free(u);
    return NULL;
  }
  return u;
}

/* Byte offset in @s of UTF-16 offset @uoff, and line / column there. */
static void locate(const char *s, size_t len, int32_t uoff, loc_translit_error *err) {
  size_t i = 0;
  int32_t u = 0;
  uint32_t line = 1, col = 1;
  while (i < len && u < uoff) {
    size_t n;
    int32_t cp = loc__utf8_decode((const uint8_t *)s, len, i, &n);
    u += cp > 0xFFFF ? 2 : 1;
    if (s[i] == '\n') {
      line++;
      col = 1;
    } else {
      col++;
    }
    i += n;
  }
  err->offset = (int64_t)i;
  err->line = line;
  err->column = col;
}

static void context_text(const UChar *u, char *out, size_t cap) {
  UErrorCode e = U_ZERO_ERROR;
  int32_t n = 0;
  u_strToUTF8WithSub(out, (int32_t)cap - 1, &n, u, -1, 0xFFFD, NULL, &e);
  out[U_SUCCESS(e) && n < (int32_t)cap ? n : 0] = '\0';
  for (char *p = out; *p != '\0'; p++)
    if ((unsigned char)*p < 0x20)
      *p = ' '; /* the message is one line */
}

/* Which step of a compound ID does not open: its byte offset and length
 * (spaces trimmed) and its number from 1. False when every step opens on
 * its own (the compound fails for another reason). */
static bool unknown_step(const char *text, size_t len, bool reverse, size_t *off,
                         size_t *n, int *step) {
  size_t i = 0;
  for (int k = 1; i <= len; k++) {
    const char *semi = memchr(text + i, ';', len - i);
    size_t end = semi ? (size_t)(semi - text) : len;
    size_t a = i, b = end;
    while (a < b && (text[a] == ' ' || text[a] == '\t'))
      a++;
    while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\t'))
      b--;
    if (b > a) {
      int32_t ulen = 0;
      UChar *u = to_u16(text + a, b - a, &ulen);
      if (u == NULL)
        return false;
      UErrorCode e = U_ZERO_ERROR;
      UParseError pe;
      UTransliterator *t = utrans_openU(u, ulen, reverse ? UTRANS_REVERSE : UTRANS_FORWARD,
                                        NULL, 0, &pe, &e);
      free(u);
      utrans_close(t);
      if (U_FAILURE(e)) {
        *off = a;
        *n = b - a;
        *step = k;
        return true;
      }
    }
    if (semi == NULL)
      break;
    i = end + 1;
  }
  return false;
}

loc_status loc__translit_icu_open(const char *text, size_t len, bool rules,
                                  bool reverse, UTransliterator **out,
                                  loc_translit_error *err) {
  int32_t ulen = 0;
  UChar *u = to_u16(text, len, &ulen);
  if (u == NULL)
    return len > INT32_MAX / 2 ? LOC_E_OVERFLOW : LOC_E_NO_MEMORY;
  UErrorCode e = U_ZERO_ERROR;
  UParseError pe = {0};
  pe.offset = -1;
  static const UChar rules_id[] = {'R', 'u', 'l', 'e', 's', 0};
  UTransliterator *t = rules
      ? utrans_openU(rules_id, -1, reverse ? UTRANS_REVERSE : UTRANS_FORWARD, u,
                     ulen, &pe, &e)
      : utrans_openU(u, ulen, reverse ? UTRANS_REVERSE : UTRANS_FORWARD, NULL, 0,
                     &pe, &e);
  free(u);
  if (U_SUCCESS(e)) {
    *out = t;
    return LOC_OK;
  }
  utrans_close(t);
  if (e == U_MEMORY_ALLOCATION_ERROR)
    return LOC_E_NO_MEMORY;
  loc_translit_error scratch;
  if (err == NULL)
    err = &scratch;
  if (!rules && (e == U_INVALID_ID || e == U_ILLEGAL_ARGUMENT_ERROR)) {
    size_t off = 0, n = len;
    int step = 0;
    if (memchr(text, ';', len) != NULL && unknown_step(text, len, reverse, &off, &n, &step)) {
      snprintf(err->message, sizeof err->message,
               "unknown transform ID '%.*s' (step %d of '%.*s')%s", (int)(n > 120 ? 120 : n),
               text + off, step, (int)(len > 120 ? 120 : len), text,
               reverse ? " (or it has no inverse)" : "");
      err->offset = (int64_t)off;
    } else {
      snprintf(err->message, sizeof err->message,
               "unknown transform ID '%.*s'%s", (int)(len > 160 ? 160 : len), text,
               reverse ? " (or it has no inverse)" : "");
    }
    return LOC_E_UNKNOWN_TRANSFORM;
  }
  if (!rules) {
    snprintf(err->message, sizeof err->message, "transform ID '%.*s': %s",
             (int)(len > 160 ? 160 : len), text, u_errorName(e));
    return e == U_INVALID_ID ? LOC_E_UNKNOWN_TRANSFORM : LOC_E_TRANSFORM_RULES;
  }
  if (pe.offset >= 0)
    locate(text, len, pe.offset, err);
  char pre[64], post[64];
  context_text(pe.preContext, pre, sizeof pre);
  context_text(pe.postContext, post, sizeof post);
  snprintf(err->message, sizeof err->message, "%s in rules near '%s' here '%s'",
           u_errorName(e), pre, post);
  return LOC_E_TRANSFORM_RULES;
}

char *loc__translit_icu_id(const UTransliterator *t) {
  int32_t n = 0;
  const UChar *id = utrans_getUnicodeID(t, &n);
  char *s = malloc((size_t)n * 3 + 1);
  if (s == NULL)
    return NULL;
  UErrorCode e = U_ZERO_ERROR;
  int32_t m = 0;
  u_strToUTF8WithSub(s, n * 3 + 1, &m, id, n, 0xFFFD, NULL, &e);
  s[U_SUCCESS(e) ? m : 0] = '\0';
  return s;
}

static bool is_han(UChar32 cp) {
  UErrorCode e = U_ZERO_ERROR;
  return uscript_getScript(cp, &e) == USCRIPT_HAN && u_isalpha(cp);
}

bool loc__translit_kept(const loc_translit_ctx *c, const char *s, size_t len) {
  if (c->keep_script < 0)
    return false;
  bool latin = c->keep_script == USCRIPT_LATIN;
  for (size_t i = 0; i < len;) {
    unsigned char b = (unsigned char)s[i];
    if (b < 0x80) {
      /* ASCII: letters are Latin, the rest Common */
      if (!latin && ((b | 0x20) >= 'a' && (b | 0x20) <= 'z'))
        return false;
      i++;
      continue;
    }
    size_t n;
    int32_t cp = loc__utf8_decode((const uint8_t *)s, len, i, &n);
    if (cp < 0)
      return false;
    UErrorCode e = U_ZERO_ERROR;
    int sc = (int)uscript_getScript(cp, &e);
    if (sc != c->keep_script && sc != USCRIPT_COMMON && sc != USCRIPT_INHERITED)
      return false;
    i += n;
  }
  return true;
}

/* Appends c->u[0..n) as UTF-8, spelling Han characters {U+XXXX}. */
static loc_status append_braced(loc_translit_ctx *c, int32_t n) {
  loc_status st = LOC_OK;
  for (int32_t i = 0; i < n && st == LOC_OK;) {
    UChar32 cp;
    U16_NEXT(c->u, i, n, cp);
    if ((st = loc__buf_reserve(&c->out, 16)) != LOC_OK)
      break;
    if (cp >= 0x2E80 && is_han(cp)) {
      c->out.len += (size_t)snprintf(c->out.data + c->out.len, 16, "{U+%04X}", (unsigned)cp);
      continue;
    }
    c->out.len += loc__utf8_encode(U_IS_SURROGATE(cp) ? 0xFFFD : (uint32_t)cp,
                                   c->out.data + c->out.len);
  }
  return st;
}

loc_status loc__translit_run(loc_translit_ctx *c, const char *s, size_t len,
                             int32_t before, int32_t after) {
  if (len > INT32_MAX / 8)
    return LOC_E_OVERFLOW;
  if (loc__translit_kept(c, s, len)) {
    if (len == 0)
      return LOC_OK;
    loc_status st = loc__buf_reserve(&c->out, len);
    if (st == LOC_OK) {
      memcpy(c->out.data + c->out.len, s, len);
      c->out.len += len;
    }
    return st;
  }
  /* Room for the output to grow fourfold, more on demand (then the input
   * is converted again). */
  size_t want = len * 4 + 64;
  for (int attempt = 0; attempt < 4; attempt++) {
    if ((size_t)c->ucap < want) {
      if (want > INT32_MAX / 2)
        return LOC_E_OVERFLOW;
      UChar *u = realloc(c->u, want * sizeof *u);
      if (u == NULL)
        return LOC_E_NO_MEMORY;
      c->u = u;
      c->ucap = (int32_t)want;
    }
    UErrorCode e = U_ZERO_ERROR;
    int32_t n = 0;
    u_strFromUTF8(c->u, c->ucap, &n, s, (int32_t)len, &e);
    if (U_FAILURE(e))
      return LOC_E_ICU;
    if (before == 0 && after == 0) {
      int32_t limit = n;
      utrans_transUChars(c->icu, c->u, &n, c->ucap, 0, &limit, &e);
      if (e == U_BUFFER_OVERFLOW_ERROR) {
        want *= 4;
        continue;
      }
    } else {
      int32_t m = loc__translit_icu_ctx(c->icu, c->u, n, c->ucap, before, after, &e);
      if (e == U_BUFFER_OVERFLOW_ERROR) {
        want = (size_t)m + 64;
        continue;
      }
      n = m;
    }
    if (U_FAILURE(e))
      return e == U_MEMORY_ALLOCATION_ERROR ? LOC_E_NO_MEMORY : LOC_E_ICU;
    if (n == 0) /* transformed into nothing (Any-Remove): the output may still be unallocated */
      return LOC_OK;
    bool wide = false;
    for (int32_t i = 0; i < n && c->han_braces; i++)
      if (c->u[i] >= 0x2E80) {
        wide = true;
        break;
      }
    if (wide)
      return append_braced(c, n);
    loc_status st = loc__buf_reserve(&c->out, (size_t)n * 3);
    if (st != LOC_OK)
      return st;
    int32_t m = 0;
    u_strToUTF8WithSub(c->out.data + c->out.len, n * 3, &m, c->u, n, 0xFFFD, NULL, &e);
    if (U_FAILURE(e))
      return LOC_E_ICU;
    c->out.len += (size_t)m;
    return LOC_OK;
  }
  return LOC_E_OVERFLOW;
}

/* ---------- listing ---------- */

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "Greek-Latin/UNGEGN" -> "Greek to Latin (UNGEGN)". */
static void describe(const char *id, char *out, size_t cap) {
  const char *own = loc__translit_own_description(id);
  if (own != NULL) {
    snprintf(out, cap, "%s", own);
    return;
  }
  const char *dash = strchr(id, '-');
  const char *slash = strchr(id, '/');
  if (dash == NULL || (slash != NULL && slash < dash)) {
    snprintf(out, cap, "ICU: %s", id);
    return;
  }
  int src = (int)(dash - id);
  int tgt = (int)(slash ? slash - dash - 1 : (ptrdiff_t)strlen(dash + 1));
  const char *s = id;
  if (src == 3 && strncmp(id, "Any", 3) == 0) {
    s = "any script";
    src = (int)strlen(s);
  }
  if (slash != NULL)
    snprintf(out, cap, "ICU: %.*s to %.*s (%s)", src, s, tgt, dash + 1, slash + 1);
  else
    snprintf(out, cap, "ICU: %.*s to %.*s", src, s, tgt, dash + 1);
}

LOC_API loc_status loc_translit_list(loc_translit_id_fn fn, void *user) {
  if (fn == NULL)
    return LOC_E_INVALID_ARGUMENT;
  loc_status st = loc__translit_register();
  if (st != LOC_OK)
    return st;
  UErrorCode e = U_ZERO_ERROR;
  UEnumeration *ids = utrans_openIDs(&e);
  if (U_FAILURE(e))
    return LOC_E_ICU;
  char **list = NULL;
  size_t n = 0, cap = 0;
  const char *id;
  int32_t len;
  st = LOC_OK;
  while (st == LOC_OK && (id = uenum_next(ids, &len, &e)) != NULL && U_SUCCESS(e)) {
    if (n == cap) {
      cap = cap ? cap * 2 : 1024;
      char **g = realloc(list, cap * sizeof *g);
      if (g == NULL) {
        st = LOC_E_NO_MEMORY;
        break;
      }
      list = g;
    }
    if ((list[n] = strdup(id)) == NULL)
      st = LOC_E_NO_MEMORY;
    else
      n++;
  }
  uenum_close(ids);
  if (st == LOC_OK && U_FAILURE(e))
    st = LOC_E_ICU;
  if (st == LOC_OK) {
    qsort(list, n, sizeof *list, cmp_str);
    char desc[256];
    for (size_t i = 0; i < n; i++) {
      if (i > 0 && strcmp(list[i], list[i - 1]) == 0)
        continue;
      describe(list[i], desc, sizeof desc);
      if (!fn(user, list[i], desc))
        break;
    }
  }
  for (size_t i = 0; i < n; i++)
    free(list[i]);
  free(list);
  return st;
}
