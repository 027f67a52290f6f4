"""The Python examples in README.md and CONTRIBUTING.md run as written (an instructor copies them first)."""
import pathlib
import re
import textwrap

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
BLOCKS = [
    (name, n, code)
    for name in ("README.md", "CONTRIBUTING.md")
    for n, code in enumerate(re.findall(r"```python\n(.*?)```", (ROOT / name).read_text(encoding="utf-8"), re.S))
]


def test_readme_has_an_example():
    assert any(name == "README.md" for name, _, _ in BLOCKS)


@pytest.mark.parametrize(("name", "n", "code"), BLOCKS, ids=[f"{name}-{n}" for name, n, _ in BLOCKS])
def test_example_runs(name, n, code):
    exec(compile(textwrap.dedent(code), f"{name} example {n}", "exec"), {})  # README indents it in a list
