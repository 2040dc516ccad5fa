/* Look-alikes beyond the UTS #39 restriction levels, for loc_idn_check():
 * whole-script confusables of Latin labels (with the TLD taken into
 * account), labels of digit look-alikes, look-alike characters in a context
 * that gives them away (kana and Han that pass for slashes, dashes or Latin
 * letters next to other scripts, marks after letters that never take them,
 * dotted i/j/l), letters expected only under one TLD, characters browsers
 * do not display, and non-ASCII Latin mixed with another script. Each is a
 * warning with a code of its own; the data comes from
 * tables/lookalikes.txt (see there for the sources). */
#include "idn_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

typedef struct lk_script {
  const char *script; /* ISO 15924 */
  const char *tlds;   /* comma-separated */
  const int32_t *cps; /* sorted */
  unsigned n;
} lk_script;
typedef struct lk_map {
  int32_t cp;
  const char *latin;
} lk_map;
typedef struct lk_tld {
  int32_t cp;
  const char *tlds;
} lk_tld;
typedef struct lk_range {
  int32_t first, last;
} lk_range;

#include "tables/lookalike_data.h"

enum { NSCRIPTS = sizeof lk_scripts / sizeof lk_scripts[0] };

static bool in_sorted(const int32_t *a, size_t n, int32_t c) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (a[mid] == c)
      return true;
    if (a[mid] < c)
      lo = mid + 1;
    else
      hi = mid;
  }
  return false;
}

const char *idn__lookalike_map(int32_t c) {
  size_t lo = 0, hi = sizeof lk_maps / sizeof lk_maps[0];
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (lk_maps[mid].cp == c)
      return lk_maps[mid].latin;
    if (lk_maps[mid].cp < c)
      lo = mid + 1;
    else
      hi = mid;
  }
  return NULL;
}

int idn__lookalike_script_count(void) { return NSCRIPTS; }

int idn__lookalike_script_code(int i) {
  return u_getPropertyValueEnum(UCHAR_SCRIPT, lk_scripts[i].script);
}

static bool scx(int32_t c, UScriptCode s) { return uscript_hasScript(c, s); }

static bool japanese(int32_t c) {
  return scx(c, USCRIPT_KATAKANA) || scx(c, USCRIPT_HIRAGANA) || scx(c, USCRIPT_HAN);
}

static bool cjk_context(int32_t c) { return japanese(c) || scx(c, USCRIPT_BOPOMOFO); }

static bool lgc(int32_t c) {
  return scx(c, USCRIPT_LATIN) || scx(c, USCRIPT_GREEK) || scx(c, USCRIPT_CYRILLIC);
}

static bool diacritic(int32_t c) { return c >= 0x300 && c <= 0x339; }

/* True when the comma-separated @list has the ASCII @s[0..n). */
static bool in_list(const char *list, const int32_t *s, size_t n) {
  for (const char *p = list; *p;) {
    const char *e = strchr(p, ',');
    size_t len = e ? (size_t)(e - p) : strlen(p);
    bool same = len == n;
    for (size_t i = 0; i < n && same; i++)
      same = s[i] == (unsigned char)p[i];
    if (same)
      return true;
    if (e == NULL)
      break;
    p = e + 1;
  }
  return false;
}

/* The Latin a label passes for: each code point by its extended mapping,
 * or its UTS #39 prototype, lowercased; into @buf (UTF-8). The message
 * part lists the code points that changed ("U+0440 р → p, ..."). */
static void latin_of(const loc_idn *idn, const int32_t *c, size_t n, char *buf, size_t cap,
                     char *list, size_t lcap) {
  size_t at = 0, lat = 0, shown = 0;
  int32_t listed[12];
  buf[0] = list[0] = '\0';
  /* Linear: the look-alike text stops at @cap, the list at 12 code points. */
  for (size_t i = 0; i < n && (at + 1 < cap || shown <= 12); i++) {
    char u8[4], sk[64];
    int32_t k = 0;
    const char *m = idn__lookalike_map(c[i]);
    if (m && (unsigned char)m[0] >= 0x80)
      m = NULL; /* a letter of another script: the Latin is the prototype's */
    size_t mlen;
    if (m) {
      mlen = strlen(m);
      memcpy(sk, m, mlen);
    } else {
      k = (int32_t)loc__utf8_encode((uint32_t)c[i], u8);
      UErrorCode e = U_ZERO_ERROR;
      int32_t sn = uspoof_getSkeletonUTF8(idn->spoof, 0, u8, k, sk, sizeof sk, &e);
      if (U_FAILURE(e) || sn <= 0) {
        memcpy(sk, u8, (size_t)k);
        sn = k;
      }
      mlen = (size_t)sn;
    }
    for (size_t j = 0; j < mlen; j++)
      if (sk[j] >= 'A' && sk[j] <= 'Z')
        sk[j] = (char)(sk[j] + 0x20);
    if (at + mlen + 1 < cap) {
      memcpy(buf + at, sk, mlen);
      at += mlen;
      buf[at] = '\0';
    }
    bool seen = false;
    for (size_t j = 0; j < shown && j < 12 && !seen; j++)
      seen = listed[j] == c[i];
    if (c[i] >= 0x80 && !seen && lat + 64 < lcap) {
      if (shown < 12)
        listed[shown] = c[i];
      if (shown++ < 12) {
        char cpu8[5] = {0};
        loc__utf8_encode((uint32_t)c[i], cpu8);
        lat += (size_t)snprintf(list + lat, lcap - lat, "%sU+%04X %s → %.*s", shown > 1 ? ", " : "",
                                (unsigned)c[i], cpu8, (int)mlen, sk);
      } else if (shown == 13) {
        lat += (size_t)snprintf(list + lat, lcap - lat, ", ...");
      }
    }
  }
}

