#!/usr/bin/env python3
"""Checks the module boundaries of an Emporium source tree.

Reads every modules/<name>/CMakeLists.txt (emporium_add_module(<name>
[SCHEMA <schema>] [DEPENDS <module>...])) and reports, one line per
violation as `path:line: rule: message`:

  relative_include       an #include path with a `..` component
  private_header         an #include of another module's (or the kernel's) src/
  undeclared_dependency  an #include of emporium/<x>/ for a module x not in DEPENDS
  unknown_dependency     DEPENDS names no module
  dependency_cycle       the declared DEPENDS form a cycle
  foreign_schema         a module's SQL qualifies a name with another module's schema
  foreign_role           a module's SQL names another module's role emporium_<x>
  module_declaration     a module directory without a matching emporium_add_module

A module's SQL is its migrations/<name>/*.sql and the string literals of its
include/ and src/ C++ files that look like SQL. Its tests are not scanned for
SQL: a test may reach into another schema on purpose, to prove that the
database refuses it.

Exit status: 0 and the dependency graph when the tree is clean, 1 with the
violations otherwise, 2 on a usage error. `--expect-violation RULE` inverts
the check for the fixtures: it exits 0 only when the tree breaks exactly
that rule, so a fixture that fails for another reason is caught. Standard
library only, so that it runs wherever CMake found a Python 3.
"""

import argparse
import bisect
import os
import re
import sys
from dataclasses import dataclass, field

RULES = (
    "relative_include",
    "private_header",
    "undeclared_dependency",
    "unknown_dependency",
    "dependency_cycle",
    "foreign_schema",
    "foreign_role",
    "module_declaration",
)

CPP_EXTENSIONS = (".cpp", ".hpp", ".h", ".cc", ".hh", ".cxx", ".ipp", ".inl")
KERNEL = "kernel"
ROLE_PREFIX = "emporium_"
DOC_BEGIN = "<!-- module-graph:begin -->"
DOC_END = "<!-- module-graph:end -->"


@dataclass(frozen=True, order=True)
class Violation:
    path: str
    line: int
    rule: str
    message: str

    def __str__(self):
        return f"{self.path}:{self.line}: {self.rule}: {self.message}"


@dataclass
class Module:
    name: str
    schema: str
    depends: list  # [(name, line)]
    cmake_path: str
    line: int
    directory: str

    @property
    def role(self):
        return ROLE_PREFIX + self.name

    def dependency_names(self):
        return [name for name, _ in self.depends]


@dataclass
class Tree:
    root: str
    modules: dict = field(default_factory=dict)
    violations: list = field(default_factory=list)
    files_checked: int = 0

    def report(self, path, line, rule, message):
        self.violations.append(Violation(os.path.relpath(path, self.root), line, rule, message))


# ---------------------------------------------------------------- CMake


def strip_cmake_comments(text):
    # A `#` starts a comment unless it is inside a quoted argument; module
    # declarations have no quoted arguments, so a line-wise cut is enough.
    return "\n".join(line.split("#", 1)[0] for line in text.split("\n"))


def read_module(tree, directory):
    dir_name = os.path.basename(directory)
    cmake_path = os.path.join(directory, "CMakeLists.txt")
    if not os.path.isfile(cmake_path):
        tree.report(directory, 0, "module_declaration", f"module directory '{dir_name}' has no CMakeLists.txt")
        return None
    with open(cmake_path, encoding="utf-8", errors="replace") as f:
        text = strip_cmake_comments(f.read())
    call = re.search(r"\bemporium_add_module\s*\(([^)]*)\)", text, re.IGNORECASE)
    if not call:
        tree.report(cmake_path, 1, "module_declaration", f"no emporium_add_module() call for module '{dir_name}'")
        return None
    call_line = text.count("\n", 0, call.start()) + 1
    tokens = [
        (m.group(0), text.count("\n", 0, call.start(1) + m.start()) + 1)
        for m in re.finditer(r"[^\s()]+", call.group(1))
    ]
    if not tokens:
        tree.report(cmake_path, call_line, "module_declaration", "emporium_add_module() without a module name")
        return None
    name = tokens[0][0]
    if name != dir_name:
        tree.report(cmake_path, call_line, "module_declaration",
                    f"emporium_add_module({name}) in directory modules/{dir_name}; the names must match")
    schema, depends, section = name, [], None
    for token, line in tokens[1:]:
        if token in ("SCHEMA", "DEPENDS"):
            section = token
        elif section == "SCHEMA":
            schema = token
            section = None
        elif section == "DEPENDS":
            depends.append((token, line))
        else:
            tree.report(cmake_path, line, "module_declaration", f"unexpected argument '{token}' to emporium_add_module")
    return Module(name, schema, depends, cmake_path, call_line, directory)


