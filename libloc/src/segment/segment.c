/* Segmentation over ICU break iterators, reading UTF-8 in place via UText. */
#include "internal.h"
#include "buf.h"
#include "segment_uax.h"

#include <pthread.h>
#include <stdio.h>
#include <unicode/ubrk.h>
#include <unicode/uloc.h>
#include <unicode/utext.h>

struct loc_segmenter {
  loc_segment_kind kind;
  bool uax;              /* the untailored rules of segment_uax.c: tmpl is NULL */
  /* Never given a text: it is only cloned. ICU does not promise that two
   * threads may clone one iterator at once, so clones take the lock. */
  UBreakIterator *tmpl;
  pthread_mutex_t lock;
};

struct loc_segment_iter {
  const loc_segmenter *sg;
  UBreakIterator *bi;
  UText ut;
  bool has_text;
  int32_t pos;
  /* uax segmenters: the text's segments, computed by set_text */
  loc_segment *segs;
  size_t nsegs, next;
};

static const char *const kind_names[LOC_BREAK_KIND_COUNT_] = {
    "grapheme", "word", "sentence", "line"};

static const char *const type_names[LOC_SEG_TYPE_COUNT_] = {
    "none", "number", "word", "kana", "ideo", "grapheme", "term", "sep", "soft", "hard"};

loc_status loc_segment_kind_parse(const char *name, loc_segment_kind *kind) {
  if (name == NULL || kind == NULL)
    return LOC_E_INVALID_ARGUMENT;
  for (int k = 0; k < LOC_BREAK_KIND_COUNT_; k++)
    if (strcmp(name, kind_names[k]) == 0) {
      *kind = (loc_segment_kind)k;
      return LOC_OK;
    }
  return LOC_E_INVALID_ARGUMENT;
}

const char *loc_segment_type_name(loc_segment_type type) {
  return (unsigned)type < LOC_SEG_TYPE_COUNT_ ? type_names[type] : "?";
}

bool loc_segment_type_has_letter_or_digit(loc_segment_type type) {
  return type == LOC_SEG_NUMBER || type == LOC_SEG_WORD || type == LOC_SEG_KANA ||
         type == LOC_SEG_IDEO;
}

static const UBreakIteratorType icu_types[LOC_BREAK_KIND_COUNT_] = {
    UBRK_CHARACTER, UBRK_WORD, UBRK_SENTENCE, UBRK_LINE};

loc_status loc_segmenter_new(loc_segment_kind kind, const char *locale, loc_segmenter **out) {
  if (out == NULL)
    return LOC_E_INVALID_ARGUMENT;
  *out = NULL;
  if ((unsigned)kind >= LOC_BREAK_KIND_COUNT_)
    return LOC_E_INVALID_ARGUMENT;
  loc_segmenter *sg = calloc(1, sizeof *sg);
  if (sg == NULL)
    return LOC_E_NO_MEMORY;
  UErrorCode e = U_ZERO_ERROR;
  /* "" is ICU's root locale; NULL would mean the process default. */
  sg->tmpl = ubrk_open(icu_types[kind], locale ? locale : "", NULL, 0, &e);
  if (U_FAILURE(e)) {
    free(sg);
    return e == U_MEMORY_ALLOCATION_ERROR ? LOC_E_NO_MEMORY : LOC_E_ICU;
  }
  sg->kind = kind;
  pthread_mutex_init(&sg->lock, NULL);
  *out = sg;
  return LOC_OK;
}

loc_status loc_segmenter_new_lang(loc_segment_kind kind, const char *tag, size_t len,
                                  loc_segmenter **out) {
  if (out == NULL || (tag == NULL && len > 0))
    return LOC_E_INVALID_ARGUMENT;
  *out = NULL;
  if ((unsigned)kind >= LOC_BREAK_KIND_COUNT_)
    return LOC_E_INVALID_ARGUMENT;
  char canon[256], id[ULOC_FULLNAME_CAPACITY] = "";
  if (len > 0) {
    size_t n;
    loc_status st = loc_tag_canonicalize(tag, len, canon, sizeof canon, &n);
    if (st != LOC_OK)
      return st == LOC_E_BUFFER_TOO_SMALL ? LOC_E_INVALID_TAG : st;
    UErrorCode e = U_ZERO_ERROR;
    int32_t parsed = 0;
    uloc_forLanguageTag(canon, id, (int32_t)sizeof id - 16, &parsed, &e);
    if (U_FAILURE(e) || e == U_STRING_NOT_TERMINATED_WARNING)
      return LOC_E_ICU;
  }
  /* CLDR's abbreviation lists ("Mr.", "z.B.") only apply with ss=standard. */
  if (kind == LOC_BREAK_SENTENCE && strchr(id, '@') == NULL)
    strcat(id, "@ss=standard");
  return loc_segmenter_new(kind, id, out);
}

