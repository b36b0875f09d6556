/*
  On every page. A table wider than the screen scrolls sideways inside its .table-wrap box; that box
  becomes a named, focusable region so keyboard users can scroll it too (and leaves the tab order
  again when everything fits). Tables marked .table--stack turn into cards on phones instead.
*/
(function () {
  "use strict";

  function label(wrap) {
    var caption = wrap.querySelector("caption");
    return caption ? caption.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function mark(wrap) {
    if (wrap.scrollWidth > wrap.clientWidth + 1) {
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      if (!wrap.hasAttribute("aria-label") && label(wrap)) wrap.setAttribute("aria-label", label(wrap));
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
