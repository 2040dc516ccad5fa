/* Font support for a language: ICU exemplar characters against the cmap,
 * then shaping findings (.notdef, inserted dotted circles, marks the font
 * attaches elsewhere but not here). */
#include "internal.h"
#include "buf.h"
#include "shape_internal.h"

#include <stdio.h>

#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/ures.h>
#include <unicode/ulocdata.h>
#include <unicode/uscript.h>
#include <unicode/uset.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

const char *loc_fontcheck_verdict_name(loc_fontcheck_verdict v) {
  switch (v) {
  case LOC_FONT_SUPPORTED: return "supported";
  case LOC_FONT_PARTIAL: return "partial";
  case LOC_FONT_UNSUPPORTED: return "unsupported";
  }
  return "?";
}

void loc_fontcheck_report_clear(loc_fontcheck_report *r) {
  if (r == NULL)
    return;
  free(r->missing);
  memset(r, 0, sizeof *r);
}

/* The language ICU's data for @locale really comes from: a tag ICU has no
 * data for falls back to the process's default locale or to root, whose
 * exemplars say nothing about the language asked for. */
static bool has_own_data(const char *locale) {
  UErrorCode e = U_ZERO_ERROR;
  UResourceBundle *rb = ures_open(NULL, locale, &e);
  const char *actual = U_SUCCESS(e) ? ures_getLocaleByType(rb, ULOC_ACTUAL_LOCALE, &e) : NULL;
  char want[16] = "", got[16] = "";
  if (U_SUCCESS(e) && actual) {
    UErrorCode e1 = U_ZERO_ERROR, e2 = U_ZERO_ERROR;
    uloc_getLanguage(locale, want, sizeof want, &e1);
    uloc_getLanguage(actual, got, sizeof got, &e2);
    if (U_FAILURE(e1) || U_FAILURE(e2))
      want[0] = '\0';
  }
  ures_close(rb);
  return want[0] != '\0' && strcmp(want, got) == 0;
}

static USet *exemplars_of(const char *locale, bool *fell_back, UErrorCode *e) {
  *fell_back = !has_own_data(locale);
  if (*fell_back)
    return NULL;
  ULocaleData *d = ulocdata_open(locale, e);
  if (U_FAILURE(*e))
    return NULL;
  USet *s = ulocdata_getExemplarSet(d, NULL, 0, ULOCDATA_ES_STANDARD, e);
  ulocdata_close(d);
  if (U_FAILURE(*e))
    return NULL;
  return s;
}

/* Letters and marks of a script: the stand-in when ICU has no exemplars. */
static USet *script_repertoire(int32_t script, UErrorCode *e) {
  char pat[96];
  snprintf(pat, sizeof pat, "[[\\p{sc=%s}]&[\\p{L}[\\p{M}-\\p{InSC=Other}]]]",
           uscript_getShortName((UScriptCode)script));
  UChar upat[96];
  u_uastrcpy(upat, pat);
  return uset_openPattern(upat, -1, e);
}

/* Scripts a character of the text may have to count in the verdict. */
static bool in_language_script(UChar32 c, int32_t script) {
  UErrorCode e = U_ZERO_ERROR;
  UScriptCode sc = uscript_getScript(c, &e);
  if (sc == USCRIPT_INHERITED)
    return true;
  if (script < 0)
    return false;
  switch (script) {
  case USCRIPT_JAPANESE:
    return uscript_hasScript(c, USCRIPT_HAN) || uscript_hasScript(c, USCRIPT_HIRAGANA) ||
           uscript_hasScript(c, USCRIPT_KATAKANA);
  case USCRIPT_KOREAN:
    return uscript_hasScript(c, USCRIPT_HAN) || uscript_hasScript(c, USCRIPT_HANGUL);
  case USCRIPT_SIMPLIFIED_HAN:
  case USCRIPT_TRADITIONAL_HAN:
    return uscript_hasScript(c, USCRIPT_HAN);
  default:
    return sc != USCRIPT_COMMON && uscript_hasScript(c, (UScriptCode)script);
  }
}

