/* libloc — UTF-8 validation and repair. */
#ifndef LOC_H_INSIDE
#error "Include <loc/loc.h>, not <loc/utf8.h> directly."
#endif
#ifndef LOC_UTF8_H
#define LOC_UTF8_H

#ifdef __cplusplus
extern "C" {
#endif

/* One ill-formed subsequence, as Unicode §3.9 "maximal subpart" defines it. */
typedef struct loc_utf8_error {
  size_t offset;   /* byte offset of the first bad byte in the text */
  size_t length;   /* 1..3: bytes that make up the maximal subpart */
  uint8_t byte;    /* value of the byte at @offset */
} loc_utf8_error;

/**
 * loc_utf8_valid_prefix:
 * @s: (transfer none) bytes, may be NULL when @len is 0.
 * @len: number of bytes.
 *
 * Returns: the length of the longest prefix of @s that is well-formed UTF-8
 * (== @len when all of @s is valid). Surrogates and values above U+10FFFF
 * are ill-formed; NUL is a valid character. Never fails.
 */
LOC_API size_t loc_utf8_valid_prefix(const char *s, size_t len);

/**
 * loc_utf8_next_error:
 * @s: (transfer none) bytes.
 * @len: number of bytes.
 * @from: byte offset to start looking at (need not be a character boundary:
 *        a continuation byte there is reported as an error).
 * @err: (out) filled when an error is found.
 *
 * Finds the next ill-formed subsequence at or after @from. To list every
 * error, call again with @from = err->offset + err->length.
 *
 * Returns: true when one was found, false when s[from..len) is valid.
 */
LOC_API bool loc_utf8_next_error(const char *s, size_t len, size_t from,
                                 loc_utf8_error *err);

/**
 * loc_utf8_count_chars:
 * Returns: the number of code points in the valid UTF-8 text @s; each byte of
 * an ill-formed subsequence counts as one (so columns stay meaningful).
 */
LOC_API size_t loc_utf8_count_chars(const char *s, size_t len);

/**
 * loc_utf8_replace:
 * @s, @len: input bytes.
 * @out: (out caller-allocates) buffer of @cap bytes, may be NULL if @cap is 0.
 * @cap: size of @out.
 * @out_len: (out) bytes written or, on LOC_E_BUFFER_TOO_SMALL, bytes needed.
 *
 * Copies @s, replacing each maximal ill-formed subpart with U+FFFD (the W3C /
 * Unicode "substitution of maximal subparts" practice).
 *
 * Returns: LOC_OK, LOC_E_BUFFER_TOO_SMALL or LOC_E_INVALID_ARGUMENT.
 */
LOC_API loc_status loc_utf8_replace(const char *s, size_t len, char *out,
                                    size_t cap, size_t *out_len);

/**
 * loc_utf8_replace_alloc:
 * @out: (out) (transfer full) NUL-terminated result, free with loc_free().
 * @out_len: (out) length of the result without the terminator.
 *
 * Returns: LOC_OK, LOC_E_NO_MEMORY or LOC_E_INVALID_ARGUMENT.
 */
LOC_API loc_status loc_utf8_replace_alloc(const char *s, size_t len,
                                          char **out, size_t *out_len);

#ifdef __cplusplus
}
#endif
#endif
