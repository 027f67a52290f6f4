"""followup.sphinx_figures: the site's figures as palette PNGs, only when that keeps them faithful."""

import doctest
import io
import random
import types

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from PIL import Image  # noqa: E402

import followup.sphinx_figures as sphinx_figures  # noqa: E402


def chart_png() -> bytes:
    """A small line chart as matplotlib writes it for a notebook (full colour, anti-aliased)."""
    figure, axes = plt.subplots(figsize=(4, 2.5), dpi=100)
    axes.plot(range(20), [x * x for x in range(20)], marker="o", label="demand")
    axes.plot(range(20), [15 * x for x in range(20)], linestyle="--", label="capacity")
    axes.set(title="Demand against capacity", xlabel="week", ylabel="units")
    axes.legend()
    out = io.BytesIO()
    figure.savefig(out, format="png")
    plt.close(figure)
    return out.getvalue()


def test_a_chart_becomes_a_smaller_faithful_palette_png():
    original = chart_png()
    lighter = sphinx_figures.lighter_png(original)
    assert lighter is not None and len(lighter) < 0.7 * len(original)
    image = Image.open(io.BytesIO(lighter))
    assert image.mode == "P" and image.size == Image.open(io.BytesIO(original)).size
    _, psnr = sphinx_figures.to_palette(Image.open(io.BytesIO(original)))
    assert psnr >= sphinx_figures.MIN_PSNR


def test_a_photograph_like_image_is_left_as_it_is():
    rng = random.Random(7)
    noise = Image.frombytes("RGB", (64, 64), bytes(rng.randrange(256) for _ in range(64 * 64 * 3)))
    out = io.BytesIO()
    noise.save(out, "PNG")
    assert sphinx_figures.lighter_png(out.getvalue()) is None


def test_a_figure_with_transparency_is_left_as_it_is():
    image = Image.new("RGBA", (20, 20), (0, 0, 0, 0))
    out = io.BytesIO()
    image.save(out, "PNG")
    assert sphinx_figures.lighter_png(out.getvalue()) is None


def test_the_build_step_rewrites_the_site_copy_and_caches_by_content(tmp_path, monkeypatch):
    images = tmp_path / "html" / "_images"
    images.mkdir(parents=True)
    original = chart_png()
    (images / "chart.png").write_bytes(original)
    app = types.SimpleNamespace(outdir=str(tmp_path / "html"), doctreedir=str(tmp_path / "doctrees"),
                                builder=types.SimpleNamespace(format="html"))
    sphinx_figures.lighten_figures(app, None)
    first = (images / "chart.png").read_bytes()
    assert len(first) < len(original) and Image.open(images / "chart.png").mode == "P"
    # a rebuild copies the original again: the cached result is used, nothing is re-encoded
    (images / "chart.png").write_bytes(original)
    monkeypatch.setattr(sphinx_figures, "lighter_png", lambda data: (_ for _ in ()).throw(AssertionError("re-encoded")))
    sphinx_figures.lighten_figures(app, None)
    assert (images / "chart.png").read_bytes() == first


def test_a_failed_build_is_left_alone(tmp_path):
    app = types.SimpleNamespace(outdir=str(tmp_path / "missing"), doctreedir=str(tmp_path / "d"),
                                builder=types.SimpleNamespace(format="html"))
    sphinx_figures.lighten_figures(app, RuntimeError("the build failed"))
    assert not (tmp_path / "d").exists()


def test_images_load_lazily_unless_the_author_said_otherwise():
    from docutils import nodes

    doctree = nodes.document(None, None)
    figure, eager = nodes.image(uri="a.png"), nodes.image(uri="b.png", loading="eager")
    doctree += [figure, eager]
    app = types.SimpleNamespace(builder=types.SimpleNamespace(format="html"))
    sphinx_figures.load_lazily(app, doctree, "chapters/01-goals")
    assert figure["loading"] == "lazy" and eager["loading"] == "eager"


def test_docstring_example():
    assert doctest.testmod(sphinx_figures).failed == 0