typedef struct mark_lookups {
  hb_set_t **sets;
  unsigned n;
} mark_lookups;

typedef struct checker {
  const loc_font *font;
  loc_shaper *sh;
  const USet *exemplars;
  USet *extra;                /* characters of multi-character exemplars */
  int32_t script;
  hb_codepoint_t dotted;      /* the font's U+25CC glyph, or 0 */
  mark_lookups marks;
  loc_fontcheck_report *r;
} checker;

/* Glyph sets of the GPOS lookups of the mark-positioning features: each
 * holds the marks and the bases (or ligatures, or marks) one lookup can
 * attach them to. */

static void mark_lookups_free(mark_lookups *ml) {
  for (unsigned i = 0; i < ml->n; i++)
    hb_set_destroy(ml->sets[i]);
  free(ml->sets);
}

static loc_status mark_lookups_collect(hb_face_t *face, mark_lookups *ml) {
  static const hb_tag_t wanted[] = {HB_TAG('m', 'a', 'r', 'k'), HB_TAG('m', 'k', 'm', 'k'),
                                    HB_TAG('a', 'b', 'v', 'm'), HB_TAG('b', 'l', 'w', 'm')};
  hb_set_t *lookups = hb_set_create();
  hb_tag_t tags[64];
  unsigned start = 0, total;
  do {
    unsigned n = sizeof tags / sizeof tags[0];
    total = hb_ot_layout_table_get_feature_tags(face, HB_OT_TAG_GPOS, start, &n, tags);
    for (unsigned i = 0; i < n; i++)
      for (size_t w = 0; w < sizeof wanted / sizeof wanted[0]; w++)
        if (tags[i] == wanted[w]) {
          unsigned idx[64], lstart = 0, ltotal;
          do {
            unsigned ln = sizeof idx / sizeof idx[0];
            ltotal = hb_ot_layout_feature_get_lookups(face, HB_OT_TAG_GPOS, start + i, lstart,
                                                      &ln, idx);
            for (unsigned k = 0; k < ln; k++)
              hb_set_add(lookups, idx[k]);
            lstart += ln;
            if (ln == 0)
              break;
          } while (lstart < ltotal);
        }
    start += n;
    if (n == 0)
      break;
  } while (start < total);
  ml->n = 0;
  ml->sets = calloc(hb_set_get_population(lookups) + 1, sizeof *ml->sets);
  if (ml->sets == NULL) {
    hb_set_destroy(lookups);
    return LOC_E_NO_MEMORY;
  }
  hb_codepoint_t li = HB_SET_VALUE_INVALID;
  while (hb_set_next(lookups, &li)) {
    hb_set_t *in = hb_set_create();
    /* Context glyphs count: Indic fonts place marks with contextual
     * lookups whose bases are backtrack glyphs. */
    hb_ot_layout_lookup_collect_glyphs(face, HB_OT_TAG_GPOS, li, in, in, in, NULL);
    ml->sets[ml->n++] = in;
  }
  hb_set_destroy(lookups);
  return LOC_OK;
}

/* A mark the font's lookups attach to some glyph, but none of them to
 * @base: it is left where it falls. */
static bool left_unattached(const mark_lookups *ml, uint32_t base, uint32_t mark) {
  bool anchored = false;
  for (unsigned i = 0; i < ml->n; i++)
    if (hb_set_has(ml->sets[i], mark)) {
      if (hb_set_has(ml->sets[i], base))
        return false;
      anchored = true;
    }
  return anchored;
}

/* Findings of the last shaping call; @s is the text the clusters (UTF-8
 * byte offsets) point into. */
static bool is_mark_glyph(const loc_font *f, uint32_t gid) {
  return gid < f->glyph_count &&
         hb_ot_layout_get_glyph_class(f->face, gid) == HB_OT_LAYOUT_GLYPH_CLASS_MARK;
}