loc_status loc_segmenter_new_uax(loc_segment_kind kind, loc_segmenter **out) {
  if (out == NULL)
    return LOC_E_INVALID_ARGUMENT;
  *out = NULL;
  if ((unsigned)kind >= LOC_BREAK_KIND_COUNT_)
    return LOC_E_INVALID_ARGUMENT;
  loc_segmenter *sg = calloc(1, sizeof *sg);
  if (sg == NULL)
    return LOC_E_NO_MEMORY;
  sg->kind = kind;
  sg->uax = true;
  pthread_mutex_init(&sg->lock, NULL);
  *out = sg;
  return LOC_OK;
}

static loc_segmenter *roots[LOC_BREAK_KIND_COUNT_];
static pthread_once_t roots_once = PTHREAD_ONCE_INIT;

static void make_roots(void) {
  for (int k = 0; k < LOC_BREAK_KIND_COUNT_; k++)
    if (loc_segmenter_new((loc_segment_kind)k, NULL, &roots[k]) != LOC_OK)
      roots[k] = NULL;
}

const loc_segmenter *loc_segmenter_root(loc_segment_kind kind) {
  if ((unsigned)kind >= LOC_BREAK_KIND_COUNT_)
    return NULL;
  pthread_once(&roots_once, make_roots);
  return roots[kind];
}

void loc_segmenter_free(loc_segmenter *sg) {
  if (sg == NULL)
    return;
  if (sg->tmpl != NULL)
    ubrk_close(sg->tmpl);
  pthread_mutex_destroy(&sg->lock);
  free(sg);
}

loc_segment_kind loc_segmenter_kind(const loc_segmenter *sg) {
  return sg ? sg->kind : LOC_BREAK_KIND_COUNT_;
}

loc_status loc_segment_iter_new(const loc_segmenter *sg, loc_segment_iter **out) {
  if (out == NULL)
    return LOC_E_INVALID_ARGUMENT;
  *out = NULL;
  if (sg == NULL)
    return LOC_E_INVALID_ARGUMENT;
  loc_segment_iter *it = calloc(1, sizeof *it);
  if (it == NULL)
    return LOC_E_NO_MEMORY;
  UText init = UTEXT_INITIALIZER;
  it->ut = init;
  it->sg = sg;
  if (sg->uax) {
    *out = it;
    return LOC_OK;
  }
  UErrorCode e = U_ZERO_ERROR;
  /* The lock is part of the segmenter's shared machinery, not of its value:
   * cloning leaves the template as it was. */
  pthread_mutex_t *lock = (pthread_mutex_t *)&sg->lock;
  pthread_mutex_lock(lock);
  it->bi = ubrk_clone(sg->tmpl, &e);
  pthread_mutex_unlock(lock);
  if (U_FAILURE(e)) {
    free(it);
    return e == U_MEMORY_ALLOCATION_ERROR ? LOC_E_NO_MEMORY : LOC_E_ICU;
  }
  *out = it;
  return LOC_OK;
}

void loc_segment_iter_free(loc_segment_iter *it) {
  if (it == NULL)
    return;
  if (it->bi != NULL)
    ubrk_close(it->bi);
  utext_close(&it->ut);
  free(it->segs);
  free(it);
}

loc_status loc_segment_iter_set_text(loc_segment_iter *it, const char *s, size_t len) {
  if (it == NULL || (s == NULL && len > 0))
    return LOC_E_INVALID_ARGUMENT;
  it->has_text = false;
  if (len > INT32_MAX)
    return LOC_E_OVERFLOW;
  if (it->sg->uax) {
    free(it->segs);
    it->segs = NULL;
    it->nsegs = it->next = 0;
    loc_status st = loc__uax_segments(it->sg->kind, s, len, &it->segs, &it->nsegs);
    if (st != LOC_OK)
      return st;
    it->has_text = true;
    return LOC_OK;
  }
  UErrorCode e = U_ZERO_ERROR;
  /* ICU wants a non-NULL pointer even for an empty text. */
  utext_openUTF8(&it->ut, s ? s : "", (int64_t)len, &e);
  if (U_SUCCESS(e))
    ubrk_setUText(it->bi, &it->ut, &e); /* takes a shallow clone of ut */
  if (U_FAILURE(e))
    return LOC_E_ICU;
  it->pos = ubrk_first(it->bi);
  it->has_text = true;
  return LOC_OK;
}

