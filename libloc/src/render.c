/* Rendering laid-out paragraphs: FreeType rasterises each glyph at its
 * sub-pixel position into an RGB canvas written by libpng, or decomposes its
 * outline into an SVG path. Positions are kept in 26.6 fixed point (the
 * layout runs at 64 units per pixel). */
#include "internal.h"
#include "shape_internal.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_OUTLINE_H
#include <stdio.h>
#include <unicode/uchar.h>
#ifdef LOC_HAVE_PNG
#include <png.h>
#endif

typedef struct cglyph {
  uint32_t font, id;
  int64_t x, y; /* 26.6, y downwards from the top of the picture */
} cglyph;

struct loc_canvas {
  const loc_font *const *fonts;
  size_t n_fonts;
  loc_render_options opt;
  FT_Library ft;
  FT_Face *faces;
  loc_layout_ctx *layout; /* reused from paragraph to paragraph */
  cglyph *g;
  size_t ng, gcap;
  int64_t y;          /* 26.6: top of the next paragraph, inside the margin */
  int32_t line_height;
};

static loc_status grow(void **p, size_t *cap, size_t need, size_t size) {
  if (need <= *cap)
    return LOC_OK;
  size_t nc = *cap ? *cap * 2 : 256;
  while (nc < need)
    nc *= 2;
  void *g = realloc(*p, nc * size);
  if (g == NULL)
    return LOC_E_NO_MEMORY;
  *p = g;
  *cap = nc;
  return LOC_OK;
}

void loc_canvas_free(loc_canvas *c) {
  if (c == NULL)
    return;
  for (size_t i = 0; c->faces && i < c->n_fonts; i++)
    if (c->faces[i])
      FT_Done_Face(c->faces[i]);
  free(c->faces);
  loc_layout_ctx_free(c->layout);
  if (c->ft)
    FT_Done_FreeType(c->ft);
  free(c->g);
  free(c);
}

loc_status loc_canvas_new(const loc_font *const *fonts, size_t n_fonts,
                          const loc_render_options *opt, loc_canvas **out) {
  if (out == NULL || fonts == NULL || n_fonts == 0 || opt == NULL)
    return LOC_E_INVALID_ARGUMENT;
  *out = NULL;
  if (!(opt->size >= 1 && opt->size <= 1000) || opt->width < 1 || opt->width > 20000 ||
      opt->margin < 0 || opt->margin * 2 >= opt->width)
    return LOC_E_INVALID_ARGUMENT;
  loc_canvas *c = calloc(1, sizeof *c);
  if (c == NULL)
    return LOC_E_NO_MEMORY;
  c->fonts = fonts;
  c->n_fonts = n_fonts;
  c->opt = *opt;
  if (c->opt.line_spacing <= 0)
    c->opt.line_spacing = 1;
  c->faces = calloc(n_fonts, sizeof *c->faces);
  if (c->faces == NULL || loc_layout_ctx_new(&c->layout) != LOC_OK ||
      FT_Init_FreeType(&c->ft) != 0) {
    loc_canvas_free(c);
    return LOC_E_NO_MEMORY;
  }
  for (size_t i = 0; i < n_fonts; i++) {
    /* FreeType reads the same bytes HarfBuzz shaped with */
    hb_blob_t *blob = hb_face_reference_blob(fonts[i]->face);
    unsigned len = 0;
    const char *data = hb_blob_get_data(blob, &len);
    hb_blob_destroy(blob); /* the face keeps it alive */
    if (data == NULL || FT_New_Memory_Face(c->ft, (const FT_Byte *)data, (FT_Long)len,
                                           (FT_Long)hb_face_get_index(fonts[i]->face),
                                           &c->faces[i]) != 0) {
      loc_canvas_free(c);
      return LOC_E_FONT_LOAD;
    }
    FT_Set_Char_Size(c->faces[i], 0, (FT_F26Dot6)(opt->size * 64), 72, 72);
  }
  *out = c;
  return LOC_OK;
}

/* Paragraph direction by UAX #9 P2: the first strong character. */
static bool paragraph_rtl(const char *s, size_t len) {
  for (size_t i = 0; i < len;) {
    size_t k = 1;
    int32_t cp = loc__utf8_decode((const uint8_t *)s, len, i, &k);
    i += k;
    if (cp < 0)
      continue;
    UCharDirection d = u_charDirection(cp);
    if (d == U_LEFT_TO_RIGHT)
      return false;
    if (d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC)
      return true;
  }
  return false;
}

