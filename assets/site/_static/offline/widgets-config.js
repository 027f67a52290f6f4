// Point the widget runtime at this site's own copies, so widgets render where CDNs are blocked.
// Loaded on every page with widget state, after require.js and before embed-amd.js (order set by
// `nb_ipywidgets_js` in _config.yml). Paths are absolute URLs computed from this script's own URL,
// so pages at any folder depth (intro.html, chapters/x.html, exercises/solutions/y.html) agree.
(function () {
  "use strict";
  var vendor = new URL(".", document.currentScript.src).href; // <site root>/_static/offline/
  var dist = vendor + "@jupyter-widgets/html-manager/dist/";
  require.config({
    baseUrl: vendor,
    paths: {
      // The html-manager asks require.js for `anywidget` before its CDN fallback: serve ours.
      anywidget: vendor + "anywidget/dist/index",
      // embed-amd.js defines both modules below, and each one's bundle loads its Font Awesome fonts
      // from the folder of its module URL: map both into dist/, where the fonts are copied.
      "@jupyter-widgets/html-manager": dist + "index",
      "@jupyter-widgets/html-manager/dist/libembed-amd": dist + "libembed-amd",
    },
  });
})();
