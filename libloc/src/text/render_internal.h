/* Private to the rendering modules (render*.c). */
#ifndef LOC_RENDER_INTERNAL_H
#define LOC_RENDER_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <ft2build.h>
#include FT_FREETYPE_H

/* A glyph's coverage bitmap (8-bit grey, rows of `width` bytes), placed
 * like FreeType's: its top-left pixel is `left` right of and `top` above
 * the glyph's origin pixel. */
typedef struct loc__glyph_bitmap {
  int32_t left, top;
  uint32_t width, rows;
  const uint8_t *pixels;
} loc__glyph_bitmap;

/* Rasterised glyphs keyed by font (index in the canvas's list), glyph id,
 * size and quarter-pixel phase, up to a byte budget; when a new bitmap
 * would go over it, the whole cache is emptied first (text draws the same
 * few hundred glyphs again and again, so it refills at once). One thread. */
typedef struct loc__glyph_cache loc__glyph_cache;

/* Returns NULL when out of memory. */
loc__glyph_cache *loc__glyph_cache_new(size_t budget);

void loc__glyph_cache_free(loc__glyph_cache *gc);

/* The bitmap of glyph @id of @face (font @font of the list), whose char
 * size is @size (26.6) and its transform unset, drawn with its origin
 * @phase_x, @phase_y quarter pixels right of and below a pixel corner.
 * Valid until the next call. *@ok is false when FreeType cannot render the
 * glyph (or memory ran out): nothing is drawn. */
const loc__glyph_bitmap *loc__glyph_cache_get(loc__glyph_cache *gc, FT_Face face,
                                              uint32_t font, uint32_t id, int32_t size,
                                              unsigned phase_x, unsigned phase_y, bool *ok);

/* Counters since the cache was made: look-ups answered from the cache,
 * glyphs rasterised, times the cache was emptied, bytes held now. */
typedef struct loc__glyph_cache_stats {
  uint64_t hits, misses, flushes;
  size_t bytes;
} loc__glyph_cache_stats;

loc__glyph_cache_stats loc__glyph_cache_stats_get(const loc__glyph_cache *gc);

#endif
