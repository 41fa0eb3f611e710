// The country page's history chart: deaths per year by type of violence, stacked bars.
// Data comes from script#history-data; the same numbers are in the table below the chart.
(function () {
  "use strict";
  var canvas = document.getElementById("history-chart");
  var source = document.getElementById("history-data");
  if (!canvas || !source || typeof Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var format = new Intl.NumberFormat(data.locale);
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.years,
      datasets: data.series.map(function (series) {
        return { label: series.label, data: series.values, backgroundColor: series.colour };
      }),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      locale: data.locale,
      interaction: { mode: "index", intersect: false },
      scales: {
        x: { stacked: true, ticks: { autoSkip: true, maxRotation: 0 } },
        y: {
          stacked: true,
          beginAtZero: true,
          title: { display: true, text: data.yLabel },
          ticks: { callback: function (value) { return format.format(value); } },
        },
      },
      plugins: { legend: { position: "bottom" } },
    },
  });
  canvas.dataset.ready = "true";
})();
