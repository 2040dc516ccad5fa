/* UTF-8 validation per Unicode §3.9 Table 3-7, with "maximal subpart"
 * error lengths so that replacement matches ICU, WHATWG and Python. */
#include "internal.h"

/* Second-byte range for each lead byte (Table 3-7); the rest of the
 * continuation bytes are always 80..BF. */
static inline int lead_info(uint8_t b, uint8_t *lo, uint8_t *hi) {
  if (b >= 0xC2 && b <= 0xDF) {
    *lo = 0x80, *hi = 0xBF;
    return 2;
  }
  if (b >= 0xE0 && b <= 0xEF) {
    *lo = b == 0xE0 ? 0xA0 : 0x80;
    *hi = b == 0xED ? 0x9F : 0xBF;
    return 3;
  }
  if (b >= 0xF0 && b <= 0xF4) {
    *lo = b == 0xF0 ? 0x90 : 0x80;
    *hi = b == 0xF4 ? 0x8F : 0xBF;
    return 4;
  }
  return 0;
}

int32_t loc__utf8_decode(const uint8_t *s, size_t len, size_t i, size_t *n) {
  uint8_t b = s[i], lo, hi;
  if (b < 0x80) {
    *n = 1;
    return b;
  }
  int need = lead_info(b, &lo, &hi);
  if (need == 0) {
    *n = 1;
    return -1;
  }
  uint32_t cp = b & (0x7F >> need);
  for (int k = 1; k < need; k++) {
    if (i + k >= len) {
      *n = (size_t)k;
      return -1;
    }
    uint8_t c = s[i + k];
    uint8_t l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xBF;
    if (c < l || c > h) {
      *n = (size_t)k;
      return -1;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  *n = (size_t)need;
  return (int32_t)cp;
}

size_t loc__utf8_encode(uint32_t cp, char *out) {
  uint8_t *o = (uint8_t *)out;
  if (cp < 0x80) {
    o[0] = (uint8_t)cp;
    return 1;
  }
  if (cp < 0x800) {
    o[0] = (uint8_t)(0xC0 | (cp >> 6));
    o[1] = (uint8_t)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    o[0] = (uint8_t)(0xE0 | (cp >> 12));
    o[1] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (uint8_t)(0x80 | (cp & 0x3F));
    return 3;
  }
  o[0] = (uint8_t)(0xF0 | (cp >> 18));
  o[1] = (uint8_t)(0x80 | ((cp >> 12) & 0x3F));
  o[2] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
  o[3] = (uint8_t)(0x80 | (cp & 0x3F));
  return 4;
}

/* Byte-at-a-time check: short texts and the last few bytes. */
static size_t valid_prefix_scalar(const char *str, size_t len) {
  const uint8_t *s = (const uint8_t *)str;
  size_t i = 0;
  while (i < len) {
    /* ASCII runs dominate most corpora: test eight bytes at a time. */
    while (i + 8 <= len) {
      uint64_t w;
      memcpy(&w, s + i, 8);
      if (w & 0x8080808080808080ull)
        break;
      i += 8;
    }
    if (i >= len)
      break;
    if (s[i] < 0x80) {
      i++;
      continue;
    }
    size_t n;
    if (loc__utf8_decode(s, len, i, &n) < 0)
      return i;
    i += n;
  }
  return len;
}

/*
 * A shift-based DFA for Table 3-7: each state is a bit offset, and row[b]
 * packs, for every state, the offset of the next state after byte b. One
 * load and one shift per byte, no branch, so mixed-script text does not
 * stall on mispredictions; ASCII runs are skipped 16 bytes at a time.
 */
enum { ACC = 0, ERR = 6, C1 = 12, C2 = 18, C3 = 24, XE0 = 30, XED = 36, XF0 = 42, XF4 = 48 };
#define ROW(acc, c1, c2, c3, e0, ed, f0, f4)                                    \
  ((uint64_t)(acc) << ACC | (uint64_t)ERR << ERR | (uint64_t)(c1) << C1 |      \
   (uint64_t)(c2) << C2 | (uint64_t)(c3) << C3 | (uint64_t)(e0) << XE0 |       \
   (uint64_t)(ed) << XED | (uint64_t)(f0) << XF0 | (uint64_t)(f4) << XF4)
#define LEAD(to) ROW(to, ERR, ERR, ERR, ERR, ERR, ERR, ERR)
static const uint64_t dfa[256] = {
    [0x00 ... 0x7F] = LEAD(ACC),
    [0x80 ... 0x8F] = ROW(ERR, ACC, C1, C2, ERR, C1, ERR, C2),
    [0x90 ... 0x9F] = ROW(ERR, ACC, C1, C2, ERR, C1, C2, ERR),
    [0xA0 ... 0xBF] = ROW(ERR, ACC, C1, C2, C1, ERR, C2, ERR),
    [0xC0 ... 0xC1] = LEAD(ERR),
    [0xC2 ... 0xDF] = LEAD(C1),
    [0xE0] = LEAD(XE0),
    [0xE1 ... 0xEC] = LEAD(C2),
    [0xED] = LEAD(XED),
    [0xEE ... 0xEF] = LEAD(C2),
    [0xF0] = LEAD(XF0),
    [0xF1 ... 0xF3] = LEAD(C3),
    [0xF4] = LEAD(XF4),
    [0xF5 ... 0xFF] = LEAD(ERR),
};

static inline bool ascii16(const uint8_t *s) {
  uint64_t w0, w1;
  memcpy(&w0, s, 8);
  memcpy(&w1, s + 8, 8);
  return ((w0 | w1) & 0x8080808080808080ull) == 0;
}

size_t loc_utf8_valid_prefix(const char *str, size_t len) {
  const uint8_t *s = (const uint8_t *)str;
  size_t i = 0;
  while (len - i >= 16) {
    if (ascii16(s + i)) {
      i += 16;
      continue;
    }
    size_t start = i; /* a character boundary */
    unsigned st = ACC;
    do {
      for (int k = 0; k < 16; k++)
        st = (unsigned)(dfa[s[i + k]] >> st) & 63;
      i += 16;
    } while (st != ACC && st != ERR && len - i >= 16);
    if (st != ACC) { /* an error, or a character cut by the end: exactly where? */
      i = start;
      break;
    }
  }
  /* str may be NULL when len is 0: no pointer arithmetic on it then. */
  return i == len ? i : i + valid_prefix_scalar(str + i, len - i);
}

bool loc_utf8_next_error(const char *str, size_t len, size_t from,
                         loc_utf8_error *err) {
  if (str == NULL || from >= len)
    return false;
  size_t ok = loc_utf8_valid_prefix(str + from, len - from);
  if (from + ok >= len)
    return false;
  size_t i = from + ok, n;
  loc__utf8_decode((const uint8_t *)str, len, i, &n);
  if (err) {
    err->offset = i;
    err->length = n;
    err->byte = (uint8_t)str[i];
  }
  return true;
}

size_t loc_utf8_count_chars(const char *str, size_t len) {
  const uint8_t *s = (const uint8_t *)str;
  size_t count = 0, i = 0;
  while (i < len) {
    if (s[i] < 0x80) {
      i++;
    } else {
      size_t n;
      if (loc__utf8_decode(s, len, i, &n) < 0)
        n = 1; /* each bad byte is one column */
      i += n;
    }
    count++;
  }
  return count;
}

static size_t replaced_size(const char *s, size_t len) {
  size_t need = 0, from = 0;
  loc_utf8_error e;
  while (loc_utf8_next_error(s, len, from, &e)) {
    need += (e.offset - from) + 3;
    from = e.offset + e.length;
  }
  return need + (len - from);
}

static void replace_into(const char *s, size_t len, char *out) {
  size_t from = 0;
  loc_utf8_error e;
  while (loc_utf8_next_error(s, len, from, &e)) {
    memcpy(out, s + from, e.offset - from);
    out += e.offset - from;
    memcpy(out, "\xEF\xBF\xBD", 3);
    out += 3;
    from = e.offset + e.length;
  }
  memcpy(out, s + from, len - from);
}

loc_status loc_utf8_replace(const char *s, size_t len, char *out, size_t cap,
                            size_t *out_len) {
  if ((s == NULL && len > 0) || out_len == NULL || (out == NULL && cap > 0))
    return LOC_E_INVALID_ARGUMENT;
  size_t need = replaced_size(s, len);
  *out_len = need;
  if (need > cap)
    return LOC_E_BUFFER_TOO_SMALL;
  if (need)
    replace_into(s, len, out);
  return LOC_OK;
}

loc_status loc_utf8_replace_alloc(const char *s, size_t len, char **out,
                                  size_t *out_len) {
  if ((s == NULL && len > 0) || out == NULL)
    return LOC_E_INVALID_ARGUMENT;
  size_t need = replaced_size(s, len);
  char *buf = malloc(need + 1);
  if (buf == NULL)
    return LOC_E_NO_MEMORY;
  if (need)
    replace_into(s, len, buf);
  buf[need] = '\0';
  *out = buf;
  if (out_len)
    *out_len = need;
  return LOC_OK;
}

size_t loc__piece_end(const char *s, size_t len, size_t from, size_t piece) {
  if (len - from <= piece)
    return len;
  size_t lim = from + piece;
  for (size_t i = lim; i > from + piece / 2; i--)
    if (s[i - 1] == ' ' || s[i - 1] == '\t')
      return i;
  while (lim > from + 1 && ((uint8_t)s[lim] & 0xC0) == 0x80)
    lim--;
  return lim;
}
