/* Coding answers from the keyboard: digits 1-9 tick a theme, Enter saves and opens the next answer,
   J and K move on or back without saving. Keys typed into a text field are left alone. Without
   JavaScript the form works as any form: Tab, Space and Enter on "Save and next". */
(function () {
  "use strict";
  var form = document.querySelector("[data-coding-form]");
  if (!form) { return; }
  function typing(target) {
    return target && (target.tagName === "TEXTAREA" || target.tagName === "SELECT" ||
      (target.tagName === "INPUT" && target.type !== "checkbox"));
  }
  function follow(name) {
    var link = document.querySelector('[data-shortcut="' + name + '"]');
    if (link) { window.location.assign(link.href); }
  }
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    if (event.key === "Enter" && event.target && event.target.tagName === "INPUT" && event.target.type === "text") {
      return;  // the browser submits the form with the default button: "Save and next"
    }
    if (typing(event.target)) { return; }
    var box = /^[1-9]$/.test(event.key) && form.querySelector('input[data-key="' + event.key + '"]');
    if (box) {
      event.preventDefault();
      box.checked = !box.checked;
      box.focus();
    } else if (event.key === "Enter" && (!event.target || event.target.tagName !== "BUTTON" && event.target.tagName !== "A")) {
      event.preventDefault();
      form.querySelector('[data-shortcut="save"]').click();
    } else if (event.key === "j" || event.key === "J") {
      follow("next");
    } else if (event.key === "k" || event.key === "K") {
      follow("previous");
    }
  });
})();
