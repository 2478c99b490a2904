// marsad's only script: hover labels on the map, and the list row lit with its marker.
// Every page works without it.
"use strict";
(function () {
  var map = document.getElementById("map");
  if (!map) { return; }
  var tip = document.createElement("div");
  tip.id = "map-tip";
  document.body.appendChild(tip);
  function rowFor(id) { return document.querySelector('tr[data-event="' + id + '"]'); }
  map.addEventListener("mousemove", function (ev) {
    var target = ev.target;
    if (target.classList && target.classList.contains("marker")) {
      tip.textContent = target.getAttribute("data-label");  // text, never HTML
      tip.style.left = (ev.clientX + 12) + "px";
      tip.style.top = (ev.clientY + 12) + "px";
      tip.classList.add("on");
    } else {
      tip.classList.remove("on");
    }
  });
  map.addEventListener("mouseleave", function () { tip.classList.remove("on"); });
  map.querySelectorAll(".marker-link").forEach(function (link) {
    var id = link.getAttribute("data-event");
    link.addEventListener("mouseenter", function () { var r = rowFor(id); if (r) { r.classList.add("hl"); } });
    link.addEventListener("mouseleave", function () { var r = rowFor(id); if (r) { r.classList.remove("hl"); } });
  });
  document.querySelectorAll("tr[data-event]").forEach(function (row) {
    var marker = map.querySelector('.marker-link[data-event="' + row.getAttribute("data-event") + '"] .marker');
    if (!marker) { return; }
    row.addEventListener("mouseenter", function () { marker.classList.add("hl"); });
    row.addEventListener("mouseleave", function () { marker.classList.remove("hl"); });
  });
})();