loc_status loc_canvas_add_paragraph(loc_canvas *c, const char *s, size_t len,
                                    const char *language) {
  if (c == NULL || (s == NULL && len > 0))
    return LOC_E_INVALID_ARGUMENT;
  int64_t avail = (int64_t)(c->opt.width - 2 * c->opt.margin) * 64;
  loc_layout_options lo = {.size = c->opt.size * 64, .width = (int32_t)avail,
                           .language = language};
  loc_layout *l = NULL;
  loc_status st = loc_layout_ctx_paragraph(c->layout, c->fonts, c->n_fonts, s, len, &lo, &l);
  if (st != LOC_OK)
    return st;
  const loc_layout_line *lines;
  const loc_placed_glyph *g;
  size_t nl = loc_layout_lines(l, &lines);
  loc_layout_glyphs(l, &g);
  int64_t lh = (int64_t)(loc_layout_line_height(l) * c->opt.line_spacing);
  int64_t asc = loc_layout_ascender(l);
  loc_align align = c->opt.align;
  if (align == LOC_ALIGN_START)
    align = paragraph_rtl(s, len) ? LOC_ALIGN_RIGHT : LOC_ALIGN_LEFT;
  for (size_t i = 0; i < nl && st == LOC_OK; i++) {
    int64_t x0 = (int64_t)c->opt.margin * 64;
    if (align == LOC_ALIGN_RIGHT)
      x0 += avail - lines[i].width;
    else if (align == LOC_ALIGN_CENTER)
      x0 += (avail - lines[i].width) / 2;
    int64_t base = (int64_t)c->opt.margin * 64 + c->y + asc + (int64_t)i * lh;
    st = grow((void **)&c->g, &c->gcap, c->ng + lines[i].n_glyphs, sizeof *c->g);
    for (size_t k = 0; st == LOC_OK && k < lines[i].n_glyphs; k++) {
      const loc_placed_glyph *p = &g[lines[i].first_glyph + k];
      c->g[c->ng++] = (cglyph){p->font, p->id, x0 + p->x,
                               base - (p->y - lines[i].baseline)};
    }
  }
  c->y += (int64_t)nl * lh;
  c->line_height = (int32_t)lh;
  loc_layout_free(l);
  return st;
}

static int picture_height(const loc_canvas *c) {
  return (int)((c->y + 63) / 64) + 2 * c->opt.margin;
}

#ifdef LOC_HAVE_PNG
static void blend(uint8_t *px, uint32_t fg, unsigned a) {
  for (int ch = 0; ch < 3; ch++) {
    unsigned f = (fg >> (16 - 8 * ch)) & 0xFF;
    unsigned cur = px[ch];
    /* coverage over what is there (glyphs may overlap) */
    px[ch] = (uint8_t)((cur * (255 - a) + f * a + 127) / 255);
  }
}
#endif

loc_status loc_canvas_write_png(loc_canvas *c, const char *path) {
#ifndef LOC_HAVE_PNG
  (void)c;
  (void)path;
  return LOC_E_UNSUPPORTED;
#else
  if (c == NULL || path == NULL)
    return LOC_E_INVALID_ARGUMENT;
  int w = c->opt.width, h = picture_height(c);
  if ((int64_t)w * h > ((int64_t)1 << 28))
    return LOC_E_OVERFLOW;
  uint8_t *img = malloc((size_t)w * (size_t)h * 3);
  if (img == NULL)
    return LOC_E_NO_MEMORY;
  for (size_t i = 0; i < (size_t)w * (size_t)h; i++) {
    img[3 * i] = (uint8_t)(c->opt.bg >> 16);
    img[3 * i + 1] = (uint8_t)(c->opt.bg >> 8);
    img[3 * i + 2] = (uint8_t)c->opt.bg;
  }
  for (size_t i = 0; i < c->ng; i++) {
    const cglyph *g = &c->g[i];
    FT_Face face = c->faces[g->font];
    FT_Vector delta = {(FT_Pos)(g->x & 63), (FT_Pos)(-(g->y & 63))};
    FT_Set_Transform(face, NULL, &delta);
    if (FT_Load_Glyph(face, g->id, FT_LOAD_DEFAULT | FT_LOAD_NO_HINTING) != 0 ||
        FT_Render_Glyph(face->glyph, FT_RENDER_MODE_NORMAL) != 0)
      continue;
    const FT_Bitmap *bm = &face->glyph->bitmap;
    if (bm->pixel_mode != FT_PIXEL_MODE_GRAY)
      continue;
    int64_t ox = (g->x >> 6) + face->glyph->bitmap_left;
    int64_t oy = (g->y >> 6) - face->glyph->bitmap_top;
    for (unsigned r = 0; r < bm->rows; r++) {
      int64_t yy = oy + r;
      if (yy < 0 || yy >= h)
        continue;
      for (unsigned col = 0; col < bm->width; col++) {
        int64_t xx = ox + col;
        unsigned a = bm->buffer[(size_t)r * (size_t)abs(bm->pitch) + col];
        if (xx < 0 || xx >= w || a == 0)
          continue;
        blend(img + ((size_t)yy * (size_t)w + (size_t)xx) * 3, c->opt.fg, a);
      }
    }
  }
  for (size_t f = 0; f < c->n_fonts; f++)
    FT_Set_Transform(c->faces[f], NULL, NULL);
  FILE *fp = fopen(path, "wb");
  if (fp == NULL) {
    free(img);
    return LOC_E_IO;
  }
  loc_status st = LOC_OK;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  png_infop info = png ? png_create_info_struct(png) : NULL;
  png_bytep *rows = malloc((size_t)h * sizeof *rows);
  if (png == NULL || info == NULL || rows == NULL) {
    st = LOC_E_NO_MEMORY;
  } else if (setjmp(png_jmpbuf(png))) {
    st = LOC_E_IO;
  } else {
    png_init_io(png, fp);
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    for (int y = 0; y < h; y++)
      rows[y] = img + (size_t)y * (size_t)w * 3;
    png_write_image(png, rows);
    png_write_end(png, NULL);
  }
  png_destroy_write_struct(png ? &png : NULL, info ? &info : NULL);
  free(rows);
  free(img);
  if (fclose(fp) != 0 && st == LOC_OK)
    st = LOC_E_IO;
  return st;
#endif
}

