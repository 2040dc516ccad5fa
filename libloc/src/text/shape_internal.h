/* Private to the shaping modules (shape*.c). */
#ifndef LOC_SHAPE_INTERNAL_H
#define LOC_SHAPE_INTERNAL_H

#include <hb-ot.h>
#include <hb.h>
#include <unicode/ubidi.h>

struct loc_font {
  hb_face_t *face;   /* immutable, shared */
  hb_font_t *query;  /* immutable, for cmap look-ups from any thread */
  char *path;
  unsigned upem;
  unsigned glyph_count;
  bool mark_pos;     /* GPOS has mark or mkmk */
};

/* loc__utf8_decode() with the one- and two-byte forms inline: the layout
 * loops decode every character several times. */
static inline int32_t loc__utf8_decode_fast(const uint8_t *s, size_t len, size_t i, size_t *n) {
  uint8_t b = s[i];
  if (b < 0x80) {
    *n = 1;
    return b;
  }
  if (b >= 0xC2 && b < 0xE0 && i + 1 < len && (s[i + 1] & 0xC0) == 0x80) {
    *n = 2;
    return (int32_t)(((b & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu));
  }
  return loc__utf8_decode(s, len, i, n);
}

/* The reusable state of loc_shape_itemize(): one thread's, kept from paragraph
 * to paragraph so that the script iterator (and its property cache), the
 * UBiDi object and the buffers are set up once. Zero-initialised is empty. */
typedef struct loc__itemizer {
  loc_script_iter *scripts;
  UBiDi *bidi;
  UChar *u16;          /* the paragraph in UTF-16 */
  size_t *byte_of;     /* byte offset of each unit */
  size_t ucap;
  int32_t n16;
  loc_script_run *runs;
  size_t n_runs, rcap;
  loc_shape_item *items;     /* the result: logical order, no gaps */
  size_t n_items, icap;
} loc__itemizer;

/* Itemises @s into iz->items (valid until the next call). Returns as
 * loc_shape_itemize(). */
loc_status loc__itemizer_run(loc__itemizer *iz, const char *s, size_t len,
                             loc_shape_direction base);

/* Frees what @iz holds and empties it. */
void loc__itemizer_done(loc__itemizer *iz);

#endif
