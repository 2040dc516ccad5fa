/* libloc — transliteration: ICU transforms plus the project's own rule sets. */
#ifndef LOC_H_INSIDE
#error "Include <loc/loc.h>, not <loc/translit.h> directly."
#endif
#ifndef LOC_TRANSLIT_H
#define LOC_TRANSLIT_H

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A loc_translit is a compiled transform: immutable, reference-counted and
 * shared by every thread. Transforms opened by ID are kept in a process-wide
 * cache, so opening the same ID again costs a lookup, not a compilation
 * (12-50 ms in ICU). Text goes through a loc_translit_ctx, which belongs to
 * one thread at a time and holds that thread's clone of the ICU object, its
 * buffers and its per-token output cache.
 *
 * The project's rule sets (libloc/data/translit/) are registered with ICU
 * under the standard "<Script>-Latin" IDs before the first transform is
 * opened, so "Any-Latin" reaches the scripts ICU leaves untouched.
 *
 * Each line gets what ICU's transform makes of it whole. A line is cut into
 * words (transformed apart, repeated words from the cache) only at the
 * separators the transform provably cannot see across, each word seeing the
 * separator on either side as context; otherwise the line goes whole. A
 * line break is never transformed: the line's last word sees it as context
 * and it is copied. Ill-formed UTF-8 is copied and splits the text.
 * With Any-Latin (and compounds with it that end in Latin or ASCII) a Han
 * character without a reading is written {U+XXXX}; no other ID does that.
 */
typedef struct loc_translit loc_translit;
typedef struct loc_translit_ctx loc_translit_ctx;

enum {
  /* The inverse transform (ICU's UTRANS_REVERSE). */
  LOC_TRANSLIT_REVERSE = 1u << 0,
  /* Cut only at '\n' (lines go whole); no per-token cache. */
  LOC_TRANSLIT_LINES = 1u << 1,
  /* Cut as usual but keep no per-token cache (to measure what the cache
   * gains; the output is the same). */
  LOC_TRANSLIT_NO_CACHE = 1u << 2,
};

/* Where and why opening a transform failed. */
typedef struct loc_translit_error {
  /* Byte offset in the ID or rules where ICU stopped, or -1 when unknown. */
  int64_t offset;
  /* Line (from 1) and column (characters, from 1) of @offset in the rules,
   * 0 when unknown. */
  uint32_t line, column;
  /* One line of English naming the ID or quoting the rules around @offset. */
  char message[256];
} loc_translit_error;

/**
 * loc_translit_new:
 * @id: an ICU transform ID ("Any-Latin", "Greek-Latin/UNGEGN"), a compound
 *   ID ("Any-Latin; Latin-ASCII"), IDs with filters ("[:Cyrl:] Any-Latin"),
 *   or inline rules: text containing '>', '<', '→' or "::" is compiled as
 *   ICU rules (as loc_translit_new_rules()).
 * @flags: LOC_TRANSLIT_REVERSE, LOC_TRANSLIT_LINES.
 * @out: (out) (transfer full) release with loc_translit_free().
 * @err: (out) (optional) details when the call fails.
 *
 * Thread-safe. Transforms opened by ID are cached for the life of the
 * process.
 *
 * Returns: LOC_OK, LOC_E_UNKNOWN_TRANSFORM (@err->message names the ID; in a
 * compound ID the step that is unknown, with its number, @err->offset at it),
 * LOC_E_TRANSFORM_RULES, LOC_E_INVALID_ARGUMENT, LOC_E_NO_MEMORY, LOC_E_ICU.
 */
LOC_API loc_status loc_translit_new(const char *id, unsigned flags,
                                     loc_translit **out,
                                     loc_translit_error *err);

/**
 * loc_translit_new_rules:
 * @rules: (transfer none) ICU transform rules in UTF-8, @len bytes.
 * @flags: as loc_translit_new().
 *
 * Not cached. Returns: as loc_translit_new(); a syntax error gives
 * LOC_E_TRANSFORM_RULES with @err->offset, line and column set.
 */