/* Whether the ink of @mark drawn at pen position @mx reaches over the ink of
 * @base drawn at @bx, horizontally: a mark the font draws in place (no
 * offset needed) does; a mark waiting for an anchor that never came sits
 * beside its base. */
static bool ink_overlaps(const checker *ck, uint32_t base, int64_t bx, uint32_t mark,
                         int64_t mx) {
  hb_glyph_extents_t be, me;
  if (!hb_font_get_glyph_extents(ck->font->query, base, &be) ||
      !hb_font_get_glyph_extents(ck->font->query, mark, &me) || me.width == 0 ||
      be.width == 0)
    return true; /* no ink to judge by: not a finding */
  int64_t ml = mx + me.x_bearing, mr = ml + me.width;
  int64_t bl = bx + be.x_bearing, br = bl + be.width;
  return ml < br && bl < mr;
}

/* @rtl: the glyphs are in visual order of a right-to-left run, so the
 * base a mark follows in the text comes after it in the array. */
static void inspect(checker *ck, const char *s, size_t len, bool rtl) {
  const loc_shape_glyph *g;
  size_t n = loc_shaper_glyphs(ck->sh, &g);
  int64_t *pen = malloc((n ? n : 1) * sizeof *pen);
  if (pen == NULL)
    return;
  int64_t x = 0;
  for (size_t i = 0; i < n; i++) {
    pen[i] = x + g[i].x_offset;
    x += g[i].x_advance;
  }
  size_t base = SIZE_MAX;
  for (size_t j = 0; j < n; j++) {
    size_t i = rtl ? n - 1 - j : j;
    size_t at = g[i].cluster, k = 1;
    int32_t c = at < len ? loc__utf8_decode((const uint8_t *)s, len, at, &k) : -1;
    if (g[i].id == 0) {
      bool counts = c >= 0 && (uset_contains(ck->exemplars, c) || in_language_script(c, ck->script));
      if (counts)
        ck->r->notdef++;
      else
        ck->r->notdef_other++;
    } else if (ck->dotted && g[i].id == ck->dotted && c != 0x25CC) {
      ck->r->dotted_circles++;
    }
    if (!is_mark_glyph(ck->font, g[i].id)) {
      base = i;
    } else if (g[i].x_offset == 0 && g[i].y_offset == 0 && g[i].x_advance == 0 &&
               base != SIZE_MAX && g[base].id != 0 && left_unattached(&ck->marks, g[base].id, g[i].id) &&
               !ink_overlaps(ck, g[base].id, pen[base], g[i].id, pen[i])) {
      ck->r->unattached_marks++;
    }
  }
  free(pen);
}

/* A line longer than this (bytes) is shaped in pieces of about this size,
 * as `render` lays it out: HarfBuzz holds some 60 bytes per character of a
 * buffer, so a 50 MB line shaped whole took over 600 MB. */
#define PIECE_BYTES (256 * 1024)

static loc_status shape_text_lines(checker *ck, const char *text, size_t len) {
  size_t pos = 0;
  while (pos < len) {
    const char *nl = memchr(text + pos, '\n', len - pos);
    size_t end = nl ? (size_t)(nl - text) : len;
    if (end - pos > PIECE_BYTES)
      end = loc__piece_end(text, end, pos, PIECE_BYTES);
    const char *line = text + pos;
    size_t llen = end - pos;
    loc_shape_item *items = NULL;
    size_t n = 0;
    loc_status st = loc_shape_itemize(line, llen, LOC_DIR_AUTO, &items, &n, NULL);
    for (size_t i = 0; i < n && st == LOC_OK; i++) {
      st = loc_shape_run(ck->sh, line, llen, items[i].start, items[i].end,
                         (items[i].level & 1) ? LOC_DIR_RTL : LOC_DIR_LTR, items[i].script);
      if (st == LOC_OK)
        inspect(ck, line, llen, items[i].level & 1);
    }
    loc_free(items);
    if (st != LOC_OK)
      return st;
    ck->r->text_chars += loc_utf8_count_chars(line, llen);
    pos = end + (end < len && text[end] == '\n');
  }
  return LOC_OK;
}

