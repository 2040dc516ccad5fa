/* libloc — Unicode normalization (UAX #15) of UTF-8 text. */
#ifndef LOC_H_INSIDE
#error "Include <loc/loc.h>, not <loc/normalize.h> directly."
#endif
#ifndef LOC_NORMALIZE_H
#define LOC_NORMALIZE_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum loc_normalize_form {
  LOC_NORMALIZE_NFC = 0,
  LOC_NORMALIZE_NFD,
  LOC_NORMALIZE_NFKC,
  LOC_NORMALIZE_NFKD,
  LOC_NORMALIZE_NFKC_CF, /* NFKC_Casefold (UAX #31 / UTS #46 style folding) */
  LOC_NORMALIZE_FORM_COUNT_
} loc_normalize_form;

/**
 * loc_normalize_form_parse:
 * @name: "nfc", "nfd", "nfkc", "nfkd", "nfkc_cf" (also "nfkc_casefold"),
 *        case-insensitive.
 * @form: (out)
 *
 * Returns: LOC_OK, LOC_E_UNKNOWN_FORM, or LOC_E_INVALID_ARGUMENT for NULLs.
 */
LOC_API loc_status loc_normalize_form_parse(const char *name, loc_normalize_form *form);

/**
 * loc_normalize_form_name:
 * Returns: (transfer none) "nfc", ..., "nfkc_cf", or NULL for an unknown form.
 */
LOC_API const char *loc_normalize_form_name(loc_normalize_form form);

/*
 * Ill-formed UTF-8 in the input is never dropped: each ill-formed
 * subsequence is copied to the output unchanged and acts as a normalization
 * boundary. Callers that must reject it validate first (loc_utf8_next_error).
 * Every form is idempotent on well-formed text. With ill-formed text,
 * NFKC_Casefold can delete a default-ignorable character that separated two
 * ill-formed fragments, which may then read as one character: normalizing
 * the result again can change it.
 */

/**
 * loc_normalize:
 * @form: the normalization form.
 * @in: (transfer none) UTF-8 text of @len bytes (may be NULL when @len is 0).
 * @out: (out caller-allocates) buffer of @cap bytes (may be NULL when @cap is 0).
 * @out_len: (out) bytes written; with LOC_E_BUFFER_TOO_SMALL, bytes needed.
 *
 * @in and @out must not overlap. Thread-safe.
 *
 * Returns: LOC_OK, LOC_E_BUFFER_TOO_SMALL, LOC_E_INVALID_ARGUMENT,
 * LOC_E_UNKNOWN_FORM, LOC_E_NO_MEMORY, LOC_E_ICU.
 */
LOC_API loc_status loc_normalize(loc_normalize_form form, const char *in,
                                 size_t len, char *out, size_t cap,
                                 size_t *out_len);

/**
 * loc_normalize_alloc:
 * @out: (out) (transfer full) NUL-terminated result; free with loc_free().
 * @out_len: (out) (optional) its length without the terminator.
 *
 * Returns: as loc_normalize(), never LOC_E_BUFFER_TOO_SMALL.
 */
LOC_API loc_status loc_normalize_alloc(loc_normalize_form form, const char *in,
                                       size_t len, char **out,
                                       size_t *out_len);

/**
 * loc_normalize_unchanged_prefix:
 * @prefix_len: (out) length of the longest prefix of @in that normalization
 *   would leave unchanged and that ends at a normalization boundary, so that
 *   normalize(in) == in[0..prefix) + normalize(in[prefix..len)).
 *   Equal to @len exactly when @in is already normalized.
 *
 * This is the quick-check fast path: no output is produced. Thread-safe.
 *
 * Returns: LOC_OK, LOC_E_INVALID_ARGUMENT, LOC_E_UNKNOWN_FORM, LOC_E_ICU.
 */
LOC_API loc_status loc_normalize_unchanged_prefix(loc_normalize_form form, const char *in,
                                         size_t len, size_t *prefix_len);

/**
 * loc_normalize_check:
 * @result: (out) true when normalizing @in would leave it unchanged.
 *
 * Returns: as loc_normalize_unchanged_prefix().
 */
LOC_API loc_status loc_normalize_check(loc_normalize_form form, const char *in,
                                     size_t len, bool *result);