def read_modules(tree):
    modules_dir = os.path.join(tree.root, "modules")
    for entry in sorted(os.listdir(modules_dir)):
        directory = os.path.join(modules_dir, entry)
        if not os.path.isdir(directory) or entry.startswith("."):
            continue
        module = read_module(tree, directory)
        if module is not None:
            tree.modules[module.name] = module


# ---------------------------------------------------------------- graph


def check_graph(tree):
    for module in tree.modules.values():
        for dep, line in module.depends:
            if dep not in tree.modules:
                tree.report(module.cmake_path, line, "unknown_dependency",
                            f"module '{module.name}' depends on '{dep}', which is not a module")
    for cycle in find_cycles(graph_of(tree)):
        first = tree.modules[cycle[0]]
        tree.report(first.cmake_path, first.line, "dependency_cycle",
                    "declared dependencies form a cycle: " + " -> ".join(cycle + [cycle[0]]))


def graph_of(tree):
    return {
        name: sorted({d for d in module.dependency_names() if d in tree.modules})
        for name, module in tree.modules.items()
    }


def find_cycles(graph):
    """Each cycle closed by a back edge of a depth-first search, once."""
    cycles, seen = [], set()
    state = {}  # absent: unvisited, 1: on the stack, 2: finished
    stack = []

    def visit(node):
        state[node] = 1
        stack.append(node)
        for dep in graph[node]:
            if state.get(dep) == 1:
                cycle = stack[stack.index(dep):]
                start = cycle.index(min(cycle))
                canonical = tuple(cycle[start:] + cycle[:start])
                if canonical not in seen:
                    seen.add(canonical)
                    cycles.append(list(canonical))
            elif dep not in state:
                visit(dep)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return cycles


def topological_order(graph):
    """Dependencies before dependents; ties alphabetical. Assumes no cycle."""
    order, done = [], set()
    remaining = sorted(graph)
    while remaining:
        ready = [n for n in remaining if all(d in done for d in graph[n])] or remaining
        order.extend(ready)
        done.update(ready)
        remaining = [n for n in remaining if n not in done]
    return order


def render_text(graph):
    lines = []
    for name in topological_order(graph):
        deps = ", ".join(graph[name]) if graph[name] else "(kernel only)"
        lines.append(f"{name} -> {deps}")
    return "\n".join(lines)


def render_mermaid(graph):
    lines = ["```mermaid", "graph TD"]
    for name in topological_order(graph):
        if not graph[name] and not any(name in deps for deps in graph.values()):
            lines.append(f"  {name}")
        for dep in graph[name]:
            lines.append(f"  {name} --> {dep}")
    lines.append("```")
    return "\n".join(lines)


# ---------------------------------------------------------------- C++ lexing


@dataclass
class Literal:
    text: str
    line: int
    raw_delimiter: str  # the d-char-sequence of a raw string, else ""


@dataclass
class Include:
    path: str
    line: int


INCLUDE_DIRECTIVE = re.compile(r'#[ \t]*(?:include|include_next|import)[ \t]*[<"]([^>"\n]*)[>"]')
SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "'": "'", "0": "\0"}


