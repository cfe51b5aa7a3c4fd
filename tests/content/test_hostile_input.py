"""Hostile input: random, mangled and malicious files, and ids that try to leave the site folder.

Whatever is thrown at the loader, the answer is a diagnostic naming the file, exit code 1 and
no traceback, in bounded time and memory.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import cli
from generator.content.files import MAX_FILE_BYTES
from generator.content.loading import load_content
from generator.content.models import Article, Claim, Person, Site
from generator.content.records import read_page, read_record
from generator.core.project import Project
from tests.conftest import ARTICLE_YAML, BASE_FILES, CLAIM_YAML, SITE_YAML

CLOCK = datetime(2026, 1, 1, tzinfo=UTC)
REPO = Path(__file__).resolve().parents[2]
CLAIM = "content/claims/biden-telepon.yaml"
SITE = "content/site.yaml"
ARTICLE = "content/articles/medcom-berita.yaml"
PAGE = "content/pages/tentang.md"
MODELS = {
    SITE: Site,
    CLAIM: Claim,
    ARTICLE: Article,
    "content/people/joe-biden.yaml": Person,
    "content/people/tim.yaml": Person,
    "content/people/medcom.yaml": Person,
}
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SECONDS_PER_FILE = 30  # loose, for busy machines: the worst file takes about two seconds on an idle one


def write_project(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, text in {**BASE_FILES, **files}.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return root


def read_any(path: str, raw: bytes):
    """The reader for the file at `path`: diagnostics, and whether it was accepted."""
    if path.endswith(".md"):
        page, _, _, _, problems = read_page(raw, path)
        return page is not None, problems
    record, _, problems = read_record(raw, path, MODELS[path])
    return record is not None, problems


def assert_well_formed(diagnostics) -> None:
    for d in diagnostics:
        assert d.path.startswith("content/") and d.line >= 1 and d.column >= 1 and d.code and d.message, d
        assert "Traceback" not in d.message
        assert len(d.message) < 2000 and len(d.hint) < 2000, (d.code, len(d.message), len(d.hint))


# ---------------------------------------------------------------- generators of bad files

TOKENS = [
    ": ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "*b",
    "!!python/object/apply:os.system ['true'] ",
    "!!binary ",
    "!!set ",
    "!!omap ",
    "!custom ",
    "? ",
    "|",
    ">-",
    "%YAML 1.1\n",
    "%TAG ! tag:x,2000:\n",
    "---\n",
    "...\n",
    "\t",
    "\x00",
    "\x7f",
    "\ufeff",
    "\u202e",
    "\u200b",
    "\u2028",
    "\x85",
    "\r",
    "'",
    '"',
    "#",
    "\\",
    "<<: *a\n",
    "@",
    "`",
    "%",
    "~",
    "null",
    "no",
    "2021-02-30",
    "1e999",
    "0x1F",
    ".inf",
    "9" * 5000,
    "x" * 20_000,
    "\n  ",
    "\n- ",
    "\n",
    "  ",
]
VALID = {path: BASE_FILES[path] for path in [*MODELS, PAGE]}


@st.composite
def mutated_files(draw) -> tuple[str, bytes]:
    """A valid file, edited at random the way a bad merge, a paste or a broken editor would."""
    path = draw(st.sampled_from(sorted(VALID)))
    text = VALID[path]
    for _ in range(draw(st.integers(1, 6))):
        lines = text.split("\n")
        at = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["insert", "delete", "duplicate", "indent", "swap", "truncate"]))
        if op == "insert":
            text = text[:at] + draw(st.sampled_from(TOKENS) | st.text(max_size=8)) + text[at:]
        elif op == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
        elif op in ("duplicate", "indent", "swap") and lines:
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            if op == "duplicate":
                lines.insert(j, lines[i])
            elif op == "indent":
                lines[i] = " " * draw(st.integers(1, 9)) + lines[i]
            else:
                lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        else:
            text = text[:at]
    raw = text.encode("utf-8", "surrogatepass")
    tail = draw(st.sampled_from([b"", b"", b"\xff", b"\xc0\xaf", b"\xed\xa0\x80", b"\xe2\x82", b"\xf4\x90\x80\x80"]))
    cut = draw(st.integers(0, len(raw)))
    return path, raw[:cut] + tail + raw[cut:]


def _key_paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _key_paths(value, prefix + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _key_paths(value, prefix + (i,))


def _wrong_for(value) -> st.SearchStrategy:
    """Values of a type a field holding `value` must refuse."""
    others = {
        "int": st.integers(-(2**70), 2**70),
        "float": st.floats(),
        "str": st.text(max_size=30),
        "huge": st.just("x" * 200_000),
        "list": st.lists(st.integers(), max_size=3),
        "dict": st.dictionaries(st.text(min_size=1, max_size=5), st.integers(), min_size=1, max_size=3),
        "bool": st.booleans(),
        "date": st.dates(),
        "bytes": st.binary(max_size=8),
    }
    if isinstance(value, bool):
        drop = {"bool"}
    elif isinstance(value, int):
        drop = {"int", "bool"}
    elif isinstance(value, (date, datetime)):
        drop = {"date", "str", "huge"}  # a date may stand for a date-time, and text is parsed
    elif isinstance(value, str):
        drop = {"str", "huge"}
    elif isinstance(value, list):
        drop = {"list"}
    else:
        drop = {"dict"}
    return st.one_of([strategy for name, strategy in others.items() if name not in drop])


@st.composite
def wrong_types(draw) -> tuple[str, bytes]:
    """A valid record with one to four values (leaves or whole branches) replaced by the wrong type."""
    path = draw(st.sampled_from(sorted(MODELS)))
    data = yaml.safe_load(VALID[path])
    for key_path in draw(st.lists(st.sampled_from([p for p in _key_paths(data) if p]), min_size=1, max_size=4, unique=True)):
        parent = data
        try:  # an earlier replacement may have removed this branch
            for part in key_path[:-1]:
                parent = parent[part]
            old = parent[key_path[-1]] if isinstance(parent, (dict, list)) else None
        except (KeyError, IndexError, TypeError):
            continue
        if old is None:
            continue
        parent[key_path[-1]] = draw(_wrong_for(old))
    return path, yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


def nasty(kind: str, n: int) -> bytes:
    """The nastiest families, sized by `n`; every one of them is invalid as any record."""
    if kind == "deep-flow":
        return ("name: " + "[" * n + "]" * n + "\n").encode()
    if kind == "deep-flow-open":
        return ("name: " + "{a: " * n).encode()
    if kind == "deep-block":
        return "".join(" " * i + f"k{i}:\n" for i in range(min(n, 1200))).encode() + b"x\n"
    if kind == "deep-dashes":
        return ("- " * n + "x\n").encode()
    if kind == "alias-bomb":
        width = 2 + n % 9
        lines = ["a0: &a0 [lol, lol]"] + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]" for i in range(1, 12)]
        return ("\n".join(lines) + "\n").encode()
    if kind == "alias-bomb-map":
        lines = ["a0: &a0 {k: v, l: w}"] + [
            f"a{i}: &a{i} {{" + ", ".join(f"k{j}: *a{i - 1}" for j in range(2 + n % 9)) + "}" for i in range(1, 12)
        ]
        return ("\n".join(lines) + "\n").encode()
    if kind == "self-alias":
        return b"name: &x [*x]\nkind: &y {a: *y}\n"
    if kind == "huge-value":
        return ("name: Joe\nkind: " + "p" * min(n, MAX_FILE_BYTES - 20) + "\n").encode()
    if kind == "huge-key":
        return ("? " + "k" * min(n, MAX_FILE_BYTES - 20) + "\n: 1\n").encode()
    if kind == "too-big":
        return b"name: Joe\nkind: person\ndescription: " + b"x" * (MAX_FILE_BYTES + n % 1000) + b"\n"
    if kind == "many-keys":
        return "".join(f"k{i}: {i}\n" for i in range(min(n, 90_000))).encode()[:MAX_FILE_BYTES]
    if kind == "many-items":
        return ("same_as: [" + ",".join("1" for _ in range(min(n, 500_000))) + "]\n").encode()
    if kind == "many-documents":
        return b"---\n" * min(n, 200_000)
    if kind == "binary":
        return bytes((i * 7919 + n) % 256 for i in range(min(n, 100_000)))
    if kind == "utf16":
        return CLAIM_YAML.encode("utf-16")
    if kind == "nul":
        return b"name: Joe\x00\nkind: person\n"
    if kind == "python-tags":
        return b"name: !!python/object/apply:os.system ['echo pwned']\nkind: !!python/name:os.system ''\n"
    if kind == "merge-key":
        return b"base: &b {name: Joe, kind: person}\n<<: *b\n"
    if kind == "complex-key":
        return b"? [name, kind]\n: Joe\n"
    if kind == "big-numbers":
        return f"name: {'9' * 5000}\nkind: 1e{'9' * 400}\nurl: 0x{'f' * 3000}\n".encode()
    raise ValueError(kind)


NASTY_KINDS = [
    "deep-flow",
    "deep-flow-open",
    "deep-block",
    "deep-dashes",
    "alias-bomb",
    "alias-bomb-map",
    "self-alias",
    "huge-value",
    "huge-key",
    "too-big",
    "many-keys",
    "many-items",
    "many-documents",
    "binary",
    "utf16",
    "nul",
    "python-tags",
    "merge-key",
    "complex-key",
    "big-numbers",
]


@st.composite
def nasty_files(draw) -> tuple[str, bytes]:
    path = draw(st.sampled_from(sorted(MODELS)))
    return path, nasty(draw(st.sampled_from(NASTY_KINDS)), draw(st.integers(1, 300_000)))


# ------------------------------------------------------------------ properties: the reader


@settings(FUZZ, max_examples=300)
@given(mutated_files())
def test_a_mutated_file_gets_diagnostics_never_a_crash(case):
    path, raw = case
    accepted, problems = read_any(path, raw)
    assert accepted == (not problems)
    assert_well_formed(problems)
    assert all(d.path == path for d in problems)


@settings(FUZZ, max_examples=200)
@given(wrong_types())
def test_wrong_types_anywhere_are_refused_with_the_file_named(case):
    path, raw = case
    accepted, problems = read_any(path, raw)
    assert not accepted and problems
    assert_well_formed(problems)
    assert all(d.path == path and d.severity.value == "error" for d in problems)


@settings(FUZZ, max_examples=60)
@given(nasty_files())
def test_nasty_files_are_refused_quickly(case):
    path, raw = case
    started = time.monotonic()
    accepted, problems = read_any(path, raw)
    assert time.monotonic() - started < SECONDS_PER_FILE
    assert not accepted and problems
    assert_well_formed(problems)


# ------------------------------------------------------------ properties: whole project and CLI


def validate_with_cli(files: dict[str, bytes]):
    with tempfile.TemporaryDirectory() as tmp:
        project = write_project(Path(tmp), files)
        content, diagnostics = load_content(Project.at(project), CLOCK)
        result = CliRunner().invoke(cli, ["-C", str(project), "validate", "--clock", CLOCK.isoformat()], catch_exceptions=False)
    return content, diagnostics, result


@settings(FUZZ, max_examples=40)
@given(st.one_of(mutated_files(), wrong_types(), nasty_files()))
def test_the_cli_names_the_file_and_exits_1_without_a_traceback(case):
    path, raw = case
    content, diagnostics, result = validate_with_cli({path: raw})
    assert "Traceback" not in result.output
    assert_well_formed(diagnostics)
    if content is None:
        assert result.exit_code == 1, result.output
        errors = [d for d in diagnostics if d.severity.value == "error"]
        assert any(d.path == path for d in errors) or (path == SITE and errors)
        assert f"{errors[0].path}:{errors[0].line}:{errors[0].column}: error:" in result.stderr
        assert result.stderr.rstrip().splitlines()[-1].startswith("invalid: ")
    else:
        assert result.exit_code == 0, result.output


@pytest.mark.parametrize("kind", ["alias-bomb", "many-items", "huge-key", "deep-flow", "binary", "too-big"])
def test_memory_and_time_stay_bounded_in_process(kind):
    raw = nasty(kind, 300_000)
    tracemalloc.start()
    started = time.monotonic()
    try:
        accepted, problems = read_any("content/people/joe-biden.yaml", raw)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert not accepted and problems
    assert time.monotonic() - started < SECONDS_PER_FILE * 3  # tracing slows everything down
    assert peak < 256 * 1024 * 1024, f"{kind}: peak {peak / 2**20:.0f} MiB"


CHILD = """
import resource, sys
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
sys.argv = ["factcheck", *sys.argv[2:]]
from generator.cli import main
main()
"""


def run_limited(project: Path, *args: str, memory: int = 1 << 30, timeout: float = 120) -> subprocess.CompletedProcess:
    """The real command in a child process that may use at most `memory` bytes and `timeout` seconds."""
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "TZ", "FACTCHECK_DEBUG")}
    return subprocess.run(
        [sys.executable, "-c", CHILD, str(memory), "-C", str(project), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO,
        env=env,
        check=False,
    )


NASTIEST = [
    ("content/people/bomb.yaml", nasty("alias-bomb", 8), "too-many-values"),
    ("content/people/bomb.yaml", nasty("alias-bomb-map", 8), "too-many-values"),
    ("content/claims/items.yaml", nasty("many-items", 500_000), "too-many-values"),
    ("content/claims/deep.yaml", nasty("deep-flow", 400_000), "yaml-syntax"),
    ("content/articles/key.yaml", nasty("huge-key", MAX_FILE_BYTES), "unknown-field"),
    ("content/articles/big.yaml", b"x: " + b"y" * (64 * MAX_FILE_BYTES) + b"\n", "file-too-large"),
    ("content/articles/huge.yaml", None, "file-too-large"),
    ("content/people/noise.yaml", nasty("binary", MAX_FILE_BYTES), "encoding"),
    ("content/pages/deep.md", b"---\n" + nasty("deep-dashes", 400_000) + b"---\nbody\n", "yaml-syntax"),
]


@pytest.mark.parametrize("path,raw,code", NASTIEST, ids=[f"{c}-{i}" for i, (_, _, c) in enumerate(NASTIEST)])
def test_the_nastiest_files_stay_within_1_gib_and_a_time_limit(tmp_path, path, raw, code):
    project = write_project(tmp_path, {path: raw} if raw is not None else {})
    if raw is None:  # a sparse file of 2 GiB: reading it whole would break the memory limit
        with open(project / path, "wb") as sparse:
            sparse.truncate(2 << 30)
    started = time.monotonic()
    done = run_limited(project, "validate", "--format", "json", "--clock", CLOCK.isoformat())
    assert time.monotonic() - started < 60
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr[-2000:]
    assert done.returncode == 1, done.stderr[-2000:]
    found = {(d["path"], d["line"], d["code"]) for d in json.loads(done.stdout)}
    assert any(p == path and c == code for p, _, c in found), found


def test_a_fifo_or_a_symlink_out_of_the_project_is_not_read(tmp_path):
    """A named pipe would block a reader forever; a symlink could read files outside the project."""
    secret = tmp_path / "secret.yaml"
    secret.write_text("name: Secret\nkind: person\n", encoding="utf-8")
    project = write_project(tmp_path / "project", {})
    os.mkfifo(project / "content/claims/pipe.yaml")
    (project / "content/people/secret.yaml").symlink_to(secret)
    (project / "content/pages/link.md").symlink_to(project / "content/pages/tentang.md")
    done = run_limited(project, "validate", "--format", "json", "--clock", CLOCK.isoformat(), timeout=60)
    assert done.returncode == 0, done.stderr
    found = {(d["path"], d["line"], d["code"], d["severity"]) for d in json.loads(done.stdout)}
    assert found == {
        ("content/claims/pipe.yaml", 1, "unexpected-file", "warning"),
        ("content/people/secret.yaml", 1, "unexpected-file", "warning"),
        ("content/pages/link.md", 1, "unexpected-file", "warning"),
    }


# ------------------------------------------------------- ids that try to leave the output folder

HOSTILE_IDS = [
    # (value, what the message must say)
    ("../../etc/passwd", "U+002E FULL STOP"),
    ("..", "U+002E FULL STOP"),
    ("/etc/passwd", "U+002F SOLIDUS"),
    ("a/b", "U+002F SOLIDUS"),
    ("..\\..\\windows", "U+002E FULL STOP"),
    ("a\\b", "U+005C REVERSE SOLIDUS"),
    ("c:\\windows", "lowercase slug"),
    ("con", "reserved device name on Windows"),
    ("nul", "reserved device name on Windows"),
    ("aux", "reserved device name on Windows"),
    ("prn", "reserved device name on Windows"),
    ("com1", "reserved device name on Windows"),
    ("lpt1", "reserved device name on Windows"),
    ("CON", "lowercase slug"),
    ("m\u0435dcom", "U+0435 CYRILLIC SMALL LETTER IE"),
    ("medcom-\u0430", "U+0430 CYRILLIC SMALL LETTER A"),
    ("\uff4d\uff45\uff44\uff43\uff4f\uff4d", "U+FF4D FULLWIDTH LATIN SMALL LETTER M"),
    ("a\u2025b", "U+2025 TWO DOT LEADER"),
    ("med\u200bcom", "U+200B ZERO WIDTH SPACE"),
    ("medcom\u200d", "U+200D ZERO WIDTH JOINER"),
    ("\u202emedcom", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("med\u2066com", "U+2066 LEFT-TO-RIGHT ISOLATE"),
    ("medcom\n", "U+000A CONTROL CHARACTER"),  # '$' in the slug pattern matches before a final newline
    ("med com", "lowercase slug"),
    ("%2e%2e", "lowercase slug"),
    ("\ufb01le", "U+FB01 LATIN SMALL LIGATURE FI"),
]

CLAIM_FIELDS = [
    # (field, text to replace, replacement with {v}, line)
    ("claimant", "claimant: medcom", "claimant: {v}", 4),
    ("article", "article: medcom-berita", "article: {v}", 5),
    ("verdict", "verdict: salah", "verdict: {v}", 7),
    ("source id", "- id: readout", "- id: {v}", 14),
    ("tags", "tags: [sanksi]", "tags: [{v}]", 20),
    ("authors", "authors: [tim]", "authors: [tim, {v}]", 21),
    (
        "previous_verdict",
        "published: 2021-04-19T09:00:00+07:00",
        "published: 2021-04-19T09:00:00+07:00\ncorrections:\n  - date: 2021-04-20\n    note: Diperbaiki.\n"
        "    previous_verdict: {v}",
        26,
    ),
]
OTHER_FIELDS = [
    ("verdict id", SITE, SITE_YAML, "- id: benar", "- id: {v}", 13),
    ("article publisher", ARTICLE, ARTICLE_YAML, "publisher: medcom", "publisher: {v}", 3),
]
ID_ROWS = [
    pytest.param(
        {CLAIM: CLAIM_YAML.replace(old, new.format(v=json.dumps(value, ensure_ascii=False)))},
        CLAIM,
        line,
        fragment,
        id=f"{field}-{i}",
    )
    for field, old, new, line in CLAIM_FIELDS
    for i, (value, fragment) in enumerate(HOSTILE_IDS)
]
ID_ROWS += [
    pytest.param(
        {path: text.replace(old, new.format(v=json.dumps(value, ensure_ascii=False)))}, path, line, fragment, id=f"{field}-{i}"
    )
    for field, path, text, old, new, line in OTHER_FIELDS
    for i, (value, fragment) in enumerate(HOSTILE_IDS)
]


@pytest.mark.parametrize("files,path,line,fragment", ID_ROWS)
def test_hostile_ids_in_fields_are_refused(make_project, files, path, line, fragment):
    content, diagnostics = load_content(Project.at(make_project(files)), CLOCK)
    assert content is None
    rows = {(d.path, d.line, d.code): d for d in diagnostics if d.severity.value == "error"}
    assert (path, line, "bad-slug") in rows, sorted(rows)
    assert fragment in rows[(path, line, "bad-slug")].message


FILE_NAME_ROWS = [
    # (file name, folder, path as the diagnostic shows it, what the message must say)
    ("con.yaml", "people", "con.yaml", "reserved device name on Windows"),
    ("nul.md", "pages", "nul.md", "reserved device name on Windows"),
    ("aux.yaml", "articles", "aux.yaml", "reserved device name on Windows"),
    ("com1.yaml", "claims", "com1.yaml", "reserved device name on Windows"),
    ("lpt1.md", "pages", "lpt1.md", "reserved device name on Windows"),
    ("CON.yaml", "people", "CON.yaml", "lowercase slug"),
    ("a..b.yaml", "people", "a..b.yaml", "U+002E FULL STOP"),
    ("a\\b.yaml", "claims", "a\\b.yaml", "U+005C REVERSE SOLIDUS"),
    ("x\\..\\y.yaml", "claims", "x\\..\\y.yaml", "U+005C REVERSE SOLIDUS"),
    ("m\u0435dcom.yaml", "people", "m\u0435dcom.yaml", "U+0435 CYRILLIC SMALL LETTER IE"),
    ("\uff4a\uff4f\uff45.yaml", "people", "\uff4a\uff4f\uff45.yaml", "U+FF4A FULLWIDTH LATIN SMALL LETTER J"),
    ("a\u2025b.md", "pages", "a\u2025b.md", "U+2025 TWO DOT LEADER"),
    ("joe\u200bbiden.yaml", "people", "joe\\u200bbiden.yaml", "U+200B ZERO WIDTH SPACE"),
    ("\u202ejoe.yaml", "people", "\\u202ejoe.yaml", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("joe\n.yaml", "people", "joe\\u000a.yaml", "U+000A CONTROL CHARACTER"),
    ("joe biden.yaml", "people", "joe biden.yaml", "lowercase slug"),
    (os.fsdecode(b"\xc0\xaf.yaml"), "claims", "\\xc0\\xaf.yaml", "the byte 0xC0, which is not UTF-8"),  # overlong '/'
    (os.fsdecode(b"caf\xe9.yaml"), "claims", "caf\\xe9.yaml", "the byte 0xE9, which is not UTF-8"),  # Latin-1
]


@pytest.mark.parametrize("name,folder,shown,fragment", FILE_NAME_ROWS, ids=[f"file-{i}" for i in range(len(FILE_NAME_ROWS))])
def test_hostile_file_names_are_refused(make_project, run_cli, name, folder, shown, fragment):
    project = make_project()
    body = "---\ntitle: X\n---\nIsi.\n" if name.endswith(".md") else "name: X\nkind: person\n"
    (project / "content" / folder / name).write_text(body, encoding="utf-8")
    content, diagnostics = load_content(Project.at(project), CLOCK)
    assert content is None
    rows = {(d.path, d.line, d.code): d for d in diagnostics}
    path = f"content/{folder}/{shown}"
    assert (path, 1, "bad-id") in rows, sorted(rows)
    assert fragment in rows[(path, 1, "bad-id")].message
    assert rows[(path, 1, "bad-id")].severity.value == "error"
    # What the terminal shows is escaped, and the JSON output stays valid UTF-8.
    result = run_cli("validate", "--format", "json", project=project)
    assert result.exit_code == 1
    assert path in {d["path"] for d in json.loads(result.stdout_bytes.decode("utf-8"))}


def test_the_rename_hint_never_suggests_another_bad_name(make_project):
    project = make_project()
    for name in ("CON.yaml", "Nul.yaml", "J\u200boe.yaml", "\u202e.yaml"):
        (project / "content/people" / name).write_text("name: X\nkind: person\n", encoding="utf-8")
    _, diagnostics = load_content(Project.at(project), CLOCK)
    hints = sorted(d.hint for d in diagnostics if d.code == "bad-id")
    assert hints == [
        "rename it to a-descriptive-name.yaml",
        "rename it to con-info.yaml",
        "rename it to joe.yaml",
        "rename it to nul-info.yaml",
    ]


@pytest.mark.parametrize("value", ["joe-biden", "com10", "lpt", "console", "aux-1", "a1", "x" * 100])
def test_ordinary_ids_near_the_forbidden_ones_stay_valid(make_project, value):
    files = {
        f"content/people/{value}.yaml": "name: X\nkind: person\n",
        CLAIM: CLAIM_YAML.replace("authors: [tim]", f"authors: [tim, {value}]"),
    }
    content, diagnostics = load_content(Project.at(make_project(files)), CLOCK)
    assert content is not None, diagnostics


@pytest.mark.parametrize(
    "text,line,code",
    [
        (CLAIM_YAML + '? "\u202e' + "k" * 500_000 + '"\n: 1\n', 23, "unknown-field"),  # '? ': keys over 1024 characters
        (CLAIM_YAML + '? "\u202e' + "k" * 300_000 + '"\n: 1\n? "\u202e' + "k" * 300_000 + '"\n: 2\n', 25, "duplicate-key"),
        (CLAIM_YAML.replace("claim_date: 2021-04-16", 'claim_date: "' + "9" * 500_000 + '"'), 6, "bad-date"),
        (CLAIM_YAML.replace("claimant: medcom", 'claimant: "\u202e' + "x" * 500_000 + '"'), 4, "bad-slug"),
        (
            CLAIM_YAML.replace("summary: Panggilan terjadi dua hari sebelum perintah ditandatangani.", "summary: " + "1" * 4000),
            8,
            "yaml-trap",
        ),
    ],
)
def test_huge_or_invisible_text_is_quoted_short_and_escaped(make_project, text, line, code):
    _, diagnostics = load_content(Project.at(make_project({CLAIM: text})), CLOCK)
    assert (CLAIM, line, code) in {(d.path, d.line, d.code) for d in diagnostics}
    for d in diagnostics:
        assert len(d.message) < 300 and len(d.hint) < 300, (d.code, d.message[:100])
        assert "\u202e" not in d.message + d.hint
