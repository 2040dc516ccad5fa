/* libloc — script runs (UAX #24) and per-text script summaries. */
#ifndef LOC_H_INSIDE
#error "Include <loc/loc.h>, not <loc/script.h> directly."
#endif
#ifndef LOC_SCRIPT_H
#define LOC_SCRIPT_H

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A script is a loc_script: the value of ICU's UScriptCode for it, so that
 * programs that also use ICU can pass values either way, but this header
 * (and a program that does not use ICU) needs none of ICU's headers.
 * loc_script_parse() / loc_script_name() convert from and to ISO 15924
 * codes; the constants below name the values libloc itself gives a meaning.
 * Two of them stand for merged runs: LOC_SCRIPT_JAPANESE ("Jpan": Han with
 * Hiragana and/or Katakana, or Hiragana with Katakana) and
 * LOC_SCRIPT_KOREAN ("Kore": Hangul with Han).
 *
 * How runs are formed (UAX #24 with Script_Extensions):
 *  - each character brings the set of scripts it is used with (its
 *    Script_Extensions; Han also counts as Jpan and Kore, Hiragana and
 *    Katakana as Jpan, Hangul as Kore); a run keeps the intersection of the
 *    sets of its characters and ends where a character with a real script
 *    (not Common/Inherited) would make it empty;
 *  - Common (Zyyy) and Inherited (Zinh) characters never start a run: they
 *    narrow the run's set when their extensions overlap it (U+0964 DEVANAGARI
 *    DANDA stays in a Bengali run) and are absorbed otherwise; leading ones
 *    join the first run. Combining marks, ZWJ and ZWNJ are Inherited, so they
 *    always stay with the character before them;
 *  - a closing bracket (Bidi_Paired_Bracket_Type=Close) that matches an
 *    opening one on the stack gets the opening bracket's script: both
 *    brackets of a pair are in runs of the same script ("abc (αβγ) def" is
 *    Latn "abc (", Grek "αβγ", Latn ") def"). The stack keeps the
 *    LOC_SCRIPT_BRACKET_DEPTH most recent open brackets; older ones are
 *    forgotten, so memory stays bounded whatever the text;
 *  - a run's script is the script of its first non-Common character if it
 *    survived the intersection, else what the intersection left (Jpan,
 *    Kore, ...); a run of Common (and Inherited) characters only is Zyyy, of
 *    Inherited characters only Zinh. Unassigned and private-use code points
 *    are Zzzz (Unknown) and form runs like any script.
 *  - Ill-formed UTF-8: each maximal ill-formed subpart (Unicode §3.9) is
 *    handled like U+FFFD, a Common character, so runs are the same as for
 *    the text repaired by loc_utf8_replace() (only the offsets differ); byte
 *    offsets stay exact and the run list still covers every byte.
 */

typedef int32_t loc_script;

#define LOC_SCRIPT_COMMON 0     /* Zyyy (USCRIPT_COMMON) */
#define LOC_SCRIPT_INHERITED 1  /* Zinh (USCRIPT_INHERITED) */
#define LOC_SCRIPT_UNKNOWN 103  /* Zzzz (USCRIPT_UNKNOWN) */
#define LOC_SCRIPT_JAPANESE 105 /* Jpan (USCRIPT_JAPANESE) */
#define LOC_SCRIPT_KOREAN 119   /* Kore (USCRIPT_KOREAN) */

/* Open brackets remembered per text (see above). */
#define LOC_SCRIPT_BRACKET_DEPTH 64

/* One run: bytes [start, end) of the text, in one script. */
typedef struct loc_script_run {
  size_t start;   /* byte offset from the start of the text (all pieces) */
  size_t end;     /* exclusive; end > start */
  loc_script script; /* including LOC_SCRIPT_JAPANESE / LOC_SCRIPT_KOREAN */
  char code[5];   /* ISO 15924 code, NUL-terminated: "Latn", "Jpan", "Zyyy" */
} loc_script_run;

/**
 * loc_script_name:
 * @script: a script.
 *
 * Returns: (transfer none) the ISO 15924 code ("Latn"), or "Zzzz" for a value
 * ICU does not know. Never NULL. Thread-safe.
 */
LOC_API const char *loc_script_name(loc_script script);

/**
 * loc_script_parse:
 * @code: (transfer none) an ISO 15924 code ("Ethi", case-insensitive) or an
 *        ICU long script name ("Ethiopic").
 * @script: (out) the script.
 *
 * Returns: LOC_OK, LOC_E_UNKNOWN_SCRIPT, LOC_E_INVALID_ARGUMENT (NULLs).
 */
LOC_API loc_status loc_script_parse(const char *code, loc_script *script);

/* ---------- run iterator ---------- */

