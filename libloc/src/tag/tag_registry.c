/* Lookups in the IANA Language Subtag Registry table (tables/lsr_data.h). */
#include "tag_internal.h"

typedef struct lsr_lang_info {
  uint16_t key, preferred;
  uint32_t suppress_script;
} lsr_lang_info;

typedef struct lsr_pair {
  uint16_t key, value;
} lsr_pair;

/* Offsets into lsr_pool; offset 0 is the empty string. */
typedef struct lsr_variant {
  uint16_t name, preferred, prefixes;
} lsr_variant;

typedef struct lsr_tag {
  uint16_t tag, preferred;
  uint8_t grandfathered;
} lsr_tag;

#include "tables/lsr_data.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int code_of(unsigned char c) {
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 1;
  if (c >= 'A' && c <= 'Z')
    return c - 'A' + 1;
  if (c >= '0' && c <= '9')
    return c - '0' + 27;
  return 0;
}

uint32_t loc__lsr_pack(const char *s, size_t len) {
  if (len == 0 || len > 4)
    return 0;
  uint32_t v = 0;
  for (size_t i = 0; i < len; i++) {
    int c = code_of((unsigned char)s[i]);
    if (c == 0)
      return 0;
    v = v * 37 + (uint32_t)c;
  }
  return v;
}

size_t loc__lsr_unpack(uint32_t v, char out[5]) {
  static const char chars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  char tmp[4];
  size_t n = 0;
  while (v && n < 4) {
    tmp[n++] = chars[v % 37 - 1];
    v /= 37;
  }
  for (size_t i = 0; i < n; i++)
    out[i] = tmp[n - 1 - i];
  out[n] = '\0';
  return n;
}

/* Index of @key in the sorted array @a of @n elements of @size bytes whose
 * first member is an integer of @key_size bytes, or -1. */
static long find_packed(const void *a, size_t n, size_t size, size_t key_size, uint32_t key) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    const unsigned char *p = (const unsigned char *)a + mid * size;
    uint32_t k;
    if (key_size == 2) {
      uint16_t k16;
      memcpy(&k16, p, 2);
      k = k16;
    } else {
      memcpy(&k, p, 4);
    }
    if (k == key)
      return (long)mid;
    if (k < key)
      lo = mid + 1;
    else
      hi = mid;
  }
  return -1;
}

bool loc__lsr_language(const char *s, size_t len, uint32_t *preferred,
                       uint32_t *suppress_script) {
  uint32_t k = len <= 3 ? loc__lsr_pack(s, len) : 0;
  if (preferred)
    *preferred = 0;
  if (suppress_script)
    *suppress_script = 0;
  if (k == 0 || find_packed(lsr_language, COUNT(lsr_language), 2, 2, k) < 0)
    return false;
  long i = find_packed(lsr_language_info, COUNT(lsr_language_info),
                       sizeof lsr_language_info[0], 2, k);
  if (i >= 0) {
    if (preferred)
      *preferred = lsr_language_info[i].preferred;
    if (suppress_script)
      *suppress_script = lsr_language_info[i].suppress_script;
  }
  return true;
}

bool loc__lsr_extlang(const char *s, size_t len, uint32_t *prefix) {
  uint32_t k = len == 3 ? loc__lsr_pack(s, len) : 0;
  long i = k ? find_packed(lsr_extlang, COUNT(lsr_extlang), sizeof lsr_extlang[0], 2, k) : -1;
  if (prefix)
    *prefix = i >= 0 ? lsr_extlang[i].value : 0;
  return i >= 0;
}

bool loc__lsr_script(const char *s, size_t len) {
  uint32_t k = len == 4 ? loc__lsr_pack(s, len) : 0;
  return k && find_packed(lsr_script, COUNT(lsr_script), 4, 4, k) >= 0;
}

bool loc__lsr_region(const char *s, size_t len, uint32_t *preferred) {
  uint32_t k = (len == 2 || len == 3) ? loc__lsr_pack(s, len) : 0;
  if (preferred)
    *preferred = 0;
  if (k == 0 || find_packed(lsr_region, COUNT(lsr_region), 2, 2, k) < 0)
    return false;
  long i = find_packed(lsr_region_info, COUNT(lsr_region_info), sizeof lsr_region_info[0], 2, k);
  if (i >= 0 && preferred)
    *preferred = lsr_region_info[i].value;
  return true;
}

/* Compares @s (any case, @len bytes) with the lowercase pool string @p. */
static int cmp_lower(const char *s, size_t len, const char *p) {
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 'A' && c <= 'Z')
      c = (unsigned char)(c - 'A' + 'a');
    unsigned char d = (unsigned char)p[i];
    if (d == '\0' || c != d)
      return d == '\0' ? 1 : (c < d ? -1 : 1);
  }
  return p[len] == '\0' ? 0 : -1;
}

/* Bisection over a table sorted by a pool string whose offset is the first
 * uint16_t of each row; returns the row index or -1. */
static long find_pooled(const void *table, size_t count, size_t stride,
                        const char *s, size_t len) {
  size_t lo = 0, hi = count;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    uint16_t name;
    memcpy(&name, (const char *)table + mid * stride, sizeof name);
    int c = cmp_lower(s, len, lsr_pool + name);
    if (c == 0)
      return (long)mid;
    if (c > 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return -1;
}

bool loc__lsr_variant(const char *s, size_t len, const char **preferred,
                      const char **prefixes) {
  long i = find_pooled(lsr_variants, COUNT(lsr_variants), sizeof lsr_variants[0], s, len);
  if (i < 0)
    return false;
  if (preferred)
    *preferred = lsr_pool + lsr_variants[i].preferred;
  if (prefixes)
    *prefixes = lsr_pool + lsr_variants[i].prefixes;
  return true;
}

bool loc__lsr_tag(const char *s, size_t len, const char **preferred, bool *grandfathered) {
  long i = find_pooled(lsr_tags, COUNT(lsr_tags), sizeof lsr_tags[0], s, len);
  if (i < 0)
    return false;
  if (preferred)
    *preferred = lsr_pool + lsr_tags[i].preferred;
  if (grandfathered)
    *grandfathered = lsr_tags[i].grandfathered != 0;
  return true;
}

const char *loc__lsr_file_date(void) { return LSR_FILE_DATE; }
const char *loc__lsr_source(void) { return LSR_SOURCE; }
