/* Search keys (loc/key.h): the pipeline, on UTF-16 with ICU. */
#include "key_internal.h"
#include "buf.h"

#include <pthread.h>
#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/uscript.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>
#include <unicode/utrans.h>

struct loc_keyer {
  unsigned folds;
  bool persian_letters;       /* KEHEH and FARSI YEH are the language's letters */
  const UNormalizer2 *nfkc_cf, *nfc, *nfd;
  UTransliterator *han;       /* template for contexts, never used directly */
  loc_translit *latin;        /* Any-Latin (LOC_KEY_FOLD_ROMANIZE), shared */
  pthread_mutex_t lock;       /* cloning the template */
};

struct loc_key_ctx {
  const loc_keyer *k;
  UTransliterator *han;       /* this context's clone */
  UChar *a, *b;               /* ping-pong buffers of cap units */
  int32_t cap;
  char *out;
  size_t ocap;
  char *fix;                  /* the input with U+FFFD for ill-formed bytes */
  size_t fcap;
  loc_translit_ctx *latin;    /* this context's Any-Latin */
  char *lbuf;                 /* romanized text */
  size_t lcap;
  loc_legacy_conv *zawgyi;    /* Zawgyi → Unicode, opened on first need */
  char *zbuf;
  size_t zcap;
};

static const struct {
  const char *name;
  unsigned bit;
} fold_names[] = {
    {"diacritics", LOC_KEY_FOLD_DIACRITICS}, {"kana", LOC_KEY_FOLD_KANA},
    {"arabic", LOC_KEY_FOLD_ARABIC},         {"hebrew", LOC_KEY_FOLD_HEBREW},
    {"han", LOC_KEY_FOLD_HAN},               {"all", LOC_KEY_FOLD_ALL},
    {"romanize", LOC_KEY_FOLD_ROMANIZE},
};

loc_status loc_key_fold_parse(const char *list, unsigned *folds, size_t *bad) {
  if (list == NULL || folds == NULL)
    return LOC_E_INVALID_ARGUMENT;
  unsigned f = 0;
  for (const char *p = list; *p;) {
    size_t n = strcspn(p, ",");
    bool found = n == 0; /* empty items ("a,,b") are allowed */
    for (size_t i = 0; i < sizeof fold_names / sizeof fold_names[0] && !found; i++)
      if (strlen(fold_names[i].name) == n && memcmp(p, fold_names[i].name, n) == 0) {
        f |= fold_names[i].bit;
        found = true;
      }
    if (!found) {
      if (bad)
        *bad = (size_t)(p - list);
      return LOC_E_INVALID_ARGUMENT;
    }
    p += n;
    if (*p == ',')
      p++;
  }
  *folds = f;
  return LOC_OK;
}

/* Languages written in Arabic script with KEHEH (U+06A9) and FARSI YEH
 * (U+06CC) as their letters KAF and YEH. */
static bool uses_persian_letters(const char *lang) {
  static const char *const langs[] = {"fa", "prs", "pes", "ur", "ps", "pbt", "ckb", "ku",
                                      "bal", "glk", "mzn", "lrc", "bqi", "ks", "pnb",
                                      "skr", "hnd", "bgn", "haz", "tg"};
  for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++)
    if (strcmp(lang, langs[i]) == 0)
      return true;
  return false;
}

