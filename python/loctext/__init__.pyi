"""Type stubs of loctext (the C part and the Python layer)."""

import os
from typing import Iterable, Iterator, List, NamedTuple, Optional, Sequence, Tuple, Union

from . import idn as idn

__version__: str

class Error(ValueError):
    status: int
    code: Optional[str]

def versions() -> dict[str, str]: ...
def strerror(status: int) -> Tuple[Optional[str], str]: ...

# ---------- results ----------

class ScriptRun(NamedTuple):
    start: int
    end: int
    script: str
    text: str

class ScriptSummary(NamedTuple):
    dominant: str
    total: int
    counts: dict[str, int]

class Candidate(NamedTuple):
    lang: str
    iso639_3: str
    confidence: float

class Detection(NamedTuple):
    lang: str
    iso639_3: str
    confidence: float
    script: str
    letters: int
    candidates: Tuple[Candidate, ...]

class LangSpan(NamedTuple):
    start: int
    end: int
    lang: str
    confidence: float
    script: str
    text: str

class IdnError(NamedTuple):
    code: str
    label: int
    offset: int
    char: Optional[str]
    message: str

class IdnResult:
    @property
    def ok(self) -> bool: ...
    @property
    def output(self) -> str: ...
    @property
    def errors(self) -> Tuple[IdnError, ...]: ...
    @property
    def warnings(self) -> Tuple[IdnError, ...]: ...
    @property
    def level(self) -> Optional[str]: ...
    @property
    def label_levels(self) -> Optional[Tuple[Optional[str], ...]]: ...
    @property
    def truncated(self) -> bool: ...

class Confusable(NamedTuple):
    name: str
    skeleton: str
    differences: Tuple[Tuple[Optional[str], Optional[str]], ...]

class LgrVerdict(NamedTuple):
    disposition: str
    reason: str
    char: Optional[str]
    offset: int
    action: int
    in_repertoire: bool

class LgrVariant(NamedTuple):
    label: str
    disposition: str

class LgrVariants(NamedTuple):
    variants: List[LgrVariant]
    total: int
    truncated: bool

class Finding(NamedTuple):
    start: int
    end: int
    rule: str
    severity: str
    message: str
    fix: Optional[str]
    suggestion: Optional[str]

class CheckRule(NamedTuple):
    id: str
    family: str
    severity: str
    summary: str
    fixable: bool
    needs_lang: bool

class Segment(NamedTuple):
    start: int
    end: int
    text: str
    type: str

class TagIssue(NamedTuple):
    rule: str
    offset: int
    length: int
    message: str

class TagInfo(NamedTuple):
    input: str
    valid: bool
    canonical: Optional[str]
    maximal: Optional[str]
    minimal: Optional[str]
    name: Optional[str]
    autonym: Optional[str]
    errors: Tuple[TagIssue, ...]
    warnings: Tuple[TagIssue, ...]

class Glyph(NamedTuple):
    id: int
    cluster: int
    x_advance: int
    y_advance: int
    x_offset: int
    y_offset: int
    flags: int

# ---------- normalization ----------

def normalize(text: str, form: Optional[str] = "NFC") -> str: ...
def is_normalized(text: str, form: Optional[str] = "NFC") -> bool: ...
def normalize_many(texts: Iterable[str], form: Optional[str] = "NFC") -> List[str]: ...

# ---------- scripts and languages ----------

def script_runs(text: str) -> Iterator[ScriptRun]: ...
def script_summary(texts: Union[str, Iterable[str]]) -> ScriptSummary: ...
def script_for_language(tag: str) -> str: ...
def scripts_agree(found: str, expected: str) -> bool: ...
def detect(text: str, top: int = 5) -> Detection: ...
def detect_many(texts: Iterable[str], top: int = 5) -> List[Detection]: ...
def detect_spans(text: str) -> Iterator[LangSpan]: ...
def detect_languages() -> List[Tuple[str, str, str]]: ...

# ---------- transliteration ----------

class Transliterator:
    def __init__(self, id: str, *, reverse: bool = False, lines: bool = False,
                 rules: bool = False) -> None: ...
    @property
    def id(self) -> str: ...
    def transliterate(self, text: str) -> str: ...
    def transliterate_many(self, texts: Iterable[str]) -> List[str]: ...
    def __call__(self, text: str) -> str: ...

def translit(text: str, id: str = "Any-Latin", *, reverse: bool = False) -> str: ...
def translit_many(texts: Iterable[str], id: str = "Any-Latin", *, reverse: bool = False) -> List[str]: ...
def transliterator_ids() -> List[Tuple[str, str]]: ...

# ---------- legacy encodings ----------