/*
 * A run iterator over one text that may arrive in pieces (a very long line
 * read block by block). Pieces may be cut anywhere, even inside a
 * character: the runs are exactly those of the whole text in one piece.
 * Memory is fixed at creation (about 60 KiB, mostly a property cache).
 *
 * Use:
 *   loc_script_iter_feed(it, piece, n);
 *   while (loc_script_iter_next(it, &run)) ...   // runs that ended
 *   ... more pieces ...
 *   loc_script_iter_finish(it);
 *   while (loc_script_iter_next(it, &run)) ...   // the last run
 * After the last run has been taken the iterator is ready for a new text
 * (offsets start again at 0). One iterator belongs to one thread at a time.
 */
typedef struct loc_script_iter loc_script_iter;

/**
 * loc_script_iter_new:
 * @out: (out) (transfer full) the iterator, free with loc_script_iter_free().
 *
 * Returns: LOC_OK, LOC_E_NO_MEMORY, LOC_E_INVALID_ARGUMENT (NULL @out).
 */
LOC_API loc_status loc_script_iter_new(loc_script_iter **out);

/**
 * loc_script_iter_free:
 * @it: (transfer full) (nullable) the iterator.
 */
LOC_API void loc_script_iter_free(loc_script_iter *it);

/**
 * loc_script_iter_reset:
 * @it: the iterator.
 *
 * Drops the text in progress (runs not taken yet, open brackets, an
 * incomplete character) and starts a new text at offset 0.
 */
LOC_API void loc_script_iter_reset(loc_script_iter *it);

/**
 * loc_script_iter_feed:
 * @it: the iterator.
 * @piece: (transfer none) the next @len bytes of the text; must stay valid
 *         and unchanged until loc_script_iter_next() returns false.
 * @len: byte count (0 is allowed).
 *
 * Returns: LOC_OK; LOC_E_STATE when the previous piece has not been used up
 * yet (call loc_script_iter_next() until it returns false) or after
 * loc_script_iter_finish(); LOC_E_INVALID_ARGUMENT for NULL @it, or NULL
 * @piece with @len > 0.
 */
LOC_API loc_status loc_script_iter_feed(loc_script_iter *it, const char *piece,
                                        size_t len);

/**
 * loc_script_iter_finish:
 * @it: the iterator.
 *
 * Marks the end of the text: the open run (and an incomplete character at
 * the very end, as ill-formed) becomes available from loc_script_iter_next().
 *
 * Returns: LOC_OK, LOC_E_STATE (the current piece is not used up),
 * LOC_E_INVALID_ARGUMENT (NULL).
 */
LOC_API loc_status loc_script_iter_finish(loc_script_iter *it);

/**
 * loc_script_iter_next:
 * @it: the iterator.
 * @run: (out caller-allocates) the next finished run.
 *
 * Returns: true with @run filled; false when the current piece is used up
 * (the run still open continues into the next piece) or, after
 * loc_script_iter_finish(), when the text is done — the iterator is then
 * ready for a new text. An empty text has no runs.
 */
LOC_API bool loc_script_iter_next(loc_script_iter *it, loc_script_run *run);

/**
 * loc_script_iter_invalid:
 * @it: the iterator.
 *
 * Returns: the number of ill-formed UTF-8 subparts met since the iterator
 * was created or last reset, over all texts (0 for NULL). Lets a caller that
 * must report bad input skip a separate validation pass over valid text.
 */
LOC_API uint64_t loc_script_iter_invalid(const loc_script_iter *it);

/**
 * loc_script_runs:
 * @s: (transfer none) UTF-8 text of @len bytes (NULL allowed when @len is 0).
 * @runs: (out) (transfer full) array of @n_runs runs, free with loc_free();
 *        NULL when the text is empty.
 * @n_runs: (out) number of runs.
 *
 * The whole text in one call. Runs cover [0, len) in order, without gaps.
 *
 * Returns: LOC_OK, LOC_E_NO_MEMORY, LOC_E_INVALID_ARGUMENT.
 */
LOC_API loc_status loc_script_runs(const char *s, size_t len,
                                   loc_script_run **runs, size_t *n_runs);

/* ---------- summary: characters per script ---------- */

/*
 * Counts characters by their Script property (not Script_Extensions: a
 * danda counts as Zyyy) over any number of texts. Each maximal ill-formed
 * UTF-8 subpart counts as one character of Zzzz (Unknown), as do unassigned
 * and private-use code points.
 *
 * The dominant script is the one with most characters, with these rules:
 *  - Zyyy, Zinh and Zzzz are never dominant while another script occurs;
 *    with none of those, the dominant one is Zyyy if it occurs, else Zinh,
 *    else Zzzz (so an empty summary says Zzzz);
 *  - Han with kana is counted as one candidate, Jpan = Hani + Hira + Kana,
 *    when kana make at least a tenth of those characters (Chinese text with
 *    a katakana name stays Hani), and Hiragana with Katakana is Jpan too;
 *    Han with Hangul is the candidate Kore = Hani + Hang when Hangul make at
 *    least a tenth of them. Pure Hangul stays Hang, pure Han Hani.
 *  - ties go to the smaller script value, so results are reproducible.
 */