loc_status loc_keyer_new(const char *tag, size_t len, unsigned folds, loc_keyer **out) {
  if (out == NULL || (tag == NULL && len > 0))
    return LOC_E_INVALID_ARGUMENT;
  *out = NULL;
  if (folds & ~(unsigned)(LOC_KEY_FOLD_ALL | LOC_KEY_FOLD_ROMANIZE))
    return LOC_E_INVALID_ARGUMENT;
  if (folds & LOC_KEY_FOLD_ROMANIZE)
    folds |= LOC_KEY_FOLD_DIACRITICS;
  bool persian = false;
  if (len > 0) {
    char canon[256], lang[16];
    size_t n;
    loc_status st = loc_tag_canonicalize(tag, len, canon, sizeof canon, &n);
    if (st != LOC_OK)
      return st == LOC_E_BUFFER_TOO_SMALL ? LOC_E_INVALID_TAG : st;
    size_t k = strcspn(canon, "-");
    if (k < sizeof lang) {
      memcpy(lang, canon, k);
      lang[k] = '\0';
      persian = uses_persian_letters(lang);
    }
  }
  loc_keyer *k = calloc(1, sizeof *k);
  if (k == NULL)
    return LOC_E_NO_MEMORY;
  k->folds = folds;
  k->persian_letters = persian;
  UErrorCode e = U_ZERO_ERROR;
  k->nfkc_cf = unorm2_getNFKCCasefoldInstance(&e);
  k->nfc = unorm2_getNFCInstance(&e);
  k->nfd = unorm2_getNFDInstance(&e);
  if (U_SUCCESS(e) && (folds & LOC_KEY_FOLD_HAN)) {
    static const UChar id[] = u"Hant-Hans";
    k->han = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &e);
  }
  if (U_SUCCESS(e) && (folds & LOC_KEY_FOLD_ROMANIZE)) {
    loc_translit_error terr;
    loc_status st = loc_translit_new("Any-Latin", 0, &k->latin, &terr);
    if (st != LOC_OK) {
      if (k->han)
        utrans_close(k->han);
      free(k);
      return st;
    }
  }
  if (U_FAILURE(e)) {
    if (k->han)
      utrans_close(k->han);
    free(k);
    return e == U_MEMORY_ALLOCATION_ERROR ? LOC_E_NO_MEMORY : LOC_E_ICU;
  }
  pthread_mutex_init(&k->lock, NULL);
  *out = k;
  return LOC_OK;
}

void loc_keyer_free(loc_keyer *k) {
  if (k == NULL)
    return;
  if (k->han)
    utrans_close(k->han);
  loc_translit_free(k->latin);
  pthread_mutex_destroy(&k->lock);
  free(k);
}

loc_status loc_key_ctx_new(const loc_keyer *k, loc_key_ctx **out) {
  if (out == NULL)
    return LOC_E_INVALID_ARGUMENT;
  *out = NULL;
  if (k == NULL)
    return LOC_E_INVALID_ARGUMENT;
  loc_key_ctx *c = calloc(1, sizeof *c);
  if (c == NULL)
    return LOC_E_NO_MEMORY;
  c->k = k;
  if (k->han) {
    UErrorCode e = U_ZERO_ERROR;
    pthread_mutex_t *lock = (pthread_mutex_t *)&k->lock;
    pthread_mutex_lock(lock);
    c->han = utrans_clone(k->han, &e);
    pthread_mutex_unlock(lock);
    if (U_FAILURE(e)) {
      free(c);
      return e == U_MEMORY_ALLOCATION_ERROR ? LOC_E_NO_MEMORY : LOC_E_ICU;
    }
  }
  if (k->latin && loc_translit_ctx_new(k->latin, &c->latin) != LOC_OK) {
    loc_key_ctx_free(c);
    return LOC_E_NO_MEMORY;
  }
  *out = c;
  return LOC_OK;
}

void loc_key_ctx_free(loc_key_ctx *c) {
  if (c == NULL)
    return;
  if (c->han)
    utrans_close(c->han);
  free(c->a);
  free(c->b);
  free(c->out);
  free(c->fix);
  loc_legacy_conv_free(c->zawgyi);
  free(c->zbuf);
  loc_translit_ctx_free(c->latin);
  free(c->lbuf);
  free(c);
}

