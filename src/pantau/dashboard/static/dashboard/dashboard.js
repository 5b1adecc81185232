/* Pantau dashboard: the choropleth of the child regions and the trend chart (Apache ECharts,
 * served locally). The numbers come from JSON in the page (json_script); the map outlines are
 * fetched from a URL that carries their hash, so the browser caches them for a year. Every
 * number on the charts is also in a table on the page: the charts add sight, not content. */
(function () {
  "use strict";

  // ColorBrewer YlGnBu, 7 classes: sequential and colour-blind safe; dark is always "better".
  var SEQUENTIAL = ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"];
  var NO_DATA = "#d9d9d9"; // a region without a figure; the legend's .swatch.no-figure too
  var HOVER = "#e69f00"; // Okabe-Ito orange, as the focus outline
  var lang = document.documentElement.lang || "id";
  var charts = {};
  window.pantauCharts = charts; // for the browser tests, and for a curious officer's console

  function jsonData(id) {
    var node = document.getElementById(id);
    if (!node) return null;
    return JSON.parse(node.textContent);
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }

  function formatValue(value, unit) {
    if (value === null || value === undefined || isNaN(value)) return "–";
    if (unit === "percent") {
      return new Intl.NumberFormat(lang, {minimumFractionDigits: 1, maximumFractionDigits: 1})
        .format(value) + " %";
    }
    var whole = new Intl.NumberFormat(lang, {maximumFractionDigits: 0}).format(value);
    return unit === "rupiah" ? "Rp" + whole : whole;
  }

  // A tick of a percent axis with the step's decimals (charts.percent_axis): "0 %", "20 %"
  // when the step is whole, "0,5 %" (Indonesian decimal comma) when it is not.
  function formatTick(value, decimals) {
    return new Intl.NumberFormat(lang, {minimumFractionDigits: decimals,
                                        maximumFractionDigits: decimals}).format(value) + " %";
  }

  // The legend says what the colours count and in which unit ("Cakupan UCJ (%)").
  function legendCaption(payload) {
    var unit = {percent: " (%)", rupiah: " (Rp)"}[payload.unit] || "";
    return payload.indicator + unit;
  }

  // Labels on the map name the regions as people say them: "Kab. Kutai Barat".
  function shortName(name) {
    return String(name || "").replace(/^Kabupaten /, "Kab. ").replace(/^Kota Administrasi /, "Kota ");
  }

  function autosubmit() {
    document.querySelectorAll("form[data-autosubmit] select").forEach(function (select) {
      select.addEventListener("change", function () { select.form.requestSubmit(); });
    });
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  }

  function drawMap(payload) {
    var node = document.getElementById("map");
    if (!node || !payload) return;
    fetch(payload.geometry, {credentials: "same-origin"})
      .then(function (response) {
        if (!response.ok) throw new Error("map outlines: HTTP " + response.status);
        return response.json();
      })
      .then(function (geometry) {
        var name = "pantau:" + payload.geometry;
        echarts.registerMap(name, geometry);
        var values = payload.regions
          .map(function (r) { return r.value; })
          .filter(function (v) { return v !== null; });
        var low = values.length ? Math.min.apply(null, values) : 0;
        var high = values.length ? Math.max.apply(null, values) : 1;
        if (low === high) high = low + 1;
        var colours = payload.higherIsBetter ? SEQUENTIAL : SEQUENTIAL.slice().reverse();
        var chart = echarts.init(node, null, {renderer: "canvas"});
        chart.setOption({
          animation: false,
          tooltip: {
            trigger: "item",
            formatter: function (p) {
              var d = p.data;
              if (!d) return escapeHtml(p.name);
              return "<strong>" + escapeHtml(d.regionName) + "</strong><br>" +
                escapeHtml(payload.indicator) + ": " + escapeHtml(d.text) +
                (d.rank ? "<br>#" + d.rank : "");
            }
          },
          visualMap: {
            type: "continuous", min: low, max: high, calculable: false, realtime: false,
            orient: "horizontal", left: "left", bottom: 0, itemWidth: 16,
            itemHeight: Math.max(120, Math.min(320, node.clientWidth - 180)),
            inRange: {color: colours}, outOfRange: {color: NO_DATA},
            text: [formatValue(high, payload.unit), formatValue(low, payload.unit)],
            textStyle: {color: "#1d2433", fontSize: 13}
          },
          graphic: [{
            type: "text", left: 0, bottom: 40,
            style: {text: legendCaption(payload), fill: "#1d2433", fontSize: 13, fontWeight: 600}
          }],
          series: [{
            type: "map", map: name, nameProperty: "code", roam: false,
            left: 4, right: 4, top: 4, bottom: 72, // the map fills the box; the legend below
            itemStyle: {areaColor: NO_DATA, borderColor: "#ffffff", borderWidth: 0.6},
            // Every region named where there is room; a name that would overlap another is
            // left out (the tooltip and the table below have them all).
            label: {
              show: true, fontSize: 11, color: "#1d2433", textBorderColor: "#ffffff",
              textBorderWidth: 2,
              formatter: function (p) { return shortName(p.data ? p.data.regionName : p.name); }
            },
            labelLayout: {hideOverlap: true},
            emphasis: {label: {show: true}, itemStyle: {areaColor: HOVER}},
            select: {disabled: true},
            data: payload.regions.map(function (r) {
              return {name: r.code, value: r.value === null ? NaN : r.value, regionName: r.name,
                      text: r.text, rank: r.rank, url: r.url};
            })
          }]
        });
        chart.on("click", function (p) {
          if (p.data && p.data.url) window.location.assign(p.data.url);
        });
        window.addEventListener("resize", function () { chart.resize(); });
        charts.map = chart;
        node.dataset.ready = "true";
      })
      .catch(function (error) {
        node.textContent = node.dataset.failed || String(error);
        node.classList.add("failed");
        console.error(error);
      });
  }

  // A share's axis runs from 0 to the page's `axis.max` in its steps (charts.percent_axis);
  // other units keep ECharts' own steps.
  function yAxis(payload) {
    var axis = payload.axis;
    var options = {
      type: "value", min: 0, name: legendCaption(payload),
      nameTextStyle: {align: "left", color: "#5b6475"},
      axisLabel: {formatter: function (v) {
        return axis ? formatTick(v, axis.decimals) : formatValue(v, payload.unit);
      }}
    };
    if (axis) {
      options.max = axis.max;
      options.interval = axis.interval;
    }
    return options;
  }

  function drawTrend(payload) {
    var node = document.getElementById("trend");
    if (!node || !payload || !payload.months.length) return;
    var chart = echarts.init(node, null, {renderer: "canvas"});
    chart.setOption({
      animation: false,
      grid: {left: 8, right: 16, top: 24, bottom: 8, containLabel: true},
      tooltip: {
        trigger: "axis",
        formatter: function (items) {
          var i = items[0].dataIndex;
          return escapeHtml(payload.labels[i]) + "<br>" + escapeHtml(payload.indicator) + ": " +
            escapeHtml(payload.texts[i]);
        }
      },
      // The first and last months' labels sit inside the chart, not cut at its edges.
      xAxis: {
        type: "category", data: payload.labels, boundaryGap: false,
        axisLabel: {alignMinLabel: "left", alignMaxLabel: "right", hideOverlap: true}
      },
      // From zero: a rise from 62 % to 67 % looks like what it is, not a climb off the chart.
      yAxis: yAxis(payload),
      series: [{
        type: "line", data: payload.values, connectNulls: false, symbolSize: 7,
        lineStyle: {color: "#0072b2", width: 2.5}, itemStyle: {color: "#0072b2"}
      }]
    });
    window.addEventListener("resize", function () { chart.resize(); });
    charts.trend = chart;
    node.dataset.ready = "true";
  }

  document.addEventListener("DOMContentLoaded", function () {
    autosubmit();
    if (!window.echarts) return;
    drawMap(jsonData("map-data"));
    drawTrend(jsonData("trend-data"));
  });
})();