def lex_cpp(text):
    """Returns (includes, literals): #include targets, and string literals
    with adjacent ones joined as the compiler joins them. Comments and
    character literals are skipped, so neither can hide or fake a literal."""
    includes, pieces = [], []  # pieces: (Literal, start offset, end offset)
    i, n, line = 0, len(text), 1
    at_line_start = True
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            at_line_start = True
            i += 1
            continue
        if c in " \t\r\f\v":
            i += 1
            continue
        if c == "/" and text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        if c == "/" and text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            line += text.count("\n", i, end)
            i = end
            continue
        if c == "#" and at_line_start:
            directive = INCLUDE_DIRECTIVE.match(text, i)
            if directive:
                includes.append(Include(directive.group(1).strip(), line))
                end = text.find("\n", i)
                i = n if end < 0 else end
                continue
        at_line_start = False
        literal = re.match(r'(?:u8|u|U|L)?(R?)"', text[i:i + 4])
        if literal and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            start_line = line
            j = i + literal.end()
            if literal.group(1):
                open_paren = text.find("(", j)
                open_paren = n if open_paren < 0 else open_paren
                delimiter = text[j:open_paren]
                close = text.find(")" + delimiter + '"', open_paren)
                close = n if close < 0 else close
                body = text[open_paren + 1:close]
                end = min(n, close + len(delimiter) + 2)
            else:
                delimiter = ""
                body, j = decode_quoted(text, j, '"')
                end = j
            line += text.count("\n", i, end)
            pieces.append((Literal(body, start_line, delimiter), i, end))
            i = end
            continue
        if c == "'":
            if is_digit_separator(text, i):
                i += 1
                continue
            _, i = decode_quoted(text, i + 1, "'")
            continue
        i += 1
    return includes, join_adjacent(text, pieces)


def decode_quoted(text, j, quote):
    out, n = [], len(text)
    while j < n and text[j] != quote and text[j] != "\n":
        if text[j] == "\\" and j + 1 < n:
            out.append(SIMPLE_ESCAPES.get(text[j + 1], "\\" + text[j + 1]))
            j += 2
        else:
            out.append(text[j])
            j += 1
    return "".join(out), min(n, j + 1)


def is_digit_separator(text, i):
    # 1'000'000 and 0xFF'FF: the quote follows a number token.
    j = i
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] in "_."):
        j -= 1
    return j < i and text[j].isdigit()


def join_adjacent(text, pieces):
    literals = []
    previous_end = None
    for literal, start, end in pieces:
        between = text[previous_end:start] if previous_end is not None else None
        if between is not None and re.fullmatch(r"(?:\s|//[^\n]*|/\*.*?\*/)*", between, re.DOTALL):
            last = literals[-1]
            # Keep line numbers honest: a joined piece starts on its own line.
            separator = "\n" * (literal.line - (last.line + last.text.count("\n")))
            last.text += separator + literal.text
            last.raw_delimiter = last.raw_delimiter or literal.raw_delimiter
        else:
            literals.append(Literal(literal.text, literal.line, literal.raw_delimiter))
        previous_end = end
    return literals


# ---------------------------------------------------------------- SQL

SQL_WORDS = re.compile(
    r"\b(select|insert\s+into|update|delete\s+from|from|join|returning|create|alter|drop|grant|revoke|"
    r"truncate|listen|notify|set\s+(?:local\s+)?role|on\s+conflict|nextval|regclass|references)\b",
    re.IGNORECASE,
)
NOT_AN_ALIAS = (
    "where|on|set|using|join|left|right|inner|outer|full|cross|natural|group|order|limit|offset|returning|"
    "values|select|union|except|intersect|having|window|for|as|default|lateral|only|tablesample|with|fetch|"
    "and|or|not|when|then|else|end|from|into|update|delete|insert|do|is"
)
IDENT = r'(?:"[^"\n]+"|[A-Za-z_][\w$]*)'
# `FROM <name> [AS] <alias>`, also after a comma of a FROM list.
ALIAS_DECLARATION = re.compile(
    rf"(?:\b(?:from|join|update|into|using)\b|,)\s+(?:only\s+)?{IDENT}(?:\s*\.\s*{IDENT}){{0,2}}"
    rf"\s+(?:as\s+)?(?!(?:{NOT_AN_ALIAS})\b)({IDENT})",
    re.IGNORECASE,
)
# A qualifier right after one of these names a table, never an alias.
TABLE_POSITION = re.compile(r"\b(?:from|join|update|into|using|only|table|references)\s*$", re.IGNORECASE)


def looks_like_sql(literal):
    return literal.raw_delimiter.lower() == "sql" or bool(SQL_WORDS.search(literal.text))


