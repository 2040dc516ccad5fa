/* Paragraph layout: items → font runs by grapheme → shaping → greedy line
 * breaking on ICU's opportunities → re-shaping where HarfBuzz says a break
 * is unsafe → visual order per line. See <loc/layout.h>. */
#include "internal.h"
#include "shape_internal.h"

#include <unicode/uchar.h>
#include <unicode/ubidi.h>

typedef struct frun {
  size_t start, end;
  uint8_t level;
  int32_t script;
  uint32_t font;
  size_t g0, ng;       /* its glyphs in the shaped array (visual order) */
} frun;

struct loc_layout {
  loc_placed_glyph *g;
  size_t ng, gcap;
  loc_layout_line *lines;
  size_t nl, lcap;
  int32_t line_height;
  int32_t ascender;   /* of the tallest font used */
};

typedef struct lctx {
  const loc_font *const *fonts;
  size_t n_fonts;
  loc_shaper **sh;
  const char *s;
  size_t len;
  frun *runs;
  size_t nruns, rcap;
  loc_glyph *shaped;   /* glyphs of all runs, clusters as paragraph byte offsets */
  size_t nshaped, scap;
  int64_t *width_before; /* advance of the text before each byte offset (len + 1) */
  loc_layout *out;
} lctx;

static loc_status grow(void **p, size_t *cap, size_t need, size_t size) {
  if (need <= *cap)
    return LOC_OK;
  size_t nc = *cap ? *cap : 16;
  while (nc < need)
    nc *= 2;
  void *g = realloc(*p, nc * size);
  if (g == NULL)
    return LOC_E_NO_MEMORY;
  *p = g;
  *cap = nc;
  return LOC_OK;
}

static bool needs_glyph(int32_t c) {
  return c >= 0 && !u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
}

static bool font_covers(const loc_font *f, const char *s, size_t start, size_t end) {
  for (size_t i = start; i < end;) {
    size_t k = 1;
    int32_t c = loc__utf8_decode((const uint8_t *)s, end, i, &k);
    if (needs_glyph(c) && !loc_font_has_char(f, (uint32_t)c))
      return false;
    i += k;
  }
  return true;
}

static uint32_t choose_font(lctx *c, size_t start, size_t end, uint32_t prev) {
  if (prev < c->n_fonts && font_covers(c->fonts[prev], c->s, start, end))
    return prev;
  for (size_t f = 0; f < c->n_fonts; f++)
    if (font_covers(c->fonts[f], c->s, start, end))
      return (uint32_t)f;
  size_t k = 1;
  int32_t first = loc__utf8_decode((const uint8_t *)c->s, c->len, start, &k);
  for (size_t f = 0; f < c->n_fonts && first >= 0; f++)
    if (loc_font_has_char(c->fonts[f], (uint32_t)first))
      return (uint32_t)f;
  return 0;
}

/* End of the cluster that starts at @i: the character and the ones that
 * extend it (Grapheme_Cluster_Break Extend, SpacingMark, ZWJ — marks,
 * ZWJ/ZWNJ, variation selectors), so a base and its marks share a font.
 * (A property test per character instead of an ICU break iterator, which
 * costs more to clone per paragraph than the whole loop.) */
static size_t cluster_end(const char *s, size_t len, size_t i) {
  size_t k = 1;
  loc__utf8_decode((const uint8_t *)s, len, i, &k);
  i += k;
  while (i < len) {
    int32_t c = loc__utf8_decode((const uint8_t *)s, len, i, &k);
    if (c < 0)
      break;
    int gcb = u_getIntPropertyValue(c, UCHAR_GRAPHEME_CLUSTER_BREAK);
    if (gcb != U_GCB_EXTEND && gcb != U_GCB_SPACING_MARK && gcb != U_GCB_ZWJ)
      break;
    i += k;
  }
  return i;
}

static loc_status font_runs(lctx *c, const loc_item *items, size_t n_items) {
  loc_status st = LOC_OK;
  uint32_t prev = UINT32_MAX;
  for (size_t i = 0; i < n_items && st == LOC_OK; i++) {
    const loc_item *it = &items[i];
    for (size_t a = it->start; a < it->end && st == LOC_OK;) {
      size_t b = cluster_end(c->s, it->end, a);
      uint32_t f = choose_font(c, a, b, prev);
      prev = f;
      frun *last = c->nruns ? &c->runs[c->nruns - 1] : NULL;
      if (last && last->end == a && last->font == f && last->level == it->level &&
          last->script == it->script) {
        last->end = b;
      } else {
        st = grow((void **)&c->runs, &c->rcap, c->nruns + 1, sizeof *c->runs);
        if (st == LOC_OK)
          c->runs[c->nruns++] = (frun){a, b, it->level, it->script, f, 0, 0};
      }
      a = b;
    }
  }
  return st;
}