static loc_segment_type type_of(loc_segment_kind kind, int32_t status) {
  switch (kind) {
  case LOC_BREAK_WORD:
    if (status < UBRK_WORD_NONE_LIMIT)
      return LOC_SEG_NONE;
    if (status < UBRK_WORD_NUMBER_LIMIT)
      return LOC_SEG_NUMBER;
    if (status < UBRK_WORD_LETTER_LIMIT)
      return LOC_SEG_WORD;
    if (status < UBRK_WORD_KANA_LIMIT)
      return LOC_SEG_KANA;
    return LOC_SEG_IDEO;
  case LOC_BREAK_SENTENCE:
    return status < UBRK_SENTENCE_TERM_LIMIT ? LOC_SEG_TERM : LOC_SEG_SEP;
  case LOC_BREAK_LINE:
    return status < UBRK_LINE_SOFT_LIMIT ? LOC_SEG_SOFT : LOC_SEG_HARD;
  default:
    return LOC_SEG_GRAPHEME;
  }
}

bool loc_segment_iter_next(loc_segment_iter *it, loc_segment *seg) {
  if (it == NULL || !it->has_text)
    return false;
  if (it->sg->uax) {
    if (it->next == it->nsegs) {
      it->has_text = false;
      return false;
    }
    *seg = it->segs[it->next++];
    return true;
  }
  int32_t end = ubrk_next(it->bi);
  if (end == UBRK_DONE || end <= it->pos) {
    it->has_text = false;
    return false;
  }
  seg->start = (size_t)it->pos;
  seg->end = (size_t)end;
  seg->type = type_of(it->sg->kind, ubrk_getRuleStatus(it->bi));
  it->pos = end;
  return true;
}

loc_status loc_segment_all(const loc_segmenter *sg, loc_segment_kind kind, const char *s,
                        size_t len, loc_segment **out, size_t *n) {
  if (out == NULL || n == NULL)
    return LOC_E_INVALID_ARGUMENT;
  *out = NULL;
  *n = 0;
  if (sg == NULL && (sg = loc_segmenter_root(kind)) == NULL)
    return (unsigned)kind >= LOC_BREAK_KIND_COUNT_ ? LOC_E_INVALID_ARGUMENT : LOC_E_ICU;
  loc_segment_iter *it;
  loc_status st = loc_segment_iter_new(sg, &it);
  if (st != LOC_OK)
    return st;
  if ((st = loc_segment_iter_set_text(it, s, len)) != LOC_OK) {
    loc_segment_iter_free(it);
    return st;
  }
  loc_segment *list = NULL, seg;
  size_t count = 0, cap = 0;
  while (loc_segment_iter_next(it, &seg)) {
    if (count == cap) {
      void *g = list;
      loc_status gst = loc__grow(&g, &cap, count + 1, sizeof *list, 16);
      list = g;
      if (gst != LOC_OK) {
        free(list);
        loc_segment_iter_free(it);
        return gst;
      }
    }
    list[count++] = seg;
  }
  loc_segment_iter_free(it);
  *out = list;
  *n = count;
  return LOC_OK;
}

loc_status loc_segment_line_breaks(const loc_segmenter *sg, const char *s, size_t len,
                           loc_segment_line_break **out, size_t *n) {
  if (out == NULL || n == NULL)
    return LOC_E_INVALID_ARGUMENT;
  *out = NULL;
  *n = 0;
  if (sg != NULL && sg->kind != LOC_BREAK_LINE)
    return LOC_E_INVALID_ARGUMENT;
  loc_segment *segs;
  size_t count;
  loc_status st = loc_segment_all(sg, LOC_BREAK_LINE, s, len, &segs, &count);
  if (st != LOC_OK)
    return st;
  loc_segment_line_break *br = NULL;
  if (count > 0 && (br = malloc(count * sizeof *br)) == NULL) {
    free(segs);
    return LOC_E_NO_MEMORY;
  }
  for (size_t i = 0; i < count; i++)
    br[i] = (loc_segment_line_break){segs[i].end, segs[i].type == LOC_SEG_HARD};
  free(segs);
  *out = br;
  *n = count;
  return LOC_OK;
}
