/* Private to the shaping modules (shape*.c). */
#ifndef LOC_SHAPE_INTERNAL_H
#define LOC_SHAPE_INTERNAL_H

#include <hb-ot.h>
#include <hb.h>

struct loc_font {
  hb_face_t *face;   /* immutable, shared */
  hb_font_t *query;  /* immutable, for cmap look-ups from any thread */
  char *path;
  unsigned upem;
  unsigned glyph_count;
  bool mark_pos;     /* GPOS has mark or mkmk */
};

#endif
