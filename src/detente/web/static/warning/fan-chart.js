// The country page's fan charts: observed deaths and a forecast median with its 90% (and,
// when given, 50%) interval as shaded bands. Each canvas[data-fan] names the script element
// holding its data (the forecast, the track record of past forecasts); the same numbers are
// in the table under each chart.
(function () {
  "use strict";
  function drawAll() {
    document.querySelectorAll("canvas[data-fan]").forEach(draw);
  }
  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.fan);
    if (!source || typeof Chart === "undefined" || canvas.dataset.ready) {
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
        ].concat(data.q25 ? [
          line(data.text.band50, data.q75, { fill: "+1", backgroundColor: "rgba(0,114,178,0.35)" }),
          line("q25", data.q25, { fill: false }),
        ] : []).concat([
          line(data.text.median, data.median, { borderColor: blue, borderWidth: 2, borderDash: [6, 4] }),
          line(data.text.observed, data.observed, {
            borderColor: "#D55E00", borderWidth: 2, pointRadius: 2, backgroundColor: "#D55E00",
          }),
        ]),
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
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
