/* BCP 47 language tags: RFC 5646 §2.1 syntax, validation against the IANA
 * registry, and the canonical form of §4.5 plus CLDR aliases. */
#include "tag_internal.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

typedef enum kind {
  K_LANGUAGE,
  K_EXTLANG,
  K_SCRIPT,
  K_REGION,
  K_VARIANT,
  K_SINGLETON,
  K_EXTENSION,
  K_PRIVATE,      /* the "x" */
  K_PRIVATE_SUB,
} kind;

typedef struct subtag {
  uint16_t off, len;
  uint8_t kind;
} subtag;

#define MAX_SUBTAGS (LOC_TAG_MAX_LEN / 2 + 1)
#define MAX_DIAGS 16
/* Room for any canonical form: replacements grow a tag by a few bytes at
 * most (a Preferred-Value, a CLDR alias adding a script and a region). */
#define CANON_CAP (2 * LOC_TAG_MAX_LEN + 64)

typedef struct work {
  const char *s;          /* the text parsed */
  size_t len;
  subtag sub[MAX_SUBTAGS];
  size_t n;
  loc_tag_diag err[MAX_DIAGS], warn[MAX_DIAGS];
  size_t n_err, n_warn;
  bool registered;        /* every subtag in the IANA registry */
  char canon[CANON_CAP];
} work;

static bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }
static char upper(char c) { return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c; }

static bool all_alpha(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!is_alpha(s[i]))
      return false;
  return true;
}
static bool all_digit(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!is_digit(s[i]))
      return false;
  return true;
}
static bool same_nocase(const char *a, size_t an, const char *b, size_t bn) {
  if (an != bn)
    return false;
  for (size_t i = 0; i < an; i++)
    if (lower(a[i]) != lower(b[i]))
      return false;
  return true;
}

static void diag(work *w, bool warning, const char *rule, size_t off, size_t len,
                 const char *fmt, ...) __attribute__((format(printf, 6, 7)));
static void diag(work *w, bool warning, const char *rule, size_t off, size_t len,
                 const char *fmt, ...) {
  loc_tag_diag *list = warning ? w->warn : w->err;
  size_t *n = warning ? &w->n_warn : &w->n_err;
  if (*n == MAX_DIAGS)
    return;
  loc_tag_diag *d = &list[(*n)++];
  d->rule = rule;
  d->offset = off;
  d->length = len;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(d->message, sizeof d->message, fmt, ap);
  va_end(ap);
}

#define SUB(w, i) (int)(w)->sub[i].len, (w)->s + (w)->sub[i].off

/* A problem in a -u- or -t- extension's contents: a warning (tag_ext.c). */
static void ext_report(void *user, const char *rule, size_t off, size_t len, const char *msg) {
  diag(user, true, rule, off, len, "%s", msg);
}

/* Every byte must be an ASCII letter, digit or hyphen; reports the first
 * that is not. */
static bool check_bytes(work *w) {
  for (size_t i = 0; i < w->len; i++) {
    unsigned char c = (unsigned char)w->s[i];
    if (is_alnum((char)c) || c == '-')
      continue;
    if (c >= 0x80) {
      size_t n;
      int32_t cp = loc__utf8_decode((const uint8_t *)w->s, w->len, i, &n);
      if (cp < 0)
        diag(w, false, "syntax", i, n, "invalid UTF-8 (byte 0x%02X) at byte %zu", c, i);
      else
        diag(w, false, "syntax", i, n,
             "non-ASCII character U+%04X at byte %zu: subtags are ASCII letters and digits",
             (unsigned)cp, i);
    } else {
      diag(w, false, "syntax", i, 1,
           "character 0x%02X at byte %zu: subtags are ASCII letters and digits, separated by '-'",
           c, i);
    }
    return false;
  }
  return true;
}