LOC_API loc_status loc_translit_new_rules(const char *rules, size_t len,
                                           unsigned flags, loc_translit **out,
                                           loc_translit_error *err);

/** loc_translit_free: @t: (transfer full) (nullable) drops one reference. */
LOC_API void loc_translit_free(loc_translit *t);

/**
 * loc_translit_id:
 * Returns: (transfer none) the ID ICU gives the transform, valid while @t is.
 */
LOC_API const char *loc_translit_id(const loc_translit *t);

/**
 * loc_translit_ctx_new:
 * @t: (transfer none) the transform; the context keeps its own reference.
 * @ctx: (out) (transfer full) free with loc_translit_ctx_free().
 * Returns: LOC_OK, LOC_E_NO_MEMORY, LOC_E_ICU, LOC_E_INVALID_ARGUMENT.
 */
LOC_API loc_status loc_translit_ctx_new(loc_translit *t, loc_translit_ctx **ctx);

/** loc_translit_ctx_free: @ctx: (transfer full) (nullable) */
LOC_API void loc_translit_ctx_free(loc_translit_ctx *ctx);

/**
 * loc_translit_write:
 * Transforms what can be decided of @in (the text up to its last permitted
 * cut) and passes it to @sink; keeps the rest for the next call.
 * Input may be cut anywhere, even inside a character: the output equals
 * that of the concatenated input. Ill-formed UTF-8 is copied through
 * unchanged and acts as a token boundary.
 *
 * Returns: LOC_OK, LOC_E_NO_MEMORY, LOC_E_ICU, or what @sink returned.
 */
LOC_API loc_status loc_translit_write(loc_translit_ctx *ctx, const char *in,
                                      size_t len, loc_sink_fn sink, void *user);

/**
 * loc_translit_finish:
 * Transforms the kept tail; the context can then take new text.
 */
LOC_API loc_status loc_translit_finish(loc_translit_ctx *ctx, loc_sink_fn sink,
                                       void *user);

/**
 * loc_translit_text:
 * One-shot form: transforms @in (@len bytes) into @out[0..@cap).
 * @out_len: (out) bytes written; with LOC_E_BUFFER_TOO_SMALL, bytes needed.
 * Discards any text a previous loc_translit_write() kept.
 *
 * Returns: LOC_OK, LOC_E_BUFFER_TOO_SMALL, LOC_E_NO_MEMORY, LOC_E_ICU,
 * LOC_E_INVALID_ARGUMENT.
 */
LOC_API loc_status loc_translit_text(loc_translit_ctx *ctx, const char *in,
                                     size_t len, char *out, size_t cap,
                                     size_t *out_len);

/**
 * loc_translit_text_alloc:
 * @out: (out) (transfer full) NUL-terminated result; free with loc_free().
 * @out_len: (out) (optional) its length.
 */
LOC_API loc_status loc_translit_text_alloc(loc_translit_ctx *ctx,
                                           const char *in, size_t len,
                                           char **out, size_t *out_len);

/**
 * loc_translit_cache_stats:
 * @hits, @misses: (out) (optional) token-cache lookups of this context
 *   that found / did not find the token.
 */
LOC_API void loc_translit_cache_stats(const loc_translit_ctx *ctx,
                                      uint64_t *hits, uint64_t *misses);

/* Receives one available transform ID and a one-line English description.
 * Return false to stop. */
typedef bool (*loc_translit_id_fn)(void *user, const char *id,
                                   const char *description);

/**
 * loc_translit_list:
 * Calls @fn for every transform ID ICU and the project provide, sorted.
 * Returns: LOC_OK, LOC_E_NO_MEMORY, LOC_E_ICU.
 */
LOC_API loc_status loc_translit_list(loc_translit_id_fn fn, void *user);

#ifdef __cplusplus
}
#endif
#endif