/* Both UTF-16 buffers hold at least @need units. */
static bool reserve16(loc_key_ctx *c, int64_t need) {
  if (need <= c->cap)
    return true;
  if (need > INT32_MAX)
    return false;
  int64_t cap = c->cap ? c->cap : 256;
  while (cap < need)
    cap *= 2;
  if (cap > INT32_MAX)
    cap = INT32_MAX;
  UChar *a = realloc(c->a, (size_t)cap * sizeof *a);
  if (a)
    c->a = a;
  UChar *b = realloc(c->b, (size_t)cap * sizeof *b);
  if (b)
    c->b = b;
  if (a == NULL || b == NULL)
    return false;
  c->cap = (int32_t)cap;
  return true;
}

/* The byte buffer *buf (of *cap bytes) holds at least @need bytes. */
static loc_status reserve_bytes(char **buf, size_t *cap, size_t need) {
  void *p = *buf;
  loc_status st = loc__grow(&p, cap, need, 1, 256);
  *buf = p;
  return st;
}

static bool reserve8(loc_key_ctx *c, size_t need) {
  return reserve_bytes(&c->out, &c->ocap, need) == LOC_OK;
}

/* normalizes c->a[0..*n) into c->b and swaps the buffers. */
static loc_status normalize16(loc_key_ctx *c, const UNormalizer2 *nz, int32_t *n) {
  for (;;) {
    UErrorCode e = U_ZERO_ERROR;
    int32_t m = unorm2_normalize(nz, c->a, *n, c->b, c->cap, &e);
    if (e == U_BUFFER_OVERFLOW_ERROR) {
      if (!reserve16(c, (int64_t)m + 1))
        return m >= INT32_MAX - 1 ? LOC_E_OVERFLOW : LOC_E_NO_MEMORY;
      continue;
    }
    if (U_FAILURE(e))
      return LOC_E_ICU;
    UChar *t = c->a;
    c->a = c->b;
    c->b = t;
    *n = m;
    return LOC_OK;
  }
}

enum { NEED_ORDER = 1u << 8 }; /* beside the LOC_FOLD_* bits */

/*
 * Which later steps can change NFKC_Casefold output @s: NEED_ORDER when it
 * has Khmer or Myanmar, and each LOC_FOLD_* of @folds whose characters
 * occur, judged from UTF-8 lead bytes (a superset is harmless). Most text
 * needs none, and its key is the normalized text as it stands.
 */