/* Splits into subtags and classifies them by RFC 5646 §2.1's grammar. */
static bool parse(work *w) {
  enum { S_START, S_LANG, S_EXTLANG, S_SCRIPT, S_REGION, S_VARIANT, S_EXT_OPEN, S_EXT, S_PRIV_OPEN, S_PRIV } st = S_START;
  size_t lang_len = 0, n_extlang = 0, open_at = 0;
  size_t i = 0;
  w->n = 0;
  for (;;) {
    size_t start = i;
    while (i < w->len && w->s[i] != '-')
      i++;
    size_t len = i - start;
    const char *p = w->s + start;
    if (len == 0) {
      diag(w, false, "syntax", start, 0,
           start == 0 ? "empty subtag at byte %zu: a tag cannot start with '-'"
                      : "empty subtag at byte %zu: '-' must be followed by a subtag", start);
      return false;
    }
    if (len > 8) {
      diag(w, false, "syntax", start, len, "subtag '%.*s' at byte %zu is longer than 8 characters",
           (int)len, p, start);
      return false;
    }
    kind k;
    if (st == S_EXT_OPEN && len < 2) {
      diag(w, false, "syntax", open_at, 1,
           "singleton '%c' at byte %zu is not followed by a subtag of 2 to 8 characters",
           w->s[open_at], open_at);
      return false;
    }
    if (st == S_PRIV_OPEN || st == S_PRIV) {
      k = K_PRIVATE_SUB;
      st = S_PRIV;
    } else if (len == 1 && lower(p[0]) == 'x') {
      k = K_PRIVATE;
      st = S_PRIV_OPEN;
      open_at = start;
    } else if (st == S_START) {
      if (!all_alpha(p, len) || len < 2) {
        diag(w, false, "syntax", start, len,
             "'%.*s' at byte %zu: a tag starts with a language subtag (2 to 8 letters) or 'x'",
             (int)len, p, start);
        return false;
      }
      k = K_LANGUAGE;
      lang_len = len;
      st = S_LANG;
    } else if (st == S_EXT_OPEN) {
      k = K_EXTENSION;
      st = S_EXT;
    } else if (len == 1) {
      k = K_SINGLETON;
      st = S_EXT_OPEN;
      open_at = start;
    } else if (st == S_EXT) {
      k = K_EXTENSION;
    } else if (len == 3 && all_alpha(p, len) && (st == S_LANG || st == S_EXTLANG) &&
               lang_len <= 3 && n_extlang < 3) {
      k = K_EXTLANG;
      n_extlang++;
      st = S_EXTLANG;
    } else if (len == 4 && all_alpha(p, len) && st < S_SCRIPT) {
      k = K_SCRIPT;
      st = S_SCRIPT;
    } else if (((len == 2 && all_alpha(p, len)) || (len == 3 && all_digit(p, len))) &&
               st < S_REGION) {
      k = K_REGION;
      st = S_REGION;
    } else if ((len >= 5 || (len == 4 && is_digit(p[0]))) && st <= S_VARIANT) {
      k = K_VARIANT;
      st = S_VARIANT;
    } else {
      diag(w, false, "syntax", start, len, "subtag '%.*s' at byte %zu is out of place",
           (int)len, p, start);
      return false;
    }
    w->sub[w->n++] = (subtag){(uint16_t)start, (uint16_t)len, (uint8_t)k};
    if (i == w->len)
      break;
    i++; /* the '-' */
  }
  if (st == S_EXT_OPEN || st == S_PRIV_OPEN) {
    diag(w, false, "syntax", open_at, 1, "singleton '%c' at byte %zu is not followed by a subtag",
         w->s[open_at], open_at);
    return false;
  }
  return true;
}

/* Does every subtag of @prefix (e.g. "sl-rozaj") occur among the first @n
 * subtags of the tag, in that order? */
