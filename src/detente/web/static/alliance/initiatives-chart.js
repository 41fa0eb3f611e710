// The initiatives page chart: endorser counts of each initiative over time (line chart).
// Data comes from script#initiatives-data; the same numbers are in the table below the chart.
(function () {
  "use strict";
  var canvas = document.getElementById("initiatives-chart");
  var source = document.getElementById("initiatives-data");
  if (!canvas || !source || typeof Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var format = new Intl.NumberFormat(data.locale);
  new Chart(canvas, {
    type: "line",
    data: {
      labels: data.labels,
      datasets: data.datasets.map(function (series) {
        return {
          label: series.label,
          data: series.values,
          borderColor: series.colour,
          backgroundColor: series.colour,
          borderDash: series.dashed ? [6, 4] : [],
          spanGaps: true,
          stepped: series.dashed,
          pointRadius: 4,
        };
      }),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      locale: data.locale,
      scales: {
        y: {
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
