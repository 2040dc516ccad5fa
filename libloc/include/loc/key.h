/* libloc — search keys: one key per text, equal for spellings a reader
 * considers the same. */
#ifndef LOC_H_INSIDE
#error "Include <loc/loc.h>, not <loc/key.h> directly."
#endif
#ifndef LOC_KEY_H
#define LOC_KEY_H

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A key is made in this order:
 *   1. ill-formed UTF-8: each maximal subpart becomes U+FFFD; Burmese in
 *      the Zawgyi encoding (loc_legacy_zawgyi_probability() above 0.95 for the
 *      text) is converted to Unicode;
 *   2. NFKC_Casefold (which also removes default-ignorable code points:
 *      ZWJ, ZWNJ, soft hyphens, variation selectors, ...);
 *   3. Khmer and Myanmar syllables put into one storage order (subscript
 *      consonants, medials, vowel signs, then other signs, as the Unicode
 *      Core Specification §16.4 and Unicode Technical Note #11 order them),
 *      so a syllable typed in another order gets the key of the canonical
 *      one; a Myanmar VOWEL SIGN E or a Khmer pre-base vowel typed before
 *      its consonant (visual order) is moved after it;
 *   4. the optional folds below, then NFC again.
 * Letters of different words keep different keys: vowel signs of Brahmic
 * and other abugidas are never removed, even by LOC_KEY_FOLD_DIACRITICS.
 *
 * The key is meant for equality (an index, a hash, a join), not for
 * display or for ordering.
 */
enum {
  /* marks on Latin, Greek and Cyrillic letters: é ё ά → e е α; also
   * ø ł đ ħ ı (letters with a stroke or without a dot) → o l d h i */
  LOC_KEY_FOLD_DIACRITICS = 1u << 0,
  /* katakana → hiragana (width is already folded by NFKC) */
  LOC_KEY_FOLD_KANA = 1u << 1,
  /* Arabic script: tatweel and harakat removed; KAF/KEHEH, YEH/FARSI YEH
   * unified to the letter the language writes (KEHEH and FARSI YEH for
   * fa, ur and the other languages that use them; KAF and YEH otherwise),
   * and for those languages ALEF MAKSURA too */
  LOC_KEY_FOLD_ARABIC = 1u << 2,
  /* Hebrew points and cantillation marks removed */
  LOC_KEY_FOLD_HEBREW = 1u << 3,
  /* traditional Han → simplified (ICU's Hant-Hans transform) */
  LOC_KEY_FOLD_HAN = 1u << 4,
  LOC_KEY_FOLD_ALL = (1u << 5) - 1,
  /* every script to Latin first, through the project's Any-Latin (ICU's
   * transforms plus libloc's rule sets, loc/translit.h), then the
   * diacritics fold: a name written in two scripts can meet (Москва and
   * Moskva). Not part of LOC_KEY_FOLD_ALL: it makes different words of one
   * script collide more often. */
  LOC_KEY_FOLD_ROMANIZE = 1u << 5,
};

/**
 * loc_key_fold_parse:
 * @list: comma-separated fold names: "diacritics", "kana", "arabic",
 *        "hebrew", "han", "all" (those five) or "romanize"; "" is none.
 * @folds: (out) the LOC_FOLD_* bits.
 * @bad: (out) (nullable) on LOC_E_INVALID_ARGUMENT, the byte offset of the
 *       unknown name in @list.
 *
 * Returns: LOC_OK or LOC_E_INVALID_ARGUMENT.
 */
LOC_API loc_status loc_key_fold_parse(const char *list, unsigned *folds, size_t *bad);

/* Immutable after loc_keyer_new(): share it across threads. */
typedef struct loc_keyer loc_keyer;
/* Scratch buffers and the last key: one per thread. */
typedef struct loc_key_ctx loc_key_ctx;

/**
 * loc_keyer_new:
 * @tag: (nullable) BCP 47 tag of the text's language (canonicalized first,
 *       so "iw" is "he"); NULL or empty for none. It selects the Arabic
 *       letter variants of LOC_KEY_FOLD_ARABIC.
 * @len: length of @tag.
 * @folds: LOC_FOLD_* bits.
 * @out: (out) (transfer full) free with loc_keyer_free().
 *
 * Returns: LOC_OK, LOC_E_INVALID_TAG, LOC_E_INVALID_ARGUMENT (unknown fold
 * bits), LOC_E_NO_MEMORY, LOC_E_ICU.
 */
LOC_API loc_status loc_keyer_new(const char *tag, size_t len, unsigned folds,
                                 loc_keyer **out);

/** loc_keyer_free: @k: (transfer full) (nullable) */
LOC_API void loc_keyer_free(loc_keyer *k);

/**
 * loc_key_ctx_new:
 * @k: (transfer none) the keyer; it must outlive the context.
 * @out: (out) (transfer full) free with loc_key_ctx_free().
 *
 * Returns: LOC_OK, LOC_E_INVALID_ARGUMENT, LOC_E_NO_MEMORY, LOC_E_ICU.
 */
LOC_API loc_status loc_key_ctx_new(const loc_keyer *k, loc_key_ctx **out);

/** loc_key_ctx_free: @ctx: (transfer full) (nullable) */
LOC_API void loc_key_ctx_free(loc_key_ctx *ctx);

/**
 * loc_key:
 * @ctx: a context of the keyer to use.
 * @s: (transfer none) the text, any bytes; NULL when @len is 0.
 * @len: its length, at most INT32_MAX / 2.
 * @key: (out) (transfer none) the key, UTF-8, not NUL-terminated; valid
 *       until the next call with @ctx.
 * @key_len: (out) its length in bytes (0 for an empty key).
 *
 * Returns: LOC_OK, LOC_E_INVALID_ARGUMENT, LOC_E_OVERFLOW, LOC_E_NO_MEMORY,
 * LOC_E_ICU.
 */
LOC_API loc_status loc_key(loc_key_ctx *ctx, const char *s, size_t len,
                           const char **key, size_t *key_len);

/**
 * loc_key_alloc:
 * @k: the keyer.
 * @s, @len: the text.
 * @out: (out) (transfer full) the key, NUL-terminated; free with loc_free().
 * @out_len: (out) (nullable) its length.
 *
 * loc_key() with a context of its own: simple, slower for many texts.
 *
 * Returns: as loc_key().
 */
LOC_API loc_status loc_key_alloc(const loc_keyer *k, const char *s, size_t len,
                                 char **out, size_t *out_len);

/**
 * loc_key_cut:
 * @s, @len: (transfer none) a text, any bytes.
 *
 * Where a text too long to hold may be cut so that the key of the whole is
 * the key of the part before the cut followed by the key of the rest: the
 * largest such offset in (0, @len), or 0 when there is none. Cuts are
 * between two ASCII characters or, in a text without such a pair, before a
 * character that starts a normalization segment where not both it and the
 * character before it are Khmer or Myanmar.
 *
 * Returns: the offset, or 0.
 */
LOC_API size_t loc_key_cut(const char *s, size_t len);

/**
 * loc_key_cut_for:
 * @k: (transfer none) the keyer the parts will be keyed with.
 * @s, @len: (transfer none) a text, any bytes.
 *
 * loc_key_cut() for keys made by @k. With LOC_KEY_FOLD_ROMANIZE only a cut
 * between two ASCII letters is safe: romanization reads whole words and
 * syllables (kana ょ after き, Brahmic inherent vowels), and gives marks,
 * digits and punctuation the script of the next letter, so any other cut
 * could change the key.
 *
 * Returns: the offset, or 0 (also when @k is NULL).
 */
LOC_API size_t loc_key_cut_for(const loc_keyer *k, const char *s, size_t len);

#ifdef __cplusplus
}
#endif
#endif