/* Shapes s[start, end) of @text (a paragraph or a line at @base in the
 * paragraph) and appends the glyphs, clusters made paragraph offsets. */
static loc_status shape_piece(lctx *c, const frun *r, const char *text, size_t tlen,
                              size_t base, size_t start, size_t end, loc_glyph **out,
                              size_t *n, size_t *cap) {
  loc_shaper *sh = c->sh[r->font];
  loc_status st = loc_shape_run(sh, text, tlen, start - base, end - base,
                                (r->level & 1) ? LOC_DIR_RTL : LOC_DIR_LTR, r->script);
  if (st != LOC_OK)
    return st;
  const loc_glyph *g;
  size_t ng = loc_shaper_glyphs(sh, &g);
  st = grow((void **)out, cap, *n + ng, sizeof **out);
  if (st != LOC_OK)
    return st;
  for (size_t i = 0; i < ng; i++) {
    (*out)[*n + i] = g[i];
    (*out)[*n + i].cluster += (uint32_t)base;
  }
  *n += ng;
  return LOC_OK;
}

static loc_status shape_all(lctx *c) {
  c->width_before = calloc(c->len + 1, sizeof *c->width_before);
  if (c->width_before == NULL)
    return LOC_E_NO_MEMORY;
  for (size_t i = 0; i < c->nruns; i++) {
    frun *r = &c->runs[i];
    r->g0 = c->nshaped;
    loc_status st = shape_piece(c, r, c->s, c->len, 0, r->start, r->end, &c->shaped,
                                &c->nshaped, &c->scap);
    if (st != LOC_OK)
      return st;
    r->ng = c->nshaped - r->g0;
    for (size_t k = r->g0; k < c->nshaped; k++)
      if (c->shaped[k].cluster < c->len)
        c->width_before[c->shaped[k].cluster + 1] += c->shaped[k].x_advance;
  }
  for (size_t i = 1; i <= c->len; i++)
    c->width_before[i] += c->width_before[i - 1];
  return LOC_OK;
}

/* Width of s[a, b) without the white space at its end (it may hang). */
static int64_t measure(const lctx *c, size_t a, size_t b) {
  while (b > a && (c->s[b - 1] == ' ' || c->s[b - 1] == '\t' || c->s[b - 1] == '\n' ||
                   c->s[b - 1] == '\r'))
    b--;
  return c->width_before[b] - c->width_before[a];
}

/* The glyphs of @r whose clusters lie in [a, b): HarfBuzz keeps clusters
 * monotonic (ascending in a left-to-right run's visual order, descending in
 * a right-to-left one), so they are one slice, found by bisection. */
static void slice(const lctx *c, const frun *r, size_t a, size_t b, size_t *from, size_t *to) {
  const loc_glyph *g = c->shaped + r->g0;
  bool rtl = r->level & 1;
  /* first index whose cluster is "past" the bound in visual order */
  size_t lo = 0, hi = r->ng;
  while (lo < hi) { /* first glyph inside: LTR cluster >= a; RTL cluster < b */
    size_t m = lo + (hi - lo) / 2;
    bool before = rtl ? g[m].cluster >= b : g[m].cluster < a;
    if (before)
      lo = m + 1;
    else
      hi = m;
  }
  size_t first = lo;
  hi = r->ng;
  while (lo < hi) { /* first glyph after: LTR cluster >= b; RTL cluster < a */
    size_t m = lo + (hi - lo) / 2;
    bool inside = rtl ? g[m].cluster >= a : g[m].cluster < b;
    if (inside)
      lo = m + 1;
    else
      hi = m;
  }
  *from = r->g0 + first;
  *to = r->g0 + lo;
}

/* Whether the shaped glyphs of @r may be cut at byte @at without shaping
 * again: a glyph starts a cluster there, and HarfBuzz did not flag it. */
static bool safe_cut(const lctx *c, const frun *r, size_t at) {
  if (at <= r->start || at >= r->end)
    return true;
  size_t from, to;
  slice(c, r, at, at + 1, &from, &to);
  if (from == to)
    return false; /* inside a cluster (a ligature across the cut) */
  for (size_t k = from; k < to; k++)
    if (c->shaped[k].cluster != at || (c->shaped[k].flags & LOC_GLYPH_UNSAFE_TO_BREAK))
      return false;
  return true;
}

