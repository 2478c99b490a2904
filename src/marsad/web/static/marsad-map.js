// The zoomable map: Leaflet and Leaflet.markercluster, served by marsad (static/vendor/), over
// Natural Earth boundaries that marsad serves by bounding box (/api/boundaries). No tiles, no
// outside host. Without scripts the page shows the SVG map it replaces.
"use strict";
(function () {
  var box = document.getElementById("zoom-map");
  if (!box || typeof L === "undefined" || !L.markerClusterGroup) { return; }
  var events = JSON.parse(box.getAttribute("data-events") || "[]");
  var svg = document.getElementById("map");
  box.hidden = false;
  if (svg) { svg.classList.add("replaced"); }

  var map = L.map(box, {
    minZoom: 1, maxZoom: 16, zoomSnap: 1, attributionControl: false,
    maxBounds: [[-90, -200], [90, 200]], maxBoundsViscosity: 1.0, worldCopyJump: false
  });
  L.control.attribution({ prefix: false })
    .addAttribution("Leaflet · boundaries: Natural Earth").addTo(map);
  L.control.scale({ imperial: false }).addTo(map);

  // -- boundaries, asked for again whenever the view changes ---------------------------------
  map.createPane("basemap").style.zIndex = 250;
  var renderer = L.canvas({ pane: "basemap", padding: 0.3 });
  var STYLES = {
    land: { stroke: false, fill: true, fillColor: "#f3f1ea", fillOpacity: 1 },
    country: { color: "#8d979d", weight: 1.1, fill: false },
    admin1: { color: "#aab3b9", weight: 0.7, dashArray: "4 3", fill: false }
  };
  var boundaries = L.geoJSON(null, {
    pane: "basemap", renderer: renderer, interactive: false,
    style: function (feature) { return STYLES[feature.properties.kind] || STYLES.country; }
  }).addTo(map);
  var asked = 0;
  function loadBoundaries() {
    var b = map.getBounds().pad(0.25);
    var bbox = [Math.max(b.getWest(), -180), Math.max(b.getSouth(), -90),
                Math.min(b.getEast(), 180), Math.min(b.getNorth(), 90)]
      .map(function (v) { return v.toFixed(3); }).join(",");
    var zoom = map.getZoom();
    var mine = ++asked;
    fetch("/api/boundaries?bbox=" + bbox + "&zoom=" + zoom, { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) { throw new Error("boundaries: HTTP " + r.status); } return r.json(); })
      .then(function (data) {
        if (mine !== asked) { return; }  // a later view has asked since
        boundaries.clearLayers();
        boundaries.addData(data);
        box.setAttribute("data-boundaries-level", String(data.level));
        box.setAttribute("data-boundaries-zoom", String(zoom));
      })
      .catch(function (err) { box.setAttribute("data-boundaries-error", String(err)); });
  }

  // -- events: clustered markers, precision rings, a popup that leads to the evidence --------
  function text(tag, content, cls) {
    var el = document.createElement(tag);
    el.textContent = content;  // text, never HTML: labels hold words from reports
    if (cls) { el.className = cls; }
    return el;
  }
  function popupFor(e) {
    var div = document.createElement("div");
    div.className = "map-popup";
    div.appendChild(text("strong", e.label));
    div.appendChild(text("p", "Geo precision " + e.precision + ": " + e.precision_name));
    var link = text("a", "Evidence and sources →", "popup-evidence");
    link.href = "/events/" + encodeURIComponent(e.id);
    div.appendChild(link);
    return div;
  }
  function rowFor(id) { return document.querySelector('tr[data-event="' + id + '"]'); }

  var clusters = L.markerClusterGroup({
    showCoverageOnHover: false, maxClusterRadius: 40, spiderfyOnMaxZoom: true
  });
  var markers = events.map(function (e) {
    var radius = Math.min(5 * (1 + Math.sqrt(e.deaths || 0) / 2), 22);
    var marker = L.circleMarker([e.lat, e.lon], {
      radius: radius, fillColor: e.colour, fillOpacity: 0.85,
      color: e.precision > 1 ? "#222" : "#fff", weight: 1.5,
      dashArray: e.precision === 2 ? "3 2" : e.precision === 3 ? "1 2" : null,
      className: "event-marker p" + e.precision + " event-" + e.id
    });
    marker.bindPopup(popupFor(e));
    marker.bindTooltip(text("span", e.label));
    marker.on("mouseover", function () { var r = rowFor(e.id); if (r) { r.classList.add("hl"); } });
    marker.on("mouseout", function () { var r = rowFor(e.id); if (r) { r.classList.remove("hl"); } });
    marker.marsadEvent = e;
    clusters.addLayer(marker);
    return marker;
  });
  map.addLayer(clusters);

  var rings = L.layerGroup().addTo(map);
  function drawRings() {
    rings.clearLayers();
    markers.forEach(function (m) {
      var e = m.marsadEvent;
      if (!e.ring_m || clusters.getVisibleParent(m) !== m) { return; }
      rings.addLayer(L.circle(m.getLatLng(), {
        radius: e.ring_m, color: e.colour, weight: 1, fillColor: e.colour, fillOpacity: 0.08,
        dashArray: e.precision === 3 ? "1 3" : "4 3", interactive: false,
        className: "precision-ring p" + e.precision
      }));
    });
  }
  clusters.on("animationend spiderfied unspiderfied", drawRings);
  map.on("moveend", function () { loadBoundaries(); drawRings(); });

  if (markers.length) {
    map.fitBounds(clusters.getBounds().pad(0.3), { maxZoom: 8 });
  } else {
    map.setView([30, 40], 3);
  }
  document.querySelectorAll("tr[data-event]").forEach(function (row) {
    var marker = markers.filter(function (m) { return m.marsadEvent.id === row.getAttribute("data-event"); })[0];
    if (!marker) { return; }
    row.addEventListener("mouseenter", function () { marker.setStyle({ weight: 3, color: "#000" }); });
    row.addEventListener("mouseleave", function () {
      marker.setStyle({ weight: 1.5, color: marker.marsadEvent.precision > 1 ? "#222" : "#fff" });
    });
  });
})();
