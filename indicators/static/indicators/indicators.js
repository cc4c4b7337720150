/* Indicator page: accessible tabs and the Chart.js time series with its norm band.
   Reads right to left in Persian: the time axis is reversed and the y axis sits on the right. */
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

  function setupTabs(root) {
    var list = root.querySelector("[role=tablist]");
    if (!list) return;
    var tabs = Array.prototype.slice.call(list.querySelectorAll("[role=tab]"));
    list.hidden = false;
    root.classList.add("tabs-ready");
    function select(tab, focus) {
      tabs.forEach(function (t) {
        var on = t === tab;
        t.setAttribute("aria-selected", on ? "true" : "false");
        t.tabIndex = on ? 0 : -1;
        document.getElementById(t.getAttribute("aria-controls")).hidden = !on;
      });
      if (focus) tab.focus();
      if (tab.id === "tab-chart" && window.__indicatorChart) window.__indicatorChart.resize();
    }
    tabs.forEach(function (tab, i) {
      tab.addEventListener("click", function () { select(tab, false); });
      tab.addEventListener("keydown", function (e) {
        var rtl = document.dir === "rtl";
        var next = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1 }[e.key];
        if (next) { e.preventDefault(); select(tabs[(i + next + tabs.length) % tabs.length], true); }
        if (e.key === "Home") { e.preventDefault(); select(tabs[0], true); }
        if (e.key === "End") { e.preventDefault(); select(tabs[tabs.length - 1], true); }
      });
    });
    var wanted = location.hash && document.querySelector('[aria-controls="' + location.hash.slice(1) + '"]');
    select(wanted || tabs[0], false);
  }

  function drawChart() {
    var source = document.getElementById("chart-data");
    var canvas = document.getElementById("indicator-chart");
    if (!source || !canvas || !window.Chart) return;
    var data = JSON.parse(source.textContent);
    var locale = data.lang === "fa" ? "fa-IR" : "en-GB";
    var number = new Intl.NumberFormat(locale, { maximumFractionDigits: data.decimals });
    var styles = getComputedStyle(document.body);
    Chart.defaults.font.family = styles.fontFamily;
    Chart.defaults.color = "#1b2733";
    var palette = ["#0f5a73", "#9a4d00", "#17735d", "#7a3e9d", "#b3261e", "#4a5a6a"];
    var datasets = [];
    var n = data.labels.length;
    var norm = data.norm;
    if (norm.lower !== null || norm.upper !== null) {
      var band = { label: norm.label, pointRadius: 0, borderWidth: 0, backgroundColor: "rgba(31, 138, 112, .14)", order: 10 };
      if (norm.lower !== null && norm.upper !== null) {
        datasets.push(Object.assign({}, band, { data: Array(n).fill(norm.upper), fill: "+1" }));
        datasets.push(Object.assign({}, band, { label: "", data: Array(n).fill(norm.lower), fill: false }));
      } else if (norm.upper !== null) {
        datasets.push(Object.assign({}, band, { data: Array(n).fill(norm.upper), fill: "start" }));
      } else {
        datasets.push(Object.assign({}, band, { data: Array(n).fill(norm.lower), fill: "end" }));
      }
    }
    data.series.forEach(function (s, i) {
      datasets.push({
        label: s.label, data: s.data, borderColor: palette[i % palette.length], backgroundColor: palette[i % palette.length],
        borderWidth: 2.5, pointRadius: n > 30 ? 0 : 3, pointHoverRadius: 5, tension: 0.2, spanGaps: false, fill: false,
      });
    });
    window.__indicatorChart = new Chart(canvas, {
      type: "line",
      data: { labels: data.labels, datasets: datasets },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        locale: locale,
        interaction: { mode: "index", intersect: false },
        scales: {
          x: { reverse: data.rtl, offset: true, ticks: { maxRotation: 0, autoSkip: true, autoSkipPadding: 8, maxTicksLimit: 8, callback: periodTick }, grid: { display: false } },
          y: {
            position: data.rtl ? "right" : "left",
            title: { display: !!data.unit, text: data.unit },
            ticks: { callback: function (v) { return number.format(v); } },
          },
        },
        plugins: {
          legend: {
            rtl: data.rtl, textDirection: data.rtl ? "rtl" : "ltr", position: "bottom",
            labels: { filter: function (item) { return item.text !== ""; } },
          },
          tooltip: {
            rtl: data.rtl, textDirection: data.rtl ? "rtl" : "ltr",
            filter: function (item) { return item.dataset.label !== norm.label && item.dataset.label !== ""; },
            callbacks: {
              label: function (ctx) {
                return ctx.dataset.label + ": " + (ctx.parsed.y === null ? ".." : number.format(ctx.parsed.y));
              },
            },
          },
        },
      },
    });
  }

  function start() {
    document.querySelectorAll("[data-tabs]").forEach(setupTabs);
    drawChart();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
