/* Normalization of UTF-16 (the normalizer object's UTF-16 calls): the input
 * bytes are code units (little-endian pairs, unpaired surrogates included).
 * Never fails; the size asked for is the size written; every form is
 * idempotent (NFKC_Casefold on well-formed text); the quick-check prefix
 * is kept by the result and is all of the input only when nothing
 * changes; on text without unpaired surrogates the result is the UTF-8
 * call's, converted. */
#include "fuzz.h"

/* UTF-16 to UTF-8; false at an unpaired surrogate. */
static bool to_utf8(const uint16_t *s, size_t n, char *out, size_t *len) {
  unsigned char *o = (unsigned char *)out;
  for (size_t i = 0; i < n; i++) {
    uint32_t c = s[i];
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < n && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF)
      c = 0x10000 + ((c - 0xD800) << 10) + (s[++i] - 0xDC00);
    else if (c >= 0xD800 && c <= 0xDFFF)
      return false;
    if (c < 0x80) {
      *o++ = (unsigned char)c;
    } else if (c < 0x800) {
      *o++ = (unsigned char)(0xC0 | (c >> 6));
      *o++ = (unsigned char)(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      *o++ = (unsigned char)(0xE0 | (c >> 12));
      *o++ = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
      *o++ = (unsigned char)(0x80 | (c & 0x3F));
    } else {
      *o++ = (unsigned char)(0xF0 | (c >> 18));
      *o++ = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
      *o++ = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
      *o++ = (unsigned char)(0x80 | (c & 0x3F));
    }
  }
  *len = (size_t)((char *)o - out);
  return true;
}

static uint16_t *normalized(loc_normalizer *nz, const uint16_t *s, size_t n, size_t *out_len) {
  size_t need = 0;
  loc_status st = loc_normalizer_normalize_utf16(nz, s, n, NULL, 0, &need);
  FUZZ_CHECK(st == (need ? LOC_E_BUFFER_TOO_SMALL : LOC_OK));
  uint16_t *out = malloc((need ? need : 1) * sizeof *out);
  FUZZ_CHECK(out != NULL);
  size_t got = 0;
  /* one unit short first: what it leaves in the buffer is unspecified */
  if (need > 0)
    FUZZ_CHECK(loc_normalizer_normalize_utf16(nz, s, n, out, need - 1, &got) ==
                   LOC_E_BUFFER_TOO_SMALL &&
               got == need);
  FUZZ_CHECK(loc_normalizer_normalize_utf16(nz, s, n, out, need, &got) == LOC_OK && got == need);
  *out_len = need;
  return out;
}

static void one_form(loc_normalize_form f, const uint16_t *s, size_t n) {
  loc_normalizer *nz;
  FUZZ_CHECK(loc_normalizer_new(f, &nz) == LOC_OK);
  size_t ol, al;
  uint16_t *out = normalized(nz, s, n, &ol);
  uint16_t *again = normalized(nz, out, ol, &al);
  /* NFKC_Casefold deletes default ignorables, which can bring two unpaired
   * surrogates together into a pair: for it only well-formed input counts */
  char *in8 = malloc(n * 3 + 1), *out8 = malloc(ol * 3 + 1), *want8;
  size_t il8, ol8, wl8;
  FUZZ_CHECK(in8 != NULL && out8 != NULL);
  bool well_formed = to_utf8(s, n, in8, &il8);
  if (f != LOC_NORMALIZE_NFKC_CF || well_formed)
    FUZZ_CHECK(al == ol && memcmp(again, out, ol * 2) == 0);

  bool same = ol == n && memcmp(out, s, n * 2) == 0;
  size_t q = loc_normalizer_quick_prefix_utf16(nz, s, n);
  FUZZ_CHECK(q <= n && q <= ol && memcmp(out, s, q * 2) == 0);
  if (q == n)
    FUZZ_CHECK(same);
  size_t rl;
  uint16_t *rest = normalized(nz, s + q, n - q, &rl);
  FUZZ_CHECK(q + rl == ol && memcmp(out + q, rest, rl * 2) == 0);

  /* the UTF-8 call on the same text */
  if (well_formed) {
    FUZZ_CHECK(to_utf8(out, ol, out8, &ol8));
    FUZZ_CHECK(loc_normalize_alloc(f, in8, il8, &want8, &wl8) == LOC_OK);
    FUZZ_CHECK(wl8 == ol8 && memcmp(want8, out8, ol8) == 0);
    loc_free(want8);
  }
  free(in8);
  free(out8);
  free(rest);
  free(again);
  free(out);
  loc_normalizer_free(nz);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > FUZZ_MAX_INPUT)
    return 0;
  size_t n = size / 2;
  uint16_t *s = malloc((n ? n : 1) * sizeof *s);
  FUZZ_CHECK(s != NULL);
  for (size_t i = 0; i < n; i++)
    s[i] = (uint16_t)(data[2 * i] | data[2 * i + 1] << 8);
  for (int f = 0; f < LOC_NORMALIZE_FORM_COUNT_; f++)
    one_form((loc_normalize_form)f, s, n);
  free(s);
  return 0;
}