static loc_status append_cp(loc__buf *b, UChar32 c) {
  if (loc__buf_reserve(b, 4) != LOC_OK)
    return LOC_E_NO_MEMORY;
  b->len += loc__utf8_encode((uint32_t)c, b->data + b->len);
  return LOC_OK;
}

static bool is_mark(UChar32 c) {
  return (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
}

/* Inserts @c into the ascending list of missing code points. */
static loc_status add_missing(loc_fontcheck_report *r, size_t *cap, uint32_t c) {
  void *g = r->missing;
  loc_status st = loc__grow(&g, cap, r->n_missing + 1, sizeof *r->missing, 16);
  r->missing = g;
  if (st != LOC_OK)
    return st;
  size_t i = r->n_missing;
  while (i > 0 && r->missing[i - 1] > c) {
    r->missing[i] = r->missing[i - 1];
    i--;
  }
  r->missing[i] = c;
  r->n_missing++;
  return LOC_OK;
}

/* Checks the cmap for every exemplar code point and writes the text that
 * shapes them: each item alone, a mark after the first base letter. */
static loc_status cover_and_sample(checker *ck, loc__buf *sample) {
  const USet *s = ck->exemplars;
  /* The base for marks: a consonant where the script has them (a vowel
   * sign on an independent vowel is a broken syllable), else a letter. */
  UChar32 base = -1, letter = -1;
  int32_t items = uset_getItemCount(s);
  for (int32_t i = 0; i < items && base < 0; i++) {
    UChar32 a, b;
    UErrorCode e = U_ZERO_ERROR;
    if (uset_getItem(s, i, &a, &b, NULL, 0, &e) == 0 && U_SUCCESS(e))
      for (UChar32 c = a; c <= b && base < 0; c++) {
        if (!u_isalpha(c) || is_mark(c))
          continue;
        if (letter < 0)
          letter = c;
        if (u_getIntPropertyValue(c, UCHAR_INDIC_SYLLABIC_CATEGORY) == U_INSC_CONSONANT)
          base = c;
      }
  }
  if (base < 0)
    base = letter;
  loc_fontcheck_report *r = ck->r;
  size_t cap = 0;
  for (int32_t i = 0; i < items; i++) {
    UChar32 a, b;
    UChar str[64];
    UErrorCode e = U_ZERO_ERROR;
    int32_t slen = uset_getItem(s, i, &a, &b, str, 64, &e);
    if (U_FAILURE(e))
      continue; /* a string longer than any exemplar: ignored */
    if (slen > 0) { /* a multi-character exemplar ("ch", "íj́", a conjunct) */
      for (int32_t k = 0; k < slen;) {
        UChar32 c;
        U16_NEXT(str, k, slen, c);
        if (append_cp(sample, c) != LOC_OK)
          return LOC_E_NO_MEMORY;
        /* its characters count as exemplars too, once each */
        if (uset_contains(s, c) || uset_contains(ck->extra, c))
          continue;
        uset_add(ck->extra, c);
        r->exemplars++;
        if (!loc_font_has_char(ck->font, (uint32_t)c) &&
            add_missing(r, &cap, (uint32_t)c) != LOC_OK)
          return LOC_E_NO_MEMORY;
      }
      if (append_cp(sample, ' ') != LOC_OK)
        return LOC_E_NO_MEMORY;
      continue;
    }
    for (UChar32 c = a; c <= b; c++) {
      r->exemplars++;
      if (!loc_font_has_char(ck->font, (uint32_t)c)) {
        if (add_missing(r, &cap, (uint32_t)c) != LOC_OK)
          return LOC_E_NO_MEMORY;
        continue;
      }
      if (is_mark(c)) {
        if (base < 0)
          continue;
        if (append_cp(sample, base) != LOC_OK)
          return LOC_E_NO_MEMORY;
      }
      if (append_cp(sample, c) != LOC_OK || append_cp(sample, ' ') != LOC_OK)
        return LOC_E_NO_MEMORY;
    }
  }
  return LOC_OK;
}

static loc_status open_set(const char *lang, int32_t *script, bool *from_script, USet **out) {
  char locale[ULOC_FULLNAME_CAPACITY];
  int32_t parsed = 0;
  UErrorCode e = U_ZERO_ERROR;
  uloc_forLanguageTag(lang, locale, sizeof locale, &parsed, &e);
  if (U_FAILURE(e) || parsed != (int32_t)strlen(lang) || parsed == 0)
    return LOC_E_INVALID_TAG;
  if (loc_script_for_language(lang, script) != LOC_OK)
    *script = -1;
  bool fell_back = false;
  USet *set = exemplars_of(locale, &fell_back, &e);
  if (U_FAILURE(e))
    return e == U_MEMORY_ALLOCATION_ERROR ? LOC_E_NO_MEMORY : LOC_E_ICU;
  *from_script = fell_back;
  if (fell_back) {
    uset_close(set);
    set = NULL;
    if (*script < 0)
      return LOC_E_UNKNOWN_SCRIPT;
    e = U_ZERO_ERROR;
    set = script_repertoire(*script, &e);
    if (U_FAILURE(e))
      return LOC_E_ICU;
  } else {
    /* Capitals too: standard exemplars are lower case. */
    uset_closeOver(set, USET_ADD_CASE_MAPPINGS);
  }
  *out = set;
  return LOC_OK;
}

loc_status loc_fontcheck(const loc_font *font, const char *lang, const char *text, size_t len,
                          loc_fontcheck_report *report) {
  if (report)
    memset(report, 0, sizeof *report);
  if (font == NULL || lang == NULL || report == NULL || (text == NULL && len > 0))
    return LOC_E_INVALID_ARGUMENT;
  int32_t script = -1;
  bool from_script = false;
  USet *set = NULL;
  loc_status st = open_set(lang, &script, &from_script, &set);
  if (st != LOC_OK)
    return st;
  report->exemplars_from_script = from_script;
  if (script >= 0)
    snprintf(report->script, sizeof report->script, "%s", loc_script_name(script));
  checker ck = {.font = font, .exemplars = set, .script = script, .r = report};
  hb_font_get_nominal_glyph(font->query, 0x25CC, &ck.dotted);
  loc_shape_options opt;
  loc_shape_options_init(&opt);
  opt.utf8_clusters = true;
  opt.language = lang;
  loc__buf sample = {0};
  ck.extra = uset_openEmpty();
  st = mark_lookups_collect(font->face, &ck.marks);
  if (st == LOC_OK)
    st = loc_shaper_new(font, &opt, &ck.sh);
  if (st == LOC_OK)
    st = cover_and_sample(&ck, &sample);
  if (st == LOC_OK && sample.len > 0)
    st = shape_text_lines(&ck, sample.data, sample.len);
  report->text_chars = 0; /* the sample is not "text" */
  if (st == LOC_OK && len > 0)
    st = shape_text_lines(&ck, text, len);
  if (st == LOC_OK) {
    if (report->exemplars == 0 || report->n_missing * 4 > report->exemplars)
      report->verdict = LOC_FONT_UNSUPPORTED;
    else if (report->n_missing || report->notdef || report->dotted_circles ||
             report->unattached_marks)
      report->verdict = LOC_FONT_PARTIAL;
    else
      report->verdict = LOC_FONT_SUPPORTED;
  }
  free(sample.data);
  loc_shaper_free(ck.sh);
  mark_lookups_free(&ck.marks);
  uset_close(ck.extra);
  uset_close(set);
  if (st != LOC_OK)
    loc_fontcheck_report_clear(report);
  return st;
}

static loc_status add_tag(loc__buf *b, size_t *n, const char *tag, size_t tl) {
  if (loc__buf_reserve(b, tl + 1) != LOC_OK)
    return LOC_E_NO_MEMORY;
  memcpy(b->data + b->len, tag, tl);
  b->data[b->len + tl] = '\0';
  b->len += tl + 1;
  (*n)++;
  return LOC_OK;
}

static bool listed(const loc__buf *b, const char *tag) {
  for (size_t at = 0; at < b->len; at += strlen(b->data + at) + 1)
    if (strcmp(b->data + at, tag) == 0)
      return true;
  return false;
}

/* For each script of which the font has at least 10 letters: the language
 * CLDR's likely subtags give for "und-<script>" (und-Bali → ban), as
 * "ban-Bali", unless that tag is listed, or the bare language is and its
 * likely script is this one. ICU has exemplar data for neither Balinese
 * nor Javanese script (its jv is Latin). */
static loc_status add_script_tags(const loc_font *font, loc__buf *b, size_t *n) {
  hb_set_t *cps = hb_set_create();
  hb_face_collect_unicodes(font->face, cps);
  uint32_t letters[USCRIPT_CODE_LIMIT] = {0};
  hb_codepoint_t cp = HB_SET_VALUE_INVALID;
  while (hb_set_next(cps, &cp)) {
    if (!u_isalpha((UChar32)cp))
      continue;
    UErrorCode e = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript((UChar32)cp, &e);
    if (U_SUCCESS(e) && sc > USCRIPT_INHERITED && sc < USCRIPT_CODE_LIMIT)
      letters[sc]++;
  }
  hb_set_destroy(cps);
  for (int sc = 0; sc < USCRIPT_CODE_LIMIT; sc++) {
    if (letters[sc] < 10)
      continue;
    const char *code = uscript_getShortName((UScriptCode)sc);
    char und[16], max[ULOC_FULLNAME_CAPACITY], lang[16];
    snprintf(und, sizeof und, "und_%s", code);
    UErrorCode e = U_ZERO_ERROR;
    uloc_addLikelySubtags(und, max, sizeof max, &e);
    uloc_getLanguage(max, lang, sizeof lang, &e);
    if (U_FAILURE(e) || lang[0] == '\0' || strcmp(lang, "und") == 0)
      continue;
    char tag[32];
    int tl = snprintf(tag, sizeof tag, "%s-%s", lang, code);
    if (tl <= 0 || (size_t)tl >= sizeof tag || listed(b, tag))
      continue;
    /* the bare language listed stands for its own likely script */
    char lmax[ULOC_FULLNAME_CAPACITY], lscript[8] = "";
    uloc_addLikelySubtags(lang, lmax, sizeof lmax, &e);
    uloc_getScript(lmax, lscript, sizeof lscript, &e);
    if (U_FAILURE(e) || (listed(b, lang) && strcmp(lscript, code) == 0))
      continue;
    if (add_tag(b, n, tag, (size_t)tl) != LOC_OK)
      return LOC_E_NO_MEMORY;
  }
  return LOC_OK;
}

loc_status loc_fontcheck_languages(const loc_font *font, char **out, size_t *n) {
  if (out == NULL || n == NULL)
    return LOC_E_INVALID_ARGUMENT;
  *out = NULL;
  *n = 0;
  loc__buf b = {0};
  int32_t count = uloc_countAvailable();
  for (int32_t i = 0; i < count; i++) {
    const char *id = uloc_getAvailable(i);
    UErrorCode e = U_ZERO_ERROR;
    char country[8];
    uloc_getCountry(id, country, sizeof country, &e);
    if (U_FAILURE(e) || country[0] != '\0')
      continue;
    char tag[ULOC_FULLNAME_CAPACITY];
    int32_t tl = uloc_toLanguageTag(id, tag, sizeof tag, true, &e);
    if (U_FAILURE(e) || tl <= 0)
      continue;
    if (add_tag(&b, n, tag, (size_t)tl) != LOC_OK) {
      free(b.data);
      return LOC_E_NO_MEMORY;
    }
  }
  if (font && add_script_tags(font, &b, n) != LOC_OK) {
    free(b.data);
    return LOC_E_NO_MEMORY;
  }
  *out = b.data;
  return LOC_OK;
}