static bool has_prefix(const work *w, size_t n, const char *prefix, size_t plen) {
  size_t j = 0;
  const char *p = prefix, *end = prefix + plen;
  while (p < end) {
    const char *q = memchr(p, '-', (size_t)(end - p));
    size_t ql = q ? (size_t)(q - p) : (size_t)(end - p);
    while (j < n && !same_nocase(w->s + w->sub[j].off, w->sub[j].len, p, ql))
      j++;
    if (j == n)
      return false;
    j++;
    p += ql + (q != NULL);
  }
  return true;
}

static void check_variant_prefix(work *w, size_t i, const char *prefixes) {
  if (prefixes[0] == '\0')
    return;
  const char *p = prefixes;
  while (*p) {
    const char *sp = strchr(p, ' ');
    size_t n = sp ? (size_t)(sp - p) : strlen(p);
    if (has_prefix(w, i, p, n))
      return;
    p += n + (sp != NULL);
  }
  diag(w, true, "variant-prefix", w->sub[i].off, w->sub[i].len,
       "variant '%.*s' is registered for use after: %s", SUB(w, i), prefixes);
}

/* Checks each subtag against the registry. */
static void validate(work *w) {
  uint32_t lang = 0, suppress = 0;
  size_t n_extlang = 0;
  for (size_t i = 0; i < w->n; i++) {
    const subtag *t = &w->sub[i];
    const char *p = w->s + t->off;
    uint32_t pref, prefix;
    const char *vpref, *vprefixes;
    switch ((kind)t->kind) {
    case K_LANGUAGE:
      if (!loc__lsr_language(p, t->len, NULL, &suppress))
        diag(w, false, "unknown-subtag", t->off, t->len,
             "language subtag '%.*s' is not in the IANA registry", SUB(w, i));
      else
        lang = loc__lsr_pack(p, t->len);
      break;
    case K_EXTLANG:
      if (n_extlang++ > 0) {
        diag(w, false, "extlang-prefix", t->off, t->len,
             "extlang '%.*s': a tag has at most one extlang", SUB(w, i));
      } else if (!loc__lsr_extlang(p, t->len, &prefix)) {
        diag(w, false, "unknown-subtag", t->off, t->len,
             "extlang subtag '%.*s' is not in the IANA registry", SUB(w, i));
      } else if (prefix != lang) {
        char want[5];
        loc__lsr_unpack(prefix, want);
        diag(w, false, "extlang-prefix", t->off, t->len,
             "extlang '%.*s' is registered only after language '%s'", SUB(w, i), want);
      } else {
        /* The extlang is the language: its Suppress-Script applies. */
        loc__lsr_language(p, t->len, NULL, &suppress);
      }
      break;
    case K_SCRIPT:
      if (!loc__lsr_script(p, t->len))
        diag(w, false, "unknown-subtag", t->off, t->len,
             "script subtag '%.*s' is not in the IANA registry", SUB(w, i));
      else if (suppress != 0 && loc__lsr_pack(p, t->len) == suppress)
        diag(w, true, "suppress-script", t->off, t->len,
             "script '%.*s' is the language's Suppress-Script: the tag should omit it",
             SUB(w, i));
      break;
    case K_REGION:
      if (!loc__lsr_region(p, t->len, &pref))
        diag(w, false, "unknown-subtag", t->off, t->len,
             "region subtag '%.*s' is not in the IANA registry", SUB(w, i));
      break;
    case K_VARIANT:
      for (size_t j = 0; j < i; j++)
        if (w->sub[j].kind == K_VARIANT &&
            same_nocase(p, t->len, w->s + w->sub[j].off, w->sub[j].len)) {
          diag(w, false, "duplicate-variant", t->off, t->len,
               "variant '%.*s' occurs twice", SUB(w, i));
          goto next;
        }
      if (!loc__lsr_variant(p, t->len, &vpref, &vprefixes))
        diag(w, false, "unknown-subtag", t->off, t->len,
             "variant subtag '%.*s' is not in the IANA registry", SUB(w, i));
      else
        check_variant_prefix(w, i, vprefixes);
      break;
    case K_SINGLETON:
      for (size_t j = 0; j < i; j++)
        if (w->sub[j].kind == K_SINGLETON && lower(w->s[w->sub[j].off]) == lower(p[0])) {
          diag(w, false, "duplicate-singleton", t->off, t->len,
               "extension '%c' occurs twice", lower(p[0]));
          goto next;
        }
      if (lower(p[0]) != 't' && lower(p[0]) != 'u') {
        diag(w, true, "unknown-extension", t->off, t->len,
             "extension '%c' is not registered (only t and u are)", lower(p[0]));
      } else {
        size_t offs[MAX_SUBTAGS], lens[MAX_SUBTAGS], k = 0;
        for (size_t j = i + 1; j < w->n && w->sub[j].kind == K_EXTENSION; j++, k++) {
          offs[k] = w->sub[j].off;
          lens[k] = w->sub[j].len;
        }
        loc__tag_check_extension(p[0], w->s, offs, lens, k, ext_report, w);
      }
      break;
    default:
      break;
    }
  next:;
  }
}

