// The initiatives page chart: endorser counts of each initiative over time (line chart).
// Data comes from script#initiatives-data; the same numbers are in the table below the chart.
// Dates sit on a linear axis of years (2019.73 is late September 2019), so the gap between
// two counts is drawn to scale: on a category axis four years between counts took one step,
// as much as a fortnight elsewhere, and every line looked straight.
(function () {
  "use strict";
  var canvas = document.getElementById("initiatives-chart");
  var source = document.getElementById("initiatives-data");
  if (!canvas || !source || typeof Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var format = new Intl.NumberFormat(data.locale);
  var dateFormat = new Intl.DateTimeFormat(data.locale, {
    year: "numeric", month: "long", day: "numeric", timeZone: "UTC",
  });

  function fractionalYear(isoDate) {
    var time = Date.parse(isoDate + "T00:00:00Z");
    var year = new Date(time).getUTCFullYear();
    var start = Date.UTC(year, 0, 1);
    var length = Date.UTC(year + 1, 0, 1) - start;
    return year + (time - start) / length;
  }

  function points(values) {
    var found = [];
    data.labels.forEach(function (label, index) {
      if (values[index] !== null && values[index] !== undefined) {
        found.push({ x: fractionalYear(label), y: values[index], date: label });
      }
    });
    return found;
  }

  new Chart(canvas, {
    type: "line",
    data: {
      datasets: data.datasets.map(function (series) {
        return {
          label: series.label,
          data: points(series.values),
          borderColor: series.colour,
          backgroundColor: series.colour,
          borderDash: series.dashed ? [6, 4] : [],
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
        x: {
          type: "linear",
          ticks: {
            stepSize: 1,
            // a year, never grouped like a quantity ("2 019")
            callback: function (value) { return Number.isInteger(value) ? String(value) : ""; },
          },
        },
        y: {
          beginAtZero: true,
          title: { display: true, text: data.yLabel },
          ticks: { callback: function (value) { return format.format(value); } },
        },
      },
      plugins: {
        legend: {
          position: "bottom",
          labels: {
            // Chart.js does not wrap legend entries: on a phone the longest names ran past
            // both edges. Shorten them to the chart's width; the table below has them in full.
            generateLabels: function (chart) {
              var entries = Chart.defaults.plugins.legend.labels.generateLabels(chart);
              var room = Math.max(12, Math.floor((chart.width - 60) / 7));
              entries.forEach(function (entry) {
                if (entry.text.length > room) {
                  // keep both ends: the two Paris Call series differ only at the end
                  var tailLength = Math.floor((room - 1) * 0.45);
                  var head = entry.text.slice(0, room - 1 - tailLength);
                  var tail = entry.text.slice(entry.text.length - tailLength);
                  if (head.lastIndexOf(" ") > 0) {
                    head = head.slice(0, head.lastIndexOf(" "));  // whole words only
                  }
                  if (tail.indexOf(" ") >= 0) {
                    tail = tail.slice(tail.indexOf(" ") + 1);
                  }
                  entry.text = head + " … " + tail;
                }
              });
              return entries;
            },
          },
        },
        tooltip: {
          callbacks: {
            title: function (items) {
              return items.length ? dateFormat.format(new Date(items[0].raw.date + "T00:00:00Z")) : "";
            },
          },
        },
      },
    },
  });
  canvas.dataset.ready = "true";
})();
