/* Script runs (UAX #24 with Script_Extensions), resumable across pieces.
 * The rules are written down in loc/script.h. */
#include "internal.h"
#include "buf.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

/* loc_script values are ICU's UScriptCode values (documented in script.h). */
_Static_assert(LOC_SCRIPT_COMMON == USCRIPT_COMMON && LOC_SCRIPT_INHERITED == USCRIPT_INHERITED &&
                   LOC_SCRIPT_UNKNOWN == USCRIPT_UNKNOWN &&
                   LOC_SCRIPT_JAPANESE == USCRIPT_JAPANESE && LOC_SCRIPT_KOREAN == USCRIPT_KOREAN,
               "loc_script constants differ from ICU's UScriptCode");

/* A set of UScriptCodes. ICU 72 has fewer than 210 scripts; the check in
 * loc_script_iter_new() guards against a future ICU outgrowing it. */
#define SET_WORDS 4
#define SET_BITS (64 * SET_WORDS)
typedef struct sset {
  uint64_t w[SET_WORDS];
} sset;

static inline void set_add(sset *s, int32_t sc) {
  if (sc >= 0 && sc < SET_BITS)
    s->w[sc >> 6] |= UINT64_C(1) << (sc & 63);
}
static inline bool set_has(const sset *s, int32_t sc) {
  return sc >= 0 && sc < SET_BITS && (s->w[sc >> 6] >> (sc & 63)) & 1;
}
/* a &= b when the intersection is not empty; returns whether it was not. */
static inline bool set_narrow(sset *a, const sset *b) {
  sset r;
  uint64_t any = 0;
  for (int i = 0; i < SET_WORDS; i++) {
    r.w[i] = a->w[i] & b->w[i];
    any |= r.w[i];
  }
  if (any)
    *a = r;
  return any != 0;
}
static int set_count(const sset *s) {
  int n = 0;
  for (int i = 0; i < SET_WORDS; i++)
    n += __builtin_popcountll(s->w[i]);
  return n;
}
static int32_t set_first(const sset *s) {
  for (int i = 0; i < SET_WORDS; i++)
    if (s->w[i])
      return i * 64 + __builtin_ctzll(s->w[i]);
  return USCRIPT_UNKNOWN;
}

enum { K_STRONG, K_COMMON, K_INHERITED };
enum { SKIP_NEVER = -3, SKIP_PLAIN_COMMON = -2 };

/* What the run logic needs to know about one code point. */
typedef struct cprop {
  int32_t cp;     /* cache key; -1 = empty slot */
  int16_t sc;     /* Script property */
  uint8_t kind;   /* K_* */
  uint8_t narrow; /* has real Script_Extensions (not just Zyyy/Zinh) */
  uint8_t bpt;    /* UBidiPairedBracketType */
  int16_t skip;   /* the hot path: see step() */
  int32_t pair;   /* open: the closing bracket it expects; close: itself */
  sset set;       /* Script_Extensions plus the Jpan/Kore merges */
} cprop;

#define CACHE_SIZE 1024 /* direct-mapped by code point, non-ASCII only */

typedef struct bracket {
  int32_t close;  /* closing bracket that matches (canonical) */
  bool done;      /* its run has ended: set/script/wild are final */
  bool wild;
  int32_t script;
  sset set;
} bracket;

struct loc_script_iter {
  /* input */
  const uint8_t *p;
  size_t len, pos;
  size_t base;            /* text offset of p[0] */
  uint8_t carry[4];       /* incomplete character cut by a piece end */
  uint8_t ncarry;
  size_t carry_off;
  bool finishing;
  uint64_t invalid;       /* ill-formed subparts since the last reset */
  /* the open run */
  bool in_run, wild, any_common;
  size_t run_start;
  int32_t first_strong;
  int32_t simple_sc;      /* run set within this simple script's, or -1 */
  sset set;
  /* open brackets, a ring of the most recent ones */
  bracket br[LOC_SCRIPT_BRACKET_DEPTH];
  unsigned br_top, br_n;
  /* a finished run waiting to be taken */
  bool has_out;
  loc_script_run out;
  /* property cache */
  cprop ascii[128];
  cprop cache[CACHE_SIZE];
};

/* U+2329/U+232A are canonically equivalent to U+3008/U+3009 (BD16). */
static int32_t canon_bracket(int32_t c) {
  return c == 0x2329 ? 0x3008 : c == 0x232A ? 0x3009 : c;
}