/* ---------- canonical form ---------- */

typedef struct sb {
  char *buf;
  size_t len, cap;
} sb;

static void sb_sep(sb *b) {
  if (b->len > 0 && b->len < b->cap)
    b->buf[b->len++] = '-';
}
/* Appends @n bytes with case @c: 'l'ower, 'u'pper, 't'itle. */
static void sb_put(sb *b, const char *s, size_t n, char c) {
  for (size_t i = 0; i < n && b->len < b->cap; i++)
    b->buf[b->len++] = c == 'u' || (c == 't' && i == 0) ? upper(s[i]) : lower(s[i]);
}

/* Position of the extension that starts at subtag @i ends (exclusive). */
static size_t extension_end(const work *w, size_t i) {
  size_t j = i + 1;
  while (j < w->n && w->sub[j].kind == K_EXTENSION)
    j++;
  return j;
}

/* RFC 5646 §4.5 on a valid, parsed tag. */
static void canonical_rfc(work *w, sb *b) {
  size_t first_ext = w->n;
  /* Variants as written out, so that a Preferred-Value equal to a variant
   * already there ("alalc97-heploc") is not written twice. */
  const char *vs[MAX_SUBTAGS];
  size_t vl[MAX_SUBTAGS], nv = 0;
  for (size_t i = 0; i < w->n; i++) {
    const subtag *t = &w->sub[i];
    const char *p = w->s + t->off;
    uint32_t pref;
    char code[5];
    const char *vpref;
    switch ((kind)t->kind) {
    case K_LANGUAGE:
      /* An extlang stands for the whole language: "zh-yue" is "yue". */
      if (i + 1 < w->n && w->sub[i + 1].kind == K_EXTLANG)
        break;
      /* fallthrough */
    case K_EXTLANG:
      loc__lsr_language(p, t->len, &pref, NULL);
      sb_sep(b);
      if (pref)
        sb_put(b, code, loc__lsr_unpack(pref, code), 'l');
      else
        sb_put(b, p, t->len, 'l');
      break;
    case K_SCRIPT:
      sb_sep(b);
      sb_put(b, p, t->len, 't');
      break;
    case K_REGION:
      loc__lsr_region(p, t->len, &pref);
      sb_sep(b);
      if (pref) {
        size_t n = loc__lsr_unpack(pref, code);
        sb_put(b, code, n, 'u');
      } else {
        sb_put(b, p, t->len, 'u');
      }
      break;
    case K_VARIANT: {
      const char *v = p;
      size_t vn = t->len;
      if (loc__lsr_variant(p, t->len, &vpref, NULL) && vpref[0]) {
        v = vpref;
        vn = strlen(vpref);
      }
      bool seen = false;
      for (size_t j = 0; j < nv; j++)
        seen |= same_nocase(vs[j], vl[j], v, vn);
      if (seen)
        break;
      vs[nv] = v;
      vl[nv++] = vn;
      sb_sep(b);
      sb_put(b, v, vn, 'l');
      break;
    }
    case K_SINGLETON:
      if (first_ext == w->n)
        first_ext = i;
      break;
    default:
      break;
    }
  }
  /* Extensions in the order of their singletons (they are unique). */
  for (char c = '0'; c <= 'z'; c++) {
    if (!is_alnum(c) || c == 'x' || (c >= 'A' && c <= 'Z'))
      continue;
    for (size_t i = first_ext; i < w->n; i++)
      if (w->sub[i].kind == K_SINGLETON && lower(w->s[w->sub[i].off]) == c)
        for (size_t j = i; j < extension_end(w, i); j++) {
          sb_sep(b);
          sb_put(b, w->s + w->sub[j].off, w->sub[j].len, 'l');
        }
  }
  for (size_t i = 0; i < w->n; i++)
    if (w->sub[i].kind == K_PRIVATE || w->sub[i].kind == K_PRIVATE_SUB) {
      sb_sep(b);
      sb_put(b, w->s + w->sub[i].off, w->sub[i].len, 'l');
    }
  b->buf[b->len < b->cap ? b->len : b->cap - 1] = '\0';
}

