/* Pantau compare page: grouped bars, one group per region and one bar per month, from the
 * JSON in the page (json_script); every number is also in the table beside it. Served
 * locally (ECharts is vendored), no inline script, as the Content-Security-Policy wants. */
(function () {
  "use strict";

  // Okabe-Ito: colour-blind safe; the newest month (last series) gets the strongest blue.
  var COLOURS = ["#56b4e9", "#e69f00", "#009e73", "#0072b2"];
  var lang = document.documentElement.lang || "id";
  window.pantauCharts = window.pantauCharts || {};

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }

  function formatValue(value, unit) {
    if (value === null || value === undefined || isNaN(value)) return "–";
    if (unit === "percent") {
      return new Intl.NumberFormat(lang, {maximumFractionDigits: 1}).format(value) + " %";
    }
    var whole = new Intl.NumberFormat(lang, {notation: "compact", maximumFractionDigits: 1})
      .format(value);
    return unit === "rupiah" ? "Rp" + whole : whole;
  }

  function draw(payload) {
    var node = document.getElementById("compare-chart");
    if (!node || !payload || !payload.series.length) return;
    var series = payload.series;
    var palette = COLOURS.slice(COLOURS.length - series.length);
    var chart = echarts.init(node, null, {renderer: "canvas"});
    chart.setOption({
      animation: false,
      color: palette,
      legend: {top: 0, data: series.map(function (s) { return s.month; })},
      grid: {left: 8, right: 24, top: 32, bottom: 8, containLabel: true},
      tooltip: {
        trigger: "axis", axisPointer: {type: "shadow"},
        formatter: function (items) {
          var i = items[0].dataIndex;
          var lines = ["<strong>" + escapeHtml(payload.regions[i]) + "</strong>"];
          series.forEach(function (s) {
            lines.push(escapeHtml(s.month) + ": " + escapeHtml(s.texts[i]));
          });
          return lines.join("<br>");
        }
      },
      // Region names along the side read on a phone too; the first region on top.
      yAxis: {type: "category", data: payload.regions, inverse: true,
              axisLabel: {width: 110, overflow: "truncate"}},
      xAxis: {type: "value", splitNumber: node.clientWidth < 480 ? 3 : 5,
              axisLabel: {hideOverlap: true,
                          formatter: function (v) { return formatValue(v, payload.unit); }}},
      series: series.map(function (s) {
        return {type: "bar", name: s.month, barMaxWidth: 18,
                data: s.values.map(function (v) { return v === null ? "-" : v; })};
      })
    });
    window.addEventListener("resize", function () { chart.resize(); });
    window.pantauCharts.compare = chart;
    node.dataset.ready = "true";
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
    // An empty "add a code" box adds nothing: leave it out of the URL (`wilayah=`).
    var form = document.getElementById("compare-form");
    var add = document.getElementById("tambah-kode");
    if (form && add) {
      form.addEventListener("submit", function () { add.disabled = !add.value.trim(); });
    }
    var node = document.getElementById("compare-chart");
    if (!node || !window.echarts) return;
    // A bar per region and month: the box grows with the regions, within reason.
    var data = document.getElementById("compare-data");
    var payload = data ? JSON.parse(data.textContent) : null;
    if (payload) {
      var bars = payload.regions.length * Math.max(1, payload.series.length);
      node.style.height = Math.max(16, Math.min(40, 4 + bars * 1.3)) + "rem";
    }
    draw(payload);
  });
})();
