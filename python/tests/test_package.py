"""The package itself: every public name has a docstring and a stub."""

import ast
import os

import loctext
import loctext.idn

HERE = os.path.dirname(loctext.__file__)


def _stub_names(path):
    tree = ast.parse(open(path, encoding="utf-8").read())
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.ImportFrom):
            names.update(a.asname or a.name for a in node.names)
    return names


def test_every_public_name_has_a_stub():
    stubs = _stub_names(os.path.join(HERE, "__init__.pyi"))
    missing = [n for n in loctext.__all__ if n not in stubs]
    assert not missing, f"not in __init__.pyi: {missing}"
    idn_stubs = _stub_names(os.path.join(HERE, "idn.pyi"))
    missing = [n for n in loctext.idn.__all__ if n not in idn_stubs]
    assert not missing, f"not in idn.pyi: {missing}"
    assert os.path.exists(os.path.join(HERE, "py.typed"))


def test_every_public_name_has_a_docstring():
    for mod in (loctext, loctext.idn):
        for name in mod.__all__:
            obj = getattr(mod, name)
            if callable(obj) or isinstance(obj, type):
                assert obj.__doc__ and len(obj.__doc__) > 10, f"{mod.__name__}.{name}"
    for cls in (loctext.Transliterator, loctext.Checker, loctext.Keyer, loctext.Collator,
                loctext.Segmenter, loctext.ConfusableIndex, loctext.LGR, loctext.Font):
        for attr, val in vars(cls).items():
            if not attr.startswith("_") and callable(val):
                assert val.__doc__, f"{cls.__name__}.{attr}"


def test_result_reprs_are_readable():
    r = repr(loctext.idn.to_ascii("a.b"))
    assert r.startswith("loctext.IdnResult(ok=True, output='a.b'")