/* What a valid tag's canonical form is: REGULAR has a language subtag and
 * goes to ICU for likely subtags and names; OPAQUE (private use only, or a
 * grandfathered tag without Preferred-Value) is its own maximal and minimal
 * form and has no names. */
typedef enum { FORM_NONE, FORM_REGULAR, FORM_OPAQUE } form_kind;

/*
 * Analyses s[0..len) into @w: diagnostics, and in w->canon the canonical
 * form of a valid tag ("" otherwise). Returns w->n_err == 0.
 */
static bool analyze(work *w, const char *s, size_t len, form_kind *form, bool aliases);

/* Are all the errors unregistered subtags of a well-formed tag (what a CLDR
 * alias may stand for)? */
static bool only_unknown(const work *w) {
  for (size_t i = 0; i < w->n_err; i++)
    if (strcmp(w->err[i].rule, "unknown-subtag") != 0)
      return false;
  return w->n_err > 0;
}

/*
 * A well-formed tag with subtags the registry does not list: accepted when
 * CLDR's canonicalization (ICU) turns it into a registered tag ("eng" → "en",
 * "und-004" → "und-AF", "no-bokmal" → "nb"). Its unregistered subtags become
 * "unregistered" warnings and w->canon the canonical form of that tag.
 */
static bool accept_cldr_alias(work *w, form_kind *form) {
  char c[CANON_CAP], in[CANON_CAP];
  if (w->len >= sizeof in)
    return false;
  memcpy(in, w->s, w->len); /* the input need not be NUL-terminated */
  in[w->len] = '\0';
  if (loc__tag_cldr_canonicalize(in, c, sizeof c) != LOC_OK)
    return false;
  work *w2 = malloc(sizeof *w2);
  if (w2 == NULL)
    return false;
  form_kind f2;
  bool ok = analyze(w2, c, strlen(c), &f2, false) && f2 == FORM_REGULAR;
  if (ok) {
    memcpy(w->canon, w2->canon, strlen(w2->canon) + 1);
    *form = f2;
    size_t n = w->n_err;
    w->n_err = 0;
    for (size_t i = 0; i < n; i++) {
      const loc_tag_diag *e = &w->err[i];
      diag(w, true, "unregistered", e->offset, e->length,
           "'%.*s' is not in the IANA registry (a CLDR alias: the tag is %s)",
           (int)e->length, w->s + e->offset, w->canon);
    }
    w->registered = false;
  }
  free(w2);
  return ok;
}

