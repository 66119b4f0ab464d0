/* Quiz attempt page: autosave, answers kept on the device while offline, timer.
 *
 * The page works without this script (every button posts the form). With it,
 * answers are saved a moment after each change; when the connection drops they
 * are kept in localStorage and sent again once it returns, so nothing typed in
 * a commune with a weak signal is lost. The server's sequence number guards
 * against an old page overwriting newer answers.
 */
(function () {
  "use strict";

  var form = document.getElementById("attempt-form");
  if (!form) { return; }
  var statusBox = document.getElementById("save-status");
  var sequenceInput = form.querySelector("input[name=sequence]");
  var page = form.querySelector("input[name=page]").value;
  var storageKey = "lms-attempt-" + form.dataset.attempt + "-page-" + page;
  var inFlight = null;
  var timer = null;
  var submitting = false;

  function say(text, isError) {
    statusBox.textContent = text;
    statusBox.className = "save-status" + (isError ? " error" : "");
  }

  function answerFields() {
    var fields = [];
    new FormData(form).forEach(function (value, name) {
      if (name.charAt(0) === "q") { fields.push([name, value]); }
    });
    return fields;
  }

  function keepOnDevice() {
    try {
      localStorage.setItem(storageKey, JSON.stringify({
        sequence: sequenceInput.value, fields: answerFields(), names: answerNames()
      }));
    } catch (e) { /* storage full or disabled: the form still posts */ }
  }

  function answerNames() {
    var names = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && el.name.charAt(0) === "q") { names[el.name] = true; }
    });
    return Object.keys(names);
  }

  function forget() {
    try { localStorage.removeItem(storageKey); } catch (e) { /* ignore */ }
  }

  function body(fields) {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", form.querySelector("input[name=csrfmiddlewaretoken]").value);
    data.append("sequence", sequenceInput.value);
    data.append("page", page);
    fields.forEach(function (pair) { data.append(pair[0], pair[1]); });
    return data;
  }

  function save() {
    if (inFlight) { return inFlight.then(save); }
    var fields = answerFields();
    keepOnDevice();
    if (!navigator.onLine) {
      say(form.dataset.offline, true);
      return Promise.resolve(false);
    }
    inFlight = fetch(form.action, {
      method: "POST",
      body: body(fields),
      headers: { "Accept": "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().then(function (json) {
        if (response.ok) {
          sequenceInput.value = json.sequence;
          forget();
          say(form.dataset.saved + " " + new Date().toLocaleTimeString().slice(0, 5), false);
          return true;
        }
        forget();
        if (json.submitted) { window.location.reload(); }
        say(response.status === 409 ? form.dataset.outOfDate : (json.error || ""), true);
        return false;
      });
    }).catch(function () {
      say(form.dataset.offline, true);
      return false;
    }).finally(function () { inFlight = null; });
    return inFlight;
  }

  function saveSoon() {
    clearTimeout(timer);
    keepOnDevice();
    timer = setTimeout(save, 1200);
  }

  function restoreFromDevice() {
    var kept;
    try { kept = JSON.parse(localStorage.getItem(storageKey) || "null"); } catch (e) { kept = null; }
    if (!kept || !kept.fields) { return false; }
    if (String(kept.sequence) !== String(sequenceInput.value)) {
      // The server saved something newer since; the stored copy is out of date.
      forget();
      return false;
    }
    var values = {};
    kept.fields.forEach(function (pair) {
      (values[pair[0]] = values[pair[0]] || []).push(pair[1]);
    });
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name.charAt(0) !== "q") { return; }
      var given = values[el.name] || [];
      if (el.type === "radio" || el.type === "checkbox") {
        el.checked = given.indexOf(el.value) !== -1;
      } else {
        el.value = given.length ? given[0] : "";
      }
    });
    return true;
  }

  form.addEventListener("change", saveSoon);
  form.addEventListener("input", saveSoon);
  window.addEventListener("online", function () { save(); });
  setInterval(function () {
    if (localStorage.getItem(storageKey) && navigator.onLine && !inFlight) { save(); }
  }, 5000);

  form.addEventListener("submit", function (event) {
    if (submitting) { return; }
    var button = event.submitter;
    var goto = button ? button.value : "";
    if (goto === "finish" && !form.dataset.timeUp && !window.confirm(form.dataset.finishConfirm)) {
      event.preventDefault();
      return;
    }
    event.preventDefault();
    clearTimeout(timer);
    if (!navigator.onLine) {
      keepOnDevice();
      say(form.dataset.offline, true);
      return;
    }
    var finish = function () {
      var hidden = document.createElement("input");
      hidden.type = "hidden";
      hidden.name = "goto";
      hidden.value = goto;
      form.appendChild(hidden);
      submitting = true;
      forget();
      form.submit();
    };
    (inFlight || Promise.resolve()).then(finish, finish);
  });

  if (restoreFromDevice()) { save(); }

  var clock = document.getElementById("time-left");
  if (clock) {
    var deadline = Date.now() + parseInt(clock.dataset.secondsLeft, 10) * 1000;
    var tick = function () {
      var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      var minutes = Math.floor(left / 60);
      var seconds = left % 60;
      clock.textContent = minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
      if (left === 0) {
        clearInterval(clockTimer);
        form.dataset.timeUp = "1";
        var finishButton = form.querySelector("[data-finish]");
        var hidden = document.createElement("input");
        hidden.type = "hidden";
        hidden.name = "goto";
        hidden.value = "finish";
        form.appendChild(hidden);
        submitting = true;
        form.submit();
        if (finishButton) { finishButton.disabled = true; }
      }
    };
    var clockTimer = setInterval(tick, 1000);
    tick();
  }
}());