static unsigned needs_of(const unsigned char *s, size_t n, unsigned folds) {
  unsigned need = 0;
  /* The last base was an ASCII letter: a mark of any block after it (say
   * U+0616 after g) is a diacritic on a Latin letter, which the fold
   * removes wherever the text has it, not only when something else in the
   * text asked for the fold. */
  bool latin_base = false;
  for (size_t i = 0; i < n; i++) {
    unsigned char b = s[i], b1 = i + 1 < n ? s[i + 1] : 0;
    if (b < 0x80) {
      latin_base = (unsigned char)((b | 0x20) - 'a') < 26;
      continue;
    }
    if (latin_base && b >= 0xC0) {
      int32_t at = (int32_t)i, c;
      U8_NEXT(s, at, (int32_t)n, c);
      int8_t gc = c < 0 ? U_UNASSIGNED : u_charType(c);
      if (gc == U_NON_SPACING_MARK || gc == U_ENCLOSING_MARK)
        need |= LOC_KEY_FOLD_DIACRITICS;
      else
        latin_base = false;
    }
    if (b < 0xC3)
      continue;
    if (b <= 0xD4 || b == 0xCC || b == 0xCD)
      need |= LOC_KEY_FOLD_DIACRITICS;        /* U+00C0..U+053F, marks */
    if (b == 0xD6 || b == 0xD7)
      need |= LOC_KEY_FOLD_HEBREW;
    else if ((b >= 0xD8 && b <= 0xDB) || b == 0xDD || (b == 0xE0 && (b1 == 0xA2 || b1 == 0xA3)))
      need |= LOC_KEY_FOLD_ARABIC;
    else if (b == 0xE1) {
      if (b1 <= 0x82 || b1 == 0x9E || b1 == 0x9F)
        need |= NEED_ORDER;               /* Myanmar, Khmer */
      else if (b1 >= 0xB4)
        need |= LOC_KEY_FOLD_DIACRITICS;      /* U+1D00..U+1FFF */
    } else if (b == 0xE2 && b1 == 0xB1) {
      need |= LOC_KEY_FOLD_DIACRITICS;        /* Latin Extended-C */
    } else if (b == 0xE3) {
      if (b1 == 0x82 || b1 == 0x83)
        need |= LOC_KEY_FOLD_KANA;
      else if (b1 >= 0x90)
        need |= LOC_KEY_FOLD_HAN;
    } else if (b >= 0xE4 && b <= 0xE9) {
      need |= LOC_KEY_FOLD_HAN;
    } else if (b == 0xEA) {
      if (b1 == 0xA7 || b1 == 0xA9)
        need |= NEED_ORDER;               /* Myanmar Extended-A/B */
      else if ((b1 >= 0x99 && b1 <= 0x9F) || b1 == 0xAC || b1 == 0xAD)
        need |= LOC_KEY_FOLD_DIACRITICS;      /* Cyrillic Ext-B, Latin Ext-D, Ext-E */
    } else if (b == 0xEF && b1 >= 0xA4 && b1 <= 0xAB) {
      need |= LOC_KEY_FOLD_HAN;
    } else if (b == 0xF0 && b1 >= 0xA0 && b1 <= 0xB3) {
      need |= LOC_KEY_FOLD_HAN;
    } else if (b == 0xF0 && ((b1 == 0x90 && i + 2 < n && s[i + 2] == 0x9E) ||
                             (b1 == 0x9D && i + 2 < n && s[i + 2] >= 0xBC))) {
      need |= LOC_KEY_FOLD_DIACRITICS;        /* Latin Ext-F U+10780, Ext-G U+1DF00 */
    }
  }
  return need & (folds | NEED_ORDER);
}

static bool has_han(const UChar *p, int32_t n) {
  for (int32_t i = 0; i < n; i++)
    if ((p[i] >= 0x3400 && p[i] <= 0x9FFF) || (p[i] >= 0xF900 && p[i] <= 0xFAFF) ||
        (p[i] >= 0xD840 && p[i] <= 0xD8BF))
      return true;
  return false;
}

static loc_status han_fold(loc_key_ctx *c, int32_t *n, bool *changed) {
  /* utrans works in place and may lengthen the text: keep a copy in b for
   * a retry with more room. */
  for (;;) {
    memcpy(c->b, c->a, (size_t)*n * sizeof *c->a);
    int32_t len = *n, limit = *n;
    UErrorCode e = U_ZERO_ERROR;
    utrans_transUChars(c->han, c->a, &len, c->cap, 0, &limit, &e);
    if (e == U_BUFFER_OVERFLOW_ERROR) {
      memcpy(c->a, c->b, (size_t)*n * sizeof *c->a);
      if (!reserve16(c, (int64_t)c->cap * 2))
        return LOC_E_NO_MEMORY;
      continue;
    }
    if (U_FAILURE(e))
      return LOC_E_ICU;
    if (len != *n || memcmp(c->a, c->b, (size_t)len * sizeof *c->a) != 0)
      *changed = true;
    *n = len;
    return LOC_OK;
  }
}

static bool has_myanmar(const unsigned char *s, size_t n) {
  for (size_t i = 0; i + 1 < n; i++)
    if ((s[i] == 0xE1 && s[i + 1] >= 0x80 && s[i + 1] <= 0x82) ||
        (s[i] == 0xEA && (s[i + 1] == 0xA7 || s[i + 1] == 0xA9)))
      return true;
  return false;
}

/* Burmese in Zawgyi (myanmar-tools' model says > 0.95) is converted to
 * Unicode first, so both encodings of a word get one key. */
