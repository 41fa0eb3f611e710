// Draws the home page map from the vendored world-atlas TopoJSON with d3-geo.
// Colours, labels and links come from the server (script#map-data); nothing leaves the site.
(function () {
  "use strict";
  var holder = document.getElementById("world-map");
  var source = document.getElementById("map-data");
  if (!holder || !source) {
    return;
  }
  var data = JSON.parse(source.textContent);
  var SVG = "http://www.w3.org/2000/svg";
  var WIDTH = 960;
  var HEIGHT = 480;

  document.querySelectorAll(".map-legend .swatch").forEach(function (swatch) {
    swatch.style.backgroundColor = swatch.dataset.fill;
  });

  function element(name, attributes) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attributes).forEach(function (key) {
      node.setAttribute(key, attributes[key]);
    });
    return node;
  }

  fetch(holder.dataset.topology)
    .then(function (response) {
      return response.json();
    })
    .then(function (topology) {
      var countries = topojson.feature(topology, topology.objects.countries);
      var projection = d3.geoEqualEarth().fitExtent(
        [[4, 4], [WIDTH - 4, HEIGHT - 4]],
        { type: "Sphere" }
      );
      var path = d3.geoPath(projection);
      var svg = element("svg", {
        viewBox: "0 0 " + WIDTH + " " + HEIGHT,
        role: "group",
        "aria-label": data.title,
      });
      svg.appendChild(element("path", { d: path({ type: "Sphere" }), fill: "#d4e4f2" }));
      countries.features.forEach(function (feature) {
        var key = feature.id != null ? String(feature.id) : feature.properties.name;
        var info = data.features[key];
        var d = path(feature);
        if (!d) {
          return;
        }
        var shape = element("path", { d: d, class: "country", fill: info ? info.fill : "#d9dde3" });
        if (!info) {
          shape.setAttribute("aria-hidden", "true");
          svg.appendChild(shape);
          return;
        }
        // Mouse and touch only: keyboard users get the same links in the table below the map.
        var link = element("a", { href: info.href, "aria-label": info.label, tabindex: "-1" });
        var title = element("title", {});
        title.textContent = info.label;
        link.appendChild(title);
        link.appendChild(shape);
        svg.appendChild(link);
      });
      holder.replaceChildren(svg);
      holder.dataset.ready = "true";
    })
    .catch(function (error) {
      holder.dataset.error = String(error);
    });
})();
