/* The glyph cache of the PNG renderer: FreeType rasterises each glyph once
 * per font, size and quarter-pixel phase instead of once per occurrence.
 * An open-addressing hash table of entries, each with its own bitmap. */
#include "internal.h"
#include "render_internal.h"

typedef struct entry {
  uint32_t font, id;
  int32_t size;
  uint8_t phase;       /* phase_x * 4 + phase_y */
  bool used;
  bool ok;             /* FreeType rendered it */
  loc__glyph_bitmap bm;
} entry;

struct loc__glyph_cache {
  entry *tab;
  size_t cap, n;       /* cap a power of two; n <= cap / 2 */
  size_t bytes, budget;
  loc__glyph_cache_stats st;
};

/* What an entry costs, for the budget: its bitmap and its slot. */
#define ENTRY_COST(pixels) ((pixels) + 2 * sizeof(entry))

loc__glyph_cache *loc__glyph_cache_new(size_t budget) {
  loc__glyph_cache *gc = calloc(1, sizeof *gc);
  if (gc == NULL)
    return NULL;
  gc->cap = 1024;
  gc->tab = calloc(gc->cap, sizeof *gc->tab);
  if (gc->tab == NULL) {
    free(gc);
    return NULL;
  }
  gc->budget = budget;
  return gc;
}

static void flush(loc__glyph_cache *gc) {
  for (size_t i = 0; i < gc->cap; i++)
    if (gc->tab[i].used)
      free((void *)gc->tab[i].bm.pixels);
  memset(gc->tab, 0, gc->cap * sizeof *gc->tab);
  gc->n = 0;
  gc->bytes = 0;
  gc->st.flushes++;
}

void loc__glyph_cache_free(loc__glyph_cache *gc) {
  if (gc == NULL)
    return;
  flush(gc);
  free(gc->tab);
  free(gc);
}

static size_t hash(uint32_t font, uint32_t id, int32_t size, unsigned phase) {
  uint64_t h = ((uint64_t)font << 40) ^ ((uint64_t)id << 8) ^ phase ^ ((uint64_t)(uint32_t)size << 20);
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return (size_t)h;
}

static entry *find(loc__glyph_cache *gc, uint32_t font, uint32_t id, int32_t size,
                   unsigned phase) {
  size_t mask = gc->cap - 1;
  for (size_t i = hash(font, id, size, phase) & mask;; i = (i + 1) & mask) {
    entry *e = &gc->tab[i];
    if (!e->used || (e->font == font && e->id == id && e->size == size && e->phase == phase))
      return e;
  }
}

static bool grow_table(loc__glyph_cache *gc) {
  size_t ncap = gc->cap * 2;
  entry *old = gc->tab, *nt = calloc(ncap, sizeof *nt);
  if (nt == NULL)
    return false;
  size_t ocap = gc->cap;
  gc->tab = nt;
  gc->cap = ncap;
  for (size_t i = 0; i < ocap; i++)
    if (old[i].used)
      *find(gc, old[i].font, old[i].id, old[i].size, old[i].phase) = old[i];
  free(old);
  return true;
}

/* Rasterises into @e (already keyed). */
static void render(entry *e, FT_Face face, unsigned px, unsigned py) {
  e->ok = false;
  e->bm = (loc__glyph_bitmap){0};
  FT_Vector delta = {(FT_Pos)(px * 16), (FT_Pos)(-(FT_Pos)(py * 16))};
  FT_Set_Transform(face, NULL, &delta);
  bool drawn = FT_Load_Glyph(face, e->id, FT_LOAD_DEFAULT | FT_LOAD_NO_HINTING) == 0 &&
               FT_Render_Glyph(face->glyph, FT_RENDER_MODE_NORMAL) == 0;
  FT_Set_Transform(face, NULL, NULL);
  if (!drawn)
    return;
  const FT_Bitmap *b = &face->glyph->bitmap;
  if (b->pixel_mode != FT_PIXEL_MODE_GRAY)
    return;
  size_t n = (size_t)b->width * b->rows;
  uint8_t *px_copy = NULL;
  if (n > 0) {
    px_copy = malloc(n);
    if (px_copy == NULL)
      return;
    for (unsigned r = 0; r < b->rows; r++) {
      /* FreeType's rows may run upwards (negative pitch) */
      const uint8_t *row = b->pitch >= 0 ? b->buffer + (size_t)r * (size_t)b->pitch
                                          : b->buffer + (size_t)(b->rows - 1 - r) * (size_t)(-b->pitch);
      memcpy(px_copy + (size_t)r * b->width, row, b->width);
    }
  }
  e->bm = (loc__glyph_bitmap){face->glyph->bitmap_left, face->glyph->bitmap_top, b->width,
                              b->rows, px_copy};
  e->ok = true;
}

const loc__glyph_bitmap *loc__glyph_cache_get(loc__glyph_cache *gc, FT_Face face,
                                              uint32_t font, uint32_t id, int32_t size,
                                              unsigned phase_x, unsigned phase_y, bool *ok) {
  unsigned phase = (phase_x & 3) * 4 + (phase_y & 3);
  entry *e = find(gc, font, id, size, phase);
  if (e->used) {
    gc->st.hits++;
    *ok = e->ok;
    return &e->bm;
  }
  gc->st.misses++;
  entry fresh = {.font = font, .id = id, .size = size, .phase = (uint8_t)phase, .used = true};
  render(&fresh, face, phase_x & 3, phase_y & 3);
  size_t cost = ENTRY_COST((size_t)fresh.bm.width * fresh.bm.rows);
  if (gc->bytes + cost > gc->budget && gc->n > 0)
    flush(gc);
  if (2 * (gc->n + 1) > gc->cap && !grow_table(gc)) {
    flush(gc); /* no memory for a bigger table: start again in this one */
  }
  e = find(gc, font, id, size, phase);
  *e = fresh;
  gc->n++;
  gc->bytes += cost;
  *ok = e->ok;
  return &e->bm;
}

loc__glyph_cache_stats loc__glyph_cache_stats_get(const loc__glyph_cache *gc) {
  loc__glyph_cache_stats s = gc ? gc->st : (loc__glyph_cache_stats){0};
  if (gc)
    s.bytes = gc->bytes;
  return s;
}
