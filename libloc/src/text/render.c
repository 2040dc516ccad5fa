/* Rendering laid-out paragraphs: FreeType rasterises each glyph (once per
 * font, size and quarter-pixel phase: render_cache.c) into an RGB band of
 * rows that libpng writes out before the next band is drawn, or decomposes
 * its outline into an SVG path. Positions are kept in 26.6 fixed point
 * (the layout runs at 64 units per pixel). */
#include "internal.h"
#include "buf.h"
#include "render_internal.h"
#include "shape_internal.h"

#include FT_OUTLINE_H
#include <stdarg.h>
#include <stdio.h>
#include <unicode/uchar.h>
#ifdef LOC_HAVE_PNG
#include <png.h>
#endif

/* 16 bytes a glyph: a 10 MB paragraph is about 9 million of them. */
typedef struct cglyph {
  uint32_t font, id;
  int32_t x;  /* 26.6 from the left of the picture */
  int32_t dy; /* 26.6 below its line's baseline */
} cglyph;

typedef struct cline {
  size_t first, n;        /* its glyphs */
  int64_t baseline;       /* 26.6, downwards from the top of the picture */
  int64_t top, bottom;    /* 26.6: no pixel of its glyphs lies outside */
} cline;

struct loc_canvas {
  const loc_font *const *fonts;
  size_t n_fonts;
  loc_render_options opt;
  FT_Library ft;
  FT_Face *faces;
  int64_t reach_up, reach_down; /* 26.6: how far a glyph may reach from its origin */
  loc_layout_ctx *layout; /* reused from paragraph to paragraph */
  loc__glyph_cache *cache;
  cglyph *g;
  size_t ng, gcap;
  cline *lines;
  size_t nl, lcap;
  int64_t y;          /* 26.6: top of the next paragraph, inside the margin */
  int32_t line_height;
};

/* Bytes of rasterised glyphs a canvas keeps (render_cache.c). */
#define GLYPH_CACHE_BUDGET (16u << 20)

/* Rows of the picture drawn at a time. */
#define BAND_ROWS 128

/* A paragraph longer than this (bytes) is laid out in pieces of about this
 * size, so laying it out takes a bounded amount of memory. */
#define PIECE_BYTES (256 * 1024)

static loc_status grow(void **p, size_t *cap, size_t need, size_t size) {
  return loc__grow(p, cap, need, size, 256);
}

