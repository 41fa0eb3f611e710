// The country page's forecast fan chart: observed deaths, then the forecast median with its
// 50% and 90% intervals as shaded bands. Data comes from script#forecast-data; the same
// numbers are in the table under the chart.
(function () {
  "use strict";
  function draw() {
    var canvas = document.getElementById("forecast-chart");
    var source = document.getElementById("forecast-data");
    if (!canvas || !source || typeof Chart === "undefined" || canvas.dataset.ready) {
      return;
    }
    var data = JSON.parse(source.textContent);
    var format = new Intl.NumberFormat(data.locale);
    var blue = "#0072B2";
    function line(label, values, options) {
      var set = { label: label, data: values, pointRadius: 0, borderWidth: 0, spanGaps: false };
      Object.keys(options || {}).forEach(function (key) { set[key] = options[key]; });
      return set;
    }
    new Chart(canvas, {
      type: "line",
      data: {
        labels: data.labels,
        datasets: [
          line(data.text.band90, data.q95, { fill: "+1", backgroundColor: "rgba(0,114,178,0.15)" }),
          line("q05", data.q05, { fill: false }),
          line(data.text.band50, data.q75, { fill: "+1", backgroundColor: "rgba(0,114,178,0.35)" }),
          line("q25", data.q25, { fill: false }),
          line(data.text.median, data.median, { borderColor: blue, borderWidth: 2, borderDash: [6, 4] }),
          line(data.text.observed, data.observed, {
            borderColor: "#D55E00", borderWidth: 2, pointRadius: 2, backgroundColor: "#D55E00",
          }),
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        locale: data.locale,
        interaction: { mode: "index", intersect: false },
        scales: {
          y: {
            beginAtZero: true,
            title: { display: true, text: data.text.y },
            ticks: { callback: function (value) { return format.format(value); } },
          },
        },
        plugins: {
          legend: {
            position: "bottom",
            labels: { filter: function (item) { return item.text !== "q05" && item.text !== "q25"; } },
          },
          tooltip: {
            filter: function (item) { return item.raw !== null && item.raw !== undefined; },
          },
        },
      },
    });
    canvas.dataset.ready = "true";
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
