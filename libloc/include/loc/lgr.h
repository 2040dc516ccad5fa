/* libloc — RFC 7940 Label Generation Rulesets: repertoire, contexts,
 * dispositions, variants and index labels of domain name labels. */
#ifndef LOC_H_INSIDE
#error "Include <loc/loc.h>, not <loc/lgr.h> directly."
#endif
#ifndef LOC_LGR_H
#define LOC_LGR_H

#ifdef __cplusplus
extern "C" {
#endif

/*
 * An LGR is loaded once (loc_lgr_new_file / loc_lgr_new_memory) and is
 * immutable afterwards: any number of threads may evaluate labels against
 * it at once, each with its own loc_lgr_ctx.
 *
 * The XML is read with libxml2 without network access, without loading
 * external DTDs and without substituting entities; a document that declares
 * entities is refused. Files over LOC_LGR_MAX_FILE bytes are refused before
 * parsing. Undefined classes, reference cycles and elements out of place
 * are load errors, reported with the line they are on.
 *
 * Two faults of a file that ICANN's lgr-core tolerates are tolerated here
 * too, each recorded as a warning (loc_lgr_warning()) and reported as a
 * problem by loc_lgr_validate(): a rule named (when, not-when, match,
 * not-match, by-ref) but never defined — a label whose evaluation needs it
 * gets the disposition "undefined-rule" — and a code point or sequence
 * listed twice — the first listing counts and the later one's variants are
 * added to it.
 *
 * Labels are UTF-8 U-labels of at most LOC_LGR_MAX_LABEL code points (no
 * A-label decoding, no dots: one label per call).
 */

#define LOC_LGR_MAX_FILE (64u * 1024 * 1024)
#define LOC_LGR_MAX_LABEL 256
/* Default cap of loc_lgr_variants(). */
#define LOC_LGR_DEFAULT_MAX_VARIANTS 10000

typedef struct loc_lgr loc_lgr;
typedef struct loc_lgr_ctx loc_lgr_ctx;

/* Metadata fields of <meta> (RFC 7940 §4.3). */
typedef enum loc_lgr_meta_field {
  LOC_LGR_META_VERSION = 0,
  LOC_LGR_META_DATE,
  LOC_LGR_META_LANGUAGE,        /* the <language> elements, space-separated */
  LOC_LGR_META_SCOPE,
  LOC_LGR_META_UNICODE_VERSION,
  LOC_LGR_META_VALIDITY_START,
  LOC_LGR_META_VALIDITY_END,
  LOC_LGR_META_DESCRIPTION,
} loc_lgr_meta_field;

/**
 * loc_lgr_new_memory:
 * @data: (transfer none) the XML document, @len bytes.
 * @name: (nullable) file name used in error messages ("<memory>" when NULL).
 * @out: (out) (transfer full) the LGR; free with loc_lgr_free().
 * @error: (out) (optional) (transfer full) on failure, one line
 *         "NAME:LINE: message" (free with loc_free()); NULL on success.
 *
 * Returns: LOC_OK; LOC_E_LGR_XML (not well-formed XML, entity declarations),
 * LOC_E_LGR_FORMAT (not an RFC 7940 document: wrong root or namespace,
 * malformed code points, element out of place), LOC_E_LGR_REFERENCE
 * (undefined class or rule), LOC_E_LGR_CYCLE, LOC_E_LGR_TOO_LARGE,
 * LOC_E_INVALID_ARGUMENT, LOC_E_NO_MEMORY, LOC_E_ICU (a Unicode property
 * class ICU does not know is LOC_E_LGR_FORMAT).
 */
LOC_API loc_status loc_lgr_new_memory(const char *data, size_t len, const char *name,
                                       loc_lgr **out, char **error);

/**
 * loc_lgr_new_file:
 * As loc_lgr_new_memory() for the file at @path; LOC_E_IO when it cannot
 * be read.
 */
LOC_API loc_status loc_lgr_new_file(const char *path, loc_lgr **out, char **error);

/** loc_lgr_warning_count: faults of the file tolerated at load. */
LOC_API size_t loc_lgr_warning_count(const loc_lgr *lgr);

/**
 * loc_lgr_warning:
 * Returns: (transfer none) (nullable) warning @i as "NAME:LINE: message",
 * NULL when @i is out of range.
 */
LOC_API const char *loc_lgr_warning(const loc_lgr *lgr, size_t i);

/** loc_lgr_free: @lgr: (transfer full) (nullable) */
LOC_API void loc_lgr_free(loc_lgr *lgr);

/**
 * loc_lgr_meta:
 * Returns: (transfer none) (nullable) the metadata value, NULL when absent.
 */
LOC_API const char *loc_lgr_meta(const loc_lgr *lgr, loc_lgr_meta_field field);

/**
 * loc_lgr_ctx_new:
 * @lgr: (transfer none) the ruleset the context evaluates with; it must
 *       outlive the context, which remembers it.
 * @out: (out) (transfer full) per-thread scratch; free with
 *       loc_lgr_ctx_free().
 * Returns: LOC_OK, LOC_E_INVALID_ARGUMENT (NULL @lgr or @out), LOC_E_NO_MEMORY.
 */
LOC_API loc_status loc_lgr_ctx_new(const loc_lgr *lgr, loc_lgr_ctx **out);

/** loc_lgr_ctx_free: @ctx: (transfer full) (nullable) */
LOC_API void loc_lgr_ctx_free(loc_lgr_ctx *ctx);

/* The verdict on one label. */
typedef struct loc_lgr_result {
  const char *disposition; /* (transfer none) "invalid", "valid", "blocked",
                              "allocatable", the LGR's own disposition, or
                              "undefined-rule" when the evaluation needed a
                              rule the LGR names but does not define */
  const char *reason;      /* (transfer none) one English line: the code
                              point, context rule or action that decided */
  int32_t codepoint;       /* the code point at fault for repertoire and
                              context failures, or whose reflexive variant
                              type triggered the deciding action; else -1 */
  size_t offset;           /* its byte offset in the label (0 when none) */
  int action;              /* 0-based index of the deciding action in the
                              file, -2 for a default action of RFC 7940
                              §7.6, -1 when the repertoire decided */
  bool in_repertoire;      /* every code point placed, contexts satisfied */
} loc_lgr_result;

/**
 * loc_lgr_evaluate:
 * @ctx: the caller's context, made from the ruleset to evaluate with.
 * @label: (transfer none) UTF-8, @len bytes.
 * @out: (out) the verdict; its strings stay valid until the next call on
 *       @ctx (or as long as @lgr for dispositions).
 *
 * Decides repertoire membership (longest sequence first, RFC 7940 §5.1 and
 * §8.1, when/not-when contexts), then applies the actions in order, then the
 * default actions. Invalid UTF-8, an empty or too long label is disposition
 * "invalid" with the reason — not an error of the call.
 *
 * Returns: LOC_OK, LOC_E_INVALID_ARGUMENT.
 */
LOC_API loc_status loc_lgr_evaluate(loc_lgr_ctx *ctx, const char *label, size_t len, loc_lgr_result *out);

/**
 * loc_lgr_index_label:
 * @index: (out) (transfer none) the index label (RFC 7940 §8.5, as ICANN's
 *         lgr-core computes it: for each way the label splits into
 *         repertoire elements whose contexts hold, per element the least of
 *         it and its variants whose context holds, in code point order; then
 *         the least of these over all splits), UTF-8, valid until the next
 *         call on @ctx. Two labels of one variant set share their index
 *         label when the LGR's variant mappings are symmetric and transitive.
 * @index_len: (out) its length in bytes.
 *
 * Returns: LOC_OK; LOC_E_INVALID_UTF8 or LOC_E_INVALID_ARGUMENT when the
 * label is not in the repertoire (no index label exists);
 * LOC_E_LGR_REFERENCE when computing it needs an undefined rule;
 * LOC_E_NO_MEMORY.
 */
LOC_API loc_status loc_lgr_index_label(loc_lgr_ctx *ctx, const char *label, size_t len,
                                       const char **index, size_t *index_len);

/**
 * loc_lgr_variants:
 * Generates the variant labels of @label (RFC 7940 §8.2) over every split
 * of the label into repertoire elements, each with its disposition (§8.3;
 * the types of the first way a variant is reached count, as in lgr-core).
 * The label itself is not listed; variants whose disposition is "invalid"
 * are dropped (as ICANN's lgr-core does). At most @max are kept (0:
 * LOC_LGR_DEFAULT_MAX_VARIANTS).
 *
 * Afterwards loc_lgr_variant_count() / loc_lgr_variant_at() list them,
 * loc_lgr_variants_total() is the exact number of variants listed, or, when
 * loc_lgr_variants_truncated() is true, lgr-core's estimate: the product
 * over the elements of the longest-match split of (non-reflexive variants
 * + 1), less the label, or the number listed when that is more —
 * UINT64_MAX when it does not fit in 64 bits. It is not a bound when the
 * label splits in more than one way.
 *
 * Returns: LOC_OK (a label not in the repertoire simply has no variants),
 * LOC_E_INVALID_ARGUMENT, LOC_E_NO_MEMORY.
 */
LOC_API loc_status loc_lgr_variants(loc_lgr_ctx *ctx, const char *label, size_t len, size_t max);

/* Flags of loc_lgr_variants_ex(). */
#define LOC_LGR_VARIANTS_WITH_INVALID 1u /* list the "invalid" variants too
                                            (lgr-core's include_invalid) */

/**
 * loc_lgr_variants_ex:
 * As loc_lgr_variants(), with @flags (LOC_LGR_VARIANTS_WITH_INVALID).
 */
LOC_API loc_status loc_lgr_variants_ex(loc_lgr_ctx *ctx, const char *label, size_t len, size_t max,
                                       unsigned flags);

/** loc_lgr_variant_count: variants kept by the last loc_lgr_variants(). */
LOC_API size_t loc_lgr_variant_count(const loc_lgr_ctx *ctx);

/**
 * loc_lgr_variant_at:
 * @label: (out) (transfer none) UTF-8 variant @i, @label_len bytes, valid
 *         until the next call on @ctx.
 * Returns: (transfer none) its disposition, or NULL when @i is out of range.
 */
LOC_API const char *loc_lgr_variant_at(const loc_lgr_ctx *ctx, size_t i, const char **label, size_t *label_len);

/** loc_lgr_variants_total: exact count, or estimate when truncated
 * (UINT64_MAX: the estimate overflows 64 bits). */
LOC_API uint64_t loc_lgr_variants_total(const loc_lgr_ctx *ctx);

/** loc_lgr_variants_truncated: more variants than the cap (or work limit). */
LOC_API bool loc_lgr_variants_truncated(const loc_lgr_ctx *ctx);

/* A problem in an LGR found by loc_lgr_validate(). */
typedef struct loc_lgr_problem {
  const char *check;   /* "undefined-rule", "duplicate" (faults tolerated at
                          load), "symmetry", "transitivity", "idna2008",
                          "unicode-version", "unused-rule", "meta" */
  int32_t codepoint;   /* first code point concerned, or -1 */
  int line;            /* line in the file, or 0 */
  const char *message; /* (transfer none) valid during the callback */
} loc_lgr_problem;

typedef void (*loc_lgr_problem_fn)(const loc_lgr_problem *p, void *user);

/**
 * loc_lgr_validate:
 * @derived_age: (nullable) path of Unicode's DerivedAge.txt; NULL tries
 *               /usr/share/unicode/DerivedAge.txt; the version check is
 *               skipped when the file cannot be read.
 * @fn: called once per problem, in a stable order.
 * @n_problems: (out) (optional) number of problems.
 *
 * Checks the LGR itself: variant mappings symmetric and transitive,
 * repertoire code points PVALID (or CONTEXTJ/CONTEXTO) under IDNA2008
 * (RFC 5892, derived from ICU's properties), code points assigned in the
 * LGR's unicode-version, classes and rules defined but never used.
 *
 * Returns: LOC_OK, LOC_E_INVALID_ARGUMENT, LOC_E_NO_MEMORY.
 */
LOC_API loc_status loc_lgr_validate(const loc_lgr *lgr, const char *derived_age,
                                    loc_lgr_problem_fn fn, void *user,
                                    size_t *n_problems);

#ifdef __cplusplus
}
#endif
#endif