typedef struct svg_out {
  FILE *fp;
  bool open;  /* a contour is open: close it before the next one */
} svg_out;

static int svg_move(const FT_Vector *to, void *u) {
  svg_out *so = u;
  fprintf(so->fp, "%sM%ld %ld", so->open ? "Z" : "", (long)to->x, (long)to->y);
  so->open = true;
  return 0;
}
static int svg_line(const FT_Vector *to, void *u) {
  fprintf(((svg_out *)u)->fp, "L%ld %ld", (long)to->x, (long)to->y);
  return 0;
}
static int svg_conic(const FT_Vector *ctl, const FT_Vector *to, void *u) {
  fprintf(((svg_out *)u)->fp, "Q%ld %ld %ld %ld", (long)ctl->x, (long)ctl->y, (long)to->x,
          (long)to->y);
  return 0;
}
static int svg_cubic(const FT_Vector *c1, const FT_Vector *c2, const FT_Vector *to, void *u) {
  fprintf(((svg_out *)u)->fp, "C%ld %ld %ld %ld %ld %ld", (long)c1->x, (long)c1->y,
          (long)c2->x, (long)c2->y, (long)to->x, (long)to->y);
  return 0;
}

loc_status loc_canvas_write_svg(loc_canvas *c, const char *path) {
  if (c == NULL || path == NULL)
    return LOC_E_INVALID_ARGUMENT;
  FILE *fp = fopen(path, "w");
  if (fp == NULL)
    return LOC_E_IO;
  int w = c->opt.width, h = picture_height(c);
  fprintf(fp,
          "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
          "viewBox=\"0 0 %d %d\">\n<rect width=\"100%%\" height=\"100%%\" fill=\"#%06X\"/>\n"
          "<g fill=\"#%06X\">\n",
          w, h, w, h, (unsigned)(c->opt.bg & 0xFFFFFF), (unsigned)(c->opt.fg & 0xFFFFFF));
  static const FT_Outline_Funcs funcs = {svg_move, svg_line, svg_conic, svg_cubic, 0, 0};
  svg_out so = {fp, false};
  for (size_t i = 0; i < c->ng; i++) {
    const cglyph *g = &c->g[i];
    FT_Face face = c->faces[g->font];
    if (FT_Load_Glyph(face, g->id, FT_LOAD_NO_SCALE | FT_LOAD_NO_BITMAP) != 0 ||
        face->glyph->format != FT_GLYPH_FORMAT_OUTLINE || face->glyph->outline.n_points == 0)
      continue;
    double k = c->opt.size / face->units_per_EM;
    fprintf(fp, "<path transform=\"matrix(%.5f 0 0 %.5f %.3f %.3f)\" d=\"", k, -k,
            (double)g->x / 64, (double)g->y / 64);
    so.open = false;
    FT_Outline_Decompose(&face->glyph->outline, &funcs, &so);
    fputs("Z\"/>\n", fp);
  }
  fputs("</g>\n</svg>\n", fp);
  return fclose(fp) == 0 ? LOC_OK : LOC_E_IO;
}
