/* The claims page's month chart: amount paid per month, stacked by programme (Apache ECharts,
 * served locally, as on the dashboard). Every number is also in the month table. */
(function () {
  "use strict";

  // Okabe-Ito: colour-blind safe, one colour a programme.
  var COLOURS = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9"];
  var lang = document.documentElement.lang || "id";

  function rupiah(value) {
    return "Rp" + new Intl.NumberFormat(lang, {maximumFractionDigits: 0}).format(value);
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }

  function draw() {
    var node = document.getElementById("claims-chart");
    var data = document.getElementById("claims-data");
    if (!node || !data || !window.echarts) return;
    var payload = JSON.parse(data.textContent);
    if (!payload.months.length) return;
    var chart = echarts.init(node, null, {renderer: "canvas"});
    chart.setOption({
      animation: false,
      color: COLOURS,
      grid: {left: 8, right: 16, top: 40, bottom: 8, containLabel: true},
      legend: {top: 0, type: "scroll"},
      tooltip: {
        trigger: "axis",
        axisPointer: {type: "shadow"},
        formatter: function (items) {
          var i = items[0].dataIndex;
          var lines = [escapeHtml(payload.labels[i])];
          items.forEach(function (item) {
            if (item.value) lines.push(escapeHtml(item.seriesName) + ": " + rupiah(item.value));
          });
          return lines.join("<br>");
        }
      },
      xAxis: {type: "category", data: payload.labels, axisLabel: {hideOverlap: true}},
      // From zero, in Rupiah.
      yAxis: {type: "value", min: 0, axisLabel: {formatter: function (v) {
        return new Intl.NumberFormat(lang, {notation: "compact"}).format(v);
      }}},
      series: payload.series.map(function (s) {
        return {type: "bar", stack: "paid", name: s.name, data: s.values};
      })
    });
    window.addEventListener("resize", function () { chart.resize(); });
    window.pantauCharts = window.pantauCharts || {};
    window.pantauCharts.claims = chart;
    node.dataset.ready = "true";
  }

  document.addEventListener("DOMContentLoaded", draw);
})();
