"""Find every Markdown-rendering Streamlit call in ui/, pages/ and dashboard.py whose text could
carry URL- or data-derived text without passing through the escaping helper ``ui.plain``.

Streamlit renders Markdown (links, autolinks, images, HTML, KaTeX ``$``, ``:red[...]``) in
st.markdown/caption/info/warning/error/success/toast/title/header/subheader, in the labels of
almost every widget, in ``help=``, in tab and expander labels, in metric labels and in column
config labels and help. This scanner reads the code (AST) and accepts as the text of such a call
only what cannot hold foreign Markdown:

- a literal, or an UPPER_CASE constant;
- ``t(key, **params)`` (the project's texts), when every param is itself accepted;
- ``plain(x)`` (the escaping helper), whatever ``x`` is;
- numbers formatted by ``num``/``money``/``pct``/``fmt_value``/``signed_pct``/``period_text``, and
  dates by ``date``/``moment``/``month``/``period``;
- f-strings, ``+``, ``a if c else b``, ``sep.join(...)``, lists, slices and comprehensions
  built of accepted parts;
- a local variable whose every assignment is accepted; a comprehension variable over accepted
  items; a function parameter whose argument is accepted at every call site in the scanned code;
- a call of a function defined in the scanned code whose every ``return`` is accepted;
- a dict whose every value is accepted, counting those added later by ``d.update(...)``,
  ``d[k] = v`` and ``d.setdefault(k, v)``.
The option labels of a choice widget are text too: its ``format_func`` (a lambda, a function of
the scanned code, a ``d.get`` of an accepted dict, or what a factory such as ``ui.labels``
returns), given the options, must give accepted text; without one, the options themselves where
the widget renders them as Markdown (radio, pills, segmented control).
Anything else (an attribute of a data object, a value from the URL or session state, an
unknown call) is a finding.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

MD_CALLS = {
    # text elements and messages
    "markdown", "caption", "info", "warning", "error", "success", "toast", "title", "header", "subheader",
    "write", "exception", "status", "spinner",
    # widgets (their label, and help=)
    "metric", "slider", "select_slider", "number_input", "text_input", "text_area", "selectbox", "multiselect",
    "radio", "choice", "checkbox", "toggle", "button", "download_button", "file_uploader", "date_input", "time_input",
    "color_picker", "form_submit_button", "page_link", "segmented_control", "pills", "link_button",
    "chat_input", "camera_input", "audio_input", "feedback", "data_editor", "dataframe",
    # containers with labels
    "expander", "popover", "tabs",
    # st.column_config.*Column(label, help=...)
    "Column", "TextColumn", "NumberColumn", "CheckboxColumn", "SelectboxColumn", "ProgressColumn",
    "DateColumn", "DatetimeColumn", "TimeColumn", "LinkColumn", "ListColumn", "LineChartColumn",
    "BarChartColumn", "AreaChartColumn", "ImageColumn", "MultiselectColumn", "JSONColumn",
}  # fmt: skip
# Calls whose first positional argument is data, not a label.
DATA_FIRST = {"dataframe", "data_editor", "exception"}
MD_KEYWORDS = {"label", "body", "help", "caption"}
ESCAPE = {"plain"}
TEXTS = {"t", "_t"}
FORMATTERS = {
    "num", "money", "pct", "rate", "fmt_value", "signed_pct", "period_text", "len", "int", "round", "strftime",
    "isoformat",
    "date", "moment", "month", "period", "month_period",  # ui.text's Babel dates: digits and CLDR month names only
    "span", "stretch",  # ui.text's Babel day ranges («янв. – окт.»): the same, with a dash and word joiners
}  # fmt: skip
# Choice widgets whose option labels Streamlit renders as Markdown (its docs: radio's "Labels can
# include markdown", and the button groups'); a selectbox's or multiselect's options are plain text.
# ui.choice is a radio (or, with one option, its label and option as Markdown): its call sites
# are checked as a radio's, and the radio inside it takes their format_func as given.
MD_OPTIONS = {"radio", "choice", "pills", "segmented_control"}
MUTATORS = {"update", "setdefault"}  # d.update(...), d.setdefault(k, v): values added to a dict
PASS_THROUGH = {"enumerate", "zip", "sorted", "reversed", "list", "tuple", "str"}  # safe items in, safe items out
INDIRECT = {"draw_cached"}  # ui.cache.draw_cached(fn, *args) runs fn(*args)
FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
COMPS = (ast.GeneratorExp, ast.ListComp, ast.SetComp)


def _name(func: ast.expr) -> str | None:
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None


def _numeric_spec(v: ast.FormattedValue) -> bool:
    """``{x:%d.%m.%Y}`` or ``{x:.2f}``: a date or number format, which a text value cannot pass."""
    spec = v.format_spec
    if not isinstance(spec, ast.JoinedStr) or not all(isinstance(p, ast.Constant) for p in spec.values):
        return False
    text = "".join(str(p.value) for p in spec.values)  # type: ignore[attr-defined]
    return "%" in text or bool(re.search(r"[dfegn]$", text))


class Module:
    def __init__(self, path: Path, project: Project):
        self.path, self.project = path, project
        self.tree = ast.parse(path.read_text(encoding="utf-8"))
        self.parents = {c: p for p in ast.walk(self.tree) for c in ast.iter_child_nodes(p)}
        self.assigns: dict[tuple[int, str], list[ast.expr]] = {}
        for scope in [self.tree, *(n for n in ast.walk(self.tree) if isinstance(n, FUNCS))]:
            for node in ast.walk(scope):
                if self._scope_of(node) is not scope:
                    continue
                if isinstance(node, ast.Assign):
                    for tgt in node.targets:
                        if isinstance(tgt, ast.Name):
                            self.assigns.setdefault((id(scope), tgt.id), []).append(node.value)
                        elif isinstance(tgt, ast.Subscript) and isinstance(tgt.value, ast.Name):  # d[k] = v
                            self.assigns.setdefault((id(scope), tgt.value.id), []).append(node.value)
                elif (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in MUTATORS
                    and isinstance(node.func.value, ast.Name)
                ):  # d.update(other, k=v) / d.setdefault(k, v): each added value counts as assigned
                    added = node.args[1:] if node.func.attr == "setdefault" else node.args
                    added = [*added, *(k.value for k in node.keywords)]
                    self.assigns.setdefault((id(scope), node.func.value.id), []).extend(added)
                elif isinstance(node, (ast.AnnAssign, ast.AugAssign, ast.NamedExpr)) and isinstance(
                    node.target, ast.Name
                ):
                    if node.value is not None:
                        self.assigns.setdefault((id(scope), node.target.id), []).append(node.value)

    def _scope_of(self, node):
        while node in self.parents:
            node = self.parents[node]
            if isinstance(node, FUNCS):
                return node
        return self.tree

    def _enclosing(self, node):
        while node in self.parents:
            node = self.parents[node]
            yield node

    # ---- is an expression safe Markdown? --------------------------------------------------------
    def safe(self, e: ast.expr, seen: frozenset = frozenset()) -> bool:
        if isinstance(e, ast.Constant):
            return True
        if isinstance(e, ast.Name) and e.id.isupper() or isinstance(e, ast.Attribute) and e.attr.isupper():
            return True
        if isinstance(e, ast.JoinedStr):
            return all(
                self.safe(v.value, seen) or _numeric_spec(v) for v in e.values if isinstance(v, ast.FormattedValue)
            )
        if isinstance(e, ast.IfExp):
            branch = self._known_branch(e)
            if branch is not None:
                return self.safe(branch, seen)
            return self.safe(e.body, seen) and self.safe(e.orelse, seen)
        if isinstance(e, ast.BinOp):
            return self.safe(e.left, seen) and self.safe(e.right, seen)
        if isinstance(e, ast.BoolOp):
            return all(self.safe(v, seen) for v in e.values)
        if isinstance(e, (ast.List, ast.Tuple, ast.Set)):
            return all(self.safe(v, seen) for v in e.elts)
        if isinstance(e, COMPS):
            return self.safe(e.elt, seen)
        if isinstance(e, ast.DictComp):
            return self.safe(e.value, seen)
        if isinstance(e, ast.Dict):
            return all(self.safe(v, seen) for v in e.values)
        if isinstance(e, ast.Subscript):
            return self.safe(e.value, seen)
        if isinstance(e, ast.Lambda):  # a callable passed along: what it returns
            return self.safe(e.body, seen)
        if isinstance(e, ast.Call):
            return self._call_safe(e, seen)
        if isinstance(e, ast.Name):
            return self._name_safe(e, seen)
        return False

    def _call_safe(self, e: ast.Call, seen) -> bool:
        name = _name(e.func)
        if name in ESCAPE:
            return True
        if name in TEXTS:  # t(key, lang): the params are what reaches the text
            return all(self.safe(k.value, seen) for k in e.keywords)
        if name in FORMATTERS:
            return True
        if name in PASS_THROUGH:
            return all(self.safe(a, seen) for a in e.args)
        if name == "join" and isinstance(e.func, ast.Attribute):
            return self.safe(e.func.value, seen) and all(self.safe(a, seen) for a in e.args)
        if isinstance(e.func, ast.Name) and self._param(e.func) is not None:
            return self._name_safe(e.func, seen)  # calling a parameter: safe if what was passed is
        defs = self.project.defs_of(self, e.func)
        if defs and ("def", name) not in seen:
            inner = seen | {("def", name)}
            return all(mod.returns_safe(fn, inner) for mod, fn in defs)
        return False

    def _name_safe(self, e: ast.Name, seen) -> bool:
        for node in self._enclosing(e):
            if isinstance(node, COMPS):
                for gen in node.generators:
                    if any(isinstance(t, ast.Name) and t.id == e.id for t in ast.walk(gen.target)):
                        return self.safe(gen.iter, seen)
            if isinstance(node, (ast.For, ast.comprehension)) and any(
                isinstance(t, ast.Name) and t.id == e.id for t in ast.walk(node.target)
            ):
                return self.safe(node.iter, seen)
            if isinstance(node, ast.Lambda) and e.id in [a.arg for a in node.args.args]:
                # a lambda's argument: an option of the widget it formats, else whatever the caller gives
                return self.project.bound.get((id(node), e.id), False)
            if isinstance(node, FUNCS) or isinstance(node, ast.Module):
                key = (id(node), e.id)
                if key in self.assigns:
                    if key in seen:
                        return True
                    return all(self.safe(v, seen | {key}) for v in self.assigns[key])
                param = self._param(e) if isinstance(node, FUNCS) else None
                if param is not None and (id(param[0]), e.id) in self.project.bound:
                    return self.project.bound[(id(param[0]), e.id)]  # a format_func's option
                if param is not None:
                    tag = ("param", id(param[0]), e.id)
                    return tag in seen or self.project.argument_safe(param[0], param[1], e.id, seen | {tag})
        return False

    def _param(self, e: ast.Name):
        for node in self._enclosing(e):
            if isinstance(node, FUNCS):
                if (id(node), e.id) in self.assigns:
                    return None
                args = node.args
                positional = [a.arg for a in args.posonlyargs + args.args]
                if e.id in positional:
                    return node, positional.index(e.id)
                if e.id in [a.arg for a in args.kwonlyargs]:
                    return node, None
        return None

    def returns_safe(self, fn, seen) -> bool:
        returns = [
            n for n in ast.walk(fn) if isinstance(n, ast.Return) and n.value is not None and self._scope_of(n) is fn
        ]
        return bool(returns) and all(self.safe(r.value, seen) for r in returns)

    def _known_branch(self, e: ast.IfExp):
        """``a if p else b`` where ``p`` is a parameter that the factory call being checked
        passes as a literal: the branch taken, else None."""
        if isinstance(e.test, ast.Name):
            param = self._param(e.test)
            key = (id(param[0]), e.test.id) if param else None
            if key in self.project.consts:
                return e.body if self.project.consts[key] else e.orelse
        return None

    def formats_safe(self, f: ast.expr, options: bool, seen: frozenset = frozenset()) -> bool:
        """Does the format_func ``f``, given options whose text is accepted or not (``options``),
        give accepted text?"""
        if isinstance(f, ast.Lambda):
            for a in f.args.args[:1]:
                self.project.bound[(id(f), a.arg)] = options
            return self.safe(f.body, seen)
        name = _name(f)
        if isinstance(f, ast.Attribute) and f.attr == "get":  # a dict's get: its values (or None)
            return self.safe(f.value, seen)
        if isinstance(f, ast.Call):  # a factory (ui.names, ui.labels): what it returns must format safely
            defs = self.project.defs_of(self, f.func)
            if not defs or ("factory", name) in seen:
                return bool(defs)
            inner = seen | {("factory", name)}
            ok = True
            for mod, fn in defs:
                # its parameters bound to this call's arguments: a value accepted or not, a
                # function that formats the options safely or not, a literal for a branch
                params = [a.arg for a in fn.args.posonlyargs + fn.args.args]
                given = dict(zip(params, f.args, strict=False)) | {k.arg: k.value for k in f.keywords if k.arg}
                first = self.safe(f.args[0], seen) if f.args else options
                saved = dict(self.project.bound), dict(self.project.consts)
                for pname, arg in given.items():
                    self.project.bound[(id(fn), pname)] = self.safe(arg, seen) or self.formats_safe(arg, first, inner)
                    if isinstance(arg, ast.Constant):
                        self.project.consts[(id(fn), pname)] = arg.value
                try:
                    ok = ok and all(
                        mod.formats_safe(r.value, options, inner)
                        for r in ast.walk(fn)
                        if isinstance(r, ast.Return) and r.value is not None and mod._scope_of(r) is fn
                    )
                finally:
                    self.project.bound, self.project.consts = saved
            return ok
        if name in ESCAPE | FORMATTERS | TEXTS:
            return True
        if name == "str":
            return options
        if isinstance(f, ast.Name) and (param := self._param(f)) is not None and param[0].name in MD_OPTIONS:
            return True  # a choice widget's own format_func, passed on: each of its call sites is checked
        defs = self.project.defs_of(self, f) if isinstance(f, (ast.Name, ast.Attribute)) else []
        if defs:
            for _mod, fn in defs:
                args = fn.args.posonlyargs + fn.args.args
                args = args[1:] if args and args[0].arg in ("self", "cls") else args
                for a in args[:1]:
                    self.project.bound[(id(fn), a.arg)] = options
            return all(mod.returns_safe(fn, seen) for mod, fn in defs)
        return False

    def _option_findings(self, node: ast.Call, name: str) -> list[ast.expr]:
        """The option labels of a choice widget that are not accepted (see the module doc)."""
        given = (
            node.args[1] if len(node.args) > 1 else next((k.value for k in node.keywords if k.arg == "options"), None)
        )
        options = given is not None and self.safe(given)
        fmt = next((k.value for k in node.keywords if k.arg == "format_func"), None)
        if fmt is not None:
            return [] if self.formats_safe(fmt, options) else [fmt]
        return [given] if given is not None and not options else []

    # ---- the calls ----------------------------------------------------------------------------
    def findings(self) -> list[str]:
        out = []
        for node in ast.walk(self.tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            name = node.func.attr
            if name not in MD_CALLS:
                continue
            texts = [] if name in DATA_FIRST else list(node.args) if name == "write" else node.args[:1]
            texts += [k.value for k in node.keywords if k.arg in MD_KEYWORDS]
            bad = [a for a in texts if not self.safe(a)]
            if name in MD_OPTIONS:
                bad += self._option_findings(node, name)
            for arg in bad:
                where = self.path.relative_to(self.project.root)
                scope = self._scope_of(node)
                func = scope.name if isinstance(scope, FUNCS) else "<module>"
                out.append(f"{where}:{node.lineno}: in {func}: {name}({ast.unparse(arg)[:100]})")
        return out


class Project:
    def __init__(self, root: Path, files: list[Path]):
        self.root = root
        self.modules = [Module(p, self) for p in files]
        self.defs: dict[str, list[tuple[Module, ast.AST]]] = {}
        # (id of a lambda or def, its parameter) → is its argument accepted text: the first
        # parameter of a format_func takes the widget's options (set while a widget is checked)
        self.bound: dict[tuple[int, str], bool] = {}
        self.consts: dict[tuple[int, str], object] = {}  # a factory's parameter given as a literal
        self.calls: dict[str, list[tuple[Module, ast.Call]]] = {}
        for mod in self.modules:
            for n in ast.walk(mod.tree):
                if isinstance(n, FUNCS):
                    self.defs.setdefault(n.name, []).append((mod, n))
        for mod in self.modules:
            for n in ast.walk(mod.tree):
                if isinstance(n, ast.Call) and _name(n.func) in INDIRECT and n.args:
                    # draw_cached(fn, a, b) calls fn(a, b): seen as that call
                    n = ast.Call(func=n.args[0], args=n.args[1:], keywords=n.keywords)
                if isinstance(n, ast.Call) and _name(n.func) in self.defs:
                    self.calls.setdefault(_name(n.func) or "", []).append((mod, n))

    def defs_of(self, mod: Module, func: ast.expr) -> list:
        """The definitions a call may reach: a private ``_name`` only in the calling module."""
        name = _name(func) or ""
        found = self.defs.get(name, [])
        return [(m, fn) for m, fn in found if m is mod] if name.startswith("_") else found

    def argument_safe(self, fn, index: int | None, pname: str, seen) -> bool:
        """Whether every call of ``fn`` in the scanned code passes accepted text as ``pname``."""
        home = next(m for m, f in self.defs[fn.name] if f is fn)
        sites = [(m, c) for m, c in self.calls.get(fn.name, []) if m is home or not fn.name.startswith("_")]
        if not sites:
            return False
        method = bool(fn.args.args) and fn.args.args[0].arg in ("self", "cls")
        ok = True
        for mod, call in sites:
            arg = None
            pos = None if index is None else index - (1 if method else 0)
            if pos is not None and 0 <= pos < len(call.args) and not isinstance(call.args[pos], ast.Starred):
                arg = call.args[pos]
            for k in call.keywords:
                if k.arg == pname:
                    arg = k.value
            if arg is not None:  # else the default from the signature
                ok = ok and mod.safe(arg, seen)
        return ok

    def findings(self) -> list[str]:
        return [f for mod in self.modules for f in mod.findings()]


def project(root: Path) -> Project:
    files = sorted([*(root / "ui").rglob("*.py"), *(root / "pages").glob("*.py"), root / "dashboard.py"])
    return Project(root, files)


def scan(root: Path) -> list[str]:
    return project(root).findings()