typedef struct loc_script_summary loc_script_summary;

/* One line of a summary. */
typedef struct loc_script_count {
  loc_script script;
  char code[5];    /* ISO 15924 code */
  uint64_t count;  /* characters */
} loc_script_count;

/**
 * loc_script_summary_new:
 * @out: (out) (transfer full) an empty summary, free with
 *       loc_script_summary_free().
 *
 * Returns: LOC_OK, LOC_E_NO_MEMORY, LOC_E_INVALID_ARGUMENT.
 */
LOC_API loc_status loc_script_summary_new(loc_script_summary **out);

/**
 * loc_script_summary_free:
 * @sum: (transfer full) (nullable)
 */
LOC_API void loc_script_summary_free(loc_script_summary *sum);

/**
 * loc_script_summary_add:
 * @sum: the summary.
 * @s: (transfer none) UTF-8 text of @len bytes (NULL allowed when @len is 0).
 *
 * Adds the characters of @s. A text may be given in several calls if it is
 * cut at character boundaries; a character cut in two counts as ill-formed.
 *
 * Returns: LOC_OK, LOC_E_INVALID_ARGUMENT.
 */
LOC_API loc_status loc_script_summary_add(loc_script_summary *sum,
                                          const char *s, size_t len);

/**
 * loc_script_summary_add_count:
 * @sum: the summary.
 * @script: a script with an ISO 15924 code (not Jpan or Kore, which
 *          are never counted).
 * @count: characters to add to @script (and to the total).
 *
 * Adds counts made elsewhere: summaries of parts of a text, made in other
 * threads or on other machines, combine into exactly the summary of the
 * whole text (the dominant script is computed from the sums).
 *
 * Returns: LOC_OK, LOC_E_INVALID_ARGUMENT (NULL @sum, @script out of range,
 * Jpan or Kore, or a count that would overflow).
 */
LOC_API loc_status loc_script_summary_add_count(loc_script_summary *sum,
                                                loc_script script, uint64_t count);

/**
 * loc_script_summary_total:
 * Returns: characters counted so far (code points plus ill-formed subparts).
 */
LOC_API uint64_t loc_script_summary_total(const loc_script_summary *sum);

/**
 * loc_script_summary_count:
 * Returns: characters counted for @script (0 for unknown values; Jpan and
 * Kore are never counted, they only appear as dominant).
 */
LOC_API uint64_t loc_script_summary_count(const loc_script_summary *sum,
                                          loc_script script);

/**
 * loc_script_summary_list:
 * @sum: the summary.
 * @out: (out caller-allocates) (nullable) room for @cap entries.
 * @cap: size of @out.
 *
 * Fills @out with the scripts that occur, most characters first (ties: by
 * code). Returns: the number of scripts that occur (may exceed @cap: call
 * with @cap 0 to size the array).
 */
LOC_API size_t loc_script_summary_list(const loc_script_summary *sum,
                                       loc_script_count *out, size_t cap);

/**
 * loc_script_summary_dominant:
 * Returns: the dominant script (rules above), possibly LOC_SCRIPT_JAPANESE
 * or LOC_SCRIPT_KOREAN; LOC_SCRIPT_UNKNOWN for an empty summary.
 */
LOC_API loc_script loc_script_summary_dominant(const loc_script_summary *sum);

/* ---------- what a language implies ---------- */

/**
 * loc_script_for_language:
 * @tag: (transfer none) a BCP 47 tag ("am", "sr-Latn", "zh-TW").
 * @script: (out) the script the tag names or implies through CLDR likely
 *          subtags (ICU uloc_addLikelySubtags): am → Ethi, sr → Cyrl,
 *          sr-Latn → Latn, ja → Jpan, ko → Kore, zh → Hans, zh-TW → Hant.
 *
 * "und" alone (and the empty tag) implies no script: LOC_E_UNKNOWN_SCRIPT,
 * although ICU would answer Latn for it. "und-RU" → Cyrl.
 *
 * Returns: LOC_OK, LOC_E_UNKNOWN_SCRIPT, LOC_E_INVALID_ARGUMENT (NULL, or a
 * tag that is not well-formed BCP 47).
 */
LOC_API loc_status loc_script_for_language(const char *tag, loc_script *script);

/**
 * loc_script_agrees:
 * @found: a script found in text (e.g. a summary's dominant script).
 * @expected: the script expected (e.g. from loc_script_for_language()).
 *
 * Returns: true when they are the same, or when one writing system covers
 * the other: Jpan with Hira, Kana, Hrkt or Hani; Kore with Hang or Hani;
 * Hans or Hant with Hani. The relation is symmetric. Common, Inherited and
 * Unknown agree with nothing but themselves.
 */
LOC_API bool loc_script_agrees(loc_script found, loc_script expected);

#ifdef __cplusplus
}
#endif
#endif
