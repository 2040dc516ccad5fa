/* libloc — common definitions: export macro, status codes, memory, versions. */
#ifndef LOC_H_INSIDE
#error "Include <loc/loc.h>, not <loc/common.h> directly."
#endif
#ifndef LOC_COMMON_H
#define LOC_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32) && defined(LOC_BUILDING)
#define LOC_API __declspec(dllexport)
#elif defined(LOC_BUILDING) && defined(__GNUC__)
#define LOC_API __attribute__((visibility("default")))
#else
#define LOC_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Status codes. Every call that can fail returns a loc_status: LOC_OK (0) on
 * success, a negative code otherwise. Codes are grouped by area in ranges of
 * 100 and never renumbered once released.
 *
 * Findings about the text itself (an invalid label, a broken syllable) are
 * not errors of the call; they are reported as diagnostics by the feature
 * that finds them. The list below is the single source of the enum, of
 * loc_status_message() and of loc_status_name().
 */
#define LOC_STATUS_LIST(X)                                                    \
  X(LOC_OK, 0, "success")                                                     \
  /* general: -1 .. -99 */                                                    \
  X(LOC_E_INVALID_ARGUMENT, -1, "invalid argument")                           \
  X(LOC_E_NO_MEMORY, -2, "out of memory")                                     \
  X(LOC_E_BUFFER_TOO_SMALL, -3, "output buffer too small")                    \
  X(LOC_E_OVERFLOW, -4, "size overflow")                                      \
  X(LOC_E_IO, -5, "input/output error")                                       \
  X(LOC_E_INTERNAL, -6, "internal error")                                     \
  X(LOC_E_UNSUPPORTED, -7, "operation not supported")                         \
  X(LOC_E_STATE, -8, "call out of sequence")                                  \
  /* text encoding: -100 .. -199 */                                           \
  X(LOC_E_INVALID_UTF8, -100, "invalid UTF-8")                                \
  /* Unicode services from ICU: -200 .. -299 */                               \
  X(LOC_E_ICU, -200, "ICU reported an error")                                 \
  X(LOC_E_UNKNOWN_FORM, -201, "unknown normalization form")                   \
  X(LOC_E_UNKNOWN_SCRIPT, -202, "unknown script code")                        \
  X(LOC_E_UNKNOWN_TRANSFORM, -220, "unknown transform ID")                    \
  X(LOC_E_TRANSFORM_RULES, -221, "syntax error in transform rules")           \
  /* language tags: -900 .. -999 */                                           \
  X(LOC_E_INVALID_TAG, -900, "not a valid BCP 47 language tag")             \
  /* label generation rulesets (RFC 7940): -1000 .. -1099 */                  \
  X(LOC_E_LGR_XML, -1000, "LGR file is not well-formed XML")                  \
  X(LOC_E_LGR_FORMAT, -1001, "LGR file does not follow RFC 7940")             \
  X(LOC_E_LGR_REFERENCE, -1002, "LGR refers to an undefined class or rule")   \
  X(LOC_E_LGR_CYCLE, -1003, "LGR rules or classes refer to themselves")       \
  X(LOC_E_LGR_TOO_LARGE, -1004, "LGR file too large")                         \
  /* fonts and shaping: -1100 .. -1199 */                                     \
  X(LOC_E_FONT_LOAD, -1100, "not a usable font file")                         \
  X(LOC_E_BAD_FEATURE, -1101, "bad font feature or variation setting")

typedef enum loc_status {
#define LOC_STATUS_ENUM_(name, value, text) name = value,
  LOC_STATUS_LIST(LOC_STATUS_ENUM_)
#undef LOC_STATUS_ENUM_
} loc_status;

/**
 * loc_status_message:
 * @status: any value; unknown values are reported as such.
 *
 * Returns: (transfer none) a static English sentence fragment, never NULL.
 */
LOC_API const char *loc_status_message(int status);

/**
 * loc_status_name:
 * @status: any value.
 *
 * Returns: (transfer none) the enumerator's name ("LOC_E_NO_MEMORY"), or NULL
 * when @status is not a known code.
 */
LOC_API const char *loc_status_name(int status);

/**
 * loc_free:
 * @p: (transfer full) memory returned by any allocating libloc call, or NULL.
 */
LOC_API void loc_free(void *p);

/**
 * loc_version:
 *
 * Returns: (transfer none) the library's run-time version, "MAJOR.MINOR.MICRO".
 * Compare with LOC_VERSION_STRING to detect header/library mismatch.
 */
LOC_API const char *loc_version(void);

/* Components whose versions decide results (see loc_component_version). */
typedef enum loc_component {
  LOC_COMPONENT_LIBLOC = 0,
  LOC_COMPONENT_ICU,      /* ICU library version */
  LOC_COMPONENT_UNICODE,  /* Unicode version of ICU's character data */
  LOC_COMPONENT_IDN2,     /* libidn2 */
  LOC_COMPONENT_HARFBUZZ, /* HarfBuzz */
  LOC_COMPONENT_FREETYPE, /* FreeType */
  LOC_COMPONENT_COUNT_
} loc_component;

/**
 * loc_component_version:
 * @c: a component.
 *
 * Returns: (transfer none) the run-time version string of that component
 * ("72.1", "15.0", ...), or NULL for an unknown component. Thread-safe.
 */
LOC_API const char *loc_component_version(loc_component c);

/**
 * loc_component_name:
 * Returns: (transfer none) a short lowercase name ("icu", "unicode", ...) or NULL.
 */
LOC_API const char *loc_component_name(loc_component c);

#ifdef __cplusplus
}
#endif
#endif