/*
 * CLDR's canonical form into w->canon when it is a registered tag. CLDR's
 * rules see the tag as written first (its multi-variant aliases, such as
 * "hepburn-heploc", match before the registry's Preferred-Values have
 * replaced a variant, and its aliases of whole registered tags such as
 * "sgn-NO" or "cel-gaulish" are newer than the registry's), then RFC 5646's
 * form @rfc (NULL: none).
 */
static void cldr_form(work *w, const char *s, size_t len, const char *rfc, size_t rfc_len,
                      form_kind *form) {
  const char *tries[2] = {s, rfc};
  size_t lens[2] = {len, rfc_len};
  char c[CANON_CAP], in[CANON_CAP];
  work *w2 = malloc(sizeof *w2);
  for (int k = 0; k < 2 && w2 != NULL && tries[k] != NULL; k++) {
    form_kind f2;
    memcpy(in, tries[k], lens[k]);
    in[lens[k]] = '\0';
    /* ICU writes a grandfathered tag it has no alias for as private use
     * ("i-default" → "en-x-i-default"): that is no CLDR alias. */
    if (loc__tag_cldr_canonicalize(in, c, sizeof c) == LOC_OK &&
        (rfc != NULL || (strncmp(c, "x-", 2) != 0 && strstr(c, "-x-") == NULL)) &&
        analyze(w2, c, strlen(c), &f2, false) && f2 == FORM_REGULAR) {
      memcpy(w->canon, w2->canon, strlen(w2->canon) + 1);
      *form = FORM_REGULAR;
      break;
    }
  }
  free(w2);
}

static bool analyze(work *w, const char *s, size_t len, form_kind *form, bool aliases) {
  memset(w, 0, offsetof(work, canon));
  w->registered = true;
  w->canon[0] = '\0';
  w->s = s;
  w->len = len;
  *form = FORM_NONE;
  if (len > LOC_TAG_MAX_LEN) {
    diag(w, false, "too-long", LOC_TAG_MAX_LEN, len - LOC_TAG_MAX_LEN,
         "the tag is %zu bytes, longer than the %d allowed", len, LOC_TAG_MAX_LEN);
    return false;
  }
  if (len == 0) {
    diag(w, false, "syntax", 0, 0, "the tag is empty");
    return false;
  }
  if (!check_bytes(w))
    return false;
  const char *pref;
  bool grandfathered;
  if (loc__lsr_tag(s, len, &pref, &grandfathered)) {
    if (pref[0]) {
      /* Registry values are valid regular tags: parse that instead. The
       * offsets of any later finding would refer to it, but it has none. */
      w->s = pref;
      w->len = strlen(pref);
    } else if (grandfathered) {
      /* "i-default", "zh-min": registered as a whole, no subtag means
       * anything on its own and the registry has nothing to replace them
       * with; CLDR has for some ("cel-gaulish" → "xtg"). */
      for (size_t i = 0; i < len; i++)
        w->canon[i] = lower(s[i]);
      w->canon[len] = '\0';
      *form = FORM_OPAQUE;
      if (aliases)
        cldr_form(w, s, len, NULL, 0, form);
      return true;
    }
  }
  if (!parse(w))
    return false;
  validate(w);
  if (w->s != s) /* findings in a Preferred-Value concern the whole input */
    for (size_t i = 0; i < w->n_warn; i++) {
      w->warn[i].offset = 0;
      w->warn[i].length = len;
    }
  if (w->n_err)
    return aliases && only_unknown(w) && accept_cldr_alias(w, form);
  char rfc[CANON_CAP];
  sb b = {rfc, 0, sizeof rfc};
  canonical_rfc(w, &b);
  if (w->sub[0].kind == K_PRIVATE) {
    memcpy(w->canon, rfc, b.len + 1);
    *form = FORM_OPAQUE;
    return true;
  }
  *form = FORM_REGULAR;
  /* CLDR's canonical form when it is itself a registered tag (it always
   * is with the data of the ICU versions supported), else RFC 5646's. */
  memcpy(w->canon, rfc, b.len + 1);
  if (aliases)
    cldr_form(w, s, len, rfc, b.len, form);
  return true;
}

