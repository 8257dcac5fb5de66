// Draws the charts built server-side (resolutions/charts.py). Each chart element
// names the <script type="application/json"> that holds its figure. The tables
// beside the charts hold the same numbers, so the page reads without this script.
(function () {
  "use strict";
  function draw() {
    if (typeof window.Plotly === "undefined") {
      return;
    }
    document.querySelectorAll("[data-chart]").forEach(function (element) {
      var source = document.getElementById(element.dataset.chart);
      if (!source) {
        return;
      }
      var figure = JSON.parse(source.textContent);
      // Every chart in the site's template (static/js/chart-template.js, loaded once).
      if (!figure.layout.template && window.chartTemplate) {
        figure.layout.template = window.chartTemplate;
      }
      window.Plotly.newPlot(element, figure.data, figure.layout, {
        responsive: true,
        displaylogo: false,
        modeBarButtonsToRemove: ["select2d", "lasso2d"],
      }).then(function () {
        element.classList.add("drawn");
        // A chart whose points carry a link (layout.meta.links: the URL first in
        // each point's customdata) opens it on click; the table below has the same links.
        if (figure.layout.meta && figure.layout.meta.links) {
          element.on("plotly_click", function (event) {
            var point = event.points && event.points[0];
            var link = point && point.customdata && point.customdata[0];
            if (typeof link === "string" && link.charAt(0) === "/") {
              window.location.href = link;
            }
          });
        }
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