static loc_status emit_line(lctx *c, size_t ls, size_t le) {
  loc_layout *L = c->out;
  loc_status st = grow((void **)&L->lines, &L->lcap, L->nl + 1, sizeof *L->lines);
  if (st != LOC_OK)
    return st;
  /* the pieces of runs on the line, each with its glyphs in visual order */
  size_t np = 0, pcap = 0, nlg = 0, lgcap = 0;
  struct piece { size_t g0, ng; uint8_t level; uint32_t font; } *pieces = NULL;
  loc_glyph *lg = NULL;
  /* runs are in text order: start from the first that reaches the line */
  size_t lo = 0, hi = c->nruns;
  while (lo < hi) {
    size_t m = lo + (hi - lo) / 2;
    if (c->runs[m].end <= ls)
      lo = m + 1;
    else
      hi = m;
  }
  for (size_t i = lo; i < c->nruns && c->runs[i].start < le && st == LOC_OK; i++) {
    const frun *r = &c->runs[i];
    if (r->end <= ls)
      continue;
    size_t a = r->start > ls ? r->start : ls, b = r->end < le ? r->end : le;
    st = grow((void **)&pieces, &pcap, np + 1, sizeof *pieces);
    if (st != LOC_OK)
      break;
    size_t g0 = nlg;
    if (safe_cut(c, r, a) && safe_cut(c, r, b)) {
      size_t from, to;
      slice(c, r, a, b, &from, &to);
      st = grow((void **)&lg, &lgcap, nlg + (to - from), sizeof *lg);
      if (st == LOC_OK) {
        memcpy(lg + nlg, c->shaped + from, (to - from) * sizeof *lg);
        nlg += to - from;
      }
    } else {
      /* HarfBuzz: cutting here changes the glyphs; shape the piece again
       * with only its line around it. */
      st = shape_piece(c, r, c->s + ls, le - ls, ls, a, b, &lg, &nlg, &lgcap);
    }
    pieces[np++] = (struct piece){g0, nlg - g0, r->level, r->font};
  }
  int32_t x = 0;
  int32_t baseline = -(int32_t)L->nl * L->line_height;
  size_t first = L->ng;
  if (st == LOC_OK && np > 0) {
    UBiDiLevel *lev = malloc(np * sizeof *lev);
    int32_t *map = malloc(np * sizeof *map);
    if (lev == NULL || map == NULL)
      st = LOC_E_NO_MEMORY;
    for (size_t i = 0; st == LOC_OK && i < np; i++)
      lev[i] = pieces[i].level;
    if (st == LOC_OK)
      ubidi_reorderVisual(lev, (int32_t)np, map);
    for (size_t v = 0; st == LOC_OK && v < np; v++) {
      const struct piece *p = &pieces[map[v]];
      st = grow((void **)&L->g, &L->gcap, L->ng + p->ng, sizeof *L->g);
      for (size_t k = p->g0; st == LOC_OK && k < p->g0 + p->ng; k++) {
        const loc_glyph *g = &lg[k];
        L->g[L->ng++] = (loc_placed_glyph){
            .id = g->id,
            .font = p->font,
            .cluster = g->cluster,
            .x = x + g->x_offset,
            .y = baseline + g->y_offset,
            .advance = g->x_advance,
        };
        x += g->x_advance;
      }
    }
    free(lev);
    free(map);
  }
  free(pieces);
  free(lg);
  if (st != LOC_OK)
    return st;
  L->lines[L->nl++] = (loc_layout_line){ls, le, first, L->ng - first, x, baseline};
  return LOC_OK;
}

static loc_status break_lines(lctx *c, int32_t width) {
  loc_line_break *br = NULL;
  size_t nb = 0;
  loc_status st = loc_line_breaks(NULL, c->s, c->len, &br, &nb);
  if (st != LOC_OK)
    return st;
  size_t ls = 0, last_fit = 0;
  for (size_t i = 0; i < nb && st == LOC_OK;) {
    size_t b = br[i].offset;
    bool fits = width <= 0 || measure(c, ls, b) <= width;
    if (fits || last_fit == 0) {
      if (!fits) { /* not even the first piece fits: it is the line */
        st = emit_line(c, ls, b);
        ls = b;
        i++;
        continue;
      }
      last_fit = b;
      if (br[i].hard || i + 1 == nb) {
        st = emit_line(c, ls, b);
        ls = b;
        last_fit = 0;
      }
      i++;
      continue;
    }
    st = emit_line(c, ls, last_fit);
    ls = last_fit;
    last_fit = 0; /* and look at the same opportunity again */
  }
  loc_free(br);
  if (st == LOC_OK && c->out->nl == 0)
    st = emit_line(c, 0, c->len);
  return st;
}

