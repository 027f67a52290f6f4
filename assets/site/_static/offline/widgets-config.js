// Point the widget runtime at this site's own copies, so widgets render where CDNs are blocked.
// Loaded on every page with widget state, after require.js and before embed-amd.js (order set by
// `nb_ipywidgets_js` in _config.yml). Paths are absolute URLs computed from this script's own URL,
// so pages at any folder depth (intro.html, chapters/x.html, exercises/solutions/y.html) agree.
(function () {
  "use strict";
  var vendor = new URL(".", document.currentScript.src).href; // <site root>/_static/offline/
  require.config({
    // The widget bundles resolve their fonts from their module URL (baseUrl + module name), which
    // lands in _static/offline/@jupyter-widgets/html-manager/dist/ where the fonts are copied.
    baseUrl: vendor,
    // The html-manager asks require.js for `anywidget` before its CDN fallback: serve ours.
    paths: { anywidget: vendor + "anywidget/dist/index" },
  });
})();
