/* Fonts: a file read once into an immutable HarfBuzz face shared by threads. */
#include "internal.h"
#include "shape_internal.h"

#include <stdio.h>

/* Takes ownership of @blob. */
static loc_status font_from_blob(hb_blob_t *blob, unsigned face_index, const char *path,
                                 loc_font **out) {
  /* hb_face_count() reads the sfnt / collection header: 0 means the bytes
   * are not a font HarfBuzz can use (or the face index is beyond it). */
  if (face_index >= hb_face_count(blob)) {
    hb_blob_destroy(blob);
    return LOC_E_FONT_LOAD;
  }
  hb_face_t *face = hb_face_create(blob, face_index);
  hb_blob_destroy(blob);
  if (face == hb_face_get_empty() || hb_face_get_glyph_count(face) == 0 ||
      hb_face_get_upem(face) == 0) {
    hb_face_destroy(face);
    return LOC_E_FONT_LOAD;
  }
  hb_face_make_immutable(face);
  loc_font *f = calloc(1, sizeof *f);
  char *p = strdup(path ? path : "");
  if (f == NULL || p == NULL) {
    free(f);
    free(p);
    hb_face_destroy(face);
    return LOC_E_NO_MEMORY;
  }
  f->face = face;
  f->path = p;
  f->upem = hb_face_get_upem(face);
  f->glyph_count = hb_face_get_glyph_count(face);
  /* A font of its own only for cmap look-ups: hb_font_t is thread-safe for
   * queries once made immutable. */
  f->query = hb_font_create(face);
  hb_font_make_immutable(f->query);
  unsigned n = 0;
  hb_tag_t tags[64];
  unsigned start = 0;
  do {
    n = sizeof tags / sizeof tags[0];
    unsigned total = hb_ot_layout_table_get_feature_tags(face, HB_OT_TAG_GPOS, start, &n, tags);
    for (unsigned i = 0; i < n; i++)
      if (tags[i] == HB_TAG('m', 'a', 'r', 'k') || tags[i] == HB_TAG('m', 'k', 'm', 'k') ||
          tags[i] == HB_TAG('a', 'b', 'v', 'm') || tags[i] == HB_TAG('b', 'l', 'w', 'm'))
        f->mark_pos = true;
    start += n;
    if (start >= total)
      break;
  } while (n > 0);
  *out = f;
  return LOC_OK;
}

loc_status loc_font_new_memory(const void *data, size_t len, unsigned face_index,
                                loc_font **out) {
  if (out == NULL || (data == NULL && len > 0))
    return LOC_E_INVALID_ARGUMENT;
  *out = NULL;
  char *copy = malloc(len ? len : 1);
  if (copy == NULL)
    return LOC_E_NO_MEMORY;
  if (len)
    memcpy(copy, data, len);
  if (len > UINT32_MAX) {
    free(copy);
    return LOC_E_FONT_LOAD;
  }
  hb_blob_t *blob = hb_blob_create_or_fail(copy, (unsigned)len, HB_MEMORY_MODE_READONLY,
                                           copy, free);
  if (blob == NULL) {
    free(copy);
    return LOC_E_NO_MEMORY;
  }
  return font_from_blob(blob, face_index, NULL, out);
}

loc_status loc_font_new(const char *path, unsigned face_index, loc_font **out) {
  if (out == NULL || path == NULL)
    return LOC_E_INVALID_ARGUMENT;
  *out = NULL;
  FILE *fp = fopen(path, "rb"); /* tells a missing file from a bad one */
  if (fp == NULL)
    return LOC_E_IO;
  fclose(fp);
  /* Mapped, not read: a CJK collection is 20 MB of which a run touches
   * little. HarfBuzz falls back to reading when it cannot map. */
  hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
  if (blob == NULL)
    return LOC_E_IO;
  return font_from_blob(blob, face_index, path, out);
}

void loc_font_free(loc_font *font) {
  if (font == NULL)
    return;
  hb_font_destroy(font->query);
  hb_face_destroy(font->face);
  free(font->path);
  free(font);
}

const char *loc_font_path(const loc_font *font) { return font ? font->path : ""; }

unsigned loc_font_upem(const loc_font *font) { return font ? font->upem : 0; }

bool loc_font_has_char(const loc_font *font, uint32_t cp) {
  hb_codepoint_t g = 0;
  return font && hb_font_get_nominal_glyph(font->query, cp, &g) && g != 0;
}

bool loc_font_has_mark_positioning(const loc_font *font) { return font && font->mark_pos; }
