/* libloc — paragraph layout: bidi, scripts, font fallback, line breaking. */
#ifndef LOC_H_INSIDE
#error "Include <loc/loc.h>, not <loc/layout.h> directly."
#endif
#ifndef LOC_LAYOUT_H
#define LOC_LAYOUT_H

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Lays out one paragraph:
 *  1. bidi levels (ICU ubidi) and script runs (loc_shape_itemize);
 *  2. font runs by cluster (a character and the ones that extend it:
 *     Grapheme_Cluster_Break Extend, SpacingMark, ZWJ): each cluster takes
 *     the font it took
 *     before if that font has all its characters, else the first font of the
 *     list that has them all (default ignorables such as ZWJ need no glyph),
 *     else the first font with its first character, else the first font —
 *     so a base and its marks stay in one font, and a missing character
 *     falls back to the next font;
 *  3. HarfBuzz shaping of each font run with the paragraph as context;
 *  4. line breaking at @width with ICU's line break iterator: the
 *     opportunities of loc_segment_line_breaks() with the root line segmenter
 *     (dictionary-based for Thai, Lao, Khmer, Myanmar),
 *     greedy: a line ends at the last opportunity that fits (or the first
 *     one, when even that does not fit), and at every mandatory break;
 *  5. where a line ends inside a run and HarfBuzz flagged that place
 *     unsafe to break (HB_GLYPH_FLAG_UNSAFE_TO_BREAK), the two pieces are
 *     shaped again, each with its own line as context (so an Arabic word
 *     cut at a line end gets its final and initial forms);
 *  6. per line, the runs are put in visual order (UAX #9 L2 over run
 *     levels; trailing white space keeps its level) and positioned.
 * Units: the fonts' units scaled so that one em is @size (hb-shape's
 * --font-size); positions are integers in those units.
 */
typedef struct loc_layout loc_layout;

/* A positioned glyph, in visual order within its line. */
typedef struct loc_layout_glyph {
  uint32_t id;        /* glyph index in its font */
  uint32_t font;      /* index of the font in the list given */
  uint32_t cluster;   /* UTF-8 byte offset of its cluster in the paragraph */
  int32_t x, y;       /* pen position plus the glyph's offset; y grows upwards, line 0 at 0 */
  int32_t advance;
} loc_layout_glyph;

typedef struct loc_layout_line {
  size_t start, end;      /* bytes of the paragraph on the line */
  size_t first_glyph;     /* index into loc_layout_glyphs() */
  size_t n_glyphs;
  int32_t width;          /* sum of advances */
  int32_t baseline;       /* y of the baseline: -(line index * line height) */
} loc_layout_line;

typedef struct loc_layout_options {
  double size;            /* units per em for layout (like hb-shape's --font-size); 0: the first font's upem */
  int32_t width;          /* line width in those units; <= 0: no line breaking */
  loc_shape_direction base;     /* paragraph direction; LOC_DIR_AUTO: from the first strong character */
  const char *language;   /* BCP 47 for shaping (locl forms); NULL: HarfBuzz's default */
} loc_layout_options;

/**
 * loc_layout_new:
 * @fonts: (transfer none) @n_fonts fonts in fallback order (n_fonts >= 1);
 *         they must outlive the layout.
 * @s: (transfer none) the paragraph, @len bytes of UTF-8 (ill-formed bytes
 *     are laid out as U+FFFD); '\n' and other mandatory breaks end lines.
 * @opt: (nullable) options; NULL: no line breaking, automatic direction.
 * @out: (out) (transfer full) the layout, free with loc_layout_free().
 *
 * An empty paragraph gives one empty line. Each call sets up shapers,
 * iterators and buffers and frees them again; to lay out many paragraphs,
 * use a loc_layout_ctx.
 *
 * Returns: LOC_OK, LOC_E_NO_MEMORY, LOC_E_OVERFLOW (@len over INT32_MAX/2),
 * LOC_E_ICU, LOC_E_INVALID_ARGUMENT.
 */
LOC_API loc_status loc_layout_new(const loc_font *const *fonts, size_t n_fonts,
                                        const char *s, size_t len,
                                        const loc_layout_options *opt, loc_layout **out);

/*
 * A layout context: what laying out a paragraph sets up and can reuse for
 * the next one — a shaper per font (HarfBuzz font and buffer), each font's
 * coverage as far as it was looked up, the script iterator and its property
 * cache, the UBiDi object, the line break iterator, and the working arrays.
 * A stream of short paragraphs costs about half as much with one context
 * as with loc_layout_new(), which sets all this up for every call.
 *
 * A context belongs to one thread at a time (it is not locked); give each
 * thread its own. It keeps the shapers of the font list, size and language
 * it was last used with (holding a reference on each font's HarfBuzz face,
 * never reading the loc_font again), and makes new ones when a call passes
 * something else, so changing fonts between calls is correct, only slower.
 * Between calls it keeps the working arrays of the largest paragraph of at
 * most 256 KB laid out with it (about 30 bytes per byte; a longer one's are
 * freed when its call returns), plus 16 KB per font for the coverage bits.
 */
typedef struct loc_layout_ctx loc_layout_ctx;

/**
 * loc_layout_ctx_new:
 * @out: (out) (transfer full) an empty context, free with loc_layout_ctx_free().
 *
 * Returns: LOC_OK, LOC_E_NO_MEMORY, LOC_E_INVALID_ARGUMENT (@out NULL).
 */
LOC_API loc_status loc_layout_ctx_new(loc_layout_ctx **out);

/** loc_layout_ctx_free: @ctx: (transfer full) (nullable) */
LOC_API void loc_layout_ctx_free(loc_layout_ctx *ctx);

/**
 * loc_layout_ctx_new_layout:
 * @ctx: a context from loc_layout_ctx_new(), used by this thread only.
 *
 * loc_layout_new() with @ctx's reusable state: same arguments, same
 * result, same errors (LOC_E_INVALID_ARGUMENT for a NULL @ctx). The layout
 * is the caller's; it does not depend on @ctx, which may be freed first.
 * After an error, @ctx can be used again.
 */
LOC_API loc_status loc_layout_ctx_new_layout(loc_layout_ctx *ctx, const loc_font *const *fonts,
                                            size_t n_fonts, const char *s, size_t len,
                                            const loc_layout_options *opt, loc_layout **out);

/** loc_layout_free: @layout: (transfer full) (nullable) */
LOC_API void loc_layout_free(loc_layout *layout);

/**
 * loc_layout_lines:
 * @lines: (out) (transfer none) the lines, top to bottom.
 * Returns: the line count (at least 1).
 */
LOC_API size_t loc_layout_lines(const loc_layout *layout, const loc_layout_line **lines);

/**
 * loc_layout_glyphs:
 * @glyphs: (out) (transfer none) all placed glyphs, line after line.
 * Returns: the glyph count.
 */
LOC_API size_t loc_layout_glyphs(const loc_layout *layout, const loc_layout_glyph **glyphs);

/**
 * loc_layout_line_height:
 * Returns: the distance between baselines: ascender - descender + line gap
 * of the tallest font the paragraph uses, at the layout's size.
 */
LOC_API int32_t loc_layout_line_height(const loc_layout *layout);

/**
 * loc_layout_ascender:
 * Returns: the largest ascender of the fonts the paragraph uses (the
 * distance from the top of the first line to its baseline).
 */
LOC_API int32_t loc_layout_ascender(const loc_layout *layout);

#ifdef __cplusplus
}
#endif
#endif
