/* langid-train: lays the model out as loc__model_open() reads it
 * (libloc/src/detect/detect_internal.h): slots grouped by script, the key index,
 * sparse postings and dense rows. Everything the detector would otherwise
 * build when the model opens is computed here, once. */
#ifndef LANGID_LAYOUT_H
#define LANGID_LAYOUT_H

#include "../libloc/src/detect/detect_internal.h"

#include <stdio.h>
#include <stdlib.h>

/* A key gets a dense row when its postings in one group are at least this
 * many and at least 1/DENSE_SHARE of that group's width: below that the
 * sparse walk is cheaper than the row. */
#define LAYOUT_DENSE_MIN 32
#define LAYOUT_DENSE_SHARE 8

typedef struct layout_post {
  uint32_t key; /* bucket (top bits) and low 16 bits of the hash */
  uint16_t lang;
  uint8_t q;
} layout_post;

typedef struct layout_lang {
  const char *tag, *iso;
  const char *script; /* 4 letters */
  float floor, prior;
  uint32_t grams;
} layout_lang;

static uint32_t layout_align(uint32_t n) {
  return (n + LOC__DENSE_ALIGN - 1) & ~(uint32_t)(LOC__DENSE_ALIGN - 1);
}

static size_t layout_align4(size_t n) { return (n + 3) & ~(size_t)3; }

static void *layout_alloc(size_t n) {
  void *p = calloc(n ? n : 1, 1);
  if (p == NULL) {
    fprintf(stderr, "langid-train: out of memory\n");
    exit(1);
  }
  return p;
}

/* @p: n_posts postings sorted by key then language, one per (key,
 * language); @bucket_bits: the top bits of a key that select its bucket
 * (the low 16 are stored). Returns the blob (free()), its length in *len. */