/*
 * Streaming: text of any length in bounded memory. The stream keeps only the
 * text after the last normalization boundary it has seen, so the output is
 * the same as normalizing the concatenation of all writes at once, whatever
 * the cut points. Input may be cut anywhere, even inside a character.
 * A stream belongs to one thread at a time.
 */
typedef struct loc_normalize_stream loc_normalize_stream;

/* Receives output. Returning anything but LOC_OK aborts the call, which then
 * returns that status. */
typedef loc_status (*loc_sink_fn)(void *user, const char *data, size_t len);

/**
 * loc_normalize_stream_new:
 * @stream: (out) (transfer full) free with loc_normalize_stream_free().
 * Returns: LOC_OK, LOC_E_UNKNOWN_FORM, LOC_E_NO_MEMORY, LOC_E_INVALID_ARGUMENT.
 */
LOC_API loc_status loc_normalize_stream_new(loc_normalize_form form,
                                       loc_normalize_stream **stream);

/**
 * loc_normalize_stream_write:
 * Normalizes what can be decided of @in and passes it to @sink; keeps the
 * undecided tail (bounded: a boundary-free run is cut after 1 MiB, as
 * UAX #15's stream-safe format allows).
 */
LOC_API loc_status loc_normalize_stream_write(loc_normalize_stream *stream,
                                         const char *in, size_t len,
                                         loc_sink_fn sink, void *user);

/**
 * loc_normalize_stream_finish:
 * Flushes the kept tail to @sink; the stream can then be reused for new text.
 */
LOC_API loc_status loc_normalize_stream_finish(loc_normalize_stream *stream,
                                          loc_sink_fn sink, void *user);

/** loc_normalize_stream_free: @stream: (transfer full) (nullable) */
LOC_API void loc_normalize_stream_free(loc_normalize_stream *stream);


/*
 * ---------- Advanced: a normalizer object for hot loops ----------
 *
 * The calls above validate their input and run a quick check on every call.
 * A caller that reads large amounts of text can do each step once itself:
 * loc_normalizer_quick_prefix() validates and quick-checks in one pass, and
 * when it stops short, loc_normalizer_normalize_valid() normalizes text the
 * caller knows to be well-formed UTF-8 (for example the run up to
 * loc_utf8_valid_prefix()) without reading it a second time.
 *
 * Such a caller does:
 *
 *   if (loc_normalizer_quick_prefix(n, s, len) == len)
 *     write(s, len);                 // valid and already normalized
 *   else
 *     ... validate, then loc_normalizer_normalize_valid() the valid runs
 *
 * A normalizer is immutable once made: any number of threads may use one at
 * the same time.
 */
typedef struct loc_normalizer loc_normalizer;

/**
 * loc_normalizer_new:
 * @form: the normalization form.
 * @normalizer: (out) (transfer full) free with loc_normalizer_free().
 *
 * Returns: LOC_OK, LOC_E_UNKNOWN_FORM, LOC_E_ICU, LOC_E_NO_MEMORY,
 * LOC_E_INVALID_ARGUMENT.
 */
LOC_API loc_status loc_normalizer_new(loc_normalize_form form, loc_normalizer **normalizer);

/** loc_normalizer_free: @normalizer: (transfer full) (nullable) */
LOC_API void loc_normalizer_free(loc_normalizer *normalizer);

/** loc_normalizer_form: Returns: the form @normalizer was made for. */
LOC_API loc_normalize_form loc_normalizer_form(const loc_normalizer *normalizer);

/**
 * loc_normalizer_quick_prefix:
 * @in: (transfer none) any bytes, @len of them.
 *
 * One pass that validates UTF-8 and applies the UAX #15 quick check.
 *
 * Returns: the length of a prefix of @in that is well-formed UTF-8, already
 * normalized and ends at a normalization boundary; @len exactly when all of
 * @in is well-formed and normalized. A shorter result only means "not
 * known to be": the prefix may stop before the first change (at the start
 * of the segment that needs a closer look, or at the first ill-formed
 * byte). For LOC_NORMALIZE_NFKC_CF, which has no quick-check property, the
 * result is @len or 0. 0 for a NULL argument.
 */
