"""loctext: libloc for Python: text in under-represented languages and
internationalised domain names in one import.

Strings in, strings out; indices are code point indices (``text[start:end]``
is the piece), results are small named tuples with readable reprs, usage
errors raise :class:`loctext.Error` (a ``ValueError`` with ``.status`` and
``.code``), verdicts about text (a rejected domain name, a finding) are
results. A ``str`` with lone surrogates raises ``ValueError``.

Calls into the C library release the GIL (normalize and the one-name IDN
calls only from 2 KiB of text on: below that, handing the GIL over costs
more than the call) and keep their per-thread contexts behind the scenes;
the ``*_many`` helpers take an iterable of str and return a list without a
Python call per item, releasing the GIL for the work of a whole chunk
(transliterate_many per item: ICU runs one transform at a time anyway).

    >>> import loctext
    >>> loctext.normalize("e\\u0301")
    'é'
    >>> loctext.idn.to_ascii("bücher.example").output
    'xn--bcher-kva.example'
"""

import threading as _threading
from typing import Iterable, Iterator, List, Optional, Sequence, Union

from . import _loctext
from ._loctext import (  # noqa: F401  (re-exported)
    Candidate, CheckRule, Checker, Collator, Confusable, ConfusableIndex,
    Detection, Error, Finding, Font, FontReport, Glyph, IdnError, IdnResult, Keyer, LGR,
    LangSpan, LgrVariant, LgrVariants, LgrVerdict, ScriptRun, ScriptSummary,
    Segment, Segmenter, TagInfo, TagIssue, Transliterator, canonicalize_tag,
    check_rules, detect, detect_languages, detect_many, font_check, is_normalized,
    legacy_from_unicode, legacy_probability, legacy_to_unicode, normalize,
    normalize_many, script_for_language, script_summary, scripts_agree, shape,
    tag, transliterator_ids, versions,
)

__version__ = _loctext.__version__

# imported last: the submodule uses the names above
from . import idn  # noqa: E402,F401

__all__ = [
    "Candidate", "CheckRule", "Checker", "Collator", "Confusable",
    "ConfusableIndex", "Detection", "Error", "Finding", "Font", "FontReport", "Glyph",
    "IdnError", "IdnResult", "Keyer", "LGR", "LangSpan", "LgrVariant",
    "LgrVariants", "LgrVerdict", "ScriptRun", "ScriptSummary", "Segment",
    "Segmenter", "TagInfo", "TagIssue", "Transliterator", "canonicalize_tag",
    "check", "check_rules", "detect", "detect_languages", "detect_many",
    "detect_spans", "fix", "font_check", "idn", "is_normalized", "key", "key_many",
    "legacy_from_unicode", "legacy_probability", "legacy_to_unicode",
    "normalize", "normalize_many", "render", "script_for_language",
    "script_runs", "script_summary", "scripts_agree", "segment", "shape",
    "sort_key", "sorted_texts", "tag", "translit", "translit_many",
    "transliterator_ids", "versions", "words", "zawgyi_probability",
    "zawgyi_to_unicode",
]

# Immutable library objects made once per argument set and shared by every
# thread (their per-thread contexts are pooled inside).
_cache_lock = _threading.Lock()
_cache: dict = {}


def _cached(kind, factory, *key):
    k = (kind,) + key
    obj = _cache.get(k)
    if obj is None:
        obj = factory()
        with _cache_lock:
            obj = _cache.setdefault(k, obj)
    return obj


# ---------- scripts and languages ----------

def script_runs(text: str) -> Iterator[ScriptRun]:
    """Iterate over the runs of one script that cover the text (UAX #24 with
    Script_Extensions; paired brackets share a script): ScriptRun(start, end,
    script, text) with code point indices and ISO 15924 codes."""
    return iter(_loctext._script_runs(text))


def detect_spans(text: str) -> Iterator[LangSpan]:
    """Iterate over the stretches of code-switched text in one language each:
    LangSpan(start, end, lang, confidence, script, text), covering the text."""
    return iter(_loctext._detect_spans(text))


def zawgyi_probability(text: str) -> Optional[float]:
    """Probability that Burmese text is in the Zawgyi encoding (None: no
    Myanmar letters). Above 0.95: Zawgyi; below 0.05: Unicode."""
    return legacy_probability(text, "zawgyi")


def zawgyi_to_unicode(text: str) -> str:
    """Zawgyi-encoded Burmese converted to Unicode."""
    return legacy_to_unicode(text, "zawgyi")


