/* Private to the library: included first by every source file. */
#ifndef LOC_INTERNAL_H
#define LOC_INTERNAL_H

#include <loc/loc.h>
#include <stdlib.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Branch hints for hot loops. */
#define LOC_LIKELY(x) __builtin_expect(!!(x), 1)
#define LOC_UNLIKELY(x) __builtin_expect(!!(x), 0)

/* Decode one code point from valid-or-not UTF-8 at s[i], i < len.
 * Returns the code point and sets *n to its byte length; for an ill-formed
 * subsequence returns -1 with *n = maximal subpart length (>= 1). */
int32_t loc__utf8_decode(const uint8_t *s, size_t len, size_t i, size_t *n);

/* Encodes cp (must be a scalar value) into out[0..3]; returns byte count. */
size_t loc__utf8_encode(uint32_t cp, char *out);
/* Where a piece of a long text that starts at @from should end so that it is
 * at most @piece bytes: after the last space or tab of the next @piece bytes
 * (a line may break there), else at the last character boundary; @len when
 * the rest fits. Used to lay out or shape very long lines in bounded memory. */
size_t loc__piece_end(const char *s, size_t len, size_t from, size_t piece);

/* A script (UScriptCode) and how many characters of it a text has. */
typedef struct loc__script_n {
  int32_t script;
  uint64_t n;
} loc__script_n;

/* The dominant script of a text with these counts (each script at most
 * once, in any order), by the rules of loc_script_summary_dominant():
 * script_summary.c, also used by the language detector. */
int32_t loc__script_dominant(const loc__script_n *counts, size_t len);

/* ---------- normalization (normalize.c, normalize_icu.cc) ---------- */

/* A growable byte buffer; data may be NULL while cap is 0. */
typedef struct loc__buf {
  char *data;
  size_t len, cap;
} loc__buf;

/* Makes room for @extra more bytes after len (buf.c, over loc__grow).
 * LOC_OK or LOC_E_NO_MEMORY. */
loc_status loc__buf_reserve(loc__buf *b, size_t extra);


/* Thin C layer over icu::Normalizer2 (normalize_icu.cc). Inputs must be
 * UTF-8 of at most INT32_MAX bytes (ill-formed bytes are copied through as
 * inert boundaries, see emit_all() in normalize.c); an opaque normalizer comes
 * from loc__icu_normalizer() and is immutable and shared. */
const void *loc__icu_normalizer(int form, loc_status *status);
/* Writes what fits into out[0..cap) and sets *out_len to the full size. */
loc_status loc__icu_normalize_to(const void *n, const char *in, size_t len,
                                 char *out, size_t cap, size_t *out_len);
/* Appends the normalized text to @out. */
loc_status loc__icu_normalize_append(const void *n, const char *in, size_t len,
                                     loc__buf *out);
loc_status loc__icu_is_normalized(const void *n, const char *in, size_t len,
                                  bool *result);
/* Byte offset of the first text that normalization changes, or len. */
loc_status loc__icu_first_change(const void *n, const char *in, size_t len,
                                 size_t *offset);
/* True when text can be split before @cp without changing its normalization. */
bool loc__icu_boundary_before(const void *n, int32_t cp);

/* Walks @in as alternating pieces: well-formed runs (valid = true, at most
 * 2^30 bytes, cut at boundaries) and single ill-formed subsequences (maximal
 * subparts). A status other than LOC_OK from @fn stops the walk and is
 * returned. */
typedef loc_status (*piece_fn)(void *user, const char *p, size_t len, bool valid);
loc_status loc__norm_pieces(const void *n, const char *in, size_t len,
                            piece_fn fn, void *user);
/* Returns len when s[0..len) is well-formed and already in @form (NFC, NFD,
 * NFKC or NFKD; @n its ICU normalizer), decided by one fused validation and
 * UAX #15 quick-check pass; anything smaller means "not known to be": the
 * caller then asks ICU. */
size_t loc__norm_quick_prefix(const void *n, loc_normalize_form form, const char *s,
                              size_t len);
/* Longest text the callers give loc__decompose(): its own pass is faster
 * than ICU's on short text, where ICU's per-call setup dominates (a line at
 * a time: loctext's normalize 0.77x -> 1.4x PyICU), but ICU's native UTF-8
 * decomposition is faster on long text (bench/lib_normalize's 64 KiB
 * blocks: 227 M + 56 M instructions against ICU's 216 M). */
#define LOC__DECOMPOSE_OWN_MAX ((size_t)4096)
/* NFD or NFKD of @in as loc_normalize() writes it, in the library's own
 * pass (normalize_decompose.c); LOC_E_STATE when it cannot (another form,
 * ill-formed bytes, a very long run of non-starters): then ask ICU. */
loc_status loc__decompose(loc_normalize_form form, const char *in, size_t len, char *out,
                          size_t cap, size_t *out_len);
/* Appends the normalization of @in (any bytes) to @out. */
loc_status loc__norm_append(const void *n, const char *in, size_t len,
                            loc__buf *out);

#ifdef __cplusplus
}
#endif
#endif
