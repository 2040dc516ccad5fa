"""Internationalised domain names: UTS #46 ToASCII / ToUnicode, the strict
IDNA2008 registration check (RFC 5891-5893) with UTS #39 restriction levels,
and RFC 5892 properties.

Every call returns an :class:`loctext.IdnResult` (``ok``, ``output``,
``errors``, ``warnings``, ``level``, ``label_levels``, ``truncated``); a
rejected name is a result with ``ok=False`` and its errors explained, never
an exception. Error offsets are code point indices in the input.
"""

from typing import Iterable, List, Optional

from . import _loctext
from ._loctext import IdnError, IdnResult, rfc5892_property  # noqa: F401

__all__ = ["IdnError", "IdnResult", "check", "check_many", "rfc5892_property",
           "to_ascii", "to_ascii_many", "to_unicode", "to_unicode_many"]

_TO_ASCII, _TO_UNICODE, _CHECK = 0, 1, 2
_LEVELS = ("ascii", "single-script", "highly-restrictive", "moderately-restrictive",
           "minimally-restrictive", "unrestricted")


def to_ascii(name: str, *, transitional: bool = False) -> IdnResult:
    """UTS #46 ToASCII (CheckHyphens, CheckBidi, CheckJoiners,
    UseSTD3ASCIIRules, VerifyDnsLength; nontransitional unless asked)."""
    return _loctext._idn(_TO_ASCII, name, _loctext.IDN_TRANSITIONAL if transitional else 0)


def to_unicode(name: str) -> IdnResult:
    """UTS #46 ToUnicode: A-labels decoded, the name mapped and validated."""
    return _loctext._idn(_TO_UNICODE, name, 0)


def _check_flags(profile: str, max_level: Optional[str]) -> int:
    if profile == "registration":
        flags = 0
    elif profile == "uts46":
        flags = _loctext.IDN_CHECK_UTS46
    else:
        raise _loctext.Error(f"unknown profile {profile!r} (registration, uts46)")
    if max_level is not None:
        flags |= _loctext._idn_level_flag(max_level)
    return flags


def check(name: str, *, profile: str = "registration", max_level: Optional[str] = None) -> IdnResult:
    """Checks a name for registration. profile 'registration': strict
    IDNA2008 (nothing mapped; labels must be LDH, U-labels or A-labels);
    'uts46': UTS #46 ToASCII. max_level rejects (R_LEVEL) labels less
    restrictive than a UTS #39 level ('ascii', 'single-script',
    'highly-restrictive', 'moderately-restrictive', 'minimally-restrictive',
    'unrestricted'). The result's level and label_levels give the levels;
    warnings list invisible characters and mixed digits."""
    return _loctext._idn(_CHECK, name, _check_flags(profile, max_level))


def to_ascii_many(names: Iterable[str], *, transitional: bool = False) -> List[IdnResult]:
    """to_ascii() of every name of an iterable."""
    return _loctext._idn_many(_TO_ASCII, names, _loctext.IDN_TRANSITIONAL if transitional else 0)


def to_unicode_many(names: Iterable[str]) -> List[IdnResult]:
    """to_unicode() of every name of an iterable."""
    return _loctext._idn_many(_TO_UNICODE, names, 0)


def check_many(names: Iterable[str], *, profile: str = "registration",
               max_level: Optional[str] = None) -> List[IdnResult]:
    """check() of every name of an iterable. The levels come with the
    results; errors and warnings are worked out when first read."""
    return _loctext._idn_many(_CHECK, names, _check_flags(profile, max_level))
