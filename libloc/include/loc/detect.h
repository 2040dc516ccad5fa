/* libloc — language identification (400+ languages of the UDHR corpus). */
#ifndef LOC_H_INSIDE
#error "Include <loc/loc.h>, not <loc/detect.h> directly."
#endif
#ifndef LOC_DETECT_H
#define LOC_DETECT_H

#ifdef __cplusplus
extern "C" {
#endif

/*
 * How it decides:
 *  1. the text's dominant script (loc_script_summary_dominant()) gates the
 *     candidates: a language is a candidate only when the script it is
 *     written in agrees with it (loc_script_agrees()). A script written by
 *     one language of the model answers at once;
 *  2. otherwise a naive Bayes model over hashed, case-folded character
 *     n-grams (1 to 4, words padded with a space) ranks the candidates;
 *  3. the scores become probabilities through a softmax whose temperature
 *     grows with the text length; its two parameters were fitted on held-out
 *     text of each genre the model was trained on, so that confidences mean
 *     something (among answers with confidence >= 0.9, at least 90 % were
 *     right there, per genre);
 *  4. below the model's threshold (0.3 for the model compiled in) the
 *     answer is "und", while the
 *     candidates still list the best guesses, best first;
 *  5. a macrolanguage or cluster whose members the text does not tell apart
 *     (Chinese varieties in Han characters, Persian and Dari, Malay and
 *     Indonesian, the Serbo-Croatian standards): when no language reaches
 *     0.5 and the members of one group together do, the answer is the group
 *     (zh/zho, fa/fas, ms/msa, sh/hbs, with result.group set; confidence the
 *     members' sum), the individual languages still in the candidates.
 *
 * Languages are identified (but for the groups above) by the
 * individual-language ISO 639-3 codes of the UDHR corpus (arb, pes, cmn, swh, npi) and a BCP 47 tag: the corpus's
 * two-letter subtag when it has one, plus a script subtag when the corpus
 * has the language in more than one script ("sr-Latn", "zh", "am").
 *
 * The model is compiled into the library, read-only, and shared by all
 * threads. A loc_detector (about 1.1 MB, most of it a cache of recent
 * n-gram lookups) holds the state of one text and
 * belongs to one thread at a time.
 */

/* Most candidates a result holds. */
#define LOC_DETECT_MAX_TOP 16

typedef struct loc_detect_model loc_detect_model;
typedef struct loc_detector loc_detector;

/* One candidate language. */
typedef struct loc_detect_candidate {
  char lang[16];      /* BCP 47 tag, NUL-terminated */
  char iso639_3[4];   /* ISO 639-3 code, NUL-terminated */
  double confidence;  /* in [0, 1] */
} loc_detect_candidate;

/* The answer for one text. */
typedef struct loc_detect_result {
  char lang[16];      /* BCP 47 tag, or "und" when unsure */
  char iso639_3[4];   /* ISO 639-3 code, or "und" */
  loc_script script;  /* the dominant script */
  char script_code[5];/* its ISO 15924 code */
  double confidence;  /* of the best candidate (also when lang is "und"); 0 without candidates */
  size_t letters;     /* letters (and marks) seen */
  bool group;         /* lang is a macrolanguage or cluster (zh/zho, fa/fas,
                       * ms/msa, sh/hbs): no language reached 0.5, the group's
                       * members together did; confidence is their sum */
  size_t n_candidates;/* candidates[0..n_candidates), best first */
  loc_detect_candidate candidates[LOC_DETECT_MAX_TOP];
} loc_detect_result;

/**
 * loc_detect_model_default:
 *
 * Returns: (transfer none) the model compiled into the library; checked on
 * the first call. NULL only if that check failed (a corrupt build).
 * Thread-safe; never freed.
 */
LOC_API const loc_detect_model *loc_detect_model_default(void);

/**
 * loc_detect_model_languages:
 * Returns: the number of languages (language + script pairs) of @m.
 */
LOC_API size_t loc_detect_model_languages(const loc_detect_model *m);

/**
 * loc_detect_model_language:
 * @m: the model.
 * @i: index, < loc_detect_model_languages().
 * @lang: (out) (transfer none) (nullable) BCP 47 tag.
 * @iso639_3: (out) (transfer none) (nullable) ISO 639-3 code.
 * @script: (out) (nullable) the script it is written in.
 *
 * Returns: LOC_OK, LOC_E_INVALID_ARGUMENT (NULL @m, @i out of range).
 */
LOC_API loc_status loc_detect_model_language(const loc_detect_model *m, size_t i,
                                             const char **lang, const char **iso639_3,
                                             loc_script *script);

/**
 * loc_detector_new:
 * @m: (transfer none) the model; must outlive the detector.
 * @out: (out) (transfer full) the detector, free with loc_detector_free().
 *
 * Returns: LOC_OK, LOC_E_NO_MEMORY, LOC_E_INVALID_ARGUMENT.
 */
LOC_API loc_status loc_detector_new(const loc_detect_model *m, loc_detector **out);

/**
 * loc_detector_free:
 * @d: (transfer full) (nullable)
 */
LOC_API void loc_detector_free(loc_detector *d);

/**
 * loc_detect_begin:
 * @d: the detector.
 *
 * Starts a new text (drops one in progress).
 */
LOC_API void loc_detect_begin(loc_detector *d);

/**
 * loc_detect_feed:
 * @d: the detector.
 * @s: (transfer none) the next @len bytes of the text (NULL when @len is 0).
 *
 * Pieces may be cut anywhere, even inside a character. Memory stays fixed
 * whatever the text length. Ill-formed UTF-8 counts as a non-letter.
 *
 * Returns: LOC_OK, LOC_E_INVALID_ARGUMENT.
 */
LOC_API loc_status loc_detect_feed(loc_detector *d, const char *s, size_t len);

/**
 * loc_detect_end:
 * @d: the detector.
 * @top_k: candidates wanted (0 is allowed; at most LOC_DETECT_MAX_TOP are
 *         given).
 * @res: (out caller-allocates) the answer.
 *
 * Ends the text begun with loc_detect_begin(). A text without letters, or
 * in a script no language of the model uses, gives "und", confidence 0 and
 * no candidates. The detector is then ready for loc_detect_begin().
 *
 * Returns: LOC_OK, LOC_E_INVALID_ARGUMENT.
 */
LOC_API loc_status loc_detect_end(loc_detector *d, size_t top_k, loc_detect_result *res);

/**
 * loc_detect:
 * The whole text @s[0..@len) in one call: begin, feed, end.
 */
LOC_API loc_status loc_detect(loc_detector *d, const char *s, size_t len, size_t top_k,
                              loc_detect_result *res);

/* A stretch of text in one language. */
typedef struct loc_detect_span {
  size_t start, end;  /* byte offsets, [start, end) */
  char lang[16];      /* BCP 47, or "und" (no letters, or unsure); a group
                       * (zh, fa, ms, sh) when the span is a whole script run
                       * that loc_detect() answers with one */
  char iso639_3[4];
  loc_script script;  /* dominant script of the span */
  double confidence;  /* of the span's language, detected on the span alone */
} loc_detect_span;

/**
 * loc_detect_spans:
 * @d: the detector (its text in progress is dropped).
 * @s: (transfer none) UTF-8 text of @len bytes.
 * @spans: (out) (transfer full) the spans, covering [0, @len) in order
 *         without gaps; free with loc_free(). NULL for an empty text.
 * @n_spans: (out) their number.
 *
 * For code-switched text: the text is cut where the script changes, then
 * each script's stretch is cut between words where the most likely language
 * changes (a Viterbi path over words with a price for switching, among the
 * languages that win a window of six words). Within a script's stretch,
 * adjacent spans have different languages; spaces and punctuation between
 * two spans go to the first. A span's language is "und" when its confidence
 * on the span alone is under the threshold.
 *
 * Returns: LOC_OK, LOC_E_NO_MEMORY, LOC_E_INVALID_ARGUMENT.
 */
LOC_API loc_status loc_detect_spans(loc_detector *d, const char *s, size_t len,
                                    loc_detect_span **spans, size_t *n_spans);

#ifdef __cplusplus
}
#endif
#endif
