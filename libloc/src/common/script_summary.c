/* Characters per script, the dominant script, and what a language tag
 * implies. The rules are written down in loc/script.h. */
#include "internal.h"

#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/uscript.h>

#define N_SCRIPTS 256     /* counts indexed by UScriptCode */
#define CACHE_SIZE 4096   /* direct-mapped, non-ASCII code points */

struct loc_script_summary {
  uint64_t counts[N_SCRIPTS];
  uint64_t total;
  struct {
    int32_t cp;
    int32_t sc;
  } cache[CACHE_SIZE];
};

const char *loc_script_name(int32_t script) {
  const char *c = NULL;
  if (script >= 0 && script <= u_getIntPropertyMaxValue(UCHAR_SCRIPT))
    c = uscript_getShortName((UScriptCode)script);
  return c != NULL && strlen(c) == 4 ? c : "Zzzz";
}

loc_status loc_script_parse(const char *code, int32_t *script) {
  if (code == NULL || script == NULL)
    return LOC_E_INVALID_ARGUMENT;
  int32_t v = u_getPropertyValueEnum(UCHAR_SCRIPT, code);
  if (v == UCHAR_INVALID_CODE)
    return LOC_E_UNKNOWN_SCRIPT;
  *script = v;
  return LOC_OK;
}

loc_status loc_script_summary_new(loc_script_summary **out) {
  if (out == NULL)
    return LOC_E_INVALID_ARGUMENT;
  *out = NULL;
  if (u_getIntPropertyMaxValue(UCHAR_SCRIPT) >= N_SCRIPTS)
    return LOC_E_UNSUPPORTED;
  loc_script_summary *sum = calloc(1, sizeof *sum);
  if (sum == NULL)
    return LOC_E_NO_MEMORY;
  for (size_t i = 0; i < CACHE_SIZE; i++)
    sum->cache[i].cp = -1;
  *out = sum;
  return LOC_OK;
}

void loc_script_summary_free(loc_script_summary *sum) { free(sum); }

static inline int32_t script_of(loc_script_summary *sum, int32_t cp) {
  size_t i = (size_t)cp & (CACHE_SIZE - 1);
  if (LOC_UNLIKELY(sum->cache[i].cp != cp)) {
    UErrorCode e = U_ZERO_ERROR;
    int32_t sc = uscript_getScript(cp, &e);
    if (U_FAILURE(e) || sc < 0 || sc >= N_SCRIPTS)
      sc = USCRIPT_UNKNOWN;
    sum->cache[i].cp = cp;
    sum->cache[i].sc = sc;
  }
  return sum->cache[i].sc;
}

static inline bool ascii_letter(uint8_t b) { return (uint8_t)((b | 0x20) - 'a') < 26; }

loc_status loc_script_summary_add(loc_script_summary *sum, const char *str, size_t len) {
  if (sum == NULL || (str == NULL && len > 0))
    return LOC_E_INVALID_ARGUMENT;
  const uint8_t *s = (const uint8_t *)str;
  /* ASCII is Latin letters and Common everything else; counting it in
   * registers avoids a store per byte on the same counter. */
  uint64_t latin = 0, ascii = 0, chars = 0;
  size_t i = 0;
  while (i < len) {
    uint8_t b = s[i];
    if (b < 0x80) {
      ascii++;
      latin += ascii_letter(b);
      i++;
      continue;
    }
    size_t n;
    int32_t cp = loc__utf8_decode(s, len, i, &n);
    sum->counts[cp < 0 ? USCRIPT_UNKNOWN : script_of(sum, cp)]++;
    chars++;
    i += n;
  }
  sum->counts[USCRIPT_LATIN] += latin;
  sum->counts[USCRIPT_COMMON] += ascii - latin;
  sum->total += chars + ascii;
  return LOC_OK;
}

loc_status loc_script_summary_add_count(loc_script_summary *sum, int32_t script,
                                        uint64_t count) {
  if (sum == NULL || script < 0 || script >= N_SCRIPTS ||
      script > u_getIntPropertyMaxValue(UCHAR_SCRIPT) || script == USCRIPT_JAPANESE ||
      script == USCRIPT_KOREAN || count > UINT64_MAX - sum->total)
    return LOC_E_INVALID_ARGUMENT;
  sum->counts[script] += count;
  sum->total += count;
  return LOC_OK;
}

uint64_t loc_script_summary_total(const loc_script_summary *sum) {
  return sum ? sum->total : 0;
}

uint64_t loc_script_summary_count(const loc_script_summary *sum, int32_t script) {
  if (sum == NULL || script < 0 || script >= N_SCRIPTS)
    return 0;
  return sum->counts[script];
}

size_t loc_script_summary_list(const loc_script_summary *sum, loc_script_count *out,
                               size_t cap) {
  if (sum == NULL)
    return 0;
  int32_t order[N_SCRIPTS];
  size_t n = 0;
  for (int32_t sc = 0; sc < N_SCRIPTS; sc++) {
    if (sum->counts[sc] == 0)
      continue;
    /* insertion sort, stable on the code: few scripts occur in one input */
    size_t j = n++;
    while (j > 0 && sum->counts[order[j - 1]] < sum->counts[sc]) {
      order[j] = order[j - 1];
      j--;
    }
    order[j] = sc;
  }
  for (size_t k = 0; k < n && k < cap; k++) {
    out[k].script = order[k];
    out[k].count = sum->counts[order[k]];
    memcpy(out[k].code, loc_script_name(order[k]), 5);
  }
  return n;
}