# ---------- transliteration ----------

def _translit_obj(id: str, reverse: bool = False) -> Transliterator:
    return _cached("translit", lambda: Transliterator(id, reverse=reverse), id, reverse)


def translit(text: str, id: str = "Any-Latin", *, reverse: bool = False) -> str:
    """The text through an ICU transform ID ('Any-Latin', 'Cyrillic-Latin',
    'Any-Latin; Latin-ASCII', ...) or libloc's own rule sets. The compiled
    transform is kept for the next call; for many texts use a
    Transliterator or translit_many()."""
    return _translit_obj(id, reverse).transliterate(text)


def translit_many(texts: Iterable[str], id: str = "Any-Latin", *, reverse: bool = False) -> List[str]:
    """translit() of every str of an iterable."""
    return _translit_obj(id, reverse).transliterate_many(texts)


# ---------- checks ----------

def _checker(lang: Optional[str]) -> Checker:
    return _cached("check", lambda: Checker(lang), lang)


def check(text: str, lang: Optional[str] = None) -> Iterator[Finding]:
    """Iterate over the findings for one line of text (see Checker)."""
    return iter(_checker(lang).check(text))


def fix(text: str, lang: Optional[str] = None) -> str:
    """The line with every safe fix applied (see Checker.fix)."""
    return _checker(lang).fix(text)


# ---------- keys ----------

def _folds_key(folds) -> str:
    if folds is None:
        return ""
    if isinstance(folds, str):
        return folds
    return ",".join(folds)


def _keyer(lang: Optional[str], folds) -> Keyer:
    f = _folds_key(folds)
    return _cached("key", lambda: Keyer(lang, f), lang, f)


def key(text: str, lang: Optional[str] = None, folds: Union[str, Sequence[str], None] = ()) -> str:
    """The search key of the text (see Keyer): equal for spellings a reader
    takes for the same."""
    return _keyer(lang, folds).key(text)


def key_many(texts: Iterable[str], lang: Optional[str] = None,
             folds: Union[str, Sequence[str], None] = ()) -> List[str]:
    """key() of every str of an iterable."""
    return _keyer(lang, folds).key_many(texts)


# ---------- segmentation ----------

def _segmenter(kind: str, lang: Optional[str]) -> Segmenter:
    return _cached("segment", lambda: Segmenter(kind, lang), kind, lang)


def segment(text: str, kind: str = "word", lang: Optional[str] = None, *,
            bytes: bool = False) -> Iterator[Segment]:
    """Iterate over the 'grapheme', 'word', 'sentence' or 'line' segments
    of the text (see Segmenter.segments)."""
    return iter(_segmenter(kind, lang).segments(text, bytes=bytes))


def words(text: str, lang: Optional[str] = None) -> List[str]:
    """The words of the text (word segments with a letter or digit)."""
    return [s.text for s in _segmenter("word", lang).segments(text)
            if s.type in ("word", "number", "kana", "ideo")]


# ---------- sorting ----------

def _collator(lang: Optional[str]) -> Collator:
    return _cached("collate", lambda: Collator(lang), lang)


def sort_key(text: str, lang: Optional[str] = None) -> bytes:
    """The collation key of the text in the language's order (bytes)."""
    return _collator(lang).sort_key(text)


def sorted_texts(texts: Iterable[str], lang: Optional[str] = None, *,
                 reverse: bool = False) -> List[str]:
    """The texts in the dictionary order of lang (root order for None)."""
    return _collator(lang).sorted(texts, reverse=reverse)


# ---------- rendering ----------

def render(text: Union[str, Iterable[str]], fonts: Union[Font, Sequence[Font]], *,
           format: str = "png", size: float = 32.0, width: int = 800,
           margin: int = 16, fg: int = 0x000000, bg: int = 0xFFFFFF,
           language: Optional[str] = None) -> bytes:
    """Lays out text (a str, or an iterable of paragraphs; '\\n' breaks
    lines) with bidi, script itemisation, font fallback in the order given
    and line breaking at width pixels, and returns a PNG (8-bit RGB) or an
    SVG (glyph outlines as paths) as bytes."""
    if isinstance(fonts, Font):
        fonts = [fonts]
    paragraphs = [text] if isinstance(text, str) else list(text)
    return _loctext._render(paragraphs, list(fonts), format, float(size), int(width),
                            int(margin), int(fg), int(bg), language)
