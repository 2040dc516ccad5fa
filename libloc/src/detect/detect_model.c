/* Language identification: checking and opening a model blob, and the
 * model compiled into the library (tables/detect_model.bin, embedded by the
 * build through tables/embed-model.sh). */
#include "detect_internal.h"

#include <math.h>
#include <pthread.h>

extern const unsigned char loc__detect_blob[];
extern const unsigned char loc__detect_blob_end[];

static size_t align4(size_t n) { return (n + 3) & ~(size_t)3; }

loc_status loc__model_open(loc_detect_model *m, const void *blob, size_t len) {
  memset(m, 0, sizeof *m);
  const unsigned char *b = blob;
  const uint16_t probe = 1;
  /* The arrays are read in place, as little-endian. */
  if (*(const unsigned char *)&probe != 1)
    return LOC_E_UNSUPPORTED;
  if (b == NULL || len < sizeof m->h || ((uintptr_t)b & 3) != 0)
    return LOC_E_INVALID_ARGUMENT;
  memcpy(&m->h, b, sizeof m->h);
  const loc__model_header *h = &m->h;
  if (memcmp(h->magic, LOC__MODEL_MAGIC, 8) != 0 || h->n_langs == 0 || h->n_langs > 65535 ||
      h->bucket_bits < 8 || h->bucket_bits > 24 || h->n_keys > (1u << 28) ||
      h->n_posts > (1u << 28) || h->n_slots < h->n_langs || h->n_slots > 65535 ||
      h->n_rows > h->n_keys || h->n_rows >= 65535 || h->n_dense > (1u << 30))
    return LOC_E_INVALID_ARGUMENT;
  size_t off = sizeof *h;
  size_t o_langs = off;
  off += (size_t)h->n_langs * sizeof(loc__model_lang);
  size_t o_slot_lang = off;
  off = align4(off + (size_t)h->n_slots * 2);
  size_t o_buckets = off;
  off += (((size_t)1 << h->bucket_bits) + 1) * 4;
  size_t o_keys = off;
  off += (size_t)h->n_keys * sizeof(loc__model_key);
  size_t o_row_key = off;
  off += (size_t)h->n_rows * 4;
  size_t o_rows = off;
  off += (size_t)h->n_rows * sizeof(loc__dense_row);
  size_t o_post = off;
  off = align4(off + (size_t)h->n_posts * 3);
  size_t o_dense = off;
  off += h->n_dense;
  if (off != len)
    return LOC_E_INVALID_ARGUMENT;
  m->langs = (const loc__model_lang *)(b + o_langs);
  m->slot_lang = (const uint16_t *)(b + o_slot_lang);
  m->buckets = (const uint32_t *)(b + o_buckets);
  m->keys = (const loc__model_key *)(b + o_keys);
  m->row_key = (const uint32_t *)(b + o_row_key);
  m->rows = (const loc__dense_row *)(b + o_rows);
  m->post = b + o_post;
  m->dense = b + o_dense;
  if (!(h->temperature > 0) || !(h->alpha >= 0) || !(h->alpha <= 1) || !(h->und_below >= 0))
    return LOC_E_INVALID_ARGUMENT;
  m->scripts = malloc(h->n_langs * sizeof *m->scripts);
  m->lang_slot = malloc(h->n_langs * sizeof *m->lang_slot);
  size_t n_spans = ((size_t)h->n_keys >> LOC__ROW_SHIFT) + 2;
  m->row_from = malloc(n_spans * sizeof *m->row_from);
  if (m->scripts == NULL || m->lang_slot == NULL || m->row_from == NULL) {
    loc__model_close(m);
    return LOC_E_NO_MEMORY;
  }
  /* (rows in key order, as loc__model_check() makes sure; in bounds
   * whatever they hold) */
  for (size_t sp = 0, r = 0; sp < n_spans; sp++) {
    while (r < h->n_rows && m->row_key[r] < ((uint64_t)sp << LOC__ROW_SHIFT))
      r++;
    m->row_from[sp] = (uint16_t)r;
  }
  for (uint32_t i = 0; i < h->n_langs; i++) {
    const loc__model_lang *l = &m->langs[i];
    char code[5];
    memcpy(code, l->script, 4);
    code[4] = 0;
    m->lang_slot[i] = UINT16_MAX;
    if (memchr(l->lang, 0, sizeof l->lang) == NULL || memchr(l->iso, 0, sizeof l->iso) == NULL ||
        loc_script_parse(code, &m->scripts[i]) != LOC_OK || !(l->floor < 0) ||
        l->floor != m->langs[0].floor || !(l->prior >= 0 && l->prior <= 100) ||
        l->prior * LOC__Q_SCALE != floor(l->prior * LOC__Q_SCALE))
      goto bad;
  }
  /* Slots: every language once; groups of one script, aligned, padded. */
  for (uint32_t s = 0; s < h->n_slots;) {
    uint32_t g = m->n_groups, e = s;
    if (g == LOC__MAX_SLOT_GROUPS || s % LOC__DENSE_ALIGN != 0 || m->slot_lang[s] >= h->n_langs)
      goto bad;
    int32_t script = m->scripts[m->slot_lang[s]];
    for (; e < h->n_slots && m->slot_lang[e] < h->n_langs &&
           m->scripts[m->slot_lang[e]] == script;
         e++) {
      if (m->lang_slot[m->slot_lang[e]] != UINT16_MAX)
        goto bad;
      m->lang_slot[m->slot_lang[e]] = (uint16_t)e;
    }
    uint32_t w = (e - s + LOC__DENSE_ALIGN - 1) & ~(uint32_t)(LOC__DENSE_ALIGN - 1);
    if (s + w > h->n_slots)
      goto bad;
    for (; e < s + w; e++)
      if (m->slot_lang[e] != h->n_langs)
        goto bad;
    for (uint32_t k = 0; k < g; k++)
      if (m->groups[k].script == script)
        goto bad;
    m->groups[g] = (loc__slot_group){script, (uint16_t)s, (uint16_t)w};
    m->n_groups++;
    s += w;
  }
  for (uint32_t i = 0; i < h->n_langs; i++)
    if (m->lang_slot[i] == UINT16_MAX)
      goto bad;
  return LOC_OK;
bad:
  loc__model_close(m);
  return LOC_E_INVALID_ARGUMENT;
}

