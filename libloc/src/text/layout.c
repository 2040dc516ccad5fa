/* Paragraph layout: items → font runs by grapheme → shaping → greedy line
 * breaking on ICU's opportunities → re-shaping where HarfBuzz says a break
 * is unsafe → visual order per line. See <loc/layout.h>. */
#include "internal.h"
#include "buf.h"
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
  loc_layout_glyph *g;
  size_t ng, gcap;
  loc_layout_line *lines;
  size_t nl, lcap;
  int32_t line_height;
  int32_t ascender;   /* of the tallest font used */
};

/* A font of the list the context last laid out with, and what it keeps
 * for it. */
typedef struct fslot {
  const loc_font *font;
  hb_face_t *face;     /* identifies the font: the shaper holds a reference */
  loc_shaper *sh;
  int32_t height;      /* ascender - descender + line gap at the size */
  int32_t ascender;
  /* BMP coverage, filled as characters are met: bit set in `known` once
   * looked up, in `has` when the font has a glyph for it (or needs none). */
  uint32_t *known, *has;
} fslot;

/* A piece of a run on one line, its glyphs in the line buffer. */
typedef struct piece {
  size_t g0, ng;
  uint8_t level;
  uint32_t font;
} piece;

struct loc_layout_ctx {
  fslot *slot;
  size_t n_slots;
  double size;          /* the shapers' em size */
  char *language;       /* and language (NULL: none) */
  loc__itemizer iz;
  loc_segment_iter *breaks;
  loc_segment_line_break *br;
  size_t brcap;
  frun *runs;
  size_t rcap;
  loc_shape_glyph *shaped;
  size_t scap;
  int64_t *width_before;
  size_t wcap;
  piece *pieces;
  size_t pcap;
  loc_shape_glyph *lg;
  size_t lgcap;
  UBiDiLevel *lev;
  int32_t *map;
  size_t levcap;
};

/* Paragraphs longer than this (bytes) do not leave their working arrays in
 * the context. */
#define LARGE_PARAGRAPH (256 * 1024)

/* One paragraph being laid out with a context. */
typedef struct lctx {
  loc_layout_ctx *x;
  const loc_font *const *fonts;
  size_t n_fonts;
  const char *s;
  size_t len;
  size_t nruns;
  size_t nshaped;
  loc_layout *out;
} lctx;

static loc_status grow(void **p, size_t *cap, size_t need, size_t size) {
  return loc__grow(p, cap, need, size, 16);
}

static bool needs_glyph(int32_t c) {
  return c >= 0 && !u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
}

/* Whether font @f of the list can show @c: it has a glyph, or @c needs
 * none. BMP answers are kept in the slot's bit sets: a cmap look-up costs
 * more than the rest of the fallback loop. */
static bool has_char(lctx *c, uint32_t f, int32_t cp) {
  fslot *sl = &c->x->slot[f];
  if (cp < 0 || cp > 0xFFFF || sl->known == NULL)
    return !needs_glyph(cp) || loc_font_has_char(c->fonts[f], (uint32_t)cp);
  uint32_t w = (uint32_t)cp >> 5, bit = 1u << (cp & 31);
  if (!(sl->known[w] & bit)) {
    sl->known[w] |= bit;
    if (!needs_glyph(cp) || loc_font_has_char(c->fonts[f], (uint32_t)cp))
      sl->has[w] |= bit;
  }
  return (sl->has[w] & bit) != 0;
}

static bool font_covers(lctx *c, uint32_t f, size_t start, size_t end) {
  for (size_t i = start; i < end;) {
    size_t k = 1;
    int32_t cp = loc__utf8_decode_fast((const uint8_t *)c->s, end, i, &k);
    if (cp >= 0 && !has_char(c, f, cp))
      return false;
    i += k;
  }
  return true;
}

static uint32_t choose_font(lctx *c, size_t start, size_t end, uint32_t prev) {
  if (prev < c->n_fonts && font_covers(c, prev, start, end))
    return prev;
  for (size_t f = 0; f < c->n_fonts; f++)
    if (f != prev && font_covers(c, (uint32_t)f, start, end))
      return (uint32_t)f;
  size_t k = 1;
  int32_t first = loc__utf8_decode_fast((const uint8_t *)c->s, c->len, start, &k);
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
  loc__utf8_decode_fast((const uint8_t *)s, len, i, &k);
  i += k;
  while (i < len) {
    int32_t c = loc__utf8_decode_fast((const uint8_t *)s, len, i, &k);
    /* nothing below U+0300 extends a cluster */
    if (c < 0x300)
      break;
    int gcb = u_getIntPropertyValue(c, UCHAR_GRAPHEME_CLUSTER_BREAK);
    if (gcb != U_GCB_EXTEND && gcb != U_GCB_SPACING_MARK && gcb != U_GCB_ZWJ)
      break;
    i += k;
  }
  return i;
}