/* ---------- public ---------- */

static char *dup_str(const char *s) {
  size_t n = strlen(s) + 1;
  char *d = malloc(n);
  if (d)
    memcpy(d, s, n);
  return d;
}

static loc_tag_diag *dup_diags(const loc_tag_diag *d, size_t n) {
  if (n == 0)
    return NULL;
  loc_tag_diag *c = malloc(n * sizeof *c);
  if (c)
    memcpy(c, d, n * sizeof *c);
  return c;
}

void loc_tag_info_free(loc_tag_info *info) {
  if (info == NULL)
    return;
  free(info->input);
  free(info->canonical);
  free(info->maximal);
  free(info->minimal);
  free(info->name);
  free(info->autonym);
  free(info->errors);
  free(info->warnings);
  free(info);
}

loc_status loc_tag_analyze(const char *tag, size_t len, loc_tag_info **out) {
  if (out == NULL || (tag == NULL && len > 0))
    return LOC_E_INVALID_ARGUMENT;
  *out = NULL;
  work *w = malloc(sizeof *w);
  loc_tag_info *info = calloc(1, sizeof *info);
  if (w == NULL || info == NULL)
    goto nomem;
  info->input = malloc(len + 1);
  if (info->input == NULL)
    goto nomem;
  if (len)
    memcpy(info->input, tag, len);
  info->input[len] = '\0';
  info->input_len = len;
  form_kind form;
  info->valid = analyze(w, info->input, len, &form, true);
  info->registered = info->valid && w->registered;
  if ((w->n_err && (info->errors = dup_diags(w->err, w->n_err)) == NULL) ||
      (w->n_warn && (info->warnings = dup_diags(w->warn, w->n_warn)) == NULL))
    goto nomem;
  info->n_errors = w->n_err;
  info->n_warnings = w->n_warn;
  if (info->valid) {
    char max[CANON_CAP], min[CANON_CAP];
    if (form == FORM_REGULAR) {
      if (loc__tag_likely(w->canon, max, min, sizeof max) != LOC_OK) {
        strcpy(max, w->canon);
        strcpy(min, w->canon);
      }
      loc_status st = loc__tag_names(w->canon, &info->name, &info->autonym);
      if (st == LOC_E_NO_MEMORY)
        goto nomem;
    } else {
      strcpy(max, w->canon);
      strcpy(min, w->canon);
    }
    if ((info->canonical = dup_str(w->canon)) == NULL || (info->maximal = dup_str(max)) == NULL ||
        (info->minimal = dup_str(min)) == NULL)
      goto nomem;
  }
  free(w);
  *out = info;
  return LOC_OK;
nomem:
  free(w);
  loc_tag_info_free(info);
  return LOC_E_NO_MEMORY;
}

loc_status loc_tag_canonicalize(const char *tag, size_t len, char *out, size_t cap,
                                size_t *out_len) {
  if (out_len == NULL || (tag == NULL && len > 0) || (out == NULL && cap > 0))
    return LOC_E_INVALID_ARGUMENT;
  *out_len = 0;
  work *w = malloc(sizeof *w);
  if (w == NULL)
    return LOC_E_NO_MEMORY;
  form_kind form;
  loc_status st = LOC_OK;
  if (!analyze(w, tag ? tag : "", len, &form, true)) {
    st = LOC_E_INVALID_TAG;
  } else {
    *out_len = strlen(w->canon);
    if (cap <= *out_len)
      st = LOC_E_BUFFER_TOO_SMALL;
    else
      memcpy(out, w->canon, *out_len + 1);
  }
  free(w);
  return st;
}

const char *loc_tag_registry_date(void) { return loc__lsr_file_date(); }
