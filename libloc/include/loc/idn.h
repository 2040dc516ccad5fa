/* libloc — internationalised domain names: UTS #46 ToASCII and ToUnicode. */
#ifndef LOC_H_INSIDE
#error "Include <loc/loc.h>, not <loc/idn.h> directly."
#endif
#ifndef LOC_IDN_H
#define LOC_IDN_H

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Profile `uts46`: UTS #46 processing with CheckHyphens, CheckBidi,
 * CheckJoiners, UseSTD3ASCIIRules and VerifyDnsLength (ToASCII only), the
 * settings of IdnaTestV2.txt. Nontransitional by default; the flag
 * LOC_IDN_TRANSITIONAL selects transitional ToASCII.
 *
 * Whether a name is valid is decided by ICU's UTS #46 implementation
 * (uidna). The output string is the one UTS #46 §4 defines even for an
 * invalid name (ICU's own output for invalid names is not specified): the
 * mapped, normalized labels, Punycode-decoded (ToUnicode) or encoded
 * (ToASCII); a disallowed code point is kept as it was in the input, an
 * A-label that does not decode is kept as it is.
 *
 * A rejected name is not an error of the call: the call returns LOC_OK and
 * the context lists the errors (loc_idn_ok() is false). Each error has a
 * UTS #46 status code as used in IdnaTestV2.txt (P1, P4, V1..V6, B1..B6,
 * C1, C2, A4_1, A4_2, X4_2) or a project code:
 *   X_UTF8      the input is not well-formed UTF-8 (nothing is converted,
 *               the output is empty); one error per ill-formed subsequence;
 *   X_TOO_LONG  the input is longer than LOC_IDN_MAX_INPUT bytes (nothing
 *               is converted, the output is empty);
 *   X_ICU       ICU rejected the name for a reason the explanation pass
 *               could not locate (the message names ICU's error bit).
 * At most LOC_IDN_MAX_ERRORS errors are kept per name. A rejected name is
 * explained when its errors are first asked for (loc_idn_error_count() and
 * the other accessors), so the loc_idn of the call must still exist then.
 *
 * Threads: a loc_idn is immutable after loc_idn_new() and may be used by
 * any number of threads at once. A loc_idn_ctx holds the per-call state
 * (scratch buffers and the last call's errors) and belongs to one thread at
 * a time; use one context per thread.
 */

/* Names longer than this many bytes are rejected with X_TOO_LONG. A DNS
 * name is at most 253 octets, but ignored code points (soft hyphens,
 * variation selectors) can make a much longer input map to a valid name. */
#define LOC_IDN_MAX_INPUT 65536
/* Errors kept per name; loc_idn_truncated() says when more were found. */
#define LOC_IDN_MAX_ERRORS 64

/* Flags of loc_idn_to_ascii() / loc_idn_to_unicode() / loc_idn_check(). */
enum {
  LOC_IDN_TRANSITIONAL = 1u << 0, /* ToASCII with transitional mapping */
  LOC_IDN_CHECK_UTS46 = 1u << 1,  /* loc_idn_check() with profile uts46 */
  LOC_IDN_URL = 1u << 2,          /* profile url (all three calls), see below */
};

/*
 * Profile `url` (flag LOC_IDN_URL): the WHATWG URL Standard's "domain to
 * ASCII" with beStrict false, as its host parser runs it: UTS #46
 * nontransitional processing with CheckHyphens, UseSTD3ASCIIRules and
 * VerifyDnsLength off and CheckBidi, CheckJoiners on, then the host
 * parser's check for forbidden domain code points (controls, space, % and
 * "#/:<>?@[\\]^|" and U+007F) in the result. Hyphens anywhere and empty or
 * long labels are allowed; ASCII punctuation that the STD3 rules forbid
 * (such as '_' or '$') is valid. The project codes of this profile:
 *   X_FORBIDDEN the result has a forbidden domain code point (URL Standard,
 *               host parsing, validation error domain-invalid-code-point);
 *   X_EMPTY     the result is the empty string (domain-to-ASCII failure).
 * to-unicode with LOC_IDN_URL is ToUnicode with the same settings and the
 * same forbidden-code-point check (the URL Standard's "domain to Unicode"
 * of a host that parsed). LOC_IDN_TRANSITIONAL with LOC_IDN_URL is refused
 * (LOC_E_INVALID_ARGUMENT); in loc_idn_check() LOC_IDN_URL takes the place
 * of LOC_IDN_CHECK_UTS46.
 */

/* UTS #39 §5.2 restriction levels, most restrictive first. */
typedef enum loc_idn_level {
  LOC_IDN_LEVEL_NONE = -1, /* not computed (no check call, unreadable input) */
  LOC_IDN_LEVEL_ASCII,
  LOC_IDN_LEVEL_SINGLE_SCRIPT,
  LOC_IDN_LEVEL_HIGHLY_RESTRICTIVE,
  LOC_IDN_LEVEL_MODERATELY_RESTRICTIVE,
  LOC_IDN_LEVEL_MINIMALLY_RESTRICTIVE,
  LOC_IDN_LEVEL_UNRESTRICTED,
} loc_idn_level;

/* Flag of loc_idn_check(): reject (error R_LEVEL) a name with a label less
 * restrictive than @level. */
#define LOC_IDN_MAX_LEVEL(level) (((unsigned)(level) + 1u) << 8)
#define LOC_IDN_MAX_LEVEL_MASK (0xFu << 8)

/* RFC 5892 §3 derived property values. */
typedef enum loc_idn_property {
  LOC_IDN_PVALID,
  LOC_IDN_CONTEXTJ,
  LOC_IDN_CONTEXTO,
  LOC_IDN_DISALLOWED,
  LOC_IDN_UNASSIGNED,
} loc_idn_property;

/* One reason a name was rejected. */
typedef struct loc_idn_error {
  const char *code;    /* (transfer none) "P1", "B1", "X_UTF8", ... */
  size_t label;        /* 0-based label index (labels as split after mapping) */
  size_t offset;       /* byte offset in the input of the offending character;
                          of the label's start when the character came from
                          decoding an A-label or no single one is at fault */
  int32_t codepoint;   /* the offending code point, or -1 when none */
  const char *message; /* (transfer none) one English line, e.g. "U+2603
                          SNOWMAN is disallowed (UTS #46 §4 step 1, status P1)" */
  const char *lookalike; /* (transfer none) (nullable) for W_WHOLE_SCRIPT and
                          W_DIGIT_LOOKALIKE: the Latin text (UTF-8) the label
                          can pass for, e.g. "apple"; NULL otherwise */
} loc_idn_error;

typedef struct loc_idn loc_idn;
typedef struct loc_idn_ctx loc_idn_ctx;

/**
 * loc_idn_new:
 * @out: (out) (transfer full) the `uts46` profile; free with loc_idn_free().
 *
 * Returns: LOC_OK, LOC_E_INVALID_ARGUMENT (NULL @out), LOC_E_NO_MEMORY,
 * LOC_E_ICU (ICU's data is missing).
 */
LOC_API loc_status loc_idn_new(loc_idn **out);

/** loc_idn_free: @idn: (transfer full) (nullable) */
LOC_API void loc_idn_free(loc_idn *idn);

/**
 * loc_idn_ctx_new:
 * @idn: (transfer none) the profile the context works with; it must outlive
 *       the context, which remembers it.
 * @out: (out) (transfer full) free with loc_idn_ctx_free().
 *
 * Returns: LOC_OK, LOC_E_INVALID_ARGUMENT (NULL @idn or @out), LOC_E_NO_MEMORY.
 */
LOC_API loc_status loc_idn_ctx_new(const loc_idn *idn, loc_idn_ctx **out);

/** loc_idn_ctx_free: @ctx: (transfer full) (nullable) */
LOC_API void loc_idn_ctx_free(loc_idn_ctx *ctx);

/**
 * loc_idn_to_ascii:
 * @ctx: the caller's context (made from the profile to use); receives the
 *       errors of this call.
 * @flags: 0 or LOC_IDN_TRANSITIONAL.
 * @in: (transfer none) the name, UTF-8 of @len bytes (NULL when @len is 0);
 *      NUL is a character (disallowed).
 * @out: (out caller-allocates) buffer of @cap bytes (NULL when @cap is 0);
 *       not NUL-terminated.
 * @out_len: (out) bytes written; with LOC_E_BUFFER_TOO_SMALL, bytes needed.
 *
 * Returns: LOC_OK (whether or not the name is valid: see loc_idn_ok()),
 * LOC_E_BUFFER_TOO_SMALL (the context still holds the errors),
 * LOC_E_INVALID_ARGUMENT (NULL @ctx or @out_len, unknown flags, NULL
 * @in with @len > 0, NULL @out with @cap > 0), LOC_E_NO_MEMORY, LOC_E_ICU.
 */
LOC_API loc_status loc_idn_to_ascii(loc_idn_ctx *ctx, unsigned flags, const char *in, size_t len,
                                    char *out, size_t cap, size_t *out_len);

/**
 * loc_idn_to_unicode:
 * As loc_idn_to_ascii(), for UTS #46 ToUnicode (always nontransitional;
 * LOC_IDN_TRANSITIONAL is refused with LOC_E_INVALID_ARGUMENT). ToUnicode
 * validates like ToASCII, except that DNS lengths are not checked.
 */
LOC_API loc_status loc_idn_to_unicode(loc_idn_ctx *ctx, unsigned flags, const char *in, size_t len,
                                      char *out, size_t cap, size_t *out_len);

/**
 * loc_idn_to_ascii_alloc:
 * @out: (out) (transfer full) NUL-terminated result, free with loc_free().
 * @out_len: (out) (optional) its length without the terminator.
 *
 * Returns: as loc_idn_to_ascii(), never LOC_E_BUFFER_TOO_SMALL.
 */
LOC_API loc_status loc_idn_to_ascii_alloc(loc_idn_ctx *ctx, unsigned flags, const char *in,
                                          size_t len, char **out, size_t *out_len);

/** loc_idn_to_unicode_alloc: as loc_idn_to_ascii_alloc(), for ToUnicode. */
LOC_API loc_status loc_idn_to_unicode_alloc(loc_idn_ctx *ctx, unsigned flags, const char *in,
                                            size_t len, char **out, size_t *out_len);

/**
 * loc_idn_check:
 * Profile `registration` (strict IDNA2008, RFC 5891 §4, RFC 5892, RFC 5893)
 * unless @flags has LOC_IDN_CHECK_UTS46, which makes it loc_idn_to_ascii()
 * (nontransitional). Nothing is mapped: each label must already be an
 * LDH label (ASCII letters, digits, hyphen; either case), a U-label
 * (NFC, only PVALID code points and CONTEXTJ/CONTEXTO ones whose rule
 * holds, hyphen rules, no leading combining mark) or an A-label ("xn--",
 * any case, that decodes to such a U-label and encodes back to itself).
 * The bidi rule of RFC 5893 applies to the whole name when any label has a
 * right-to-left character; every label must be 1-63 octets and the name at
 * most 253 in A-label form (one final full stop, the root, is allowed).
 * The RFC 5892 properties come from ICU's Unicode data (see
 * loc_idn_rfc5892_property()).
 *
 * Output: the name in A-label form, ASCII letters lowercased; a label that
 * cannot be converted is copied as it is.
 *
 * Errors (codes, besides X_UTF8 and X_TOO_LONG): V1 not NFC, V2 "--" in
 * positions 3-4 of a label that is not an A-label, V3 leading or trailing
 * hyphen, V5 leading combining mark, C1/C2 CONTEXTJ, B1-B6 bidi, A4_1/A4_2
 * lengths and empty labels, P4 undecodable A-label, and the project codes
 * R_DISALLOWED (DISALLOWED code point), R_UNASSIGNED, R_CONTEXTO (a
 * CONTEXTO rule of RFC 5892 Appendix A.3-A.9 fails) and R_ALABEL (an
 * A-label that decodes to ASCII only or does not encode back to itself).
 *
 * Mixed scripts (both profiles): each label's UTS #39 restriction level
 * is computed with ICU's uspoof, the identifier profile being UTS #39's
 * recommended and inclusion sets (a label with anything else is
 * unrestricted); the name's level is its least restrictive label's
 * (loc_idn_restriction_level()). With LOC_IDN_MAX_LEVEL(l) in @flags a
 * label above level l is an error R_LEVEL. Warnings, which never change
 * loc_idn_ok(): W_INVISIBLE (a default-ignorable code point such as ZWNJ
 * that the rules allowed, or the same nonspacing mark twice in a row) and
 * W_MIXED_NUMBERS (digits of more than one decimal numbering system in a
 * label).
 * Look-alike warnings (both profiles; see docs/idn.md for the data and its
 * sources): W_WHOLE_SCRIPT (a single-script label whose letters all look
 * like Latin ones, such as Cyrillic "аррӏе", unless the TLD uses that
 * script or is one of its countries'; lookalike says what it passes for),
 * W_DIGIT_LOOKALIKE (digits and digit look-alikes only; lookalike too),
 * W_LOOKALIKE_CONTEXT (kana, Han or marks in a context that makes them pass
 * for slashes, dashes, Latin letters or nothing), W_LATIN_MIX (non-ASCII
 * Latin with another script), W_TLD_LETTER (þ, ð, ə outside the TLDs that
 * use them), W_RARE_CHAR (characters browsers do not display).
 *
 * Returns: as loc_idn_to_ascii(); LOC_E_INVALID_ARGUMENT also for flags
 * other than LOC_IDN_CHECK_UTS46 and LOC_IDN_MAX_LEVEL().
 */
LOC_API loc_status loc_idn_check(loc_idn_ctx *ctx, unsigned flags,
                                 const char *in, size_t len, char *out, size_t cap,
                                 size_t *out_len);

/** loc_idn_check_alloc: as loc_idn_to_ascii_alloc(), for loc_idn_check(). */
LOC_API loc_status loc_idn_check_alloc(loc_idn_ctx *ctx, unsigned flags, const char *in, size_t len,
                                       char **out, size_t *out_len);

/**
 * loc_idn_rfc5892_property:
 * Returns: the RFC 5892 derived property of @cp, computed from the
 * character properties of the ICU in use (RFC 5892 §2-3); DISALLOWED for
 * surrogates, values beyond U+10FFFF and a NULL @idn.
 */
LOC_API loc_idn_property loc_idn_rfc5892_property(const loc_idn *idn, int32_t cp);

/**
 * loc_idn_ok:
 * Returns: true when the last conversion on @ctx found the name valid
 * (false for NULL or before any call).
 */
LOC_API bool loc_idn_ok(const loc_idn_ctx *ctx);

/**
 * loc_idn_error_count:
 * Returns: the number of errors of the last conversion on @ctx.
 */
LOC_API size_t loc_idn_error_count(const loc_idn_ctx *ctx);

/**
 * loc_idn_error_at:
 * Returns: (transfer none) error @i (in order of label, then offset), valid
 * until the next call on @ctx; NULL when @i is out of range.
 */
LOC_API const loc_idn_error *loc_idn_error_at(const loc_idn_ctx *ctx, size_t i);

/**
 * loc_idn_warning_count / loc_idn_warning_at:
 * As loc_idn_error_count() / loc_idn_error_at(), for the warnings of the
 * last loc_idn_check() (none after other calls).
 */
LOC_API size_t loc_idn_warning_count(const loc_idn_ctx *ctx);
LOC_API const loc_idn_error *loc_idn_warning_at(const loc_idn_ctx *ctx, size_t i);

/**
 * loc_idn_restriction_level:
 * Returns: the UTS #39 restriction level of the name of the last
 * loc_idn_check() on @ctx, LOC_IDN_LEVEL_NONE after other calls, for NULL,
 * or when the input was not readable (X_UTF8, X_TOO_LONG).
 */
LOC_API loc_idn_level loc_idn_restriction_level(const loc_idn_ctx *ctx);

/**
 * loc_idn_label_level:
 * Returns: the restriction level of label @i (0-based, as in the errors) of
 * the last loc_idn_check(); LOC_IDN_LEVEL_NONE out of range or for an empty
 * label or one that could not be decoded.
 */
LOC_API loc_idn_level loc_idn_label_level(const loc_idn_ctx *ctx, size_t i);

/**
 * loc_idn_label_count:
 * Returns: the number of labels of the last loc_idn_check() (0 when no
 * levels were computed).
 */
LOC_API size_t loc_idn_label_count(const loc_idn_ctx *ctx);

/**
 * loc_idn_level_name / loc_idn_level_parse:
 * "ascii", "single-script", "highly-restrictive", "moderately-restrictive",
 * "minimally-restrictive", "unrestricted" (as `loc idn check` prints them); NULL for
 * LOC_IDN_LEVEL_NONE or an unknown value / LOC_IDN_LEVEL_NONE for an unknown
 * or NULL name.
 */
LOC_API const char *loc_idn_level_name(loc_idn_level level);
LOC_API loc_idn_level loc_idn_level_parse(const char *name);

/**
 * loc_idn_error_code:
 * Returns: (transfer none) the code of error @i (as loc_idn_error_at()'s),
 * NULL out of range. Cheaper than loc_idn_error_at() for a rejected name:
 * the messages are not composed.
 */
LOC_API const char *loc_idn_error_code(const loc_idn_ctx *ctx, size_t i);

/**
 * loc_idn_truncated:
 * Returns: true when more than LOC_IDN_MAX_ERRORS errors were found and the
 * rest were dropped.
 */
LOC_API bool loc_idn_truncated(const loc_idn_ctx *ctx);

/**
 * loc_idn_icu_errors:
 * Returns: ICU's UIDNAInfo error bits (UIDNA_ERROR_*) for the last call,
 * for callers that want ICU's own verdict; 0 for invalid UTF-8 or
 * over-long input, which ICU is not asked about.
 */
LOC_API uint32_t loc_idn_icu_errors(const loc_idn_ctx *ctx);

#ifdef __cplusplus
}
#endif
#endif