static loc_status font_runs(lctx *c, const loc_shape_item *items, size_t n_items) {
  loc_layout_ctx *x = c->x;
  loc_status st = LOC_OK;
  uint32_t prev = UINT32_MAX;
  c->nruns = 0;
  for (size_t i = 0; i < n_items && st == LOC_OK; i++) {
    const loc_shape_item *it = &items[i];
    for (size_t a = it->start; a < it->end && st == LOC_OK;) {
      size_t b = cluster_end(c->s, it->end, a);
      uint32_t f = choose_font(c, a, b, prev);
      prev = f;
      frun *last = c->nruns ? &x->runs[c->nruns - 1] : NULL;
      if (last && last->end == a && last->font == f && last->level == it->level &&
          last->script == it->script) {
        last->end = b;
      } else {
        st = grow((void **)&x->runs, &x->rcap, c->nruns + 1, sizeof *x->runs);
        if (st == LOC_OK)
          x->runs[c->nruns++] = (frun){a, b, it->level, it->script, f, 0, 0};
      }
      a = b;
    }
  }
  return st;
}

/* Shapes s[start, end) of @text (a paragraph or a line at @base in the
 * paragraph) and appends the glyphs, clusters made paragraph offsets. */
static loc_status shape_piece(lctx *c, const frun *r, const char *text, size_t tlen,
                              size_t base, size_t start, size_t end, loc_shape_glyph **out,
                              size_t *n, size_t *cap) {
  loc_shaper *sh = c->x->slot[r->font].sh;
  loc_status st = loc_shape_run(sh, text, tlen, start - base, end - base,
                                (r->level & 1) ? LOC_DIR_RTL : LOC_DIR_LTR, r->script);
  if (st != LOC_OK)
    return st;
  const loc_shape_glyph *g;
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

/* Shapes every run and fills width_before: entry i is the advance of the
 * glyphs whose clusters lie before byte i. Runs cover the paragraph in
 * order and a run's clusters are monotonic, so one pass per run writes each
 * entry once. */
static loc_status shape_all(lctx *c) {
  loc_layout_ctx *x = c->x;
  loc_status st = grow((void **)&x->width_before, &x->wcap, c->len + 1,
                       sizeof *x->width_before);
  if (st != LOC_OK)
    return st;
  int64_t *wb = x->width_before;
  wb[0] = 0;
  int64_t cum = 0;
  c->nshaped = 0;
  for (size_t i = 0; i < c->nruns; i++) {
    frun *r = &x->runs[i];
    r->g0 = c->nshaped;
    st = shape_piece(c, r, c->s, c->len, 0, r->start, r->end, &x->shaped, &c->nshaped,
                     &x->scap);
    if (st != LOC_OK)
      return st;
    r->ng = c->nshaped - r->g0;
    const loc_shape_glyph *g = x->shaped + r->g0;
    size_t n = r->ng, k = 0;
    bool rtl = r->level & 1;
    /* the glyphs in increasing cluster order: backwards in an RTL run */
#define NEXT_GLYPH (&g[rtl ? n - 1 - k : k])
    for (size_t b = r->start; b < r->end; b++) {
      for (; k < n && NEXT_GLYPH->cluster <= b; k++)
        cum += NEXT_GLYPH->x_advance;
      wb[b + 1] = cum;
    }
    for (; k < n; k++)
      cum += NEXT_GLYPH->x_advance;
#undef NEXT_GLYPH
    wb[r->end] = cum;
  }
  return LOC_OK;
}

/* Width of s[a, b) without the white space at its end (it may hang). */
static int64_t measure(const lctx *c, size_t a, size_t b) {
  while (b > a && (c->s[b - 1] == ' ' || c->s[b - 1] == '\t' || c->s[b - 1] == '\n' ||
                   c->s[b - 1] == '\r'))
    b--;
  return c->x->width_before[b] - c->x->width_before[a];
}

/* The glyphs of @r whose clusters lie in [a, b): HarfBuzz keeps clusters
 * monotonic (ascending in a left-to-right run's visual order, descending in
 * a right-to-left one), so they are one slice, found by bisection. */
static void slice(const lctx *c, const frun *r, size_t a, size_t b, size_t *from, size_t *to) {
  const loc_shape_glyph *g = c->x->shaped + r->g0;
  bool rtl = r->level & 1;
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
    if (c->x->shaped[k].cluster != at || (c->x->shaped[k].flags & LOC_GLYPH_UNSAFE_TO_BREAK))
      return false;
  return true;
}

static loc_status emit_line(lctx *c, size_t ls, size_t le) {
  loc_layout_ctx *x = c->x;
  loc_layout *L = c->out;
  loc_status st = grow((void **)&L->lines, &L->lcap, L->nl + 1, sizeof *L->lines);
  if (st != LOC_OK)
    return st;
  /* the pieces of runs on the line, each with its glyphs in visual order */
  size_t np = 0, nlg = 0;
  /* runs are in text order: start from the first that reaches the line */
  size_t lo = 0, hi = c->nruns;
  while (lo < hi) {
    size_t m = lo + (hi - lo) / 2;
    if (x->runs[m].end <= ls)
      lo = m + 1;
    else
      hi = m;
  }
  for (size_t i = lo; i < c->nruns && x->runs[i].start < le && st == LOC_OK; i++) {
    const frun *r = &x->runs[i];
    if (r->end <= ls)
      continue;
    size_t a = r->start > ls ? r->start : ls, b = r->end < le ? r->end : le;
    st = grow((void **)&x->pieces, &x->pcap, np + 1, sizeof *x->pieces);
    if (st != LOC_OK)
      break;
    size_t g0 = nlg;
    if (safe_cut(c, r, a) && safe_cut(c, r, b)) {
      size_t from, to;
      slice(c, r, a, b, &from, &to);
      st = grow((void **)&x->lg, &x->lgcap, nlg + (to - from), sizeof *x->lg);
      if (st == LOC_OK) {
        memcpy(x->lg + nlg, x->shaped + from, (to - from) * sizeof *x->lg);
        nlg += to - from;
      }
    } else {
      /* HarfBuzz: cutting here changes the glyphs; shape the piece again
       * with only its line around it. */
      st = shape_piece(c, r, c->s + ls, le - ls, ls, a, b, &x->lg, &nlg, &x->lgcap);
    }
    x->pieces[np++] = (piece){g0, nlg - g0, r->level, r->font};
  }
  int32_t xpos = 0;
  int32_t baseline = -(int32_t)L->nl * L->line_height;
  size_t first = L->ng;
  if (st == LOC_OK && np > 0) {
    if (np > x->levcap) {
      UBiDiLevel *lev = realloc(x->lev, np * sizeof *lev);
      if (lev != NULL)
        x->lev = lev;
      int32_t *map = lev ? realloc(x->map, np * sizeof *map) : NULL;
      if (map != NULL)
        x->map = map;
      if (lev == NULL || map == NULL)
        st = LOC_E_NO_MEMORY;
      else
        x->levcap = np;
    }
    for (size_t i = 0; st == LOC_OK && i < np; i++)
      x->lev[i] = x->pieces[i].level;
    if (st == LOC_OK)
      ubidi_reorderVisual(x->lev, (int32_t)np, x->map);
    if (st == LOC_OK)
      st = grow((void **)&L->g, &L->gcap, L->ng + nlg, sizeof *L->g);
    for (size_t v = 0; st == LOC_OK && v < np; v++) {
      const piece *p = &x->pieces[x->map[v]];
      for (size_t k = p->g0; k < p->g0 + p->ng; k++) {
        const loc_shape_glyph *g = &x->lg[k];
        L->g[L->ng++] = (loc_layout_glyph){
            .id = g->id,
            .font = p->font,
            .cluster = g->cluster,
            .x = xpos + g->x_offset,
            .y = baseline + g->y_offset,
            .advance = g->x_advance,
        };
        xpos += g->x_advance;
      }
    }
  }
  if (st != LOC_OK)
    return st;
  L->lines[L->nl++] = (loc_layout_line){ls, le, first, L->ng - first, xpos, baseline};
  return LOC_OK;
}

/* The line-break opportunities of the paragraph into x->br: those of
 * loc_segment_line_breaks() (the root line segmenter), from an iterator kept in the
 * context instead of one cloned per paragraph. */
static loc_status find_breaks(lctx *c, size_t *nb) {
  loc_layout_ctx *x = c->x;
  *nb = 0;
  if (x->breaks == NULL) {
    const loc_segmenter *sg = loc_segmenter_root(LOC_BREAK_LINE);
    if (sg == NULL)
      return LOC_E_ICU;
    loc_status st = loc_segment_iter_new(sg, &x->breaks);
    if (st != LOC_OK)
      return st;
  }
  loc_status st = loc_segment_iter_set_text(x->breaks, c->s, c->len);
  loc_segment seg;
  size_t n = 0;
  while (st == LOC_OK && loc_segment_iter_next(x->breaks, &seg)) {
    st = grow((void **)&x->br, &x->brcap, n + 1, sizeof *x->br);
    if (st == LOC_OK)
      x->br[n++] = (loc_segment_line_break){seg.end, seg.type == LOC_SEG_HARD};
  }
  /* (the iterator still points at the paragraph; nothing reads it before
   * the next set_text, and freeing the iterator does not) */
  *nb = n;
  return st;
}

static loc_status break_lines(lctx *c, int32_t width) {
  size_t nb = 0;
  loc_status st = find_breaks(c, &nb);
  const loc_segment_line_break *br = c->x->br;
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
  if (st == LOC_OK && c->out->nl == 0)
    st = emit_line(c, 0, c->len);
  return st;
}

static void drop_slots(loc_layout_ctx *x) {
  for (size_t f = 0; f < x->n_slots; f++) {
    loc_shaper_free(x->slot[f].sh);
    free(x->slot[f].known);
    free(x->slot[f].has);
  }
  free(x->slot);
  x->slot = NULL;
  x->n_slots = 0;
  free(x->language);
  x->language = NULL;
}

/* Makes the context's shapers those of @fonts at @size and @language,
 * keeping the ones it has when nothing changed. */
static loc_status use_fonts(loc_layout_ctx *x, const loc_font *const *fonts, size_t n_fonts,
                            double size, const char *language) {
  bool same = x->n_slots == n_fonts && x->size == size &&
              ((language == NULL && x->language == NULL) ||
               (language && x->language && strcmp(language, x->language) == 0));
  for (size_t f = 0; same && f < n_fonts; f++)
    same = x->slot[f].font == fonts[f] && x->slot[f].face == fonts[f]->face;
  if (same)
    return LOC_OK;
  drop_slots(x);
  x->slot = calloc(n_fonts, sizeof *x->slot);
  if (x->slot == NULL)
    return LOC_E_NO_MEMORY;
  x->n_slots = n_fonts;
  x->size = size;
  if (language != NULL && (x->language = strdup(language)) == NULL) {
    drop_slots(x);
    return LOC_E_NO_MEMORY;
  }
  for (size_t f = 0; f < n_fonts; f++) {
    fslot *sl = &x->slot[f];
    sl->font = fonts[f];
    sl->face = fonts[f]->face;
    loc_shape_options so;
    loc_shape_options_init(&so);
    so.utf8_clusters = true;
    so.language = language;
    /* each font at the same em size, whatever its units per em */
    so.font_size_x = size;
    loc_status st = loc_shaper_new(fonts[f], &so, &sl->sh);
    if (st != LOC_OK) {
      drop_slots(x);
      return st;
    }
    hb_font_extents_t ext = {0};
    hb_font_get_h_extents(fonts[f]->query, &ext);
    double k = size / fonts[f]->upem;
    double h = (double)(ext.ascender - ext.descender + ext.line_gap) * k;
    double a = (double)ext.ascender * k;
    sl->height = h > 0 && h < INT32_MAX / 4 ? (int32_t)(h + 0.5) : 0;
    sl->ascender = a > 0 && a < INT32_MAX / 4 ? (int32_t)(a + 0.5) : 0;
    /* coverage bits are an optimisation: without them, ask the cmap */
    sl->known = calloc(0x10000 / 32, sizeof *sl->known);
    sl->has = sl->known ? calloc(0x10000 / 32, sizeof *sl->has) : NULL;
    if (sl->has == NULL) {
      free(sl->known);
      sl->known = NULL;
    }
  }
  return LOC_OK;
}

loc_status loc_layout_ctx_new(loc_layout_ctx **out) {
  if (out == NULL)
    return LOC_E_INVALID_ARGUMENT;
  *out = calloc(1, sizeof **out);
  return *out ? LOC_OK : LOC_E_NO_MEMORY;
}

/* Frees the working arrays (not the shapers, iterators or coverage). */
static void drop_work(loc_layout_ctx *x) {
  loc_script_iter *scripts = x->iz.scripts;
  x->iz.scripts = NULL; /* its property cache is worth keeping */
  loc__itemizer_done(&x->iz);
  x->iz.scripts = scripts;
  free(x->br);
  free(x->runs);
  free(x->shaped);
  free(x->width_before);
  free(x->pieces);
  free(x->lg);
  free(x->lev);
  free(x->map);
  x->br = NULL;
  x->runs = NULL;
  x->shaped = NULL;
  x->width_before = NULL;
  x->pieces = NULL;
  x->lg = NULL;
  x->lev = NULL;
  x->map = NULL;
  x->brcap = x->rcap = x->scap = x->wcap = x->pcap = x->lgcap = x->levcap = 0;
}

void loc_layout_ctx_free(loc_layout_ctx *x) {
  if (x == NULL)
    return;
  drop_slots(x);
  drop_work(x);
  loc__itemizer_done(&x->iz); /* the script iterator drop_work keeps */
  loc_segment_iter_free(x->breaks);
  free(x);
}

loc_status loc_layout_ctx_new_layout(loc_layout_ctx *x, const loc_font *const *fonts,
                                    size_t n_fonts, const char *s, size_t len,
                                    const loc_layout_options *opt, loc_layout **out) {
  if (out == NULL)
    return LOC_E_INVALID_ARGUMENT;
  *out = NULL;
  if (x == NULL || fonts == NULL || n_fonts == 0 || (s == NULL && len > 0))
    return LOC_E_INVALID_ARGUMENT;
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
  loc_status st = use_fonts(x, fonts, n_fonts, size, o.language);
  if (st != LOC_OK)
    return st;
  lctx c = {.x = x, .fonts = fonts, .n_fonts = n_fonts, .s = s, .len = len};
  c.out = calloc(1, sizeof *c.out);
  if (c.out == NULL)
    return LOC_E_NO_MEMORY;
  st = loc__itemizer_run(&x->iz, s, len, o.base);
  if (st == LOC_OK)
    st = font_runs(&c, x->iz.items, x->iz.n_items);
  if (st == LOC_OK) {
    /* the tallest font the paragraph uses (the first one when it is empty),
     * so stacked scripts do not run into the next line */
    int32_t h = 0, a = 0;
    for (size_t i = 0; i < (c.nruns ? c.nruns : 1); i++) {
      const fslot *sl = &x->slot[c.nruns ? x->runs[i].font : 0];
      h = sl->height > h ? sl->height : h;
      a = sl->ascender > a ? sl->ascender : a;
    }
    c.out->line_height = h > 0 ? h : (size < INT32_MAX / 4 ? (int32_t)size : INT32_MAX / 4);
    c.out->ascender = a;
    st = shape_all(&c);
  }
  if (st == LOC_OK)
    st = grow((void **)&c.out->g, &c.out->gcap, c.nshaped, sizeof *c.out->g);
  if (st == LOC_OK)
    st = break_lines(&c, o.width);
  /* about 30 bytes per byte of text: not kept for the next paragraph when
   * that is a lot */
  if (len > LARGE_PARAGRAPH)
    drop_work(x);
  if (st != LOC_OK) {
    loc_layout_free(c.out);
    return st;
  }
  *out = c.out;
  return LOC_OK;
}

loc_status loc_layout_new(const loc_font *const *fonts, size_t n_fonts, const char *s,
                                size_t len, const loc_layout_options *opt, loc_layout **out) {
  if (out == NULL)
    return LOC_E_INVALID_ARGUMENT;
  *out = NULL;
  loc_layout_ctx *x;
  loc_status st = loc_layout_ctx_new(&x);
  if (st != LOC_OK)
    return st;
  st = loc_layout_ctx_new_layout(x, fonts, n_fonts, s, len, opt, out);
  loc_layout_ctx_free(x);
  return st;
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

size_t loc_layout_glyphs(const loc_layout *layout, const loc_layout_glyph **glyphs) {
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