static loc_status unzawgyi(loc_key_ctx *c, const char **s, size_t *len) {
  double p;
  if (!has_myanmar((const unsigned char *)*s, *len) ||
      loc_legacy_zawgyi_probability(*s, *len, &p) != LOC_OK || p <= 0.95)
    return LOC_OK;
  loc_status st;
  if (c->zawgyi == NULL &&
      (st = loc_legacy_conv_new(LOC_LEGACY_ZAWGYI, LOC_LEGACY_TO_UNICODE, &c->zawgyi)) != LOC_OK)
    return st;
  size_t need = 0;
  while ((st = loc_legacy_convert(c->zawgyi, *s, *len, c->zbuf, c->zcap, &need)) ==
         LOC_E_BUFFER_TOO_SMALL)
    if ((st = reserve_bytes(&c->zbuf, &c->zcap, need)) != LOC_OK)
      return st;
  if (st != LOC_OK)
    return st;
  *s = c->zbuf;
  *len = need;
  return LOC_OK;
}

/* Whether romanized text still has characters that are neither ASCII,
 * Latin letters, marks nor U+FFFD. */
static bool romanizable_left(const char *s, size_t len) {
  for (int32_t i = 0; i < (int32_t)len;) {
    if ((unsigned char)s[i] < 0x80) {
      i++;
      continue;
    }
    UChar32 c;
    U8_NEXT(s, i, (int32_t)len, c);
    if (c < 0 || c == 0xFFFD)
      continue;
    UErrorCode e = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript(c, &e);
    if (sc != USCRIPT_LATIN && sc != USCRIPT_INHERITED)
      return true;
  }
  return false;
}

/* LOC_KEY_FOLD_ROMANIZE: the text through Any-Latin, into c->lbuf. */
static loc_status romanize(loc_key_ctx *c, const char **s, size_t *len) {
  size_t need = 0;
  loc_status st;
  while ((st = loc_translit_text(c->latin, *s, *len, c->lbuf, c->lcap, &need)) ==
         LOC_E_BUFFER_TOO_SMALL)
    if ((st = reserve_bytes(&c->lbuf, &c->lcap, need)) != LOC_OK)
      return st;
  if (st != LOC_OK)
    return st;
  *s = c->lbuf ? c->lbuf : "";
  *len = need;
  return LOC_OK;
}

