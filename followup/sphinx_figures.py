"""Sphinx extension of the book: lighter figures on the site (a 256-colour palette, loaded as the reader scrolls).

Matplotlib writes full-colour PNGs; a chart has a few flat colours plus the anti-aliased edges between them,
so a 256-colour palette (median cut, no dithering) keeps it visually the same at about 37 % of the bytes
(chapters 1 and 2: 0.36 MB of figures -> 0.13 MB each). After the build has copied the figures into
``_images/``, this extension re-encodes each one whose palette version stays within ``MIN_PSNR`` of the
original (the peak signal-to-noise ratio of the charts is 49-99 dB; a photograph or a smooth colour map that
falls below it is left as it is, and so is a figure with transparency). Only the published copy changes: the
notebooks keep matplotlib's PNG (JupyterLab, Binder and nbval see what the kernel drew).

Re-encoding takes about a second per figure on a busy machine, so results are cached by the figure's
content hash next to Sphinx's doctrees (``<build>/.doctrees/figures/``) and a rebuild re-encodes only new
figures.

Every image of a page is also marked ``loading="lazy"`` (docutils' ``loading`` attribute): the browser
fetches the figures near the screen at once and the others as the reader scrolls towards them, so opening
a chapter does not wait for the figures at its end (``benchmarks/bench_pages.py`` prints the bytes at load
and after scrolling through the whole page).

Loaded by name from ``sphinx.config.extensions`` in ``_config.yml``.

>>> from PIL import Image
>>> chart = Image.new("RGB", (40, 20), "white"); chart.paste((0, 114, 178), (0, 0, 20, 20))
>>> palette, psnr = to_palette(chart)
>>> palette.mode, len(palette.getcolors()), psnr
('P', 2, inf)
"""
from __future__ import annotations

import hashlib
import io
import math
import pathlib
import shutil

MIN_PSNR = 45.0  # dB: below it the palette would visibly change the figure; keep the original


def to_palette(image):
    """(the image with a 256-colour palette, its PSNR in dB against the original; ``inf`` when identical)."""
    from PIL import Image, ImageChops, ImageStat

    rgb = image.convert("RGB")
    palette = rgb.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    squares = ImageStat.Stat(ImageChops.difference(rgb, palette.convert("RGB"))).sum2
    mse = sum(squares) / (3 * rgb.width * rgb.height)
    return palette, (math.inf if mse == 0 else 10 * math.log10(255**2 / mse))


def lighter_png(data: bytes) -> bytes | None:
    """The palette PNG of a figure, or None when it would not be smaller or not faithful enough."""
    from PIL import Image

    image = Image.open(io.BytesIO(data))
    if image.mode in ("RGBA", "LA") and image.getchannel("A").getextrema()[0] < 255:
        return None  # transparency: a palette would need an alpha table, and the charts have none
    if image.mode == "P":
        return None
    palette, psnr = to_palette(image)
    if psnr < MIN_PSNR:
        return None
    out = io.BytesIO()
    palette.save(out, "PNG", optimize=True)
    return out.getvalue() if len(out.getvalue()) < len(data) else None


def lighten_figures(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    images = pathlib.Path(app.outdir) / "_images"
    cache = pathlib.Path(app.doctreedir) / "figures"
    cache.mkdir(parents=True, exist_ok=True)
    for figure in sorted(images.glob("*.png")):
        data = figure.read_bytes()
        cached = cache / hashlib.sha256(data).hexdigest()
        if not cached.exists():
            lighter = lighter_png(data)
            cached.write_bytes(lighter if lighter is not None else b"")  # empty: keep the original
        if cached.stat().st_size:
            shutil.copyfile(cached, figure)


def load_lazily(app, doctree, docname: str) -> None:
    """Mark the page's images ``loading="lazy"``, unless an author set another ``:loading:``."""
    from docutils import nodes

    if app.builder.format != "html":
        return
    for image in doctree.findall(nodes.image):
        image.setdefault("loading", "lazy")


def setup(app):
    app.connect("doctree-resolved", load_lazily)
    app.connect("build-finished", lighten_figures)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