/* The extended Latin of @c when it is ASCII letters or digits (by the
 * extended mapping, else a UTS #39 prototype of one character), lowercased:
 * its first character; 0 otherwise. */
static char latin_char(const loc_idn *idn, int32_t c) {
  const char *m = idn__lookalike_map(c);
  if (m && (unsigned char)m[0] >= 0x80)
    m = NULL;
  char sk[16];
  size_t len;
  if (m) {
    len = strlen(m); /* one or two ASCII letters ("ae" for U+04D5) */
    if (len == 0 || len >= sizeof sk)
      return 0;
    sk[0] = m[0];
  } else {
    char u8[4];
    int32_t k = (int32_t)loc__utf8_encode((uint32_t)c, u8);
    UErrorCode e = U_ZERO_ERROR;
    int32_t sn = uspoof_getSkeletonUTF8(idn->spoof, 0, u8, k, sk, sizeof sk, &e);
    if (U_FAILURE(e) || sn != 1)
      return 0;
  }
  char x = sk[0] >= 'A' && sk[0] <= 'Z' ? (char)(sk[0] + 0x20) : sk[0];
  return (x >= 'a' && x <= 'z') || (x >= '0' && x <= '9') ? x : 0;
}

static size_t at(const loc_idn_ctx *ctx, const idn_label *l, size_t i) {
  if (l->ace)
    return l->src;
  return ((const idn_cp *)ctx->cps.data)[l->start + i].src;
}

/* The dangerous contexts: returns the index of the character at fault, or
 * n when none; *@why gets the phrase. */
static bool cjk_lookalike(int32_t x) {
  return in_sorted(lk_cjk, sizeof lk_cjk / sizeof lk_cjk[0], x) ||
         ((scx(x, USCRIPT_HAN) || scx(x, USCRIPT_BOPOMOFO)) && idn__lookalike_map(x));
}

static size_t bad_context(const int32_t *c, size_t n, const char **why) {
  bool all_kana = n > 0, all_hira = n > 0;
  for (size_t i = 0; i < n; i++) {
    bool hk = c[i] >= 0x3078 && c[i] <= 0x307A, kh = c[i] >= 0x30D8 && c[i] <= 0x30DA;
    all_kana &= scx(c[i], USCRIPT_KATAKANA) || hk;
    all_hira &= scx(c[i], USCRIPT_HIRAGANA) || kh;
  }
  for (size_t i = 0; i < n; i++) {
    int32_t p = i > 0 ? c[i - 1] : -1, x = c[i], q = i + 1 < n ? c[i + 1] : -1;
    if (in_sorted(lk_slash, sizeof lk_slash / sizeof lk_slash[0], x) && p >= 0 && q >= 0 &&
        !japanese(p) && !japanese(q)) {
      *why = "looks like a slash between characters that are not Japanese";
      return i;
    }
    if ((x == 0x30FD || x == 0x30FE) && (p < 0 || !scx(p, USCRIPT_KATAKANA))) {
      *why = "is a Katakana iteration mark that does not follow Katakana";
      return i;
    }
    if (x >= 0x3078 && x <= 0x307A && i > 0 && q >= 0 && all_kana) {
      *why = "is a Hiragana letter that looks like the Katakana one in a Katakana label";
      return i;
    }
    if (x >= 0x30D8 && x <= 0x30DA && i > 0 && q >= 0 && all_hira) {
      *why = "is a Katakana letter that looks like the Hiragana one in a Hiragana label";
      return i;
    }
    if (x == 0x30FC && (p < 0 || !(scx(p, USCRIPT_KATAKANA) || scx(p, USCRIPT_HIRAGANA)))) {
      *why = "is a prolonged sound mark that does not follow kana";
      return i;
    }
    if (x == 0x30FB && (q < 0 || (p >= 0 && !japanese(p)) || !japanese(q))) {
      *why = "is a Katakana middle dot that is not between Japanese characters";
      return i;
    }
    if (cjk_lookalike(x) &&
        ((p >= 0 && !cjk_context(p)) || (q >= 0 && !cjk_context(q)))) {
      *why = "looks like a Latin letter, digit or dash next to a character that is not "
             "Chinese or Japanese";
      return i;
    }
    if (diacritic(x) && p >= 0 && !lgc(p)) {
      *why = "is a combining mark after a letter that is not Latin, Greek or Cyrillic";
      return i;
    }
    if (diacritic(x) && p == 0x0131) {
      *why = "is a combining mark on a dotless i";
      return i;
    }
    if (x == 0x3099 || x == 0x309A) {
      *why = "is a combining kana voicing mark";
      return i;
    }
    if (x == 0x0307 && (p == 'i' || p == 'j' || p == 'l')) {
      *why = "is a dot above on i, j or l, which looks like the letter alone";
      return i;
    }
  }
  return n;
}

