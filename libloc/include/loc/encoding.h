/* libloc — byte encodings (ISO-8859-*, windows-125x, KOI8-*, ISCII,
 * UTF-16, ...) converted in bounded memory through ICU's converters, each
 * bad byte sequence and each unmappable character reported with its line,
 * column and byte offset. The legacy pseudo-encodings carried inside
 * Unicode text (Zawgyi, font hacks) are in legacy.h. */
#ifndef LOC_H_INSIDE
#error "Include <loc/loc.h>, not <loc/encoding.h> directly."
#endif
#ifndef LOC_ENCODING_H
#define LOC_ENCODING_H

#ifdef __cplusplus
extern "C" {
#endif

/* Encoding names are ICU's converter names or any of their aliases
 * ("latin1", "ISO-8859-1", "cp1252", "UTF-16LE", ...), matched as ICU does:
 * case, '-', '_' and spaces do not count. */

/** loc_encoding_count: Returns: how many encodings there are. */
LOC_API size_t loc_encoding_count(void);

/**
 * loc_encoding_name:
 * Returns: (transfer none) the name of encoding @i (0 <= @i <
 * loc_encoding_count()), or NULL past the end.
 */
LOC_API const char *loc_encoding_name(size_t i);

/**
 * loc_encoding_alias_count:
 * Returns: how many aliases encoding @i has (its own name usually among
 * them); 0 past the end.
 */
LOC_API size_t loc_encoding_alias_count(size_t i);

/**
 * loc_encoding_alias:
 * Returns: (transfer none) alias @k of encoding @i, or NULL past the end.
 */
LOC_API const char *loc_encoding_alias(size_t i, size_t k);

/**
 * loc_encoding_is_utf8:
 * Returns: true when @name names UTF-8 ("UTF-8", "utf8" and the other
 * aliases of ICU's UTF-8 converter); false for NULL and unknown names.
 */
LOC_API bool loc_encoding_is_utf8(const char *name);

/* A streaming converter from one byte encoding to another. It holds the
 * conversion state and about 640 kB of buffers: one thread at a time. */
typedef struct loc_encoding_conv loc_encoding_conv;

typedef enum loc_encoding_problem_kind {
  LOC_ENCODING_INVALID_INPUT = 0, /* bytes not valid in the input encoding */
  LOC_ENCODING_UNMAPPABLE,        /* a character the output encoding lacks */
} loc_encoding_problem_kind;

/* Where and what. Lines are counted at U+000A of the decoded text (so also
 * in UTF-16 and EBCDIC input); columns in characters. Line and column do
 * not depend on where the input was cut into writes; the byte offsets of
 * bad bytes do in one case: when the sequence was shown to be bad by a byte
 * of an earlier write than the one that ends it (a UTF-16 lead surrogate,
 * then the next unit in two writes), they may point up to a character
 * late. Writes cut at line ends never meet it. */
typedef struct loc_encoding_problem {
  loc_encoding_problem_kind kind;
  uint64_t line;        /* 1-based line of the input */
  uint64_t column;      /* 1-based column: the characters before it + 1 */
  /* LOC_ENCODING_INVALID_INPUT: the bad bytes (1 to 32 of them) and the
   * byte offset of the first, from the start of its line and of the input */
  const unsigned char *bytes;
  size_t n_bytes;
  uint64_t line_offset;
  uint64_t offset;
  /* LOC_ENCODING_UNMAPPABLE: the character */
  uint32_t code_point;
} loc_encoding_problem;

/* Told about each problem before its substitute is written. Returning
 * anything but LOC_OK aborts the write, which then returns that status. */
typedef loc_status (*loc_encoding_problem_fn)(void *user,
                                              const loc_encoding_problem *problem);

/**
 * loc_encoding_conv_new:
 * @from: the input's encoding.
 * @to: the output's encoding.
 * @conv: (out) (transfer full) free with loc_encoding_conv_free().
 *
 * Returns: LOC_OK, LOC_E_UNSUPPORTED when @from or @to is no known
 * encoding (loc_encoding_conv_new(name, name, ...) tells which),
 * LOC_E_INVALID_ARGUMENT, LOC_E_NO_MEMORY, LOC_E_ICU.
 */
LOC_API loc_status loc_encoding_conv_new(const char *from, const char *to,
                                         loc_encoding_conv **conv);

/** loc_encoding_conv_free: @conv: (transfer full) (nullable) */
LOC_API void loc_encoding_conv_free(loc_encoding_conv *conv);

/**
 * loc_encoding_conv_reset:
 * Starts a new input: line 1, column 1, byte offset 0, and the decoder's
 * state (a shift state, a character cut at the end of the previous input)
 * dropped. The encoder keeps its state, so output of several inputs in a
 * stateful encoding (UTF-16 with its byte order mark, ISO-2022) is one
 * stream.
 */
LOC_API void loc_encoding_conv_reset(loc_encoding_conv *conv);

/**
 * loc_encoding_conv_write:
 * @in: (transfer none) the next @len bytes of the input, cut anywhere.
 * @end: true with the input's last bytes: a character cut short at the end
 *   is then reported as invalid input.
 * @sink: receives the output.
 * @problem: (nullable) told about each problem; NULL to substitute
 *   silently.
 *
 * Converts as much as can be decided; @sink is never called with 0 bytes.
 * Invalid input becomes U+FFFD in the output encoding (or, when it has
 * none, its substitute character); a character the output encoding lacks
 * becomes its substitute character.
 * Memory stays bounded whatever @len and the length of the lines.
 *
 * Returns: LOC_OK, a status returned by @sink or @problem,
 * LOC_E_INVALID_ARGUMENT, LOC_E_ICU.
 */
LOC_API loc_status loc_encoding_conv_write(loc_encoding_conv *conv, const char *in,
                                           size_t len, bool end, loc_sink_fn sink,
                                           loc_encoding_problem_fn problem, void *user);

#ifdef __cplusplus
}
#endif
#endif
