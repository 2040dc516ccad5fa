/* Language identification: checking and opening a model blob, and the
 * model compiled into the library (tables/detect_model.bin, embedded by the
 * build through tables/embed-model.sh). */
#include "detect_internal.h"

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
        loc_script_from_code(code, &m->scripts[i]) != LOC_OK || !(l->floor < 0)) {
      loc__model_close(m);
      return LOC_E_INVALID_ARGUMENT;
    }
  }
  return LOC_OK;
}

void loc__model_close(loc_detect_model *m) {
  free(m->scripts);
  m->scripts = NULL;
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