static unsigned char *layout_blob(const layout_post *p, size_t n_posts, const layout_lang *L,
                                  size_t n_langs, unsigned bucket_bits, float temperature,
                                  float alpha, float und_below, size_t *len) {
  /* groups of languages by script, in the order the scripts first appear */
  uint32_t *group = layout_alloc(n_langs * sizeof *group);
  uint32_t *g_first = layout_alloc(n_langs * sizeof *g_first); /* a language of it */
  uint32_t *g_size = layout_alloc(n_langs * sizeof *g_size);
  uint32_t *g_slot = layout_alloc(n_langs * sizeof *g_slot);
  uint32_t n_groups = 0;
  for (size_t i = 0; i < n_langs; i++) {
    uint32_t g = 0;
    while (g < n_groups && memcmp(L[g_first[g]].script, L[i].script, 4) != 0)
      g++;
    if (g == n_groups)
      g_first[n_groups++] = (uint32_t)i;
    group[i] = g;
    g_size[g]++;
  }
  uint32_t n_slots = 0;
  for (uint32_t g = 0; g < n_groups; g++) {
    g_slot[g] = n_slots;
    n_slots += layout_align(g_size[g]);
  }
  uint16_t *slot_lang = layout_alloc(n_slots * sizeof *slot_lang);
  uint16_t *lang_slot = layout_alloc(n_langs * sizeof *lang_slot);
  uint32_t *fill = layout_alloc(n_langs * sizeof *fill);
  for (uint32_t s = 0; s < n_slots; s++)
    slot_lang[s] = (uint16_t)n_langs;
  for (size_t i = 0; i < n_langs; i++) {
    lang_slot[i] = (uint16_t)(g_slot[group[i]] + fill[group[i]]++);
    slot_lang[lang_slot[i]] = (uint16_t)i;
  }
  /* keys; for each, its group with the most postings, and whether that
   * group gets a dense row */
  size_t n_keys = 0;
  for (size_t r = 0; r < n_posts; r++)
    n_keys += r == 0 || p[r].key != p[r - 1].key;
  uint32_t *kfirst = layout_alloc((n_keys + 1) * sizeof *kfirst);
  uint32_t *krow_group = layout_alloc(n_keys * sizeof *krow_group); /* group + 1, 0: none */
  uint32_t *count = layout_alloc(n_groups * sizeof *count);
  size_t n_rows = 0, n_dense = 0, n_sparse = 0;
  for (size_t r = 0, k = 0; r < n_posts; k++) {
    size_t e = r;
    while (e < n_posts && p[e].key == p[r].key)
      e++;
    kfirst[k] = (uint32_t)r;
    uint32_t best = group[p[r].lang];
    for (size_t x = r; x < e; x++) {
      uint32_t g = group[p[x].lang];
      if (++count[g] > count[best] || (count[g] == count[best] && g < best))
        best = g;
    }
    uint32_t cnt = count[best], width = layout_align(g_size[best]);
    for (size_t x = r; x < e; x++)
      count[group[p[x].lang]] = 0;
    if (e - r >= LAYOUT_DENSE_MIN && cnt >= LAYOUT_DENSE_MIN &&
        (size_t)cnt * LAYOUT_DENSE_SHARE >= width) {
      krow_group[k] = best + 1;
      n_rows++;
      n_dense += width;
      n_sparse += e - r - cnt;
    } else {
      n_sparse += e - r;
    }
    r = e;
  }
  kfirst[n_keys] = (uint32_t)n_posts;
  size_t nb = (size_t)1 << bucket_bits;
  size_t off = sizeof(loc__model_header) + n_langs * sizeof(loc__model_lang);
  size_t o_slot_lang = off;
  off = layout_align4(off + n_slots * 2);
  size_t o_buckets = off;
  off += (nb + 1) * 4;
  size_t o_keys = off;
  off += n_keys * sizeof(loc__model_key);
  size_t o_row_key = off;
  off += n_rows * 4;
  size_t o_rows = off;
  off += n_rows * sizeof(loc__dense_row);
  size_t o_post = off;
  off = layout_align4(off + n_sparse * 3);
  size_t o_dense = off;
  off += n_dense;
  /* 16 bytes more: the blob is 16-aligned wherever it is embedded */
  unsigned char *b = layout_alloc(off + 16);
  loc__model_header h = {.n_langs = (uint32_t)n_langs, .bucket_bits = bucket_bits,
                         .n_keys = (uint32_t)n_keys, .n_posts = (uint32_t)n_sparse,
                         .temperature = temperature, .alpha = alpha, .und_below = und_below,
                         .n_slots = n_slots, .n_rows = (uint32_t)n_rows,
                         .n_dense = (uint32_t)n_dense};
  memcpy(h.magic, LOC__MODEL_MAGIC, 8);
  memcpy(b, &h, sizeof h);
  loc__model_lang *ml = (loc__model_lang *)(b + sizeof h);
  for (size_t i = 0; i < n_langs; i++) {
    snprintf(ml[i].lang, sizeof ml[i].lang, "%s", L[i].tag);
    snprintf(ml[i].iso, sizeof ml[i].iso, "%.3s", L[i].iso);
    memcpy(ml[i].script, L[i].script, 4);
    ml[i].floor = L[i].floor;
    ml[i].grams = L[i].grams;
    ml[i].prior = L[i].prior;
  }
  memcpy(b + o_slot_lang, slot_lang, n_slots * 2);
  uint32_t *buckets = (uint32_t *)(b + o_buckets);
  loc__model_key *keys = (loc__model_key *)(b + o_keys);
  uint32_t *row_key = (uint32_t *)(b + o_row_key);
  loc__dense_row *rows = (loc__dense_row *)(b + o_rows);
  uint8_t *post = b + o_post;
  uint8_t *dense = b + o_dense;
  /* buckets[x] = first key of bucket x */
  size_t x = 0;
  for (size_t k = 0; k < n_keys; k++) {
    size_t bucket = p[kfirst[k]].key >> 16;
    while (x <= bucket)
      buckets[x++] = (uint32_t)k;
  }
  while (x <= nb)
    buckets[x++] = (uint32_t)n_keys;
  size_t sp = 0, row = 0, data = 0;
  /* a key's sparse postings in slot order */
  uint32_t *tmp = layout_alloc(n_slots * sizeof *tmp); /* slot → q + 1 */
  for (size_t k = 0; k < n_keys; k++) {
    keys[k].lo = (uint16_t)p[kfirst[k]].key;
    keys[k].first = (uint32_t)sp | (krow_group[k] ? LOC__POST_DENSE : 0);
    size_t sp0 = sp;
    uint32_t rg = krow_group[k] ? krow_group[k] - 1 : UINT32_MAX;
    if (rg != UINT32_MAX) {
      row_key[row] = (uint32_t)k;
      rows[row] = (loc__dense_row){(uint32_t)data, (uint16_t)g_slot[rg],
                                   (uint16_t)layout_align(g_size[rg])};
    }
    for (size_t r = kfirst[k]; r < kfirst[k + 1]; r++) {
      uint32_t l = p[r].lang;
      if (group[l] == rg)
        dense[data + lang_slot[l] - g_slot[rg]] = p[r].q;
      else
        tmp[lang_slot[l]] = p[r].q + 1u;
    }
    /* the marked slots, in ascending order */
    uint32_t lo = UINT32_MAX, hi = 0;
    for (size_t r = kfirst[k]; r < kfirst[k + 1]; r++) {
      uint32_t l = p[r].lang;
      if (group[l] == rg)
        continue;
      if (lang_slot[l] < lo)
        lo = lang_slot[l];
      if (lang_slot[l] + 1u > hi)
        hi = lang_slot[l] + 1u;
    }
    for (uint32_t s = lo; s < hi && lo != UINT32_MAX; s++)
      if (tmp[s]) {
        post[3 * sp] = (uint8_t)s;
        post[3 * sp + 1] = (uint8_t)(s >> 8);
        post[3 * sp + 2] = (uint8_t)(tmp[s] - 1);
        tmp[s] = 0;
        sp++;
      }
    keys[k].n = (uint16_t)(sp - sp0);
    if (rg != UINT32_MAX) {
      data += rows[row].width;
      row++;
    }
  }
  free(tmp);
  free(group);
  free(g_first);
  free(g_size);
  free(g_slot);
  free(slot_lang);
  free(lang_slot);
  free(fill);
  free(kfirst);
  free(krow_group);
  free(count);
  *len = off;
  return b;
}

#endif
