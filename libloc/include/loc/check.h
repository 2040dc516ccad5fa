/* libloc — text validation for content creators: encoding, normalization,
 * invisible and bidi characters, syllable structure, do-not-use sequences,
 * mixed scripts and language exemplars, with safe fixes. */
#ifndef LOC_H_INSIDE
#error "Include <loc/loc.h>, not <loc/check.h> directly."
#endif
#ifndef LOC_CHECK_H
#define LOC_CHECK_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum loc_check_severity {
  LOC_SEVERITY_INFO = 0,
  LOC_SEVERITY_WARNING = 1,
  LOC_SEVERITY_ERROR = 2,
} loc_check_severity;

/**
 * loc_check_severity_name:
 * Returns: (transfer none) "info", "warning" or "error"; NULL otherwise.
 */
LOC_API const char *loc_check_severity_name(loc_check_severity s);

/* One rule of the checker. Rule ids are stable: scripts may rely on them. */
typedef struct loc_check_rule {
  const char *id;        /* "not-nfc", "bidi-unbalanced", ... */
  const char *family;    /* "encoding", "normalization", "invisible", ... */
  loc_check_severity severity; /* the severity of its findings (some report lower) */
  const char *summary;   /* one line, English */
  bool fixable;          /* some of its findings carry a safe fix */
  bool needs_lang;       /* only active when the checker has a language */
} loc_check_rule;

/** loc_check_rule_count: Returns: the number of rules (indexes 0..n-1). */
LOC_API size_t loc_check_rule_count(void);

/**
 * loc_check_rule_at:
 * Returns: (transfer none) rule @i, or NULL when out of range.
 */
LOC_API const loc_check_rule *loc_check_rule_at(size_t i);

/**
 * loc_check_rule_parse:
 * @id: a rule id ("not-nfc", "zawgyi", ...).
 * @index: (out) the rule's index, for loc_check_rule_at() and the `rule`
 *         field of findings; untouched on error.
 * Returns: LOC_OK, or LOC_E_INVALID_ARGUMENT (no rule has that id, or NULLs).
 */
LOC_API loc_status loc_check_rule_parse(const char *id, size_t *index);

/*
 * A compiled checker: which rules run, and the language data they use.
 * Immutable once configured (after the last loc_checker_set_rule call) and
 * then safe to share between threads; each thread checks through its own
 * loc_check_ctx.
 */
typedef struct loc_checker loc_checker;

/**
 * loc_checker_new:
 * @lang: (nullable) BCP 47 tag enabling the language-aware rules (exemplar
 *   sets from ICU's locale data), or NULL.
 * @checker: (out) (transfer full) free with loc_checker_free().
 *
 * Every rule is enabled, except those that need a language when @lang is NULL.
 *
 * Returns: LOC_OK, LOC_E_INVALID_TAG, LOC_E_NO_MEMORY, LOC_E_ICU,
 * LOC_E_INVALID_ARGUMENT.
 */
LOC_API loc_status loc_checker_new(const char *lang, loc_checker **checker);

/**
 * loc_checker_set_rule:
 * @id: a rule id, or "all".
 * @enabled: run it or not (a rule that needs a language stays off without one).
 *
 * Not thread-safe: configure before sharing the checker.
 * Returns: LOC_OK, or LOC_E_INVALID_ARGUMENT for an unknown id.
 */
LOC_API loc_status loc_checker_set_rule(loc_checker *checker, const char *id,
                                        bool enabled);

/** loc_checker_rule_enabled: Returns: whether rule @i runs. */
LOC_API bool loc_checker_rule_enabled(const loc_checker *checker, size_t i);

/** loc_checker_free: @checker: (transfer full) (nullable) */
LOC_API void loc_checker_free(loc_checker *checker);

/* One finding. Offsets are byte offsets in the checked text, [offset,
 * offset + length). */
typedef struct loc_check_finding {
  size_t offset, length;
  size_t rule;            /* index for loc_check_rule_at() */
  loc_check_severity severity;
  const char *message;    /* NUL-terminated, English */
  /* The safe replacement for [offset, offset + length), applied by
   * loc_check_fix_alloc(); NULL when the finding has none. */
  const char *fix;
  size_t fix_len;
  /* A change a person must confirm (e.g. the single-script look-alike of a
   * mixed-script word), for the same span; NULL when none. */
  const char *suggestion;
  size_t suggestion_len;
} loc_check_finding;

/* Per-thread checking state. */
typedef struct loc_check_ctx loc_check_ctx;

/**
 * loc_check_ctx_new:
 * @checker: (transfer none) must outlive the context.
 * @ctx: (out) (transfer full) free with loc_check_ctx_free().
 * Returns: LOC_OK, LOC_E_NO_MEMORY, LOC_E_ICU, LOC_E_INVALID_ARGUMENT.
 */
LOC_API loc_status loc_check_ctx_new(const loc_checker *checker,
                                     loc_check_ctx **ctx);

/** loc_check_ctx_free: @ctx: (transfer full) (nullable) */
LOC_API void loc_check_ctx_free(loc_check_ctx *ctx);

/**
 * loc_check_text:
 * @s: (transfer none) one line of text (any bytes: ill-formed UTF-8 is a
 *   finding), without its line terminator; at most INT32_MAX bytes.
 * @findings: (out) (transfer none) the findings in order of offset, valid
 *   until the next call with @ctx.
 * @count: (out) how many.
 *
 * Returns: LOC_OK, LOC_E_NO_MEMORY, LOC_E_ICU, LOC_E_INVALID_ARGUMENT.
 */
LOC_API loc_status loc_check_text(loc_check_ctx *ctx, const char *s,
                                  size_t len,
                                  const loc_check_finding **findings,
                                  size_t *count);

/**
 * loc_check_fix_alloc:
 * @out: (out) (transfer full) NUL-terminated repaired text; free with loc_free().
 * @out_len: (out) its length.
 *
 * Applies the safe fixes of the findings loc_check_text() reports for @s,
 * non-overlapping ones in order; when a fix makes a new fixable finding
 * (e.g. two overlapping repairs), checks and fixes again, a few rounds at
 * most. Text outside the reported spans is copied unchanged. Invalidates
 * the findings of an earlier loc_check_text() call.
 *
 * Returns: as loc_check_text().
 */
LOC_API loc_status loc_check_fix_alloc(loc_check_ctx *ctx, const char *s,
                                       size_t len, char **out,
                                       size_t *out_len);

#ifdef __cplusplus
}
#endif
#endif