static void fill_prop(cprop *pr, int32_t cp) {
  UErrorCode e = U_ZERO_ERROR;
  UScriptCode scx[SET_BITS];
  int32_t n = uscript_getScriptExtensions(cp, scx, SET_BITS, &e);
  UErrorCode e2 = U_ZERO_ERROR;
  UScriptCode sc = uscript_getScript(cp, &e2);
  if (U_FAILURE(e) || n < 1) {
    n = 1;
    scx[0] = sc;
  }
  memset(pr, 0, sizeof *pr);
  pr->cp = cp;
  pr->sc = (int16_t)sc;
  pr->kind = sc == USCRIPT_COMMON      ? K_COMMON
             : sc == USCRIPT_INHERITED ? K_INHERITED
                                       : K_STRONG;
  pr->narrow = !(n == 1 && (scx[0] == USCRIPT_COMMON || scx[0] == USCRIPT_INHERITED));
  bool han = false, kana = false, hangul = false;
  for (int32_t i = 0; i < n; i++) {
    set_add(&pr->set, scx[i]);
    han |= scx[i] == USCRIPT_HAN;
    kana |= scx[i] == USCRIPT_HIRAGANA || scx[i] == USCRIPT_KATAKANA;
    hangul |= scx[i] == USCRIPT_HANGUL;
  }
  /* Han, kana and Hangul may share a run: the intersection then keeps the
   * merged writing system alone. */
  if (han || kana)
    set_add(&pr->set, USCRIPT_JAPANESE);
  if (han || hangul)
    set_add(&pr->set, USCRIPT_KOREAN);
  pr->bpt = (uint8_t)u_getIntPropertyValue(cp, UCHAR_BIDI_PAIRED_BRACKET_TYPE);
  pr->pair = canon_bracket(pr->bpt == U_BPT_OPEN ? u_getBidiPairedBracket(cp) : cp);
  /* Simple letters (set = {sc} and its merges, no bracket) of one script
   * all have equal sets; plain Common characters (no extensions, no
   * bracket) change nothing in a run that already has a script. */
  if (pr->bpt != U_BPT_NONE)
    pr->skip = SKIP_NEVER;
  else if (pr->kind == K_STRONG && n == 1 && scx[0] == sc)
    pr->skip = (int16_t)sc;
  else if (pr->kind == K_COMMON && !pr->narrow)
    pr->skip = SKIP_PLAIN_COMMON;
  else
    pr->skip = SKIP_NEVER;
}

static inline const cprop *lookup(loc_script_iter *it, int32_t cp) {
  if (cp < 128)
    return &it->ascii[cp];
  cprop *pr = &it->cache[cp & (CACHE_SIZE - 1)];
  if (LOC_UNLIKELY(pr->cp != cp))
    fill_prop(pr, cp);
  return pr;
}

static void clear_text(loc_script_iter *it) {
  it->p = NULL;
  it->len = it->pos = it->base = 0;
  it->ncarry = 0;
  it->finishing = false;
  it->in_run = false;
  it->simple_sc = USCRIPT_INVALID_CODE;
  it->br_top = it->br_n = 0;
  it->has_out = false;
}

loc_status loc_script_iter_new(loc_script_iter **out) {
  if (out == NULL)
    return LOC_E_INVALID_ARGUMENT;
  *out = NULL;
  if (u_getIntPropertyMaxValue(UCHAR_SCRIPT) >= SET_BITS)
    return LOC_E_UNSUPPORTED;
  loc_script_iter *it = malloc(sizeof *it);
  if (it == NULL)
    return LOC_E_NO_MEMORY;
  for (int32_t c = 0; c < 128; c++)
    fill_prop(&it->ascii[c], c);
  for (size_t i = 0; i < CACHE_SIZE; i++)
    it->cache[i].cp = -1;
  clear_text(it);
  it->invalid = 0;
  *out = it;
  return LOC_OK;
}

void loc_script_iter_free(loc_script_iter *it) { free(it); }

void loc_script_iter_reset(loc_script_iter *it) {
  if (it != NULL) {
    clear_text(it);
    it->invalid = 0;
  }
}

static int32_t resolve(const loc_script_iter *it) {
  if (it->wild)
    return it->any_common ? USCRIPT_COMMON : USCRIPT_INHERITED;
  if (set_has(&it->set, it->first_strong))
    return it->first_strong;
  if (set_count(&it->set) > 1) {
    if (set_has(&it->set, USCRIPT_JAPANESE))
      return USCRIPT_JAPANESE;
    if (set_has(&it->set, USCRIPT_KOREAN))
      return USCRIPT_KOREAN;
  }
  return set_first(&it->set);
}

static void fill_code(loc_script_run *r) {
  const char *c = uscript_getShortName((UScriptCode)r->script);
  if (c == NULL || strlen(c) != 4)
    c = "Zzzz";
  memcpy(r->code, c, 5);
}

/* Ends the open run at text offset @end and queues it. Open brackets of the
 * run learn its final script, for closing brackets in later runs. */
