// The project's only C++: ICU's UTF-8 normalization (icu::Normalizer2) is a
// C++ API, and its C API (unorm2_*) is UTF-16 only. This file exposes the
// few calls normalize.c needs as C functions; nothing here throws, and
// nothing from the C++ runtime crosses the boundary.
#include "internal.h"

#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/stringoptions.h>

#include <climits>
#include <new>

namespace {

// Writes into the caller's buffer and keeps counting past its end, so a
// too-small buffer still yields the size needed (in size_t: NFKD can grow
// text 18-fold, past what ICU's int32_t CheckedArrayByteSink counts).
class CallerSink : public icu::ByteSink {
public:
  CallerSink(char *out, size_t cap) : out_(out), cap_(cap) {}
  void Append(const char *bytes, int32_t n) override {
    if (n <= 0)
      return;
    size_t len = (size_t)n;
    // ICU may have written in place, into the buffer GetAppendBuffer gave.
    if (len_ < cap_ && bytes != out_ + len_) {
      size_t room = cap_ - len_;
      memcpy(out_ + len_, bytes, len < room ? len : room);
    }
    len_ += len;
  }
  char *GetAppendBuffer(int32_t min_capacity, int32_t desired_hint,
                        char *scratch, int32_t scratch_capacity,
                        int32_t *result_capacity) override {
    (void)desired_hint;
    if (len_ < cap_ && cap_ - len_ >= (size_t)min_capacity) {
      size_t room = cap_ - len_;
      *result_capacity = room > INT32_MAX ? INT32_MAX : (int32_t)room;
      return out_ + len_;
    }
    *result_capacity = scratch_capacity;
    return scratch;
  }
  size_t length() const { return len_; }

private:
  char *out_;
  size_t cap_;
  size_t len_ = 0;
};

// Appends to a loc__buf, growing it; ICU writes straight into its spare room.
class GrowSink : public icu::ByteSink {
public:
  explicit GrowSink(loc__buf *b) : b_(b) {}
  void Append(const char *bytes, int32_t n) override {
    if (n <= 0 || failed_)
      return;
    if (bytes == b_->data + b_->len) { // written in place via GetAppendBuffer
      b_->len += (size_t)n;
      return;
    }
    if (loc__buf_reserve(b_, (size_t)n) != LOC_OK) {
      failed_ = true;
      return;
    }
    memcpy(b_->data + b_->len, bytes, (size_t)n);
    b_->len += (size_t)n;
  }
  char *GetAppendBuffer(int32_t min_capacity, int32_t desired_hint,
                        char *scratch, int32_t scratch_capacity,
                        int32_t *result_capacity) override {
    size_t want = (size_t)(desired_hint > min_capacity ? desired_hint : min_capacity);
    if (!failed_ && loc__buf_reserve(b_, want) == LOC_OK) {
      size_t room = b_->cap - b_->len;
      *result_capacity = room > INT32_MAX ? INT32_MAX : (int32_t)room;
      return b_->data + b_->len;
    }
    *result_capacity = scratch_capacity;
    return scratch;
  }
  bool failed() const { return failed_; }

private:
  loc__buf *b_;
  bool failed_ = false;
};

// Discards output: used with U_OMIT_UNCHANGED_TEXT to locate changes.
class NullSink : public icu::ByteSink {
public:
  void Append(const char *, int32_t) override {}
};

// The form arrives as int: an out-of-range value must not be loaded as the
// enum type (undefined behaviour in C++).
const icu::Normalizer2 *get(int form, UErrorCode &ec) {
  switch (form) {
  case LOC_NORMALIZE_NFC: return icu::Normalizer2::getNFCInstance(ec);
  case LOC_NORMALIZE_NFD: return icu::Normalizer2::getNFDInstance(ec);
  case LOC_NORMALIZE_NFKC: return icu::Normalizer2::getNFKCInstance(ec);
  case LOC_NORMALIZE_NFKD: return icu::Normalizer2::getNFKDInstance(ec);
  case LOC_NORMALIZE_NFKC_CF: return icu::Normalizer2::getNFKCCasefoldInstance(ec);
  default: return nullptr;
  }
}

inline const icu::Normalizer2 *N(const void *n) {
  return static_cast<const icu::Normalizer2 *>(n);
}

} // namespace

extern "C" {

const void *loc__icu_normalizer(int form, loc_status *status) {
  UErrorCode ec = U_ZERO_ERROR;
  const icu::Normalizer2 *n = get(form, ec);
  if (n == nullptr && U_SUCCESS(ec)) {
    *status = LOC_E_UNKNOWN_FORM;
    return nullptr;
  }
  if (U_FAILURE(ec)) {
    *status = LOC_E_ICU;
    return nullptr;
  }
  *status = LOC_OK;
  return n;
}

loc_status loc__icu_normalize_to(const void *n, const char *in, size_t len,
                                 char *out, size_t cap, size_t *out_len) {
  if (len > INT32_MAX)
    return LOC_E_OVERFLOW;
  CallerSink sink(out, cap);
  UErrorCode ec = U_ZERO_ERROR;
  N(n)->normalizeUTF8(0, icu::StringPiece(in, (int32_t)len), sink, nullptr, ec);
  if (U_FAILURE(ec))
    return ec == U_MEMORY_ALLOCATION_ERROR ? LOC_E_NO_MEMORY : LOC_E_ICU;
  *out_len = sink.length();
  return sink.length() > cap ? LOC_E_BUFFER_TOO_SMALL : LOC_OK;
}

loc_status loc__icu_normalize_append(const void *n, const char *in, size_t len,
                                     loc__buf *out) {
  if (len > INT32_MAX)
    return LOC_E_OVERFLOW;
  GrowSink sink(out);
  UErrorCode ec = U_ZERO_ERROR;
  N(n)->normalizeUTF8(0, icu::StringPiece(in, (int32_t)len), sink, nullptr, ec);
  if (sink.failed() || ec == U_MEMORY_ALLOCATION_ERROR)
    return LOC_E_NO_MEMORY;
  return U_FAILURE(ec) ? LOC_E_ICU : LOC_OK;
}

loc_status loc__icu_is_normalized(const void *n, const char *in, size_t len,
                                  bool *result) {
  if (len > INT32_MAX)
    return LOC_E_OVERFLOW;
  UErrorCode ec = U_ZERO_ERROR;
  UBool yes = N(n)->isNormalizedUTF8(icu::StringPiece(in, (int32_t)len), ec);
  if (U_FAILURE(ec))
    return LOC_E_ICU;
  *result = yes != 0;
  return LOC_OK;
}

loc_status loc__icu_first_change(const void *n, const char *in, size_t len,
                                 size_t *offset) {
  if (len > INT32_MAX)
    return LOC_E_OVERFLOW;
  NullSink sink;
  icu::Edits edits;
  UErrorCode ec = U_ZERO_ERROR;
  N(n)->normalizeUTF8(U_OMIT_UNCHANGED_TEXT, icu::StringPiece(in, (int32_t)len),
                      sink, &edits, ec);
  if (U_FAILURE(ec))
    return ec == U_MEMORY_ALLOCATION_ERROR ? LOC_E_NO_MEMORY : LOC_E_ICU;
  icu::Edits::Iterator it = edits.getFineChangesIterator();
  *offset = it.next(ec) && U_SUCCESS(ec) ? (size_t)it.sourceIndex() : len;
  return U_SUCCESS(ec) ? LOC_OK : LOC_E_ICU;
}

bool loc__icu_boundary_before(const void *n, int32_t cp) {
  return N(n)->hasBoundaryBefore(cp) != 0;
}

} // extern "C"
