/*
  On every page. A table wider than the screen scrolls sideways inside its .table-wrap box; that box
  becomes a named, focusable region so keyboard users can scroll it too (and leaves the tab order
  again when everything fits). Tables marked .table--stack turn into cards on phones instead.
*/
(function () {
  "use strict";

  function text(element) {
    return element ? element.textContent.replace(/\s+/g, " ").trim() : "";
  }

  // The table's caption names the region (a section's heading would name two landmarks alike).
  function label(wrap) {
    return text(wrap.querySelector("caption"));
  }

  function mark(wrap) {
    if (wrap.scrollWidth > wrap.clientWidth + 1) {
      wrap.setAttribute("tabindex", "0");
      var name = wrap.getAttribute("aria-label") || label(wrap);
      if (name) {  // a named region is a landmark; an unnamed one is only made focusable
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", name);
      }
    } else {
      wrap.removeAttribute("tabindex");
      wrap.removeAttribute("role");
    }
  }

  var wraps = Array.prototype.slice.call(document.querySelectorAll(".table-wrap"));
  if (!wraps.length) return;
  wraps.forEach(mark);
  if ("ResizeObserver" in window) {
    var observer = new ResizeObserver(function (entries) {
      entries.forEach(function (entry) { mark(entry.target); });
    });
    wraps.forEach(function (wrap) { observer.observe(wrap); });
  } else {
    window.addEventListener("resize", function () { wraps.forEach(mark); });
  }
})();