loc_status loc_key(loc_key_ctx *c, const char *s, size_t len, const char **key,
                   size_t *key_len) {
  if (c == NULL || key == NULL || key_len == NULL || (s == NULL && len > 0))
    return LOC_E_INVALID_ARGUMENT;
  *key = "";
  *key_len = 0;
  if (len > INT32_MAX / 2)
    return LOC_E_OVERFLOW;
  const loc_keyer *k = c->k;

  /* ASCII: NFKC_Casefold is lowercasing, and no later step touches it. */
  size_t i = 0;
  while (i < len && (unsigned char)s[i] < 0x80)
    i++;
  if (i == len) {
    if (!reserve8(c, len + 1))
      return LOC_E_NO_MEMORY;
    for (size_t j = 0; j < len; j++) {
      char ch = s[j];
      c->out[j] = ch >= 'A' && ch <= 'Z' ? (char)(ch + 32) : ch;
    }
    c->out[len] = '\0';
    *key = c->out;
    *key_len = len;
    return LOC_OK;
  }

  /* Ill-formed bytes become U+FFFD first (the normalizer would copy them). */
  if (loc_utf8_valid_prefix(s, len) != len) {
    size_t need = 0;
    loc_utf8_replace(s, len, NULL, 0, &need);
    if (reserve_bytes(&c->fix, &c->fcap, need) != LOC_OK)
      return LOC_E_NO_MEMORY;
    if (loc_utf8_replace(s, len, c->fix, c->fcap, &len) != LOC_OK)
      return LOC_E_NO_MEMORY;
    s = c->fix;
  }
  loc_status st;
  if ((st = unzawgyi(c, &s, &len)) != LOC_OK)
    return st;
  size_t nlen = 0;
  if (c->latin) {
    /* NFKC_Casefold first: compatibility characters hide letters of other
     * scripts (U+322D PARENTHESIZED IDEOGRAPH WOOD is "(木)"), which must be
     * romanized too, or the key would not be its own key. */
    while ((st = loc_normalize(LOC_NORMALIZE_NFKC_CF, s, len, c->out, c->ocap, &nlen)) ==
           LOC_E_BUFFER_TOO_SMALL)
      if (!reserve8(c, nlen + 1))
        return LOC_E_NO_MEMORY;
    if (st != LOC_OK)
      return st;
    s = c->out;
    len = nlen;
    if ((st = romanize(c, &s, &len)) != LOC_OK)
      return st;
    /* Any-Latin reads punctuation and signs with the script of the letters
     * around them, so removing a letter (a lone Khmer COENG) can leave
     * Arabic ؟ for a second pass to turn into ?: go on until nothing that
     * could still change is left, or the text stops changing. */
    for (int pass = 0; pass < 3 && romanizable_left(s, len); pass++) {
      if (!reserve8(c, len + 1))
        return LOC_E_NO_MEMORY;
      memcpy(c->out, s, len);
      size_t before = len;
      s = c->out;
      if ((st = romanize(c, &s, &len)) != LOC_OK)
        return st;
      if (len == before && memcmp(s, c->out, len) == 0)
        break;
    }
  }
  while ((st = loc_normalize(LOC_NORMALIZE_NFKC_CF, s, len, c->out, c->ocap, &nlen)) ==
         LOC_E_BUFFER_TOO_SMALL)
    if (!reserve8(c, nlen + 1))
      return LOC_E_NO_MEMORY;
  if (st != LOC_OK)
    return st;
  unsigned need = needs_of((const unsigned char *)c->out, nlen, k->folds);
  if (need == 0) {
    *key = c->out;
    *key_len = nlen;
    return LOC_OK;
  }
  if (nlen > INT32_MAX / 2 || !reserve16(c, (int64_t)nlen + 1))
    return nlen > INT32_MAX / 2 ? LOC_E_OVERFLOW : LOC_E_NO_MEMORY;
  UErrorCode e = U_ZERO_ERROR;
  int32_t n = 0;
  u_strFromUTF8(c->a, c->cap, &n, c->out, (int32_t)nlen, &e);
  if (U_FAILURE(e))
    return LOC_E_ICU;
  bool changed = (need & NEED_ORDER) && loc__key_order_syllables(c->a, n);
  if ((need & LOC_KEY_FOLD_HAN) && has_han(c->a, n) && (st = han_fold(c, &n, &changed)) != LOC_OK)
    return st;
  if (need & LOC_KEY_FOLD_DIACRITICS) {
    bool stripped = false;
    if ((st = normalize16(c, k->nfd, &n)) != LOC_OK)
      return st;
    n = loc__key_fold_diacritics(c->a, n, &stripped);
    changed = true; /* recompose what NFD took apart */
  }
  if (need & LOC_KEY_FOLD_KANA)
    n = loc__key_fold_kana(c->a, n, &changed);
  if (need & LOC_KEY_FOLD_ARABIC)
    n = loc__key_fold_arabic(c->a, n, k->persian_letters, &changed);
  if (need & LOC_KEY_FOLD_HEBREW)
    n = loc__key_fold_hebrew(c->a, n, &changed);
  /* A fold can leave text that NFKC_Casefold would change again (a
   * simplified character with a compatibility mapping, marks to
   * recompose): run it once more so a key is its own key. */
  if (changed && (st = normalize16(c, k->nfkc_cf, &n)) != LOC_OK)
    return st;

  int32_t m = 0;
  e = U_ZERO_ERROR;
  u_strToUTF8(NULL, 0, &m, c->a, n, &e);
  if (e != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(e))
    return LOC_E_ICU;
  if (!reserve8(c, (size_t)m + 1))
    return LOC_E_NO_MEMORY;
  e = U_ZERO_ERROR;
  u_strToUTF8(c->out, (int32_t)c->ocap, &m, c->a, n, &e);
  if (U_FAILURE(e))
    return LOC_E_ICU;
  *key = c->out;
  *key_len = (size_t)m;
  return LOC_OK;
}

