/* Language identification: checking and opening a model blob, and the
 * model compiled into the library (tables/detect_model.bin, embedded by the
 * build through tables/embed-model.sh). */
#include "detect_internal.h"

#include <pthread.h>

extern const unsigned char loc__detect_blob[];
extern const unsigned char loc__detect_blob_end[];

static size_t align4(size_t n) { return (n + 3) & ~(size_t)3; }

/* A key gets a dense row when its group's postings are at least this many
 * and at least 1/DENSE_SHARE of the group's width: below that the sparse
 * walk is cheaper than the row. */
#define DENSE_MIN 32
#define DENSE_SHARE 8

static uint32_t align_slots(uint32_t n) {
  return (n + LOC__DENSE_ALIGN - 1) & ~(uint32_t)(LOC__DENSE_ALIGN - 1);
}

/* Slots and dense rows (see detect_internal.h). */
static loc_status build_dense(loc_detect_model *m) {
  uint32_t nl = m->h.n_langs;
  loc_status st = LOC_E_NO_MEMORY;
  uint16_t *group = malloc(nl * sizeof *group);     /* language → group */
  uint16_t *lang_slot = malloc(nl * sizeof *lang_slot);
  uint32_t *g_slot = malloc(nl * sizeof *g_slot);   /* group → first slot */
  uint32_t *g_size = calloc(nl, sizeof *g_size);
  uint32_t *g_count = calloc(nl, sizeof *g_count);  /* one key's postings per group */
  struct {
    uint32_t key, group;
  } *chosen = malloc((m->h.n_keys ? m->h.n_keys : 1) * sizeof *chosen);
  if (!group || !lang_slot || !g_slot || !g_size || !g_count || !chosen)
    goto out;
  /* groups in the order their script first appears; languages in model
   * order within a group */
  uint32_t n_groups = 0;
  for (uint32_t i = 0; i < nl; i++) {
    uint32_t g = 0;
    while (g < n_groups && m->scripts[g_slot[g]] != m->scripts[i])
      g++;
    if (g == n_groups)
      g_slot[n_groups++] = i; /* for now: the group's first language */
    group[i] = (uint16_t)g;
    g_size[g]++;
  }
  uint32_t n_slots = 0;
  for (uint32_t g = 0; g < n_groups; g++) {
    g_slot[g] = n_slots;
    n_slots += align_slots(g_size[g]);
  }
  if (n_slots > UINT16_MAX)
    goto out;
  m->slot_lang = malloc(n_slots * sizeof *m->slot_lang);
  if (m->slot_lang == NULL)
    goto out;
  for (uint32_t s = 0; s < n_slots; s++)
    m->slot_lang[s] = (uint16_t)nl;
  memset(g_count, 0, nl * sizeof *g_count);
  for (uint32_t i = 0; i < nl; i++) {
    lang_slot[i] = (uint16_t)(g_slot[group[i]] + g_count[group[i]]++);
    m->slot_lang[lang_slot[i]] = (uint16_t)i;
  }
  memset(g_count, 0, nl * sizeof *g_count);
  m->n_slots = n_slots;
  /* Choose the rows (key, group), then fill them. */
  uint32_t n_rows = 0;
  size_t n_data = 0, n_res = 0;
  const uint32_t *posts = m->posts;
  const uint16_t *plang = m->plang;
  const uint8_t *pq = m->pq;
  for (uint32_t k = 0, nk = m->h.n_keys; k < nk; k++) {
    uint32_t f = posts[k], e = posts[k + 1];
    if (e - f < DENSE_MIN)
      continue;
    uint32_t best = group[plang[f]];
    for (uint32_t p = f; p < e; p++) {
      uint32_t g = group[plang[p]];
      if (++g_count[g] > g_count[best] || (g_count[g] == g_count[best] && g < best))
        best = g;
    }
    uint32_t cnt = g_count[best], width = align_slots(g_size[best]);
    for (uint32_t p = f; p < e; p++)
      g_count[group[plang[p]]] = 0;
    if (cnt < DENSE_MIN || (size_t)cnt * DENSE_SHARE < width)
      continue;
    chosen[n_rows].key = k;
    chosen[n_rows].group = best;
    n_rows++;
    n_data += width;
    n_res += e - f - cnt;
  }
  uint32_t cap = 16;
  while (cap < 2 * n_rows)
    cap *= 2;
  m->dense_mask = cap - 1;
  m->rows = calloc(n_rows + 1, sizeof *m->rows);
  m->dense_data = calloc(n_data ? n_data : 1, 1);
  m->res_lang = malloc((n_res ? n_res : 1) * sizeof *m->res_lang);
  m->res_q = malloc(n_res ? n_res : 1);
  m->dense_hash = calloc(2 * (size_t)cap, sizeof *m->dense_hash);
  if (!m->rows || !m->dense_data || !m->res_lang || !m->res_q || !m->dense_hash)
    goto out;
  size_t data = 0, res = 0;
  for (uint32_t r = 0; r < n_rows; r++) {
    uint32_t k = chosen[r].key, best = chosen[r].group;
    loc__dense_row *row = &m->rows[r];
    row->data = (uint32_t)data;
    row->slot = (uint16_t)g_slot[best];
    row->width = (uint16_t)align_slots(g_size[best]);
    row->res = (uint32_t)res;
    uint8_t *bytes = m->dense_data + data;
    uint32_t slot0 = g_slot[best];
    for (uint32_t p = posts[k], e = posts[k + 1]; p < e; p++) {
      uint32_t l = plang[p];
      if (group[l] == best) {
        bytes[lang_slot[l] - slot0] = pq[p];
      } else {
        m->res_lang[res] = (uint16_t)l;
        m->res_q[res] = pq[p];
        res++;
      }
    }
    uint32_t i = (k * 2654435761u) & m->dense_mask;
    while (m->dense_hash[2 * i] != 0)
      i = (i + 1) & m->dense_mask;
    m->dense_hash[2 * i] = k + 1;
    m->dense_hash[2 * i + 1] = r;
    data += row->width;
  }
  m->rows[n_rows].res = (uint32_t)res;
  m->n_rows = n_rows;
  st = LOC_OK;
out:
  free(group);
  free(lang_slot);
  free(g_slot);
  free(g_size);
  free(g_count);
  free(chosen);
  return st;
}

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
      h->n_posts > (1u << 28))
    return LOC_E_INVALID_ARGUMENT;
  size_t off = sizeof *h;
  size_t need = off + h->n_langs * sizeof(loc__model_lang);
  size_t o_buckets = need;
  need += (((size_t)1 << h->bucket_bits) + 1) * 4;
  size_t o_keys = need;
  need = align4(need + (size_t)h->n_keys * 2);
  size_t o_posts = need;
  need += ((size_t)h->n_keys + 1) * 4;
  size_t o_plang = need;
  need += (size_t)h->n_posts * 2;
  size_t o_pq = need;
  need += h->n_posts;
  if (need != len)
    return LOC_E_INVALID_ARGUMENT;
  m->langs = (const loc__model_lang *)(b + off);
  m->buckets = (const uint32_t *)(b + o_buckets);
  m->keys = (const uint16_t *)(b + o_keys);
  m->posts = (const uint32_t *)(b + o_posts);
  m->plang = (const uint16_t *)(b + o_plang);
  m->pq = b + o_pq;
  /* Every index the detector follows is checked once here, so lookups need
   * no bounds checks. */
  uint32_t nb = 1u << h->bucket_bits;
  if (m->buckets[0] != 0 || m->buckets[nb] != h->n_keys || m->posts[0] != 0 ||
      m->posts[h->n_keys] != h->n_posts)
    return LOC_E_INVALID_ARGUMENT;
  for (uint32_t i = 0; i < nb; i++)
    if (m->buckets[i] > m->buckets[i + 1])
      return LOC_E_INVALID_ARGUMENT;
  for (uint32_t i = 0; i < h->n_keys; i++)
    if (m->posts[i] > m->posts[i + 1])
      return LOC_E_INVALID_ARGUMENT;
  for (uint32_t i = 0; i < h->n_posts; i++)
    if (m->plang[i] >= h->n_langs)
      return LOC_E_INVALID_ARGUMENT;
  if (!(h->temperature > 0) || !(h->alpha >= 0) || !(h->alpha <= 1) || !(h->und_below >= 0))
    return LOC_E_INVALID_ARGUMENT;
  m->scripts = malloc(h->n_langs * sizeof *m->scripts);
  if (m->scripts == NULL)
    return LOC_E_NO_MEMORY;
  for (uint32_t i = 0; i < h->n_langs; i++) {
    const loc__model_lang *l = &m->langs[i];
    char code[5];
    memcpy(code, l->script, 4);
    code[4] = 0;
    if (memchr(l->lang, 0, sizeof l->lang) == NULL || memchr(l->iso, 0, sizeof l->iso) == NULL ||
        loc_script_parse(code, &m->scripts[i]) != LOC_OK || !(l->floor < 0) ||
        !(l->prior >= 0 && l->prior <= 100)) {
      loc__model_close(m);
      return LOC_E_INVALID_ARGUMENT;
    }
  }
  loc_status st = build_dense(m);
  if (st != LOC_OK)
    loc__model_close(m);
  return st;
}

void loc__model_close(loc_detect_model *m) {
  free(m->scripts);
  free(m->slot_lang);
  free(m->rows);
  free(m->dense_data);
  free(m->res_lang);
  free(m->res_q);
  free(m->dense_hash);
  m->scripts = NULL;
  m->slot_lang = NULL;
  m->rows = NULL;
  m->dense_data = NULL;
  m->res_lang = NULL;
  m->res_q = NULL;
  m->dense_hash = NULL;
  m->n_rows = 0;
}

static size_t plain_add(const loc_detect_model *m, const uint32_t *h, unsigned n,
                        uint64_t *acc) {
  for (unsigned j = 0; j < n; j++) {
    uint32_t f, e;
    if (loc__model_find(m, h[j], &f, &e))
      for (uint32_t p = f; p < e; p++)
        acc[m->plang[p]] += m->pq[p];
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