def legacy_probability(text: str, encoding: str = "zawgyi") -> Optional[float]: ...
def legacy_to_unicode(text: str, encoding: str = "zawgyi") -> str: ...
def legacy_from_unicode(text: str, encoding: str = "zawgyi") -> str: ...
def zawgyi_probability(text: str) -> Optional[float]: ...
def zawgyi_to_unicode(text: str) -> str: ...

# ---------- confusables and LGRs ----------

class ConfusableIndex:
    def __init__(self, names: Iterable[str]) -> None: ...
    def lookup(self, name: str) -> List[Confusable]: ...
    def __len__(self) -> int: ...
    @property
    def nbytes(self) -> int: ...

class LGR:
    def __init__(self, path: Union[str, bytes, "os.PathLike[str]", None] = None, *,
                 xml: Union[str, bytes, None] = None, name: Optional[str] = None) -> None: ...
    def evaluate(self, label: str) -> LgrVerdict: ...
    def variants(self, label: str, max: int = 0) -> LgrVariants: ...
    def index_label(self, label: str) -> str: ...
    def validate(self, derived_age: Optional[str] = None) -> List[Tuple[str, Optional[str], int, str]]: ...
    @property
    def meta(self) -> dict[str, str]: ...

# ---------- checks ----------

class Checker:
    def __init__(self, lang: Optional[str] = None, *, enable: Optional[Iterable[str]] = None,
                 disable: Optional[Iterable[str]] = None) -> None: ...
    def check(self, text: str) -> List[Finding]: ...
    def fix(self, text: str) -> str: ...
    @property
    def enabled_rules(self) -> List[str]: ...

def check(text: str, lang: Optional[str] = None) -> Iterator[Finding]: ...
def fix(text: str, lang: Optional[str] = None) -> str: ...
def check_rules() -> List[CheckRule]: ...

# ---------- keys ----------

class Keyer:
    def __init__(self, lang: Optional[str] = None,
                 folds: Union[str, Sequence[str], None] = ()) -> None: ...
    def key(self, text: str) -> str: ...
    def key_many(self, texts: Iterable[str]) -> List[str]: ...
    def __call__(self, text: str) -> str: ...

def key(text: str, lang: Optional[str] = None, folds: Union[str, Sequence[str], None] = ()) -> str: ...
def key_many(texts: Iterable[str], lang: Optional[str] = None,
             folds: Union[str, Sequence[str], None] = ()) -> List[str]: ...

# ---------- segmentation, tags, sorting ----------

class Segmenter:
    def __init__(self, kind: str = "word", lang: Optional[str] = None, *, uax: bool = False) -> None: ...
    def segments(self, text: str, *, bytes: bool = False) -> List[Segment]: ...

def segment(text: str, kind: str = "word", lang: Optional[str] = None, *,
            bytes: bool = False) -> Iterator[Segment]: ...
def words(text: str, lang: Optional[str] = None) -> List[str]: ...
def tag(tag: str) -> TagInfo: ...
def canonicalize_tag(tag: str) -> str: ...

class Collator:
    def __init__(self, lang: Optional[str] = None) -> None: ...
    def sort_key(self, text: str) -> bytes: ...
    def compare(self, a: str, b: str) -> int: ...
    def sorted(self, texts: Iterable[str], *, reverse: bool = False) -> List[str]: ...
    @property
    def lang(self) -> str: ...
    @property
    def rules_locale(self) -> str: ...

def sort_key(text: str, lang: Optional[str] = None) -> bytes: ...
def sorted_texts(texts: Iterable[str], lang: Optional[str] = None, *, reverse: bool = False) -> List[str]: ...

# ---------- shaping and rendering ----------

class Font:
    def __init__(self, path: Union[str, bytes, "os.PathLike[str]", None] = None, index: int = 0, *,
                 data: Optional[bytes] = None) -> None: ...
    def has_char(self, char: str) -> bool: ...
    @property
    def path(self) -> str: ...
    @property
    def upem(self) -> int: ...

class FontReport(NamedTuple):
    verdict: str
    script: str
    exemplars_from_script: bool
    exemplars: int
    missing: str
    notdef: int
    notdef_other: int
    dotted_circles: int
    unattached_marks: int
    text_chars: int

def font_check(font: Font, lang: str, text: Optional[str] = None) -> FontReport: ...
def shape(text: str, font: Font, *, features: Optional[str] = None, variations: Optional[str] = None,
          direction: Optional[str] = None, script: Optional[str] = None,
          language: Optional[str] = None, size: float = 0) -> List[Glyph]: ...
def render(text: Union[str, Iterable[str]], fonts: Union[Font, Sequence[Font]], *,
           format: str = "png", size: float = 32.0, width: int = 800, margin: int = 16,
           fg: int = 0x000000, bg: int = 0xFFFFFF, language: Optional[str] = None) -> bytes: ...


