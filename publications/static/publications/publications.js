/* Charts of publications, drawn with the site's own copy of Chart.js (no CDN).
   The data come from a JSON script beside each canvas; the same numbers are in
   the table under "The data in this chart". Right to left on Persian pages. */
(function () {
  "use strict";
  /* Axis labels on two lines («اسفند» / «۱۴۰۳», "Spring" / "1403"), the
     Gregorian span in brackets dropped: a long period label never gets cut off
     at either end, in either direction. */
  function periodTick(value) {
    var label = String(this.getLabelForValue(value)).replace(/\s*\(.*\)\s*$/, "");
    var cut = label.lastIndexOf(" ");
    return cut > 0 ? [label.slice(0, cut), label.slice(cut + 1)] : label;
  }
  var rtl = document.documentElement.dir === "rtl";
  var lang = document.documentElement.lang || "fa";
  var palette = ["#0b5cad", "#d9822b", "#2e8540", "#8b3fa8", "#c0392b", "#5b6b7a", "#1f9fb4", "#a67c00"];
  var fmt = new Intl.NumberFormat(lang === "fa" ? "fa-IR" : "en-GB");

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source || typeof Chart === "undefined") return;
    var spec = JSON.parse(source.textContent);
    var datasets = spec.series.map(function (s, i) {
      var colour = palette[i % palette.length];
      return { label: s.name, data: s.values, borderColor: colour, backgroundColor: colour,
               tension: 0.2, spanGaps: false, pointRadius: 3 };
    });
    canvas.chart = new Chart(canvas, {
      type: spec.type === "bar" ? "bar" : "line",
      data: { labels: spec.labels, datasets: datasets },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false, locale: lang === "fa" ? "fa-IR" : "en-GB",
        plugins: {
          legend: { display: datasets.length > 1, rtl: rtl, position: "bottom" },
          tooltip: { rtl: rtl, callbacks: { label: function (c) { return c.dataset.label + ": " + (c.parsed.y === null ? "…" : fmt.format(c.parsed.y)); } } }
        },
        scales: {
          x: { reverse: rtl, offset: true, ticks: { autoSkip: true, autoSkipPadding: 8, maxRotation: 0, callback: periodTick } },
          y: { position: rtl ? "right" : "left", beginAtZero: spec.type === "bar", ticks: { callback: function (v) { return fmt.format(v); } } }
        }
      }
    });
  }

  function init() {
    document.querySelectorAll("canvas[data-chart]").forEach(draw);
    document.querySelectorAll("[data-print]").forEach(function (b) { b.addEventListener("click", function () { window.print(); }); });
  }
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("canvas[data-chart]").forEach(function (c) { if (c.chart) c.chart.resize(); });
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