static void whole_script(const loc_idn *idn, loc_idn_ctx *ctx, size_t li,
                         const idn_label *l, const int32_t *c, size_t n, int code, bool tld) {
  char latin[256], list[640];
  latin_of(idn, c, n, latin, sizeof latin, list, sizeof list);
  const char *sname = u_getPropertyValueName(UCHAR_SCRIPT, code, U_LONG_PROPERTY_NAME);
  idn__warning_lookalike(ctx, "W_WHOLE_SCRIPT", li, l->src, -1, latin,
                         "label %zu is written only in %s letters that look like Latin "
                         "ones: it can pass for '%s' (%s)%s (UTS #39 §4 whole-script "
                         "confusable, status W_WHOLE_SCRIPT)",
                         li, sname ? sname : "?", latin, list,
                         tld ? ", and the TLD does not use the script" : "");
}

void idn__lookalike_checks(const loc_idn *idn, loc_idn_ctx *ctx, size_t li,
                           const idn_label *l, const int32_t *c, size_t n, loc_idn_level level,
                           const int32_t *tld, size_t ntld) {
  if (level == LOC_IDN_LEVEL_ASCII || n == 0)
    return;
  char name[160], latin[256], list[640];
  /* Characters the browsers leave out, and letters of one TLD. */
  for (size_t i = 0; i < n; i++) {
    for (size_t k = 0; k < sizeof lk_rare / sizeof lk_rare[0]; k++)
      if (c[i] >= lk_rare[k].first && c[i] <= lk_rare[k].last)
        idn__warning(ctx, "W_RARE_CHAR", li, at(ctx, l, i), c[i],
                     "label %zu has %s, a rare or historic character that browsers do not "
                     "display in domain names (status W_RARE_CHAR)",
                     li, idn__cp_name(c[i], name, sizeof name));
    for (size_t k = 0; n > 1 && k < sizeof lk_tlds / sizeof lk_tlds[0]; k++)
      if (c[i] == lk_tlds[k].cp && !(tld && in_list(lk_tlds[k].tlds, tld, ntld)))
        idn__warning(ctx, "W_TLD_LETTER", li, at(ctx, l, i), c[i],
                     "label %zu has %s, a look-alike of a Latin letter expected only under "
                     ".%s (status W_TLD_LETTER)", li, idn__cp_name(c[i], name, sizeof name),
                     lk_tlds[k].tlds);
  }
  /* Labels of digits and digit look-alikes. */
  bool digits = true, lookalike = false;
  size_t first = 0;
  for (size_t i = 0; i < n && digits; i++) {
    if (c[i] >= '0' && c[i] <= '9')
      continue;
    char d = in_sorted(lk_digits, sizeof lk_digits / sizeof lk_digits[0], c[i]) ? '0'
                                                                               : latin_char(idn, c[i]);
    /* a digit look-alike, or a digit of another system that looks like 0 */
    digits = (d >= '0' && d <= '9') ||
             (u_charType(c[i]) == U_DECIMAL_DIGIT_NUMBER && (d == 'o' || d == 'l'));
    if (digits && !lookalike)
      first = i;
    lookalike |= digits;
  }
  if (digits && lookalike) {
    latin_of(idn, c, n, latin, sizeof latin, list, sizeof list);
    idn__warning_lookalike(ctx, "W_DIGIT_LOOKALIKE", li, at(ctx, l, first), c[first], latin,
                           "label %zu is made of digits and characters that look like "
                           "digits: it can pass for '%s' (%s) (status W_DIGIT_LOOKALIKE)",
                           li, latin, list);
    return; /* the digits' look-alike is the finding, not the script's */
  }
  /* A label of one script outside the identifier profile (Cherokee, a
   * Limited Use script) is "unrestricted", but no less a look-alike. */
  if (level == LOC_IDN_LEVEL_UNRESTRICTED) {
    int one = -1;
    bool single = true;
    for (size_t i = 0; i < n && single; i++) {
      UErrorCode e = U_ZERO_ERROR;
      int sc = (int)uscript_getScript(c[i], &e);
      if (sc == USCRIPT_COMMON || sc == USCRIPT_INHERITED)
        continue;
      single = one < 0 || sc == one;
      one = sc;
    }
    if (single && one >= 0)
      level = LOC_IDN_LEVEL_SINGLE_SCRIPT;
  }
  bool exceptions = false;
  for (size_t i = 0; i < n && !exceptions; i++)
    exceptions = diacritic(c[i]) || (c[i] >= 0x3078 && c[i] <= 0x307A) ||
                 (c[i] >= 0x30D8 && c[i] <= 0x30DA) || (c[i] >= 0x30FB && c[i] <= 0x30FE);
  if (level == LOC_IDN_LEVEL_SINGLE_SCRIPT && !exceptions) {
    /* Whole-script confusables: every letter of the script a look-alike. */
    for (int s = 0; s < NSCRIPTS; s++) {
      int code = idn->lk_scripts[s];
      size_t count = 0, bad = 0;
      for (size_t i = 0; i < n; i++) {
        UErrorCode e = U_ZERO_ERROR;
        if ((int)uscript_getScript(c[i], &e) != code)
          continue;
        count++;
        if (!in_sorted(lk_scripts[s].cps, lk_scripts[s].n, c[i]))
          bad++;
      }
      if (count == 0 || bad > 0)
        continue;
      bool expected = tld && in_list(lk_scripts[s].tlds, tld, ntld);
      for (size_t i = 0; tld && i < ntld && !expected; i++) {
        UErrorCode e = U_ZERO_ERROR;
        expected = (int)uscript_getScript(tld[i], &e) == code;
      }
      if (expected)
        continue;
      whole_script(idn, ctx, li, l, c, n, code, tld != NULL);
      return;
    }
    /* Any other script: every letter's extended Latin is one ASCII letter
     * or digit (Cyrillic "шмнть" passes for "wmhtb"). */
    int code = -1;
    bool all = true;
    for (size_t i = 0; i < n && all; i++) {
      if (c[i] < 0x80)
        continue;
      UErrorCode e = U_ZERO_ERROR;
      int sc = (int)uscript_getScript(c[i], &e);
      if (sc != USCRIPT_COMMON && sc != USCRIPT_INHERITED && code < 0)
        code = sc;
      all = latin_char(idn, c[i]) != 0;
    }
    if (!all || code < 0 || code == USCRIPT_LATIN)
      return;
    bool expected = false;
    for (int s = 0; s < NSCRIPTS && tld && !expected; s++)
      expected = idn->lk_scripts[s] == code && in_list(lk_scripts[s].tlds, tld, ntld);
    for (size_t i = 0; tld && i < ntld && !expected; i++) {
      UErrorCode e = U_ZERO_ERROR;
      expected = (int)uscript_getScript(tld[i], &e) == code;
    }
    if (!expected)
      whole_script(idn, ctx, li, l, c, n, code, tld != NULL);
    return;
  }
  if (level == LOC_IDN_LEVEL_SINGLE_SCRIPT && !exceptions)
    return;
  /* More than one script (or kana and marks that need a look). */
  if (level > LOC_IDN_LEVEL_SINGLE_SCRIPT) {
    size_t latin_at = n;
    bool other = false;
    for (size_t i = 0; i < n; i++) {
      UErrorCode e = U_ZERO_ERROR;
      UScriptCode sc = uscript_getScript(c[i], &e);
      if (sc == USCRIPT_LATIN && c[i] >= 0x80 && latin_at == n)
        latin_at = i;
      else if (sc != USCRIPT_LATIN && sc != USCRIPT_COMMON && sc != USCRIPT_INHERITED)
        other = true;
    }
    if (latin_at < n && other)
      idn__warning(ctx, "W_LATIN_MIX", li, at(ctx, l, latin_at), c[latin_at],
                   "label %zu mixes %s, a Latin letter outside ASCII, with another script "
                   "(status W_LATIN_MIX)", li, idn__cp_name(c[latin_at], name, sizeof name));
  }
  const char *why = NULL;
  size_t i = bad_context(c, n, &why);
  if (i < n)
    idn__warning(ctx, "W_LOOKALIKE_CONTEXT", li, at(ctx, l, i), c[i],
                 "label %zu: %s %s (status W_LOOKALIKE_CONTEXT)", li,
                 idn__cp_name(c[i], name, sizeof name), why);
}
