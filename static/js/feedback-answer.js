/*
  The questionnaire: live character counters, autosave, and a copy in this browser so that a closed
  tab, an expired session or a network drop loses nothing. The page works without this file: the
  "Save draft" and "Submit" buttons are plain form posts.

  Autosave posts the whole form to the autosave endpoint (debounced while typing, and at once on
  blur, when the tab is hidden and when the page is left). The server answers with the response's
  new version; a save from a stale version is refused there and reported here.
*/
(function () {
  "use strict";

  var form = document.getElementById("answer-form");
  if (!form) { return; }

  var versionInput = form.querySelector("input[name=version]");
  var status = document.getElementById("save-status");
  var storageKey = form.dataset.storageKey;
  var url = form.dataset.autosaveUrl;
  var closed = form.dataset.closed === "true";
  var text = form.dataset;  // translated messages, rendered by the server
  var DEBOUNCE_MS = 1500;
  var RETRY_MS = [3000, 8000, 20000, 45000];

  var timer = null;
  var retries = 0;
  var inFlight = null;
  var again = false;
  var conflict = false;
  var submitting = false;
  var lastSaved = null;

  // --- The form's answers as plain data -----------------------------------------------------------

  function answers() {
    var data = {};
    form.querySelectorAll("[name^='q_']").forEach(function (input) {
      var name = input.name;
      if (input.type === "file") { return; }  // files go with "Save draft" or "Submit" only
      if (input.type === "checkbox") {
        data[name] = data[name] || [];
        if (input.checked) { data[name].push(input.value); }
      } else if (input.type === "radio") {
        if (!(name in data)) { data[name] = ""; }
        if (input.checked) { data[name] = input.value; }
      } else {
        data[name] = input.value;
      }
    });
    return data;
  }

  function snapshot(data) {
    var keys = Object.keys(data).sort();
    return JSON.stringify(keys.map(function (key) { return [key, data[key]]; }));
  }

  function apply(data) {
    Object.keys(data).forEach(function (name) {
      var value = data[name];
      form.querySelectorAll("[name='" + CSS.escape(name) + "']").forEach(function (input) {
        if (input.type === "checkbox") {
          input.checked = Array.isArray(value) && value.indexOf(input.value) !== -1;
        } else if (input.type === "radio") {
          input.checked = input.value === value;
        } else {
          input.value = value;
        }
      });
    });
    form.querySelectorAll("textarea[data-max-length]").forEach(updateCounter);
  }

  // --- The copy kept in this browser --------------------------------------------------------------

  function readStore() {
    try { return JSON.parse(window.localStorage.getItem(storageKey) || "null"); } catch (e) { return null; }
  }

  function writeStore() {
    // The version these unsaved answers were typed over: restoring them later is safe only onto it.
    try {
      window.localStorage.setItem(storageKey, JSON.stringify({
        version: versionInput.value, answers: answers(), at: Date.now()
      }));
    } catch (e) { /* private browsing or a full store: the server copy still works */ }
  }

  function clearStore() {
    try { window.localStorage.removeItem(storageKey); } catch (e) { /* nothing to clear */ }
  }

  function restoreFromBrowser() {
    var stored = readStore();
    if (!stored || !stored.answers) { return; }
    if (snapshot(stored.answers) === snapshot(answers())) { clearStore(); return; }
    var notice = document.getElementById("restore-notice");
    var message = document.getElementById("restore-message");
    if (closed) { return; }
    if (String(stored.version) === versionInput.value) {
      apply(stored.answers);
      message.textContent = text.msgRestored;
      notice.hidden = false;
      schedule(0);
      return;
    }
    // The response was saved elsewhere after these answers were typed: let the person choose.
    message.textContent = text.msgRestoreChoice;
    notice.hidden = false;
    document.getElementById("restore-actions").hidden = false;
    document.getElementById("restore-yes").addEventListener("click", function () {
      apply(stored.answers);
      clearStore();
      writeStore();
      message.textContent = text.msgRestored;
      document.getElementById("restore-actions").hidden = true;
      schedule(0);
    });
    document.getElementById("restore-no").addEventListener("click", function () {
      clearStore();
      notice.hidden = true;
    });
  }

  // --- Saving -------------------------------------------------------------------------------------

  function say(message, kind) {
    if (!status) { return; }
    status.textContent = message;
    status.classList.toggle("save-status--error", kind === "error");
    status.classList.toggle("save-status--ok", kind === "ok");
  }

  function schedule(delay) {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { save(false); }, delay);
  }

  function retryLater() {
    var delay = RETRY_MS[Math.min(retries, RETRY_MS.length - 1)];
    retries += 1;
    schedule(delay);
  }

  function save(leaving) {
    window.clearTimeout(timer);
    if (closed || conflict || submitting) { return Promise.resolve(); }
    var current = snapshot(answers());
    if (current === lastSaved) { return Promise.resolve(); }
    if (inFlight) { again = true; return inFlight; }
    var body = new FormData(form);
    body.delete("action");
    // A chosen file is sent once, with "Save draft" or "Submit", not with every autosave.
    form.querySelectorAll("input[type='file']").forEach(function (input) { body.delete(input.name); });
    say(text.msgSaving);
    inFlight = window.fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      keepalive: Boolean(leaving),
      headers: { "Accept": "application/json", "X-Requested-With": "fetch" }
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (response.redirected || type.indexOf("application/json") === -1) {
        throw new Error("session");  // sent to the login page, or a CSRF refusal after logging in again
      }
      return response.json().then(function (data) { return { code: response.status, data: data }; });
    }).then(function (result) {
      var data = result.data;
      retries = 0;
      if (data.saved) {
        versionInput.value = data.version;
        lastSaved = current;
        if (snapshot(answers()) === current) { clearStore(); } else { writeStore(); }
        say(data.unsubmitted_changes ? data.message + " " + text.msgNotSubmitted : data.message, "ok");
      } else if (data.conflict) {
        conflict = true;
        say(data.message + " " + text.msgKept, "error");
      } else if (data.closed) {
        closed = true;
        say(data.message + " " + text.msgKept, "error");
      } else {
        var first = data.errors ? Object.values(data.errors)[0] : "";
        say(text.msgInvalid + " " + (first || data.message), "error");
      }
    }).catch(function (error) {
      if (error && error.message === "session") {
        say(text.msgSession, "error");
      } else {
        say(text.msgOffline, "error");
        retryLater();
      }
    }).finally(function () {
      inFlight = null;
      if (again) { again = false; schedule(0); }
    });
    return inFlight;
  }

  function changed() {
    writeStore();
    say(text.msgUnsaved);
    schedule(DEBOUNCE_MS);
  }

  // --- Character counters -------------------------------------------------------------------------

  var liveTimers = {};

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (match, name) { return String(values[name]); });
  }

  function updateCounter(textarea) {
    var counter = document.getElementById(textarea.id + "_counter");
    var live = document.getElementById(textarea.id + "_counter_live");
    if (!counter) { return; }
    var limit = Number(textarea.dataset.maxLength);
    var count = textarea.value.trim().length;
    var message = count > limit
      ? format(text.msgOver, { count: count, limit: limit, over: count - limit })
      : format(text.msgCount, { count: count, limit: limit });
    counter.textContent = message;
    counter.classList.toggle("counter--over", count > limit);
    window.clearTimeout(liveTimers[textarea.id]);
    liveTimers[textarea.id] = window.setTimeout(function () { if (live) { live.textContent = message; } }, 1200);
  }

  form.querySelectorAll("textarea[data-max-length]").forEach(function (textarea) {
    updateCounter(textarea);
    textarea.addEventListener("input", function () { updateCounter(textarea); });
  });

  // --- Wiring -------------------------------------------------------------------------------------

  if (!closed) {
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("focusout", function () { save(false); });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") { save(true); }
    });
    window.addEventListener("pagehide", function () { save(true); });
    window.addEventListener("beforeunload", function () { save(true); });
    window.addEventListener("online", function () { retries = 0; save(false); });
  }

  form.addEventListener("submit", function (event) {
    if (submitting) { event.preventDefault(); return; }  // a second click sends nothing
    window.clearTimeout(timer);
    if (inFlight) {
      // Let the autosave finish first, so the form carries the version it produced.
      event.preventDefault();
      var submitter = event.submitter;
      inFlight.finally(function () { form.requestSubmit(submitter); });
      return;
    }
    submitting = true;
    form.querySelectorAll("button[type=submit]").forEach(function (button) {
      button.setAttribute("aria-disabled", "true");
    });
  });

  lastSaved = snapshot(answers());
  restoreFromBrowser();
})();
