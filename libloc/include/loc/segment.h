/* libloc — text segmentation: graphemes, words, sentences, line breaks. */
#ifndef LOC_H_INSIDE
#error "Include <loc/loc.h>, not <loc/segment.h> directly."
#endif
#ifndef LOC_SEGMENT_H
#define LOC_SEGMENT_H

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Boundaries come from ICU's break iterators: UAX #29 (graphemes, words,
 * sentences) and UAX #14 (lines) with CLDR's tailorings for the locale
 * (root when none is given). Word boundaries in Thai, Lao, Khmer, Burmese,
 * Chinese and Japanese come from ICU's dictionaries.
 *
 * Offsets are UTF-8 byte offsets in the text, segments are [start, end),
 * never empty, in order and contiguous: together they cover every byte.
 *
 * Ill-formed UTF-8: each maximal ill-formed subpart (Unicode §3.9) is read
 * as one U+FFFD, so the boundaries are those of the text repaired by
 * loc_utf8_replace(), mapped back to the original bytes: a boundary never
 * falls inside a subpart or a character, and no byte is dropped.
 *
 * One text is at most INT32_MAX bytes (ICU's limit); longer texts give
 * LOC_E_OVERFLOW.
 */

typedef enum loc_segment_kind {
  LOC_BREAK_GRAPHEME = 0, /* extended grapheme clusters (user-perceived characters) */
  LOC_BREAK_WORD,         /* words, and the spaces/punctuation between them */
  LOC_BREAK_SENTENCE,
  LOC_BREAK_LINE,         /* line-break opportunities: segments end where a line may end */
  LOC_BREAK_KIND_COUNT_
} loc_segment_kind;

/* What a segment is, from ICU's rule status at its end. */
typedef enum loc_segment_type {
  LOC_SEG_NONE = 0,       /* word kind: spaces, punctuation, symbols, emoji */
  LOC_SEG_NUMBER,         /* word kind: a number */
  LOC_SEG_WORD,           /* word kind: letters (including dictionary words) */
  LOC_SEG_KANA,           /* word kind: kana */
  LOC_SEG_IDEO,           /* word kind: ideographs */
  LOC_SEG_GRAPHEME,       /* grapheme kind: every segment */
  LOC_SEG_TERM,           /* sentence kind: ends with . ? ! and the like */
  LOC_SEG_SEP,            /* sentence kind: ends at a paragraph separator or the text end */
  LOC_SEG_SOFT,           /* line kind: a line may end after it */
  LOC_SEG_HARD,           /* line kind: a line must end after it (mandatory break) */
  LOC_SEG_TYPE_COUNT_
} loc_segment_type;

typedef struct loc_segment {
  size_t start;
  size_t end;             /* exclusive; end > start */
  loc_segment_type type;
} loc_segment;

/**
 * loc_segment_kind_parse:
 * @name: "grapheme", "word", "sentence" or "line".
 * @kind: (out) the kind.
 *
 * Returns: LOC_OK or LOC_E_INVALID_ARGUMENT (unknown name or NULLs).
 */
LOC_API loc_status loc_segment_kind_parse(const char *name, loc_segment_kind *kind);

/**
 * loc_segment_type_name:
 * Returns: (transfer none) "none", "number", "word", "kana", "ideo",
 * "grapheme", "term", "sep", "soft" or "hard"; "?" for other values.
 */
LOC_API const char *loc_segment_type_name(loc_segment_type type);

/**
 * loc_segment_type_has_letter_or_digit:
 * Returns: true for LOC_SEG_NUMBER, LOC_SEG_WORD, LOC_SEG_KANA and
 * LOC_SEG_IDEO: the word segments that contain a letter or a digit.
 */
LOC_API bool loc_segment_type_has_letter_or_digit(loc_segment_type type);

/* ---------- segmenter: immutable, shared ---------- */

/*
 * A segmenter holds the compiled rules of one kind for one locale. It is
 * immutable once created: any number of threads may create iterators from
 * it at the same time (the clone it takes is serialised inside). It must
 * outlive its iterators.
 */
typedef struct loc_segmenter loc_segmenter;

/**
 * loc_segmenter_new:
 * @kind: what to segment into.
 * @locale: (nullable) an ICU locale id ("th", "ja"); NULL or "" is root
 *          (CLDR's root tailorings). Unknown locales fall back to root.
 * @out: (out) (transfer full) free with loc_segmenter_free().
 *
 * Returns: LOC_OK, LOC_E_INVALID_ARGUMENT, LOC_E_NO_MEMORY, LOC_E_ICU.
 */
LOC_API loc_status loc_segmenter_new(loc_segment_kind kind, const char *locale,
                                     loc_segmenter **out);

/**
 * loc_segmenter_new_lang:
 * @kind: what to segment into.
 * @tag: (nullable) a BCP 47 language tag, canonicalized by
 *       loc_tag_canonicalize() first (iw is he, sh is sr-Latn); NULL or
 *       empty means root.
 * @len: length of @tag in bytes.
 * @out: (out) (transfer full) free with loc_segmenter_free().
 *
 * loc_segmenter_new() for a language: its CLDR tailorings, and for
 * sentences its abbreviation list (in English "Mr. Smith" is one sentence).
 *
 * Returns: LOC_OK, LOC_E_INVALID_TAG, LOC_E_INVALID_ARGUMENT,
 * LOC_E_NO_MEMORY, LOC_E_ICU.
 */
LOC_API loc_status loc_segmenter_new_lang(loc_segment_kind kind, const char *tag, size_t len,
                                          loc_segmenter **out);

/**
 * loc_segmenter_new_uax:
 * @kind: what to segment into.
 * @out: (out) (transfer full) free with loc_segmenter_free().
 *
 * A segmenter that follows the plain rules of UAX #29 and UAX #14 as the
 * annexes state them for ICU's Unicode version, without CLDR's tailorings
 * and without dictionaries: it passes every line of the four *BreakTest.txt
 * files (lines use the numeric tailoring of UAX #14 Example 7, as
 * LineBreakTest.txt does). Words in Thai, Lao, Khmer and Burmese fall
 * apart into letters: UAX #29 leaves them to dictionaries (their letters are
 * Word_Break Other), and for lines UAX #14 reads them as AL. Segment types are derived from the segment's characters. Each text
 * costs about 24 bytes per code point while it is being iterated.
 *
 * Returns: LOC_OK, LOC_E_INVALID_ARGUMENT, LOC_E_NO_MEMORY.
 */
LOC_API loc_status loc_segmenter_new_uax(loc_segment_kind kind, loc_segmenter **out);

/**
 * loc_segmenter_root:
 * @kind: a kind.
 *
 * Returns: (transfer none) the process-wide root segmenter of @kind, created
 * on first use (thread-safe), never freed; NULL when @kind is out of range or
 * ICU failed to create it.
 */
LOC_API const loc_segmenter *loc_segmenter_root(loc_segment_kind kind);

/**
 * loc_segmenter_free:
 * @sg: (transfer full) (nullable) a segmenter from loc_segmenter_new().
 */
LOC_API void loc_segmenter_free(loc_segmenter *sg);

LOC_API loc_segment_kind loc_segmenter_kind(const loc_segmenter *sg);

/* ---------- iterator: one thread at a time ---------- */

/*
 * The state of one walk over one text. It reads the caller's text in place
 * (no copy, no UTF-16 conversion): the text must stay unchanged until the
 * next loc_segment_iter_set_text() or loc_segment_iter_free().
 */
typedef struct loc_segment_iter loc_segment_iter;

/**
 * loc_segment_iter_new:
 * @sg: (transfer none) the segmenter; it must outlive the iterator.
 * @out: (out) (transfer full) free with loc_segment_iter_free().
 *
 * Returns: LOC_OK, LOC_E_INVALID_ARGUMENT, LOC_E_NO_MEMORY, LOC_E_ICU.
 */
LOC_API loc_status loc_segment_iter_new(const loc_segmenter *sg,
                                        loc_segment_iter **out);

/**
 * loc_segment_iter_free:
 * @it: (transfer full) (nullable) the iterator.
 */
LOC_API void loc_segment_iter_free(loc_segment_iter *it);

/**
 * loc_segment_iter_set_text:
 * @it: the iterator.
 * @s: (transfer none) the text, any bytes; may be NULL when @len is 0.
 * @len: its length in bytes, at most INT32_MAX.
 *
 * Starts a walk over @s from offset 0.
 *
 * Returns: LOC_OK, LOC_E_INVALID_ARGUMENT, LOC_E_OVERFLOW, LOC_E_ICU.
 */
LOC_API loc_status loc_segment_iter_set_text(loc_segment_iter *it, const char *s,
                                             size_t len);

/**
 * loc_segment_iter_next:
 * @it: the iterator.
 * @seg: (out) the next segment.
 *
 * Returns: true with @seg filled, false at the end of the text (an empty
 * text has no segments).
 */
LOC_API bool loc_segment_iter_next(loc_segment_iter *it, loc_segment *seg);

/**
 * loc_segment_all:
 * @sg: (nullable) the segmenter; NULL means loc_segmenter_root(@kind).
 * @kind: used when @sg is NULL.
 * @s, @len: the text.
 * @out: (out) (transfer full) array of *@n segments, free with loc_free();
 *       NULL when there are none.
 * @n: (out) number of segments.
 *
 * Returns: LOC_OK, LOC_E_INVALID_ARGUMENT, LOC_E_OVERFLOW, LOC_E_NO_MEMORY,
 * LOC_E_ICU.
 */
LOC_API loc_status loc_segment_all(const loc_segmenter *sg, loc_segment_kind kind,
                                const char *s, size_t len, loc_segment **out,
                                size_t *n);

/* ---------- line breaking (UAX #14) for layout ---------- */

/* A line-break opportunity: a line may (soft) or must (hard) end before the
 * byte at @offset. */
typedef struct loc_segment_line_break {
  size_t offset;  /* 0 < offset <= text length */
  bool hard;      /* mandatory break (after BK, CR, LF, NL, CR LF) */
} loc_segment_line_break;

/**
 * loc_segment_line_breaks:
 * @sg: (nullable) a LOC_BREAK_LINE segmenter (for a locale's line-breaking
 *      style); NULL means the root one.
 * @s, @len: the text.
 * @out: (out) (transfer full) the opportunities in increasing order, free
 *       with loc_free(); the last one is at @len (the end of the text,
 *       reported soft unless the text ends with a mandatory break).
 * @n: (out) their number (0 for an empty text).
 *
 * The same boundaries as loc_segment_all() with LOC_BREAK_LINE: one
 * implementation for the CLI and the layout engine.
 *
 * Returns: as loc_segment_all(); LOC_E_INVALID_ARGUMENT when @sg is not a line
 * segmenter.
 */
LOC_API loc_status loc_segment_line_breaks(const loc_segmenter *sg, const char *s,
                                   size_t len, loc_segment_line_break **out, size_t *n);

#ifdef __cplusplus
}
#endif
#endif
