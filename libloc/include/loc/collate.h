/* libloc — collation: dictionary order of a language (ICU, CLDR). */
#ifndef LOC_H_INSIDE
#error "Include <loc/loc.h>, not <loc/collate.h> directly."
#endif
#ifndef LOC_COLLATE_H
#define LOC_COLLATE_H

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A collator orders text the way a language's dictionaries do: CLDR's
 * tailoring of the Unicode Collation Algorithm for the language, as ICU
 * carries it, at ICU's default (tertiary) strength. Lithuanian puts y
 * between i and j, Swedish puts å ä ö after z, Spanish ñ after n.
 * A language without a tailoring gets the CLDR root order.
 *
 * Text is UTF-8 with explicit lengths; NUL is a character. Ill-formed UTF-8
 * is compared as if each maximal ill-formed subpart were U+FFFD, so every
 * byte string has a place in the order and compare and sort keys agree.
 * Text longer than INT32_MAX UTF-16 units gives LOC_E_OVERFLOW (ICU's limit).
 *
 * Threads: a loc_collator is immutable once made and may be shared. ICU 72's
 * RuleBasedCollator compare and sort-key functions are const and keep their
 * working state on the caller's stack, so concurrent calls on one collator
 * are safe (tests/unit/test_collate.c runs them from several threads);
 * nothing here ever changes a collator's attributes after creation. ICU's
 * headers promise thread safety only for ucol_clone(); docs/sort.md says
 * why sharing is still sound and what would change if ICU changed.
 */
typedef struct loc_collator loc_collator;

/**
 * loc_collator_new:
 * @tag: (transfer none) (nullable) BCP 47 tag, @len bytes; canonicalized
 *       with loc_tag_canonicalize() first, so "iw" sorts as Hebrew.
 *       Unicode extension keywords reach ICU: "de-u-co-phonebk" is German
 *       phone-book order. NULL or @len 0: the root order.
 * @out: (out) (transfer full) free with loc_collator_free().
 *
 * Returns: LOC_OK, LOC_E_INVALID_TAG (not a valid tag), LOC_E_UNSUPPORTED (a
 * collation type, -u-co-, or another -u- collation keyword value ICU does
 * not know, which ICU itself would silently ignore), LOC_E_ICU (ICU could
 * not open a collator), LOC_E_NO_MEMORY, LOC_E_INVALID_ARGUMENT.
 */
LOC_API loc_status loc_collator_new(const char *tag, size_t len, loc_collator **out);

/**
 * loc_collator_free:
 * @c: (transfer full) (nullable)
 */
LOC_API void loc_collator_free(loc_collator *c);

/**
 * loc_collator_tag:
 * Returns: (transfer none) the canonical tag the collator was made for
 * ("" for the root order); valid as long as @c.
 */
LOC_API const char *loc_collator_tag(const loc_collator *c);

/**
 * loc_collator_rules_locale:
 * Returns: (transfer none) the ICU locale whose rules are in use, "root"
 * when the language has no tailoring of its own (then the order is the
 * CLDR root order); valid as long as @c.
 */
LOC_API const char *loc_collator_rules_locale(const loc_collator *c);

/**
 * loc_collate:
 * @a, @alen, @b, @blen: (transfer none) the two texts.
 * @result: (out) negative, 0 or positive as @a sorts before, equal to or
 *          after @b. "Equal" is collation equality: canonically equivalent
 *          texts (NFC and NFD) are equal.
 *
 * Returns: LOC_OK, LOC_E_OVERFLOW, LOC_E_NO_MEMORY, LOC_E_ICU,
 * LOC_E_INVALID_ARGUMENT.
 */
LOC_API loc_status loc_collate(const loc_collator *c, const char *a, size_t alen,
                               const char *b, size_t blen, int *result);

/**
 * loc_collate_key:
 * @s, @len: (transfer none) the text.
 * @out: (out caller-allocates) (nullable) room for @cap bytes.
 * @out_len: (out) length of the key; with LOC_E_BUFFER_TOO_SMALL the length
 *           needed.
 *
 * Sort key: memcmp() of two keys (over the shorter length, then the shorter
 * key first) orders as loc_collate() does. Keys hold no 0 byte except a
 * final terminator, which is counted in *out_len. Keys are only comparable
 * between collators of the same tag and the same ICU version.
 *
 * Returns: LOC_OK, LOC_E_BUFFER_TOO_SMALL, LOC_E_OVERFLOW, LOC_E_NO_MEMORY,
 * LOC_E_ICU, LOC_E_INVALID_ARGUMENT.
 */
LOC_API loc_status loc_collate_key(const loc_collator *c, const char *s, size_t len,
                                   uint8_t *out, size_t cap, size_t *out_len);

/**
 * loc_collate_key_alloc:
 * @out: (out) (transfer full) the key, free with loc_free().
 *
 * Returns: as loc_collate_key() without LOC_E_BUFFER_TOO_SMALL.
 */
LOC_API loc_status loc_collate_key_alloc(const loc_collator *c, const char *s,
                                         size_t len, uint8_t **out, size_t *out_len);

#ifdef __cplusplus
}
#endif
#endif
