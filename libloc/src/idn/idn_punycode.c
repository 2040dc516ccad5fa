/* Punycode (RFC 3492) for A-labels, with the overflow checks of its §6.4. */
#include "idn_internal.h"

enum { BASE = 36, TMIN = 1, TMAX = 26, SKEW = 38, DAMP = 700, INITIAL_BIAS = 72,
       INITIAL_N = 128 };
#define PC_MAX UINT32_MAX

static uint32_t adapt(uint32_t delta, uint32_t points, bool first) {
  delta = first ? delta / DAMP : delta / 2;
  delta += delta / points;
  uint32_t k = 0;
  while (delta > ((BASE - TMIN) * TMAX) / 2) {
    delta /= BASE - TMIN;
    k += BASE;
  }
  return k + (BASE - TMIN + 1) * delta / (delta + SKEW);
}

static char digit(uint32_t d) { return (char)(d < 26 ? 'a' + d : '0' + (d - 26)); }

static uint32_t threshold(uint32_t k, uint32_t bias) {
  return k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
}

loc_status idn__punycode_encode(const int32_t *in, size_t n, loc__buf *out) {
  if (n >= PC_MAX / 2)
    return LOC_E_OVERFLOW;
  size_t basic = 0;
  for (size_t j = 0; j < n; j++)
    if (in[j] < 0x80)
      basic++;
  if (loc__buf_reserve(out, basic + 1) != LOC_OK)
    return LOC_E_NO_MEMORY;
  for (size_t j = 0; j < n; j++)
    if (in[j] < 0x80)
      out->data[out->len++] = (char)in[j];
  if (basic > 0)
    out->data[out->len++] = '-';
  uint32_t cp = INITIAL_N, delta = 0, bias = INITIAL_BIAS;
  size_t h = basic;
  while (h < n) {
    uint32_t m = PC_MAX;
    for (size_t j = 0; j < n; j++)
      if ((uint32_t)in[j] >= cp && (uint32_t)in[j] < m)
        m = (uint32_t)in[j];
    if (m - cp > (PC_MAX - delta) / (h + 1))
      return LOC_E_OVERFLOW;
    delta += (m - cp) * (uint32_t)(h + 1);
    cp = m;
    for (size_t j = 0; j < n; j++) {
      if ((uint32_t)in[j] < cp && ++delta == 0)
        return LOC_E_OVERFLOW;
      if ((uint32_t)in[j] != cp)
        continue;
      uint32_t q = delta;
      for (uint32_t k = BASE;; k += BASE) {
        uint32_t t = threshold(k, bias);
        if (q < t)
          break;
        if (loc__buf_reserve(out, 1) != LOC_OK)
          return LOC_E_NO_MEMORY;
        out->data[out->len++] = digit(t + (q - t) % (BASE - t));
        q = (q - t) / (BASE - t);
      }
      if (loc__buf_reserve(out, 1) != LOC_OK)
        return LOC_E_NO_MEMORY;
      out->data[out->len++] = digit(q);
      bias = adapt(delta, (uint32_t)(h + 1), h == basic);
      delta = 0;
      h++;
    }
    delta++;
    cp++;
  }
  return LOC_OK;
}

static int digit_value(unsigned char c) {
  if (c >= '0' && c <= '9')
    return c - '0' + 26;
  if (c >= 'a' && c <= 'z')
    return c - 'a';
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  return -1;
}

loc_status idn__punycode_decode(const char *in, size_t n, idn_vec *out) {
  size_t first = out->len;
  if (n >= PC_MAX / 2)
    return LOC_E_OVERFLOW;
  size_t b = 0;
  for (size_t j = 0; j < n; j++) {
    if ((unsigned char)in[j] >= 0x80)
      return LOC_E_OVERFLOW;
    if (in[j] == '-')
      b = j;
  }
  if (idn__vec_reserve(out, sizeof(int32_t), n) != LOC_OK)
    return LOC_E_NO_MEMORY;
  int32_t *o = (int32_t *)out->data + first;
  size_t count = 0;
  for (size_t j = 0; j < b; j++)
    o[count++] = (unsigned char)in[j];
  uint32_t cp = INITIAL_N, i = 0, bias = INITIAL_BIAS;
  for (size_t pos = b > 0 ? b + 1 : 0; pos < n;) {
    uint32_t oldi = i, w = 1;
    for (uint32_t k = BASE;; k += BASE) {
      if (pos >= n)
        return LOC_E_OVERFLOW;
      int d = digit_value((unsigned char)in[pos++]);
      if (d < 0 || (uint32_t)d > (PC_MAX - i) / w)
        return LOC_E_OVERFLOW;
      i += (uint32_t)d * w;
      uint32_t t = threshold(k, bias);
      if ((uint32_t)d < t)
        break;
      if (w > PC_MAX / (BASE - t))
        return LOC_E_OVERFLOW;
      w *= BASE - t;
    }
    uint32_t points = (uint32_t)count + 1;
    bias = adapt(i - oldi, points, oldi == 0);
    if (i / points > PC_MAX - cp)
      return LOC_E_OVERFLOW;
    cp += i / points;
    i %= points;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return LOC_E_OVERFLOW;
    /* Each digit group yields one code point, so n slots are enough. */
    memmove(o + i + 1, o + i, (count - i) * sizeof *o);
    o[i++] = (int32_t)cp;
    count++;
  }
  out->len = first + count;
  return LOC_OK;
}

loc_status idn__alabel_append(const int32_t *in, size_t n, loc__buf *out) {
  size_t mark = out->len;
  loc_status r = loc__buf_reserve(out, 4);
  if (r != LOC_OK)
    return r;
  memcpy(out->data + out->len, "xn--", 4);
  out->len += 4;
  r = idn__punycode_encode(in, n, out);
  if (r != LOC_OK)
    out->len = mark;
  return r;
}
