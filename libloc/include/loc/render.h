/* libloc — rendering a layout: PNG (FreeType raster, libpng) and SVG. */
#ifndef LOC_H_INSIDE
#error "Include <loc/loc.h>, not <loc/render.h> directly."
#endif
#ifndef LOC_RENDER_H
#define LOC_RENDER_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum loc_render_align { LOC_RENDER_ALIGN_START = 0, LOC_RENDER_ALIGN_LEFT, LOC_RENDER_ALIGN_RIGHT, LOC_RENDER_ALIGN_CENTER } loc_render_align;

/* How to draw. Sizes in pixels; colours 0xRRGGBB. */
typedef struct loc_render_options {
  double size;         /* pixels per em */
  int width;           /* image width in pixels (lines are broken to fit inside the margins) */
  int margin;          /* on all four sides */
  uint32_t fg, bg;
  loc_render_align align;     /* START: left for LTR paragraphs, right for RTL ones */
  double line_spacing; /* multiple of the first font's line height; 0 = 1 */
} loc_render_options;

/* A picture being built: paragraphs laid out one below the other. */
typedef struct loc_canvas loc_canvas;

/**
 * loc_canvas_new:
 * @fonts: (transfer none) @n_fonts fonts in fallback order; must outlive the canvas.
 * @opt: drawing options (copied).
 * @out: (out) (transfer full) free with loc_canvas_free().
 *
 * Returns: LOC_OK, LOC_E_NO_MEMORY, LOC_E_FONT_LOAD (FreeType cannot load a
 * font), LOC_E_INVALID_ARGUMENT (no fonts, size or width out of range).
 */
LOC_API loc_status loc_canvas_new(const loc_font *const *fonts, size_t n_fonts,
                                  const loc_render_options *opt, loc_canvas **out);

/** loc_canvas_free: @c: (transfer full) (nullable) */
LOC_API void loc_canvas_free(loc_canvas *c);

/**
 * loc_canvas_add_paragraph:
 * @s: (transfer none) UTF-8, @len bytes; laid out as loc_layout_new()
 *     does (with a layout context the canvas keeps).
 * @language: (nullable) BCP 47 tag for shaping.
 *
 * A paragraph over 256 KB is laid out in pieces of at most 256 KB, cut
 * after a space or tab where there is one, each starting a new line, all at
 * the paragraph's direction: laying it out then takes bounded memory. The
 * canvas keeps 16 bytes per glyph until it is freed.
 *
 * Returns: as loc_layout_new().
 */
LOC_API loc_status loc_canvas_add_paragraph(loc_canvas *c, const char *s, size_t len,
                                            const char *language);

/**
 * loc_canvas_write_png:
 * @path: (transfer none) output file.
 *
 * Rasterises the glyphs with FreeType (grey anti-aliasing; positions
 * rounded to a quarter pixel, each glyph rasterised once per phase and
 * kept in a cache of at most 16 MB) over the background, 128 rows at a
 * time, and writes an 8-bit RGB PNG with libpng row by row.
 *
 * Returns: LOC_OK, LOC_E_IO, LOC_E_NO_MEMORY, LOC_E_UNSUPPORTED (built
 * without libpng), LOC_E_OVERFLOW (picture over 2^28 pixels).
 */
LOC_API loc_status loc_canvas_write_png(loc_canvas *c, const char *path);

/**
 * loc_canvas_write_svg:
 * Writes the glyph outlines (FreeType, unhinted) as SVG paths, one <path>
 * per glyph in its font's outline, so the file needs no fonts.
 *
 * Returns: LOC_OK, LOC_E_IO, LOC_E_NO_MEMORY.
 */
LOC_API loc_status loc_canvas_write_svg(loc_canvas *c, const char *path);

/* What loc_render_write(), loc_render() and loc_render_alloc() make: the
 * bytes loc_canvas_write_png() or loc_canvas_write_svg() would write to a
 * file. */
typedef enum loc_render_format {
  LOC_RENDER_PNG = 0,
  LOC_RENDER_SVG = 1,
} loc_render_format;

/**
 * loc_render_write:
 * @c: the canvas, as loc_canvas_write_png() takes it.
 * @format: LOC_RENDER_PNG or LOC_RENDER_SVG.
 * @sink: (scope call) receives the bytes in order, in pieces of up to
 *   16 KB (bigger when libpng hands over more at once); its first status
 *   other than LOC_OK stops the writing and is returned.
 *
 * Renders the picture without a file. Memory use is as for
 * loc_canvas_write_png(): bands of 128 rows, not the whole image.
 *
 * Returns: LOC_OK, LOC_E_INVALID_ARGUMENT (NULL canvas or sink, unknown
 * format), LOC_E_NO_MEMORY, LOC_E_UNSUPPORTED (PNG without libpng),
 * LOC_E_OVERFLOW (PNG over 2^28 pixels), LOC_E_IO (libpng failed), or
 * what @sink returned.
 */
LOC_API loc_status loc_render_write(loc_canvas *c, loc_render_format format,
                                    loc_sink_fn sink, void *user);

/**
 * loc_render:
 * @out: (out caller-allocates) (array length=cap) (nullable) @cap bytes;
 *   NULL only when @cap is 0.
 * @out_len: (out) bytes written; with LOC_E_BUFFER_TOO_SMALL, the size of
 *   the whole picture (then @out holds its first @cap bytes). Counting it
 *   renders the whole picture: when its size is not known, use
 *   loc_render_alloc().
 *
 * Returns: as loc_render_write(), and LOC_E_BUFFER_TOO_SMALL.
 */
LOC_API loc_status loc_render(loc_canvas *c, loc_render_format format, uint8_t *out,
                              size_t cap, size_t *out_len);

/**
 * loc_render_alloc:
 * @out: (out) (transfer full) the picture's bytes, free with loc_free();
 *   NULL on failure.
 * @out_len: (out) their number.
 *
 * Returns: as loc_render_write().
 */
LOC_API loc_status loc_render_alloc(loc_canvas *c, loc_render_format format, uint8_t **out,
                                    size_t *out_len);

#ifdef __cplusplus
}
#endif
#endif