/* Ties go to the smaller code, so callers see the same answer every time. */
static void consider(int32_t sc, uint64_t count, int32_t *best, uint64_t *best_n) {
  if (count > *best_n || (count == *best_n && count > 0 && sc < *best)) {
    *best = sc;
    *best_n = count;
  }
}

int32_t loc__script_dominant(const loc__script_n *v, size_t len) {
  uint64_t han = 0, hira = 0, kata = 0, hangul = 0, common = 0, inherited = 0;
  for (size_t i = 0; i < len; i++) {
    switch (v[i].script) {
    case USCRIPT_HAN: han = v[i].n; break;
    case USCRIPT_HIRAGANA: hira = v[i].n; break;
    case USCRIPT_KATAKANA: kata = v[i].n; break;
    case USCRIPT_HANGUL: hangul = v[i].n; break;
    case USCRIPT_COMMON: common = v[i].n; break;
    case USCRIPT_INHERITED: inherited = v[i].n; break;
    default: break;
    }
  }
  uint64_t kana = hira + kata;
  bool jpan = (kana > 0 && kana * 10 >= han + kana) && (han > 0 || (hira > 0 && kata > 0));
  bool kore = han > 0 && hangul > 0 && hangul * 10 >= han + hangul;

  int32_t best = USCRIPT_UNKNOWN;
  uint64_t best_n = 0;
  for (size_t i = 0; i < len; i++) {
    int32_t sc = v[i].script;
    if (sc == USCRIPT_COMMON || sc == USCRIPT_INHERITED || sc == USCRIPT_UNKNOWN)
      continue;
    if (jpan && (sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA))
      continue;
    if (kore && (sc == USCRIPT_HAN || sc == USCRIPT_HANGUL))
      continue;
    consider(sc, v[i].n, &best, &best_n);
  }
  if (jpan)
    consider(USCRIPT_JAPANESE, han + kana, &best, &best_n);
  if (kore)
    consider(USCRIPT_KOREAN, han + hangul, &best, &best_n);
  if (best_n > 0)
    return best;
  if (common)
    return USCRIPT_COMMON;
  if (inherited)
    return USCRIPT_INHERITED;
  return USCRIPT_UNKNOWN;
}

int32_t loc_script_summary_dominant(const loc_script_summary *sum) {
  if (sum == NULL)
    return USCRIPT_UNKNOWN;
  loc__script_n v[N_SCRIPTS];
  size_t len = 0;
  for (int32_t sc = 0; sc < N_SCRIPTS; sc++)
    if (sum->counts[sc] > 0)
      v[len++] = (loc__script_n){sc, sum->counts[sc]};
  return loc__script_dominant(v, len);
}

loc_status loc_script_for_language(const char *tag, int32_t *script) {
  if (tag == NULL || script == NULL)
    return LOC_E_INVALID_ARGUMENT;
  char id[ULOC_FULLNAME_CAPACITY], max[ULOC_FULLNAME_CAPACITY];
  char lang[ULOC_LANG_CAPACITY], scr[ULOC_SCRIPT_CAPACITY], region[ULOC_COUNTRY_CAPACITY];
  UErrorCode e = U_ZERO_ERROR;
  int32_t parsed = 0;
  size_t tag_len = strlen(tag);
  if (tag_len == 0)
    return LOC_E_UNKNOWN_SCRIPT;
  /* Every --lang goes through the tag module: validated against the IANA
   * registry and canonicalized ("iw" → "he", "sh" → "sr-Latn") first. */
  char canon[2 * LOC_TAG_MAX_LEN + 64];
  if (loc_tag_canonicalize(tag, tag_len, canon, sizeof canon, &tag_len) != LOC_OK)
    return LOC_E_INVALID_ARGUMENT;
  tag = canon;
  uloc_forLanguageTag(tag, id, sizeof id, &parsed, &e);
  if (U_FAILURE(e) || e == U_STRING_NOT_TERMINATED_WARNING || parsed < 0 ||
      (size_t)parsed != tag_len)
    return LOC_E_INVALID_ARGUMENT;
  uloc_getLanguage(id, lang, sizeof lang, &e);
  uloc_getScript(id, scr, sizeof scr, &e);
  uloc_getCountry(id, region, sizeof region, &e);
  if (U_FAILURE(e))
    return LOC_E_INVALID_ARGUMENT;
  /* "und" says nothing; ICU would still guess English in Latin. */
  if ((lang[0] == '\0' || strcmp(lang, "und") == 0) && scr[0] == '\0' && region[0] == '\0')
    return LOC_E_UNKNOWN_SCRIPT;
  if (scr[0] == '\0') {
    uloc_addLikelySubtags(id, max, sizeof max, &e);
    if (U_FAILURE(e) || e == U_STRING_NOT_TERMINATED_WARNING)
      return LOC_E_ICU;
    uloc_getScript(max, scr, sizeof scr, &e);
    if (U_FAILURE(e) || scr[0] == '\0')
      return LOC_E_UNKNOWN_SCRIPT;
  }
  return loc_script_parse(scr, script);
}

static bool covers(int32_t whole, int32_t part) {
  switch (whole) {
  case USCRIPT_JAPANESE:
    return part == USCRIPT_HIRAGANA || part == USCRIPT_KATAKANA ||
           part == USCRIPT_KATAKANA_OR_HIRAGANA || part == USCRIPT_HAN;
  case USCRIPT_KOREAN:
    return part == USCRIPT_HANGUL || part == USCRIPT_HAN;
  case USCRIPT_SIMPLIFIED_HAN:
  case USCRIPT_TRADITIONAL_HAN:
    return part == USCRIPT_HAN;
  }
  return false;
}

bool loc_script_agrees(int32_t found, int32_t expected) {
  return found == expected || covers(found, expected) || covers(expected, found);
}