static void end_run(loc_script_iter *it, size_t end) {
  int32_t script = resolve(it);
  for (unsigned k = 0; k < it->br_n; k++) {
    bracket *b = &it->br[(it->br_top + LOC_SCRIPT_BRACKET_DEPTH - 1 - k) %
                         LOC_SCRIPT_BRACKET_DEPTH];
    if (b->done)
      break; /* older entries belong to earlier runs */
    b->done = true;
    b->wild = it->wild;
    b->script = script;
    b->set = it->set;
  }
  it->out.start = it->run_start;
  it->out.end = end;
  it->out.script = script;
  fill_code(&it->out);
  it->has_out = true;
  it->in_run = false;
  it->simple_sc = USCRIPT_INVALID_CODE;
}

static void begin_run(loc_script_iter *it, size_t start) {
  it->in_run = true;
  it->run_start = start;
  it->wild = true;
  it->any_common = false;
  it->first_strong = USCRIPT_INVALID_CODE;
  it->simple_sc = USCRIPT_INVALID_CODE;
  memset(&it->set, 0, sizeof it->set);
}

static void start_strong(loc_script_iter *it, const sset *set, int32_t sc) {
  it->wild = false;
  it->set = *set;
  it->first_strong = sc;
  it->simple_sc = USCRIPT_INVALID_CODE;
}

/* A matching opening bracket for @close, popped with everything above it;
 * NULL when none is open. */
static const bracket *pop_match(loc_script_iter *it, int32_t close) {
  for (unsigned k = 0; k < it->br_n; k++) {
    unsigned idx = (it->br_top + LOC_SCRIPT_BRACKET_DEPTH - 1 - k) %
                   LOC_SCRIPT_BRACKET_DEPTH;
    if (it->br[idx].close == close) {
      it->br_top = idx;
      it->br_n -= k + 1;
      return &it->br[idx]; /* stays readable until the next push */
    }
  }
  return NULL;
}

static void push_open(loc_script_iter *it, int32_t close) {
  bracket *b = &it->br[it->br_top];
  memset(b, 0, sizeof *b);
  b->close = close;
  it->br_top = (it->br_top + 1) % LOC_SCRIPT_BRACKET_DEPTH;
  if (it->br_n < LOC_SCRIPT_BRACKET_DEPTH)
    it->br_n++;
}

/* One character (or ill-formed subpart, @pr == NULL) at text offset @start. */
static inline void step(loc_script_iter *it, const cprop *pr, size_t start) {
  /* Hot path: one more letter of the script the run already agrees with.
   * Intersecting with the same set again changes nothing. */
  if (LOC_LIKELY(pr != NULL)) {
    int32_t k = pr->skip, s = it->simple_sc;
    if ((k == s) | ((k == SKIP_PLAIN_COMMON) & (s >= 0)))
      return;
  }
  if (!it->in_run)
    begin_run(it, start);
  if (pr == NULL) { /* like U+FFFD: Common, no extensions */
    it->invalid++;
    it->any_common = true;
    return;
  }
  if (LOC_UNLIKELY(pr->bpt == U_BPT_CLOSE) && it->br_n > 0) {
    const bracket *b = pop_match(it, pr->pair);
    if (b != NULL && b->done && !b->wild) {
      if (!it->wild && set_narrow(&it->set, &b->set))
        return;
      if (!it->wild) {
        end_run(it, start);
        begin_run(it, start);
      }
      start_strong(it, &b->set, b->script);
      return;
    }
    if (b != NULL) { /* opened in this run, or in a run of Common only */
      it->any_common = true;
      return;
    }
  }
  if (pr->kind == K_STRONG) {
    if (it->wild) {
      start_strong(it, &pr->set, pr->sc);
    } else if (!set_narrow(&it->set, &pr->set)) {
      end_run(it, start);
      begin_run(it, start);
      start_strong(it, &pr->set, pr->sc);
    }
    if (pr->skip >= 0)
      it->simple_sc = pr->sc;
  } else {
    if (pr->kind == K_COMMON)
      it->any_common = true;
    /* Extensions narrow the run when they fit; otherwise the character is
     * absorbed: Common and Inherited never break a run. */
    if (pr->narrow && !it->wild)
      set_narrow(&it->set, &pr->set);
  }
  if (LOC_UNLIKELY(pr->bpt == U_BPT_OPEN))
    push_open(it, pr->pair);
}

loc_status loc_script_iter_feed(loc_script_iter *it, const char *piece, size_t len) {
  if (it == NULL || (piece == NULL && len > 0))
    return LOC_E_INVALID_ARGUMENT;
  if (it->pos < it->len || it->has_out || it->finishing)
    return LOC_E_STATE;
  it->base += it->len;
  it->p = (const uint8_t *)piece;
  it->len = len;
  it->pos = 0;
  return LOC_OK;
}

loc_status loc_script_iter_finish(loc_script_iter *it) {
  if (it == NULL)
    return LOC_E_INVALID_ARGUMENT;
  if (it->pos < it->len || it->has_out || it->finishing)
    return LOC_E_STATE;
  it->finishing = true;
  return LOC_OK;
}