def strip_sql_comments(sql):
    """Blanks -- and /* */ comments, keeping offsets and newlines; quoted
    strings and identifiers are kept so a `--` inside them stays text."""
    out, i, n = list(sql), 0, len(sql)

    def blank(a, b):
        for k in range(a, b):
            if out[k] != "\n":
                out[k] = " "

    while i < n:
        c = sql[i]
        if c in "'\"":
            end = sql.find(c, i + 1)
            while end >= 0 and sql.startswith(c * 2, end):
                end = sql.find(c, end + 2)
            i = n if end < 0 else end + 1
        elif sql.startswith("--", i):
            end = sql.find("\n", i)
            end = n if end < 0 else end
            blank(i, end)
            i = end
        elif sql.startswith("/*", i):
            end = sql.find("*/", i + 2)
            end = n if end < 0 else end + 2
            blank(i, end)
            i = end
        else:
            i += 1
    return "".join(out)


def unquote(identifier):
    return identifier[1:-1] if identifier.startswith('"') else identifier


def check_sql(tree, module, sql, path, first_line, schemas, roles):
    """schemas/roles: lower-cased name of another module's schema/role -> module."""
    sql = strip_sql_comments(sql)
    newlines = [k for k, ch in enumerate(sql) if ch == "\n"]

    def line_at(offset):
        return first_line + bisect.bisect_left(newlines, offset)

    # A table alias that happens to equal a schema name (`FROM orders.lines
    # cart`) makes `cart.id` a column reference, not a schema qualifier.
    aliases = {unquote(m.group(1)).lower() for m in ALIAS_DECLARATION.finditer(sql)}

    for m in re.finditer(r'(?<![\w$."])("?)([A-Za-z_][\w$]*)\1\s*\.(?=["A-Za-z_])', sql):
        name = m.group(2).lower()
        if name not in schemas:
            continue
        if name in aliases and not TABLE_POSITION.search(sql, 0, m.start()):
            continue
        owner = schemas[name]
        tree.report(path, line_at(m.start()), "foreign_schema",
                    f"module '{module.name}' names schema '{m.group(2)}' of module '{owner}' "
                    f"(only ids cross modules: call emporium/{owner}/ or subscribe to its events)")
    for m in re.finditer(r'(?<![\w$])"?(' + ROLE_PREFIX + r'[\w$]+)"?', sql, re.IGNORECASE):
        role = m.group(1).lower()
        if role in roles:
            tree.report(path, line_at(m.start()), "foreign_role",
                        f"module '{module.name}' names role '{m.group(1)}' of module '{roles[role]}'")


# ---------------------------------------------------------------- files


def walk_files(directory, extensions):
    for dirpath, dirnames, filenames in os.walk(directory):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in sorted(filenames):
            if filename.endswith(extensions):
                yield os.path.join(dirpath, filename)