loc_status loc_key_alloc(const loc_keyer *k, const char *s, size_t len, char **out,
                         size_t *out_len) {
  if (out == NULL)
    return LOC_E_INVALID_ARGUMENT;
  *out = NULL;
  loc_key_ctx *c;
  loc_status st = loc_key_ctx_new(k, &c);
  if (st != LOC_OK)
    return st;
  const char *key;
  size_t n;
  if ((st = loc_key(c, s, len, &key, &n)) == LOC_OK) {
    char *r = malloc(n + 1);
    if (r == NULL) {
      st = LOC_E_NO_MEMORY;
    } else {
      memcpy(r, key, n);
      r[n] = '\0';
      *out = r;
      if (out_len)
        *out_len = n;
    }
  }
  loc_key_ctx_free(c);
  return st;
}

/* Khmer, Myanmar and their extensions: syllables are reordered as units. */
static bool reordered_script(int32_t c) {
  return (c >= 0x1000 && c <= 0x109F) || (c >= 0x1780 && c <= 0x17FF) ||
         (c >= 0x19E0 && c <= 0x19FF) || (c >= 0xA9E0 && c <= 0xA9FF) ||
         (c >= 0xAA60 && c <= 0xAA7F);
}

/* The last offset between two ASCII characters, or 0. */
static size_t ascii_cut(const uint8_t *u, size_t len) {
  for (size_t p = len - 1; p > 0; p--)
    if (u[p] < 0x80 && u[p - 1] < 0x80)
      return p;
  return 0;
}

size_t loc_key_cut_for(const loc_keyer *k, const char *s, size_t len) {
  if (k == NULL)
    return 0;
  if (!(k->folds & LOC_KEY_FOLD_ROMANIZE))
    return loc_key_cut(s, len);
  /* Any-Latin gives marks, digits and punctuation the script of the text
   * around them, as far as the next letter: only between two Latin letters
   * are both sides sure to be read the same way whole and cut. */
  if (s == NULL || len < 2)
    return 0;
  for (size_t p = len - 1; p > 0; p--)
    if ((unsigned char)((s[p] | 0x20) - 'a') < 26 &&
        (unsigned char)((s[p - 1] | 0x20) - 'a') < 26)
      return p;
  return 0;
}

size_t loc_key_cut(const char *s, size_t len) {
  if (s == NULL || len < 2)
    return 0;
  const uint8_t *u = (const uint8_t *)s;
  /* Between two ASCII characters nothing can join across. */
  size_t p = ascii_cut(u, len);
  if (p > 0)
    return p;
  /* Else before a character that starts a normalization segment, unless
   * both it and the one before are Khmer or Myanmar (a syllable may go on). Scan back from the end for the last
   * such start; characters are decoded forward from a lead byte. */
  UErrorCode e = U_ZERO_ERROR;
  const UNormalizer2 *nz = unorm2_getNFKCCasefoldInstance(&e);
  if (U_FAILURE(e))
    return 0;
  int32_t prev = -1;
  size_t best = 0;
  for (size_t i = 0, n; i < len; i += n) {
    int32_t c = loc__utf8_decode(u, len, i, &n);
    if (i > 0 && c >= 0 && prev >= 0 && !(reordered_script(c) && reordered_script(prev)) &&
        unorm2_hasBoundaryBefore(nz, c))
      best = i;
    prev = c;
  }
  return best;
}
