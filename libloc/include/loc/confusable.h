/* libloc — confusable domain names: a UTS #39 skeleton index of registered
 * names, looked up in constant time. */
#ifndef LOC_H_INSIDE
#error "Include <loc/loc.h>, not <loc/confusable.h> directly."
#endif
#ifndef LOC_CONFUSABLE_H
#define LOC_CONFUSABLE_H

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Two names are confusable when their skeletons are equal. A name's
 * skeleton is taken label by label: the name goes through UTS #46
 * ToUnicode (so A-labels and U-labels, any case, meet in one form), each
 * label gets its UTS #39 skeleton (ICU uspoof_getSkeleton), and the
 * skeletons are joined with full stops. An invalid name is still indexed
 * in the form UTS #46 gives it.
 *
 * A second key, the extended skeleton, finds the look-alikes UTS #39 misses:
 * before the skeleton is taken, the characters of the look-alike table
 * (docs/idn.md; U+04CF CYRILLIC SMALL LETTER PALOCHKA as l, where UTS #39
 * says i, Thai, Lao and Indic letter and digit look-alikes, ...) are
 * replaced by the Latin they pass for, so that "аррӏе.com" meets
 * "apple.com". Each match says which key found it
 * (loc_confusable_match_key()); a name both keys find is a "uts39" match.
 *
 * Use: loc_confusable_index_new(), loc_confusable_index_add() for every
 * registered name, loc_confusable_index_finish(); from then on the index is
 * immutable and any number of threads may look names up at once, each with
 * its own loc_confusable_ctx.
 *
 * Memory: each name costs its bytes and its skeleton's (and its extended
 * skeleton's, when it differs) in one arena, a 20-byte record and 16 bytes
 * per hash slot pair (at most half the slots in use).
 */

typedef struct loc_confusable_index loc_confusable_index;
typedef struct loc_confusable_ctx loc_confusable_ctx;

/* One code point that differs between a looked-up name and a match, in
 * their Unicode forms; -1 on the side that has nothing there. */
typedef struct loc_confusable_diff {
  int32_t input;
  int32_t registered;
} loc_confusable_diff;

/**
 * loc_confusable_index_new:
 * @out: (out) (transfer full) an empty index; free with
 *       loc_confusable_index_free().
 *
 * Returns: LOC_OK, LOC_E_INVALID_ARGUMENT, LOC_E_NO_MEMORY, LOC_E_ICU.
 */
LOC_API loc_status loc_confusable_index_new(loc_confusable_index **out);

/** loc_confusable_index_free: @ix: (transfer full) (nullable) */
LOC_API void loc_confusable_index_free(loc_confusable_index *ix);

/**
 * loc_confusable_index_add:
 * @name: (transfer none) a registered name, UTF-8 of @len bytes; copied.
 *
 * Returns: LOC_OK, LOC_E_INVALID_UTF8 (not added), LOC_E_OVERFLOW (the name
 * or its skeleton is over 65535 bytes, or the index over 4 GiB; not added),
 * LOC_E_STATE (after loc_confusable_index_finish()), LOC_E_INVALID_ARGUMENT,
 * LOC_E_NO_MEMORY, LOC_E_ICU.
 */
LOC_API loc_status loc_confusable_index_add(loc_confusable_index *ix, const char *name,
                                            size_t len);

/**
 * loc_confusable_index_finish:
 * Builds the hash table; the index is read-only afterwards.
 *
 * Returns: LOC_OK, LOC_E_STATE (called twice), LOC_E_INVALID_ARGUMENT,
 * LOC_E_NO_MEMORY.
 */
LOC_API loc_status loc_confusable_index_finish(loc_confusable_index *ix);

/** loc_confusable_index_count: Returns: the number of names added. */
LOC_API size_t loc_confusable_index_count(const loc_confusable_index *ix);

/** loc_confusable_index_bytes: Returns: the heap bytes the index holds. */
LOC_API size_t loc_confusable_index_bytes(const loc_confusable_index *ix);

/**
 * loc_confusable_ctx_new:
 * @index: (transfer none) the index the context looks names up in; it must
 *         outlive the context, which remembers it. The context may be made
 *         before the index is finished.
 * @out: (out) (transfer full) per-thread lookup state; free with
 *       loc_confusable_ctx_free().
 *
 * Returns: LOC_OK, LOC_E_INVALID_ARGUMENT (NULL @index or @out), LOC_E_NO_MEMORY.
 */
LOC_API loc_status loc_confusable_ctx_new(const loc_confusable_index *index,
                                          loc_confusable_ctx **out);

/** loc_confusable_ctx_free: @ctx: (transfer full) (nullable) */
LOC_API void loc_confusable_ctx_free(loc_confusable_ctx *ctx);

/**
 * loc_confusable_lookup:
 * Finds every registered name with the skeleton of @name (the name itself
 * too, when it is registered).
 * @count: (out) the number of matches.
 *
 * Returns: LOC_OK, LOC_E_INVALID_UTF8, LOC_E_OVERFLOW (@name over 65535
 * bytes), LOC_E_STATE (index not finished), LOC_E_INVALID_ARGUMENT,
 * LOC_E_NO_MEMORY, LOC_E_ICU.
 */
LOC_API loc_status loc_confusable_lookup(loc_confusable_ctx *ctx, const char *name,
                                         size_t len, size_t *count);

/**
 * loc_confusable_skeleton:
 * Returns: (transfer none) the skeleton of the last looked-up name (UTF-8,
 * not NUL-terminated, @len bytes), valid until the next lookup on @ctx.
 */
LOC_API const char *loc_confusable_skeleton(const loc_confusable_ctx *ctx, size_t *len);

/**
 * loc_confusable_match_key:
 * Returns: (transfer none) "uts39" when match @i of the last lookup has the
 * name's UTS #39 skeleton, "extended" when only the extended skeletons are
 * equal; NULL when @i is out of range.
 */
LOC_API const char *loc_confusable_match_key(const loc_confusable_ctx *ctx, size_t i);

/**
 * loc_confusable_extended_skeleton:
 * Returns: (transfer none) the extended skeleton of the last looked-up name
 * (@len bytes; the skeleton itself when no look-alike of the table is in
 * the name), valid until the next lookup on @ctx.
 */
LOC_API const char *loc_confusable_extended_skeleton(const loc_confusable_ctx *ctx,
                                                     size_t *len);

/**
 * loc_confusable_match:
 * Returns: (transfer none) match @i of the last lookup, the registered name
 * as it was added (@len bytes), valid while the index lives; NULL when @i
 * is out of range.
 */
LOC_API const char *loc_confusable_match(const loc_confusable_ctx *ctx, size_t i,
                                         size_t *len);

/**
 * loc_confusable_match_diff:
 * The code points that differ between the last looked-up name and match
 * @i, both in UTS #46 Unicode form: after their common beginning and end,
 * position by position.
 * @diffs: (out caller-allocates) room for @cap entries.
 * @n: (out) entries written; with LOC_E_BUFFER_TOO_SMALL, entries needed.
 *
 * Returns: LOC_OK, LOC_E_BUFFER_TOO_SMALL, LOC_E_INVALID_ARGUMENT (also
 * for @i out of range), LOC_E_NO_MEMORY, LOC_E_ICU.
 */
LOC_API loc_status loc_confusable_match_diff(loc_confusable_ctx *ctx, size_t i,
                                             loc_confusable_diff *diffs, size_t cap,
                                             size_t *n);

#ifdef __cplusplus
}
#endif
#endif