loc_status loc_layout_paragraph(const loc_font *const *fonts, size_t n_fonts, const char *s,
                                size_t len, const loc_layout_options *opt, loc_layout **out) {
  if (out == NULL || fonts == NULL || n_fonts == 0 || (s == NULL && len > 0))
    return LOC_E_INVALID_ARGUMENT;
  *out = NULL;
  for (size_t f = 0; f < n_fonts; f++)
    if (fonts[f] == NULL)
      return LOC_E_INVALID_ARGUMENT;
  if (len > INT32_MAX / 2)
    return LOC_E_OVERFLOW;
  if (s == NULL)
    s = "";
  loc_layout_options o = {0};
  if (opt)
    o = *opt;
  double size = o.size > 0 ? o.size : fonts[0]->upem;
  lctx c = {.fonts = fonts, .n_fonts = n_fonts, .s = s, .len = len};
  c.out = calloc(1, sizeof *c.out);
  c.sh = calloc(n_fonts, sizeof *c.sh);
  loc_status st = c.out && c.sh ? LOC_OK : LOC_E_NO_MEMORY;
  for (size_t f = 0; f < n_fonts && st == LOC_OK; f++) {
    loc_shape_options so;
    loc_shape_options_init(&so);
    so.utf8_clusters = true;
    so.language = o.language;
    /* each font at the same em size, whatever its units per em */
    so.font_size_x = size;
    st = loc_shaper_new(fonts[f], &so, &c.sh[f]);
  }
  loc_item *items = NULL;
  size_t n_items = 0;
  if (st == LOC_OK)
    st = loc_itemize(s, len, o.base, &items, &n_items, NULL);
  if (st == LOC_OK)
    st = font_runs(&c, items, n_items);
  if (st == LOC_OK) {
    /* the tallest font the paragraph uses (the first one when it is empty),
     * so stacked scripts do not run into the next line */
    double h = 0;
    for (size_t i = 0; i <= c.nruns; i++) {
      const loc_font *f = i < c.nruns ? fonts[c.runs[i].font] : fonts[0];
      if (i == c.nruns && c.nruns > 0)
        break;
      hb_font_extents_t ext = {0};
      hb_font_get_h_extents(f->query, &ext);
      double fh = (double)(ext.ascender - ext.descender + ext.line_gap) * size / f->upem;
      if (fh > h)
        h = fh;
    }
    c.out->line_height = h > 0 && h < INT32_MAX / 4 ? (int32_t)(h + 0.5) : (int32_t)size;
    c.out->ascender = 0;
    for (size_t i = 0; i <= c.nruns; i++) {
      const loc_font *f = i < c.nruns ? fonts[c.runs[i].font] : fonts[0];
      if (i == c.nruns && c.nruns > 0)
        break;
      hb_font_extents_t ext = {0};
      hb_font_get_h_extents(f->query, &ext);
      int32_t a = (int32_t)((double)ext.ascender * size / f->upem + 0.5);
      if (a > c.out->ascender)
        c.out->ascender = a;
    }
  }
  if (st == LOC_OK)
    st = shape_all(&c);
  if (st == LOC_OK)
    st = break_lines(&c, o.width);
  loc_free(items);
  for (size_t f = 0; c.sh && f < n_fonts; f++)
    loc_shaper_free(c.sh[f]);
  free(c.sh);
  free(c.runs);
  free(c.shaped);
  free(c.width_before);
  if (st != LOC_OK) {
    loc_layout_free(c.out);
    return st;
  }
  *out = c.out;
  return LOC_OK;
}

void loc_layout_free(loc_layout *layout) {
  if (layout == NULL)
    return;
  free(layout->g);
  free(layout->lines);
  free(layout);
}

size_t loc_layout_lines(const loc_layout *layout, const loc_layout_line **lines) {
  if (lines)
    *lines = layout ? layout->lines : NULL;
  return layout ? layout->nl : 0;
}

size_t loc_layout_glyphs(const loc_layout *layout, const loc_placed_glyph **glyphs) {
  if (glyphs)
    *glyphs = layout ? layout->g : NULL;
  return layout ? layout->ng : 0;
}

int32_t loc_layout_line_height(const loc_layout *layout) {
  return layout ? layout->line_height : 0;
}

int32_t loc_layout_ascender(const loc_layout *layout) {
  return layout ? layout->ascender : 0;
}
