/* libloc — legacy encodings: Zawgyi (Burmese) and font-hack encodings that
 * put Indic letters in the slots of Latin-1/ASCII glyphs, detected and
 * converted to and from Unicode. Byte encodings ICU already converts
 * (ISCII, KOI8, windows-125x, ...) are for the `loc convert` command. */
#ifndef LOC_H_INSIDE
#error "Include <loc/loc.h>, not <loc/legacy.h> directly."
#endif
#ifndef LOC_LEGACY_H
#define LOC_LEGACY_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum loc_legacy_encoding {
  LOC_LEGACY_ZAWGYI = 0, /* Burmese in the Zawgyi-One font's code points */
  LOC_LEGACY_KRUTIDEV,   /* Hindi in the Kruti Dev 010 font's Latin-1 slots */
  LOC_LEGACY_BIJOY,      /* Bengali in the Bijoy (SutonnyMJ) font's Latin-1 slots */
  LOC_LEGACY_COUNT_
} loc_legacy_encoding;

/**
 * loc_legacy_encoding_parse:
 * @name: "zawgyi", "krutidev" (also "krutidev010"), "bijoy" (also
 *        "sutonnymj"), case-insensitive.
 * @enc: (out)
 *
 * Returns: LOC_OK, LOC_E_UNSUPPORTED for an unknown name,
 * LOC_E_INVALID_ARGUMENT for NULLs.
 */
LOC_API loc_status loc_legacy_encoding_parse(const char *name, loc_legacy_encoding *enc);

/**
 * loc_legacy_encoding_name:
 * Returns: (transfer none) "zawgyi", "krutidev", "bijoy", or NULL when @enc
 * is not an encoding.
 */
LOC_API const char *loc_legacy_encoding_name(loc_legacy_encoding enc);

/**
 * loc_legacy_zawgyi_probability:
 * @s: (transfer none) UTF-8 text of @len bytes; ill-formed bytes count as
 *     non-Myanmar characters.
 * @p: (out) the probability that @s is Zawgyi rather than Unicode Burmese,
 *     in [0, 1]; or -1 when @s has no character of the Myanmar blocks
 *     (U+1000..U+109F, U+A9E0..U+A9FF, U+AA60..U+AA7F), so no signal.
 *
 * Uses myanmar-tools' Markov model (Apache-2.0, embedded), so @p equals what
 * myanmar-tools 1.2.0's ZawgyiDetector returns for the same text, except
 * that text without Myanmar letters but with U+2000..U+200B spaces gets -1
 * here. Usual thresholds: above 0.95 Zawgyi, below 0.05 Unicode.
 * Thread-safe; time linear in @len.
 *
 * Returns: LOC_OK, LOC_E_INVALID_ARGUMENT (NULL @p, or NULL @s with @len > 0).
 */
LOC_API loc_status loc_legacy_zawgyi_probability(const char *s, size_t len, double *p);

/**
 * loc_legacy_probability:
 * @enc: the encoding asked about.
 * @s: (transfer none) UTF-8 text of @len bytes. Font-hack text is expected
 *     as the characters its bytes show in windows-1252 (what a word
 *     processor exports, or `loc convert --from windows-1252` gives).
 * @p: (out) probability in [0, 1] that @s is text in @enc rather than
 *     ordinary text (Unicode Burmese for Zawgyi; Latin-script text for the
 *     font hacks), or -1 when @s carries no signal (no Myanmar letter for
 *     Zawgyi; no Latin-1 letter or sign the font hack uses).
 *
 * Thread-safe; time linear in @len.
 *
 * Returns: LOC_OK, LOC_E_INVALID_ARGUMENT.
 */
LOC_API loc_status loc_legacy_probability(loc_legacy_encoding enc, const char *s,
                                          size_t len, double *p);

typedef enum loc_legacy_direction {
  LOC_LEGACY_TO_UNICODE = 0,
  LOC_LEGACY_FROM_UNICODE,
} loc_legacy_direction;

/* A converter between one legacy encoding and Unicode, in one direction. It
 * holds scratch space: one converter per thread. */
typedef struct loc_legacy_conv loc_legacy_conv;

/**
 * loc_legacy_conv_new:
 * @conv: (out) (transfer full) free with loc_legacy_conv_free().
 *
 * Zawgyi goes through ICU's "Zawgyi-my" and "my-Zawgyi" transforms (the
 * first converter opened pays ICU's rule compilation, later ones clone it).
 * The font hacks map glyph slots by longest match and reorder: to Unicode,
 * pre-base vowel signs move after their consonant cluster and the reph
 * before it; from Unicode, the reverse. Characters without a glyph in the
 * font pass through unchanged in both directions.
 *
 * Returns: LOC_OK, LOC_E_INVALID_ARGUMENT, LOC_E_NO_MEMORY, LOC_E_ICU.
 */
LOC_API loc_status loc_legacy_conv_new(loc_legacy_encoding enc, loc_legacy_direction dir,
                                       loc_legacy_conv **conv);

/** loc_legacy_conv_free: @conv: (transfer full) (nullable) */
LOC_API void loc_legacy_conv_free(loc_legacy_conv *conv);

/**
 * loc_legacy_convert:
 * @conv: a converter, used by one thread at a time.
 * @in: (transfer none) well-formed UTF-8 of @len bytes (legacy text as
 *      described at loc_legacy_probability()).
 * @out: (out caller-allocates) buffer of @cap bytes (NULL when @cap is 0).
 * @out_len: (out) bytes written; with LOC_E_BUFFER_TOO_SMALL, bytes needed.
 *
 * Converts text that does not span a line end the conversion must see
 * across: callers feed whole lines (a '\n' inside @in is kept and ends the
 * context of every rule).
 *
 * Returns: LOC_OK, LOC_E_BUFFER_TOO_SMALL, LOC_E_INVALID_UTF8 (nothing is
 * written), LOC_E_INVALID_ARGUMENT, LOC_E_OVERFLOW (over 2^30 bytes),
 * LOC_E_NO_MEMORY, LOC_E_ICU.
 */
LOC_API loc_status loc_legacy_convert(loc_legacy_conv *conv, const char *in, size_t len,
                                      char *out, size_t cap, size_t *out_len);

/**
 * loc_legacy_convert_alloc:
 * @out: (out) (transfer full) NUL-terminated result; free with loc_free().
 * @out_len: (out) (optional) its length without the terminator.
 *
 * Returns: as loc_legacy_convert(), never LOC_E_BUFFER_TOO_SMALL.
 */
LOC_API loc_status loc_legacy_convert_alloc(loc_legacy_conv *conv, const char *in,
                                            size_t len, char **out, size_t *out_len);

#ifdef __cplusplus
}
#endif
#endif