def read_text(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def check_include(tree, module, path, include):
    target = include.path.replace("\\", "/")
    parts = target.split("/")
    if ".." in parts:
        tree.report(path, include.line, "relative_include",
                    f'#include "{include.path}" climbs out with ..; include public headers as "emporium/<module>/..."')
        return
    for k, part in enumerate(parts[:-1]):
        if parts[k + 1] == "src" and part != module.name and (part in tree.modules or part == KERNEL):
            tree.report(path, include.line, "private_header",
                        f'#include "{include.path}" reaches into the private src/ of {part}')
            return
    if len(parts) >= 3 and parts[0] == "emporium":
        other = parts[1]
        if other in (module.name, KERNEL) or other in module.dependency_names():
            return
        known = "module" if other in tree.modules else "unknown module"
        tree.report(path, include.line, "undeclared_dependency",
                    f'#include "{include.path}" uses {known} \'{other}\', not declared in DEPENDS of {module.name}')


def check_module_files(tree, module, schemas, roles):
    for path in walk_files(module.directory, CPP_EXTENSIONS):
        tree.files_checked += 1
        includes, literals = lex_cpp(read_text(path))
        for include in includes:
            check_include(tree, module, path, include)
        relative = os.path.relpath(path, module.directory).split(os.sep)
        if relative[0] not in ("src", "include"):
            continue
        for literal in literals:
            if looks_like_sql(literal):
                check_sql(tree, module, literal.text, path, literal.line, schemas, roles)
            else:
                # A role name is unambiguous even outside an SQL-looking
                # literal; a bare `cart.x` is not (event names look the same).
                check_sql(tree, module, literal.text, path, literal.line, {}, roles)

    migrations = os.path.join(tree.root, "migrations", module.name)
    if os.path.isdir(migrations):
        for path in walk_files(migrations, (".sql",)):
            tree.files_checked += 1
            check_sql(tree, module, read_text(path), path, 1, schemas, roles)


def check_tree(root):
    tree = Tree(os.path.abspath(root))
    read_modules(tree)
    check_graph(tree)
    for module in tree.modules.values():
        others = [m for m in tree.modules.values() if m.name != module.name and m.schema != module.schema]
        schemas = {m.schema.lower(): m.name for m in others}
        roles = {m.role.lower(): m.name for m in tree.modules.values() if m.name != module.name}
        check_module_files(tree, module, schemas, roles)
    tree.violations = sorted(set(tree.violations))
    return tree


# ---------------------------------------------------------------- doc block


def doc_block(graph):
    return f"{DOC_BEGIN}\n{render_mermaid(graph)}\n{DOC_END}"


def sync_doc(path, graph, write):
    text = read_text(path)
    pattern = re.compile(re.escape(DOC_BEGIN) + r".*?" + re.escape(DOC_END), re.DOTALL)
    if not pattern.search(text):
        print(f"{path}: no {DOC_BEGIN} ... {DOC_END} block", file=sys.stderr)
        return False
    updated = pattern.sub(lambda _: doc_block(graph), text, count=1)
    if updated == text:
        return True
    if write:
        with open(path, "w", encoding="utf-8") as f:
            f.write(updated)
        print(f"{path}: module graph updated")
        return True
    print(f"{path}: the module graph is out of date; run "
          f"tests/architecture/check_boundaries.py --update-doc {os.path.relpath(path)}", file=sys.stderr)
    return False


# ---------------------------------------------------------------- main


def expect(tree, rule, location):
    for v in tree.violations:
        print(v)
    found = sorted({v.rule for v in tree.violations})
    if rule not in found:
        print(f"FAIL: expected a {rule} violation, found {', '.join(found) or 'none'}")
        return 1
    if found != [rule]:
        print(f"FAIL: expected only {rule} violations, also found: {', '.join(r for r in found if r != rule)}")
        return 1
    if location and not any(f"{v.path}:{v.line}" == location for v in tree.violations):
        print(f"FAIL: expected a {rule} violation at {location}")
        return 1
    print(f"ok: the tree breaks {rule} and nothing else")
    return 0


def main(argv):
    default_root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", default=default_root, help="source tree to check (default: this repository)")
    parser.add_argument("--mermaid", action="store_true", help="also print the graph as a Mermaid block")
    parser.add_argument("--expect-violation", choices=RULES, metavar="RULE",
                        help="succeed only if the tree breaks exactly this rule (for fixtures)")
    parser.add_argument("--at", metavar="PATH:LINE", help="with --expect-violation: where one violation must be")
    parser.add_argument("--check-doc", metavar="FILE", help="fail unless FILE's module graph block is current")
    parser.add_argument("--update-doc", metavar="FILE", help="rewrite FILE's module graph block")
    args = parser.parse_args(argv)

    if not os.path.isdir(os.path.join(args.root, "modules")):
        print(f"error: {args.root} has no modules/ directory", file=sys.stderr)
        return 2
    tree = check_tree(args.root)
    if args.expect_violation:
        return expect(tree, args.expect_violation, args.at)
    if tree.violations:
        for v in tree.violations:
            print(v)
        print(f"{len(tree.violations)} module boundary violation(s) in {tree.root}")
        return 1

    graph = graph_of(tree)
    print(f"module boundaries hold: {len(tree.modules)} modules, {tree.files_checked} files checked")
    print(render_text(graph))
    if args.mermaid:
        print(render_mermaid(graph))
    doc = args.update_doc or args.check_doc
    if doc and not sync_doc(doc, graph, write=bool(args.update_doc)):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