loc_status loc__model_check(const loc_detect_model *m) {
  const loc__model_header *h = &m->h;
  uint32_t nb = 1u << h->bucket_bits;
  if (m->buckets[0] != 0 || m->buckets[nb] != h->n_keys)
    return LOC_E_INVALID_ARGUMENT;
  for (uint32_t i = 0; i < nb; i++)
    if (m->buckets[i] > m->buckets[i + 1])
      return LOC_E_INVALID_ARGUMENT;
  for (uint32_t i = 0; i < nb; i++)
    for (uint32_t k = m->buckets[i] + 1; k < m->buckets[i + 1]; k++)
      if (m->keys[k].lo <= m->keys[k - 1].lo)
        return LOC_E_INVALID_ARGUMENT;
  uint32_t dense_keys = 0, next = 0;
  for (uint32_t i = 0; i < h->n_keys; i++) {
    const loc__model_key *k = &m->keys[i];
    uint32_t f = k->first & ~LOC__POST_DENSE;
    if (f != next || (uint64_t)f + k->n > h->n_posts)
      return LOC_E_INVALID_ARGUMENT;
    next = f + k->n;
    if (k->first & LOC__POST_DENSE) {
      if (dense_keys >= h->n_rows || m->row_key[dense_keys] != i)
        return LOC_E_INVALID_ARGUMENT;
      dense_keys++;
    }
    /* a key's postings: real languages, each once, in slot order */
    for (uint32_t p = f; p < f + k->n; p++)
      if (loc__post_slot(m, p) >= h->n_slots ||
          m->slot_lang[loc__post_slot(m, p)] >= h->n_langs ||
          (p > f && loc__post_slot(m, p) <= loc__post_slot(m, p - 1)))
        return LOC_E_INVALID_ARGUMENT;
  }
  if (dense_keys != h->n_rows || next != h->n_posts)
    return LOC_E_INVALID_ARGUMENT;
  for (uint32_t r = 0; r < h->n_rows; r++) {
    const loc__dense_row *row = &m->rows[r];
    bool group = false;
    for (uint32_t g = 0; g < m->n_groups; g++)
      group |= m->groups[g].slot == row->slot && m->groups[g].width == row->width;
    if (!group || (uint64_t)row->data + row->width > h->n_dense)
      return LOC_E_INVALID_ARGUMENT;
    for (uint32_t j = 0; j < row->width; j++)
      if (m->dense[row->data + j] != 0 && m->slot_lang[row->slot + j] >= h->n_langs)
        return LOC_E_INVALID_ARGUMENT;
    /* none of the key's sparse postings inside its row */
    const loc__model_key *k = &m->keys[m->row_key[r]];
    for (uint32_t p = k->first & ~LOC__POST_DENSE, e = p + k->n; p < e; p++)
      if (loc__post_slot(m, p) >= row->slot && loc__post_slot(m, p) < row->slot + row->width)
        return LOC_E_INVALID_ARGUMENT;
  }
  return LOC_OK;
}

