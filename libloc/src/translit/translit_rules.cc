// The project's rule sets (the files in libloc/data/translit/, embedded by
// tables/gen-translit.sh) registered with ICU under "<Script>-Latin" IDs.
//
// C++ because ICU's C API can only register an already compiled transform:
// compiling all the rule sets up front would cost every `loc translit` run
// (even -t Latin-ASCII) tens of milliseconds. A rule set compiles the first
// time text reaches it, e.g. when Any-Latin meets the script.
//
// A rule set that extends ICU's transform for its script (Cyrillic, Arabic,
// Myanmar, Malayalam) ends with "::Cyrl-Latn;" and the like: ICU's rules
// under an ID that registering the standard one does not hide.
#include "internal.h"
#include "translit_internal.h"

#include <atomic>
#include <mutex>
#include <unicode/translit.h>

#include "tables/translit_rules.h"

namespace {

constexpr size_t kCount = sizeof translit_rule_sets / sizeof translit_rule_sets[0];

// What the factory hands ICU: the rules compile on first use. Compiling in
// the factory itself would deadlock, since ICU calls factories under its
// registry lock and rules such as "::Cyrl-Latn;" look IDs up in the
// registry. Each clone compiles its own copy, so no object is shared between
// threads (contexts clone their transform).
class Lazy : public icu::Transliterator {
public:
  Lazy(const icu::UnicodeString &id, int32_t index)
      : Transliterator(id, nullptr), index_(index) {}
  Lazy(const Lazy &o) : Transliterator(o), index_(o.index_) {}
  ~Lazy() override { delete real_.load(); }
  Lazy *clone() const override { return new Lazy(*this); }
  icu::UnicodeString &toRules(icu::UnicodeString &result,
                              UBool escapeUnprintable) const override {
    const icu::Transliterator *t = get();
    return t ? t->toRules(result, escapeUnprintable) : result.remove();
  }
  UClassID getDynamicClassID() const override;
  static UClassID U_EXPORT2 getStaticClassID();
  const icu::Transliterator *real() const { return get(); }

protected:
  void handleTransliterate(icu::Replaceable &text, UTransPosition &pos,
                           UBool incremental) const override {
    const icu::Transliterator *t = get();
    if (t == nullptr) { // out of memory: leave the text as it is
      pos.start = pos.limit;
      return;
    }
    t->filteredTransliterate(text, pos, incremental);
  }

private:
  const icu::Transliterator *get() const {
    icu::Transliterator *t = real_.load(std::memory_order_acquire);
    if (t != nullptr)
      return t;
    const translit_rule_set &rs = translit_rule_sets[index_];
    UErrorCode e = U_ZERO_ERROR;
    UParseError pe;
    t = icu::Transliterator::createFromRules(
        getID(), icu::UnicodeString::fromUTF8(rs.rules), UTRANS_FORWARD, pe, e);
    if (U_FAILURE(e)) { // committed rules compile: a golden word runs each
      delete t;
      return nullptr;
    }
    icu::Transliterator *expected = nullptr;
    if (!real_.compare_exchange_strong(expected, t, std::memory_order_acq_rel)) {
      delete t;
      return expected;
    }
    return t;
  }

  int32_t index_;
  mutable std::atomic<icu::Transliterator *> real_{nullptr};
};

UOBJECT_DEFINE_RTTI_IMPLEMENTATION(Lazy)

icu::Transliterator *U_EXPORT2 make(const icu::UnicodeString &id,
                                    icu::Transliterator::Token context) {
  return new Lazy(id, context.integer);
}

std::once_flag once;

void register_all() {
  for (size_t i = 0; i < kCount; i++)
    icu::Transliterator::registerFactory(
        icu::UnicodeString::fromUTF8(translit_rule_sets[i].id), make,
        icu::Transliterator::integerToken((int32_t)i));
}

} // namespace

const icu::Transliterator *loc__translit_lazy_real(const icu::Transliterator &t) {
  if (!loc__translit_is_lazy(t))
    return nullptr;
  return static_cast<const Lazy &>(t).real();
}

bool loc__translit_is_lazy(const icu::Transliterator &t) {
  return t.getDynamicClassID() == Lazy::getStaticClassID();
}

extern "C" loc_status loc__translit_register(void) {
  try {
    std::call_once(once, register_all);
  } catch (...) {
    return LOC_E_NO_MEMORY;
  }
  return LOC_OK;
}

extern "C" const char *loc__translit_own_description(const char *id) {
  for (size_t i = 0; i < kCount; i++)
    if (strcmp(translit_rule_sets[i].id, id) == 0)
      return translit_rule_sets[i].description;
  return nullptr;
}