void loc_canvas_free(loc_canvas *c) {
  if (c == NULL)
    return;
  for (size_t i = 0; c->faces && i < c->n_fonts; i++)
    if (c->faces[i])
      FT_Done_Face(c->faces[i]);
  free(c->faces);
  loc_layout_ctx_free(c->layout);
  loc__glyph_cache_free(c->cache);
  free(c->lines);
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
      (c->cache = loc__glyph_cache_new(GLYPH_CACHE_BUDGET)) == NULL ||
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
    /* the font's bounding box bounds its glyphs' bitmaps (plus a pixel of
     * anti-aliasing); an implausible box counts as 2 em each way */
    FT_Face f = c->faces[i];
    double k = opt->size * 64 / (f->units_per_EM ? f->units_per_EM : 1000);
    double up = f->bbox.yMax * k + 128, down = -f->bbox.yMin * k + 128;
    double lim = opt->size * 64 * 8;
    if (!(up > 0 && up < lim) || !(down > 0 && down < lim) || f->bbox.yMax <= f->bbox.yMin)
      up = down = opt->size * 64 * 2;
    if ((int64_t)up > c->reach_up)
      c->reach_up = (int64_t)up;
    if ((int64_t)down > c->reach_down)
      c->reach_down = (int64_t)down;
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

/* Lays out s[0, len) and appends its lines below what is there. */
static loc_status add_piece(loc_canvas *c, const char *s, size_t len, const char *language,
                            loc_shape_direction base, loc_render_align align) {
  int64_t avail = (int64_t)(c->opt.width - 2 * c->opt.margin) * 64;
  loc_layout_options lo = {.size = c->opt.size * 64, .width = (int32_t)avail,
                           .base = base, .language = language};
  loc_layout *l = NULL;
  loc_status st = loc_layout_ctx_new_layout(c->layout, c->fonts, c->n_fonts, s, len, &lo, &l);
  if (st != LOC_OK)
    return st;
  const loc_layout_line *lines;
  const loc_layout_glyph *g;
  size_t nl = loc_layout_lines(l, &lines);
  loc_layout_glyphs(l, &g);
  int64_t lh = (int64_t)(loc_layout_line_height(l) * c->opt.line_spacing);
  int64_t asc = loc_layout_ascender(l);
  st = grow((void **)&c->lines, &c->lcap, c->nl + nl, sizeof *c->lines);
  for (size_t i = 0; i < nl && st == LOC_OK; i++) {
    int64_t x0 = (int64_t)c->opt.margin * 64;
    if (align == LOC_RENDER_ALIGN_RIGHT)
      x0 += avail - lines[i].width;
    else if (align == LOC_RENDER_ALIGN_CENTER)
      x0 += (avail - lines[i].width) / 2;
    int64_t base_y = (int64_t)c->opt.margin * 64 + c->y + asc + (int64_t)i * lh;
    cline *cl = &c->lines[c->nl];
    *cl = (cline){c->ng, 0, base_y, base_y - c->reach_up, base_y + c->reach_down};
    st = grow((void **)&c->g, &c->gcap, c->ng + lines[i].n_glyphs, sizeof *c->g);
    for (size_t k = 0; st == LOC_OK && k < lines[i].n_glyphs; k++) {
      const loc_layout_glyph *p = &g[lines[i].first_glyph + k];
      int64_t x = x0 + p->x, dy = -((int64_t)p->y - lines[i].baseline);
      /* far outside the picture (a huge advance or offset): not drawn */
      if (x < INT32_MIN / 2 || x > INT32_MAX / 2 || dy < INT32_MIN / 2 || dy > INT32_MAX / 2)
        continue;
      c->g[c->ng++] = (cglyph){p->font, p->id, (int32_t)x, (int32_t)dy};
      if (base_y + dy - c->reach_up < cl->top)
        cl->top = base_y + dy - c->reach_up;
      if (base_y + dy + c->reach_down > cl->bottom)
        cl->bottom = base_y + dy + c->reach_down;
    }
    cl->n = c->ng - cl->first;
    if (st == LOC_OK)
      c->nl++;
  }
  c->y += (int64_t)nl * lh;
  c->line_height = (int32_t)lh;
  loc_layout_free(l);
  return st;
}

loc_status loc_canvas_add_paragraph(loc_canvas *c, const char *s, size_t len,
                                    const char *language) {
  if (c == NULL || (s == NULL && len > 0))
    return LOC_E_INVALID_ARGUMENT;
  if (len > INT32_MAX / 2)
    return LOC_E_OVERFLOW;
  bool rtl = paragraph_rtl(s, len);
  loc_render_align align = c->opt.align;
  if (align == LOC_RENDER_ALIGN_START)
    align = rtl ? LOC_RENDER_ALIGN_RIGHT : LOC_RENDER_ALIGN_LEFT;
  if (len <= PIECE_BYTES)
    return add_piece(c, s, len, language, LOC_DIR_AUTO, align);
  /* every piece at the paragraph's level, each starting a new line */
  loc_status st = LOC_OK;
  for (size_t at = 0; at < len && st == LOC_OK;) {
    size_t end = loc__piece_end(s, len, at, PIECE_BYTES);
    st = add_piece(c, s + at, end - at, language, rtl ? LOC_DIR_RTL : LOC_DIR_LTR, align);
    at = end;
  }
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

#ifdef LOC_HAVE_PNG
static void fill_bg(uint8_t *row, int w, uint32_t bg) {
  for (int i = 0; i < w; i++) {
    row[3 * i] = (uint8_t)(bg >> 16);
    row[3 * i + 1] = (uint8_t)(bg >> 8);
    row[3 * i + 2] = (uint8_t)bg;
  }
}

/* Draws the glyphs of @cl into the band of rows [y0, y0 + rows). */
static void draw_line(loc_canvas *c, const cline *cl, uint8_t *band, int w, int64_t y0,
                      int rows) {
  for (size_t i = cl->first; i < cl->first + cl->n; i++) {
    const cglyph *g = &c->g[i];
    /* to the nearest quarter pixel: one bitmap serves all positions that
     * round alike */
    int64_t x = ((int64_t)g->x + 8) & ~(int64_t)15;
    int64_t y = (cl->baseline + g->dy + 8) & ~(int64_t)15;
    bool ok;
    const loc__glyph_bitmap *bm =
        loc__glyph_cache_get(c->cache, c->faces[g->font], g->font, g->id,
                             (int32_t)(c->opt.size * 64), (unsigned)((x & 63) >> 4),
                             (unsigned)((y & 63) >> 4), &ok);
    if (!ok || bm->pixels == NULL)
      continue;
    int64_t ox = (x >> 6) + bm->left;
    int64_t oy = (y >> 6) - bm->top - y0;
    for (uint32_t r = 0; r < bm->rows; r++) {
      int64_t yy = oy + r;
      if (yy < 0 || yy >= rows)
        continue;
      const uint8_t *src = bm->pixels + (size_t)r * bm->width;
      uint8_t *dst = band + (size_t)yy * (size_t)w * 3;
      for (uint32_t col = 0; col < bm->width; col++) {
        int64_t xx = ox + col;
        if (src[col] != 0 && xx >= 0 && xx < w)
          blend(dst + (size_t)xx * 3, c->opt.fg, src[col]);
      }
    }
  }
}
#endif

/* ---------- output: bytes to a sink ---------- */

/* A picture's bytes on their way to a sink, in pieces of up to OUT_BUF
 * bytes; after the first error nothing more is written and it is kept. */
#define OUT_BUF 16384
typedef struct out_buf {
  loc_sink_fn sink;
  void *user;
  loc_status st;
  size_t n;
  char data[OUT_BUF];
} out_buf;

static void out_flush(out_buf *o) {
  if (o->st == LOC_OK && o->n > 0)
    o->st = o->sink(o->user, o->data, o->n);
  o->n = 0;
}

static void out_put(out_buf *o, const char *s, size_t len) {
  if (o->st != LOC_OK)
    return;
  if (o->n + len > OUT_BUF)
    out_flush(o);
  if (o->st != LOC_OK)
    return;
  if (len > OUT_BUF) {
    o->st = o->sink(o->user, s, len);
    return;
  }
  memcpy(o->data + o->n, s, len);
  o->n += len;
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void out_printf(out_buf *o, const char *fmt, ...) {
  char tmp[512]; /* every piece of SVG written here is shorter */
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (n < 0 || (size_t)n >= sizeof tmp) {
    if (o->st == LOC_OK)
      o->st = LOC_E_INTERNAL;
    return;
  }
  out_put(o, tmp, (size_t)n);
}

#ifdef LOC_HAVE_PNG
/* Draws the picture band by band into @png. */
static void draw_bands(loc_canvas *c, png_structp png, uint8_t *band, const int64_t *min_top,
                       int w, int h) {
  /* lines before `first` end above every band still to come: the bottoms
   * of lines 0..first-1 all lie above the current band's top */
  size_t first = 0;
  int64_t max_bottom = INT64_MIN;
  for (int y0 = 0; y0 < h; y0 += BAND_ROWS) {
    int rows = h - y0 < BAND_ROWS ? h - y0 : BAND_ROWS;
    for (int r = 0; r < rows; r++)
      fill_bg(band + (size_t)r * (size_t)w * 3, w, c->opt.bg);
    int64_t top = (int64_t)y0 * 64, bottom = (int64_t)(y0 + rows) * 64;
    while (first < c->nl) {
      int64_t mb = c->lines[first].bottom > max_bottom ? c->lines[first].bottom : max_bottom;
      if (mb >= top)
        break;
      max_bottom = mb;
      first++;
    }
    for (size_t i = first; i < c->nl && min_top[i] < bottom; i++)
      if (c->lines[i].bottom >= top && c->lines[i].top < bottom)
        draw_line(c, &c->lines[i], band, w, y0, rows);
    for (int r = 0; r < rows; r++)
      png_write_row(png, band + (size_t)r * (size_t)w * 3);
  }
}

static void png_write_cb(png_structp png, png_bytep data, size_t len) {
  out_buf *o = png_get_io_ptr(png);
  out_put(o, (const char *)data, len);
  if (o->st != LOC_OK)
    png_error(png, "the sink failed");
}

static void png_flush_cb(png_structp png) { (void)png; }

static loc_status write_png(loc_canvas *c, out_buf *o, uint8_t *band, const int64_t *min_top,
                            int w, int h) {
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  png_infop info = png ? png_create_info_struct(png) : NULL;
  loc_status st = LOC_OK;
  if (png == NULL || info == NULL) {
    st = LOC_E_NO_MEMORY;
  } else if (setjmp(png_jmpbuf(png))) {
    st = o->st != LOC_OK ? o->st : LOC_E_IO;
  } else {
    png_set_write_fn(png, o, png_write_cb, png_flush_cb);
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    /* Text on a flat background: without row filters and at zlib level 3
     * the file came out 25% smaller and 2.3 times faster than libpng's
     * defaults (adaptive filters, level 6), which took 85% of the time. */
    png_set_filter(png, 0, PNG_FILTER_NONE);
    png_set_compression_level(png, 3);
    png_write_info(png, info);
    draw_bands(c, png, band, min_top, w, h);
    png_write_end(png, NULL);
  }
  png_destroy_write_struct(png ? &png : NULL, info ? &info : NULL);
  return st;
}

/* Is the picture within the 2^28-pixel limit of PNG output? */
static bool png_size_ok(const loc_canvas *c) {
  return (int64_t)c->opt.width * picture_height(c) <= ((int64_t)1 << 28);
}
#endif

static loc_status png_out(loc_canvas *c, out_buf *o) {
#ifndef LOC_HAVE_PNG
  (void)c;
  (void)o;
  return LOC_E_UNSUPPORTED;
#else
  int w = c->opt.width, h = picture_height(c);
  if (!png_size_ok(c))
    return LOC_E_OVERFLOW;
  uint8_t *band = malloc((size_t)w * BAND_ROWS * 3);
  /* the lowest top of the lines from each one on: a band's lines end where
   * this passes its bottom */
  int64_t *min_top = malloc((c->nl ? c->nl : 1) * sizeof *min_top);
  loc_status st = band && min_top ? LOC_OK : LOC_E_NO_MEMORY;
  if (st == LOC_OK) {
    for (size_t i = c->nl; i-- > 0;)
      min_top[i] = i + 1 < c->nl && min_top[i + 1] < c->lines[i].top ? min_top[i + 1]
                                                                       : c->lines[i].top;
    st = write_png(c, o, band, min_top, w, h);
  }
  free(band);
  free(min_top);
  return st;
#endif
}

typedef struct svg_out {
  out_buf *o;
  bool open;  /* a contour is open: close it before the next one */
} svg_out;

static int svg_move(const FT_Vector *to, void *u) {
  svg_out *so = u;
  out_printf(so->o, "%sM%ld %ld", so->open ? "Z" : "", (long)to->x, (long)to->y);
  so->open = true;
  return 0;
}
static int svg_line(const FT_Vector *to, void *u) {
  out_printf(((svg_out *)u)->o, "L%ld %ld", (long)to->x, (long)to->y);
  return 0;
}
static int svg_conic(const FT_Vector *ctl, const FT_Vector *to, void *u) {
  out_printf(((svg_out *)u)->o, "Q%ld %ld %ld %ld", (long)ctl->x, (long)ctl->y, (long)to->x,
          (long)to->y);
  return 0;
}
static int svg_cubic(const FT_Vector *c1, const FT_Vector *c2, const FT_Vector *to, void *u) {
  out_printf(((svg_out *)u)->o, "C%ld %ld %ld %ld %ld %ld", (long)c1->x, (long)c1->y,
          (long)c2->x, (long)c2->y, (long)to->x, (long)to->y);
  return 0;
}

static loc_status svg_out_all(loc_canvas *c, out_buf *o) {
  int w = c->opt.width, h = picture_height(c);
  out_printf(o,
             "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
             "viewBox=\"0 0 %d %d\">\n<rect width=\"100%%\" height=\"100%%\" fill=\"#%06X\"/>\n"
             "<g fill=\"#%06X\">\n",
             w, h, w, h, (unsigned)(c->opt.bg & 0xFFFFFF), (unsigned)(c->opt.fg & 0xFFFFFF));
  static const FT_Outline_Funcs funcs = {svg_move, svg_line, svg_conic, svg_cubic, 0, 0};
  svg_out so = {o, false};
  size_t cur = 0; /* the line of glyph i */
  for (size_t i = 0; i < c->ng && o->st == LOC_OK; i++) {
    const cglyph *g = &c->g[i];
    while (cur + 1 < c->nl && c->lines[cur].first + c->lines[cur].n <= i)
      cur++;
    int64_t gy = c->lines[cur].baseline + g->dy;
    FT_Face face = c->faces[g->font];
    if (FT_Load_Glyph(face, g->id, FT_LOAD_NO_SCALE | FT_LOAD_NO_BITMAP) != 0 ||
        face->glyph->format != FT_GLYPH_FORMAT_OUTLINE || face->glyph->outline.n_points == 0)
      continue;
    double k = c->opt.size / face->units_per_EM;
    out_printf(o, "<path transform=\"matrix(%.5f 0 0 %.5f %.3f %.3f)\" d=\"", k, -k,
               (double)g->x / 64, (double)gy / 64);
    so.open = false;
    FT_Outline_Decompose(&face->glyph->outline, &funcs, &so);
    out_put(o, "Z\"/>\n", 5);
  }
  out_put(o, "</g>\n</svg>\n", 12);
  return o->st;
}

LOC_API loc_status loc_render_write(loc_canvas *c, loc_render_format format, loc_sink_fn sink,
                                    void *user) {
  if (c == NULL || sink == NULL || (format != LOC_RENDER_PNG && format != LOC_RENDER_SVG))
    return LOC_E_INVALID_ARGUMENT;
  out_buf *o = malloc(sizeof *o);
  if (o == NULL)
    return LOC_E_NO_MEMORY;
  o->sink = sink;
  o->user = user;
  o->st = LOC_OK;
  o->n = 0;
  loc_status st = format == LOC_RENDER_PNG ? png_out(c, o) : svg_out_all(c, o);
  if (st == LOC_OK) {
    out_flush(o);
    st = o->st;
  }
  free(o);
  return st;
}

/* ---------- files ---------- */

static loc_status file_sink(void *user, const char *data, size_t len) {
  return fwrite(data, 1, len, (FILE *)user) == len ? LOC_OK : LOC_E_IO;
}

static loc_status write_file(loc_canvas *c, loc_render_format format, const char *path) {
  FILE *fp = fopen(path, "wb");
  if (fp == NULL)
    return LOC_E_IO;
  loc_status st = loc_render_write(c, format, file_sink, fp);
  if (fclose(fp) != 0 && st == LOC_OK)
    st = LOC_E_IO;
  return st;
}

loc_status loc_canvas_write_png(loc_canvas *c, const char *path) {
#ifndef LOC_HAVE_PNG
  (void)c;
  (void)path;
  return LOC_E_UNSUPPORTED;
#else
  if (c == NULL || path == NULL)
    return LOC_E_INVALID_ARGUMENT;
  if (!png_size_ok(c)) /* no file is made */
    return LOC_E_OVERFLOW;
  return write_file(c, LOC_RENDER_PNG, path);
#endif
}

loc_status loc_canvas_write_svg(loc_canvas *c, const char *path) {
  if (c == NULL || path == NULL)
    return LOC_E_INVALID_ARGUMENT;
  return write_file(c, LOC_RENDER_SVG, path);
}
