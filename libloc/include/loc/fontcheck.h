/* libloc — does a font support a language? */
#ifndef LOC_H_INSIDE
#error "Include <loc/loc.h>, not <loc/fontcheck.h> directly."
#endif
#ifndef LOC_FONTCHECK_H
#define LOC_FONTCHECK_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum loc_fontcheck_verdict {
  LOC_FONT_SUPPORTED = 0,   /* nothing missing, nothing wrong when shaping */
  LOC_FONT_PARTIAL,         /* some characters missing or shaped badly */
  LOC_FONT_UNSUPPORTED,     /* more than a quarter of the characters missing */
} loc_fontcheck_verdict;

/*
 * What loc_fontcheck() found. The characters checked are the language's
 * standard exemplar characters from ICU's locale data
 * (ulocdata_getExemplarSet); when ICU has none for the tag (it would fall
 * back to the root locale), the letters and marks of the tag's script
 * (explicit, or implied by likely subtags) stand in, and
 * exemplars_from_script says so.
 *
 * Shaping findings, over the exemplars (each alone; a combining mark on the
 * first base letter of its script) and the text given:
 *  - notdef: glyph 0 for a character of the language's script, an
 *    Inherited one (marks, ZWJ/ZWNJ) or an exemplar character; .notdef for
 *    other characters of the text (Latin digits, punctuation a fallback font
 *    would supply) is counted apart in notdef_other and does not change the
 *    verdict;
 *  - dotted_circles: U+25CC glyphs HarfBuzz inserted because a mark had no
 *    base it could take (broken syllables in the font's view);
 *  - unattached_marks: non-spacing mark glyphs (GDEF class mark, no
 *    advance) left at offset 0,0 where the font's mark-positioning lookups
 *    ('mark', 'mkmk', 'abvm', 'blwm') cover the mark but no lookup covers it
 *    together with the glyph before it, and the mark's ink does not even
 *    overlap that glyph's ink horizontally (so marks a font draws in place,
 *    as Noto Devanagari does, are not findings); a mark after .notdef is
 *    not counted again.
 *
 * Verdict: supported when nothing is missing and every count but
 * notdef_other is 0; unsupported when more than a quarter of the exemplars
 * are missing (or there are none to check); partial otherwise.
 */
typedef struct loc_fontcheck_report {
  loc_fontcheck_verdict verdict;
  char script[5];              /* the language's script ("Deva"), or "" */
  bool exemplars_from_script;  /* ICU had no exemplar data for the tag */
  size_t exemplars;            /* characters checked in the font's cmap */
  uint32_t *missing;           /* (transfer full) code points not in the font, ascending */
  size_t n_missing;
  size_t notdef, notdef_other, dotted_circles, unattached_marks;
  size_t text_chars;           /* characters of the text shaped */
} loc_fontcheck_report;

/**
 * loc_fontcheck:
 * @font: (transfer none) the font.
 * @lang: (transfer none) a BCP 47 tag ("am", "sat", "jv-Java").
 * @text: (transfer none) (nullable) sample text, @len bytes of UTF-8 with
 *        lines separated by '\n' (each line is itemised by bidi level and
 *        script and shaped run by run); NULL / 0 for exemplars only.
 * @report: (out caller-allocates) the findings; release with
 *          loc_fontcheck_report_clear().
 *
 * Thread-safe for a shared @font (a shaper is made per call).
 *
 * Returns: LOC_OK; LOC_E_INVALID_TAG (@lang is not well-formed BCP 47);
 * LOC_E_UNKNOWN_SCRIPT (neither exemplar data nor a script for @lang);
 * LOC_E_ICU, LOC_E_NO_MEMORY, LOC_E_INVALID_ARGUMENT.
 */
LOC_API loc_status loc_fontcheck(const loc_font *font, const char *lang, const char *text,
                                  size_t len, loc_fontcheck_report *report);

/**
 * loc_fontcheck_report_clear:
 * @report: (nullable) frees what the report owns and zeroes it.
 */
LOC_API void loc_fontcheck_report_clear(loc_fontcheck_report *report);

/**
 * loc_fontcheck_verdict_name:
 * Returns: (transfer none) "supported", "partial", "unsupported" (or "?").
 */
LOC_API const char *loc_fontcheck_verdict_name(loc_fontcheck_verdict v);

/**
 * loc_fontcheck_languages:
 * @font: (nullable) a font whose scripts add candidates, or NULL.
 * @out: (out) (transfer full) NUL-separated list of tags, free with
 *       loc_free(): every ICU locale that names a language (and maybe a
 *       script) but no region, in ICU's order, as BCP 47 ("sr-Latn"); then,
 *       with @font, for each script the font has at least 10 letters of, the
 *       language CLDR's likely subtags give for "und-<script>" written with
 *       that script ("ban-Bali", "jv-Java") when neither it nor the bare
 *       language is listed already.
 * @n: (out) the number of tags.
 *
 * The languages loc_fontcheck() can judge; a font "supports" those of them
 * for which it answers supported.
 *
 * Returns: LOC_OK, LOC_E_NO_MEMORY, LOC_E_INVALID_ARGUMENT.
 */
LOC_API loc_status loc_fontcheck_languages(const loc_font *font, char **out, size_t *n);

#ifdef __cplusplus
}
#endif
#endif