LOC_API size_t loc_normalizer_quick_prefix(const loc_normalizer *normalizer,
                                           const char *in, size_t len);

/**
 * loc_normalizer_normalize_valid:
 * @in: (transfer none) UTF-8 text the caller knows to be well-formed.
 * @out: (out caller-allocates) buffer of @cap bytes (may be NULL when @cap is 0).
 * @out_len: (out) bytes written; with LOC_E_BUFFER_TOO_SMALL, bytes needed.
 *
 * Normalizes without validating and without a quick check first. The call
 * is safe on any input: given ill-formed bytes anyway, the result is still
 * that of loc_normalize() (they are copied through as boundaries). @in and
 * @out must not overlap. Thread-safe.
 *
 * Returns: as loc_normalize().
 */
LOC_API loc_status loc_normalizer_normalize_valid(const loc_normalizer *normalizer,
                                                  const char *in, size_t len,
                                                  char *out, size_t cap,
                                                  size_t *out_len);

/**
 * loc_normalizer_check_valid:
 * @in: (transfer none) UTF-8 text the caller knows to be well-formed.
 * @result: (out) true when normalizing @in would leave it unchanged.
 *
 * loc_normalize_check() without validation. Given ill-formed bytes, the
 * answer is unspecified (the call is still safe). Thread-safe.
 *
 * Returns: LOC_OK, LOC_E_INVALID_ARGUMENT, LOC_E_ICU, LOC_E_NO_MEMORY.
 */
LOC_API loc_status loc_normalizer_check_valid(const loc_normalizer *normalizer,
                                                      const char *in, size_t len,
                                                      bool *result);

/*
 * ---------- UTF-16 ----------
 *
 * The same normalizer on UTF-16 text (code units in the machine's byte
 * order), for callers whose strings are UTF-16 or fixed-width already (a
 * runtime's string object, ICU's UnicodeString): no conversion to UTF-8
 * and back. An unpaired surrogate is copied to the output unchanged and
 * acts as a normalization boundary; callers that must reject it check
 * first. As with ill-formed UTF-8, NFKC_Casefold can delete a default
 * ignorable that separated two unpaired surrogates, which then read as one
 * character: normalizing such a result again can change it. Lengths are
 * in code units and at most INT32_MAX (ICU's limit).
 */

/**
 * loc_normalizer_quick_prefix_utf16:
 * @in: (transfer none) UTF-16 text, @len code units.
 *
 * The UAX #15 quick check over UTF-16, for every form (NFKC_Casefold
 * included: ICU's data gives it a quick check too).
 *
 * Returns: the length of a prefix of @in that is already normalized and
 * ends at a normalization boundary, so that normalizing @in gives that
 * prefix followed by the normalized rest; @len exactly when all of @in is
 * normalized. A shorter result only means "not known to be" (the prefix
 * stops at the start of the segment that needs a closer look). 0 for a
 * NULL argument or @len over INT32_MAX.
 */
LOC_API size_t loc_normalizer_quick_prefix_utf16(const loc_normalizer *normalizer,
                                                 const uint16_t *in, size_t len);

/**
 * loc_normalizer_normalize_utf16:
 * @in: (transfer none) UTF-16 text, @len code units (may be NULL when @len is 0).
 * @out: (out caller-allocates) buffer of @cap code units (may be NULL when @cap is 0).
 * @out_len: (out) code units written; with LOC_E_BUFFER_TOO_SMALL, code
 *   units needed (and the buffer's contents are unspecified).
 *
 * Normalizes UTF-16 text; nothing is NUL-terminated. @in and @out must
 * not overlap. Thread-safe.
 *
 * Returns: LOC_OK, LOC_E_BUFFER_TOO_SMALL, LOC_E_INVALID_ARGUMENT,
 * LOC_E_OVERFLOW (@len over INT32_MAX), LOC_E_NO_MEMORY, LOC_E_ICU.
 */
LOC_API loc_status loc_normalizer_normalize_utf16(const loc_normalizer *normalizer,
                                                  const uint16_t *in, size_t len,
                                                  uint16_t *out, size_t cap,
                                                  size_t *out_len);

#ifdef __cplusplus
}
#endif
#endif