void loc__model_close(loc_detect_model *m) {
  free(m->scripts);
  free(m->lang_slot);
  free(m->row_from);
  m->scripts = NULL;
  m->lang_slot = NULL;
  m->row_from = NULL;
}

static size_t plain_add(const loc_detect_model *m, const uint32_t *h, unsigned n,
                        uint64_t *acc) {
  for (unsigned j = 0; j < n; j++) {
    uint32_t key;
    if (!loc__model_find_key(m, h[j], &key))
      continue;
    const loc__model_key *k = &m->keys[key];
    for (uint32_t p = k->first & ~LOC__POST_DENSE, e = p + k->n; p < e; p++)
      acc[m->slot_lang[loc__post_slot(m, p)]] += loc__post_q(m, p);
    if (k->first & LOC__POST_DENSE) {
      const loc__dense_row *r = &m->rows[loc__model_row_of(m, key)];
      for (uint32_t i = 0; i < r->width; i++)
        if (m->dense[r->data + i] != 0)
          acc[m->slot_lang[r->slot + i]] += m->dense[r->data + i];
    }
  }
  return n;
}

size_t loc__model_plain_sums(const loc_detect_model *m, const char *s, size_t len,
                             uint64_t *acc) {
  memset(acc, 0, m->h.n_langs * sizeof *acc);
  loc__grams g;
  loc__grams_reset(&g);
  uint32_t h[LOC__GRAMS_PER_CP];
  size_t n = 0;
  for (size_t i = 0; i < len;) {
    size_t k;
    int32_t cp = loc__utf8_decode((const uint8_t *)s, len, i, &k);
    i += k;
    n += plain_add(m, h, loc__grams_cp(&g, cp, h), acc);
  }
  return n + plain_add(m, h, loc__grams_end(&g, h), acc);
}

static loc_detect_model default_model;
static bool default_ok;
static pthread_once_t default_once = PTHREAD_ONCE_INIT;

static void open_default(void) {
  default_ok = loc__model_open(&default_model, loc__detect_blob,
                               (size_t)(loc__detect_blob_end - loc__detect_blob)) == LOC_OK;
}

const loc_detect_model *loc_detect_model_default(void) {
  pthread_once(&default_once, open_default);
  return default_ok ? &default_model : NULL;
}

size_t loc_detect_model_languages(const loc_detect_model *m) {
  return m ? m->h.n_langs : 0;
}

loc_status loc_detect_model_language(const loc_detect_model *m, size_t i, const char **lang,
                                     const char **iso639_3, int32_t *script) {
  if (m == NULL || i >= m->h.n_langs)
    return LOC_E_INVALID_ARGUMENT;
  if (lang)
    *lang = m->langs[i].lang;
  if (iso639_3)
    *iso639_3 = m->langs[i].iso;
  if (script)
    *script = m->scripts[i];
  return LOC_OK;
}