static inline bool is_multibyte_lead(uint8_t b) { return b >= 0xC2 && b <= 0xF4; }

/* The common well-formed 2- and 3-byte forms inline; the rest (4-byte,
 * E0/ED, anything ill-formed) through the full decoder. */
static inline int32_t decode(const uint8_t *p, size_t len, size_t i, size_t *n) {
  uint8_t b = p[i];
  if (b >= 0xC2 && b <= 0xDF && i + 1 < len && (p[i + 1] & 0xC0) == 0x80) {
    *n = 2;
    return ((b & 0x1F) << 6) | (p[i + 1] & 0x3F);
  }
  if (b >= 0xE1 && b <= 0xEF && b != 0xED && i + 2 < len && (p[i + 1] & 0xC0) == 0x80 &&
      (p[i + 2] & 0xC0) == 0x80) {
    *n = 3;
    return ((b & 0x0F) << 12) | ((p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F);
  }
  return loc__utf8_decode(p, len, i, n);
}

/* Completes a carried-over character with bytes of the piece. Returns false
 * when the piece ended before the character did. */
static bool take_carry(loc_script_iter *it) {
  size_t n = 0;
  int32_t cp = -1;
  for (;;) {
    cp = loc__utf8_decode(it->carry, it->ncarry, 0, &n);
    bool incomplete = cp < 0 && n == it->ncarry && is_multibyte_lead(it->carry[0]);
    if (!incomplete)
      break;
    if (it->pos == it->len) {
      if (!it->finishing)
        return false;
      break; /* the text ends inside the character: one ill-formed subpart */
    }
    it->carry[it->ncarry++] = it->p[it->pos++];
  }
  if (n < it->ncarry) { /* the last byte taken does not belong: give it back */
    it->pos -= it->ncarry - n;
  }
  it->ncarry = 0;
  step(it, cp < 0 ? NULL : lookup(it, cp), it->carry_off);
  return true;
}

bool loc_script_iter_next(loc_script_iter *it, loc_script_run *run) {
  if (it == NULL)
    return false;
  for (;;) {
    if (it->has_out) {
      it->has_out = false;
      if (run != NULL)
        *run = it->out;
      return true;
    }
    if (it->ncarry > 0 && !take_carry(it))
      return false;
    if (it->has_out)
      continue;
    const uint8_t *p = it->p;
    size_t len = it->len, pos = it->pos;
    while (pos < len && !it->has_out) {
      size_t n = 1;
      int32_t cp = p[pos];
      if (cp >= 0x80) {
        cp = decode(p, len, pos, &n);
        if (cp < 0 && pos + n == len && is_multibyte_lead(p[pos])) {
          /* cut by the end of the piece: finish it with the next one */
          memcpy(it->carry, p + pos, n);
          it->ncarry = (uint8_t)n;
          it->carry_off = it->base + pos;
          pos += n;
          break;
        }
      }
      step(it, cp < 0 ? NULL : lookup(it, cp), it->base + pos);
      pos += n;
    }
    it->pos = pos;
    if (it->has_out)
      continue;
    if (pos < len || it->ncarry > 0) {
      if (it->finishing)
        continue; /* only a carry can be left: take_carry handles it */
      return false;
    }
    if (!it->finishing)
      return false;
    if (it->in_run) {
      end_run(it, it->base + it->len);
      continue;
    }
    clear_text(it);
    return false;
  }
}

uint64_t loc_script_iter_invalid(const loc_script_iter *it) {
  return it ? it->invalid : 0;
}

loc_status loc_script_runs(const char *s, size_t len, loc_script_run **runs,
                           size_t *n_runs) {
  if ((s == NULL && len > 0) || runs == NULL || n_runs == NULL)
    return LOC_E_INVALID_ARGUMENT;
  *runs = NULL;
  *n_runs = 0;
  loc_script_iter *it;
  loc_status st = loc_script_iter_new(&it);
  if (st != LOC_OK)
    return st;
  loc_script_run *arr = NULL, r;
  size_t n = 0, cap = 0;
  loc_script_iter_feed(it, s, len);
  for (int pass = 0; pass < 2; pass++) {
    while (loc_script_iter_next(it, &r)) {
      if (n == cap) {
        void *g = arr;
        loc_status gst = loc__grow(&g, &cap, n + 1, sizeof *arr, 8);
        arr = g;
        if (gst != LOC_OK) {
          free(arr);
          loc_script_iter_free(it);
          return gst;
        }
      }
      arr[n++] = r;
    }
    if (pass == 0)
      loc_script_iter_finish(it);
  }
  loc_script_iter_free(it);
  *runs = arr;
  *n_runs = n;
  return LOC_OK;
}
