/* Roll-call: each tap is saved at once, and kept on the phone while offline.
 *
 * The page works without this script (every tap posts its form). With it, a tap
 * is put in a queue in localStorage with the time it was made, and the queue
 * is sent in order, one mark at a time; when the connection drops the marks
 * wait on the phone and go once it returns (like the quiz autosave). The server
 * keeps the later mark when two trainers mark the same person, so a mark sent
 * late never silently overwrites a newer one.
 */
(function () {
  "use strict";

  var root = document.getElementById("rollcall");
  if (!root || !window.fetch) { return; }
  var statusBox = document.getElementById("rollcall-status");
  var storageKey = "lms-rollcall-" + root.dataset.session;
  var allForm = document.getElementById("rollcall-all");
  var sending = false;

  function say(text, isError) {
    statusBox.textContent = text;
    statusBox.className = "save-status" + (isError ? " error" : "");
  }

  function load() {
    try { return JSON.parse(localStorage.getItem(storageKey) || "[]") || []; } catch (e) { return []; }
  }

  function store(queue) {
    try {
      if (queue.length) { localStorage.setItem(storageKey, JSON.stringify(queue)); }
      else { localStorage.removeItem(storageKey); }
    } catch (e) { /* storage full or disabled: marks are sent while online */ }
  }

  function csrfToken() {
    var input = root.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function markUrl() {
    var form = root.querySelector("form.rollcall-marks");
    return form ? form.action : "";
  }

  function row(participant) {
    return document.getElementById("participant-" + participant);
  }

  function show(participant, status) {
    var element = row(participant);
    if (!element) { return; }
    element.classList.add("pending");
    Array.prototype.forEach.call(element.querySelectorAll("button.mark"), function (button) {
      button.setAttribute("aria-pressed", button.value === status ? "true" : "false");
    });
  }

  function replaceRow(participant, html) {
    var element = row(participant);
    if (!element || !html) { return; }
    var holder = document.createElement("ul");
    holder.innerHTML = html.trim();
    if (holder.firstElementChild) { element.replaceWith(holder.firstElementChild); }
  }

  function enqueue(item) {
    var queue = load().filter(function (kept) {
      // A newer tap for the same person replaces one not yet sent.
      return item.kind !== "mark" || kept.kind !== "mark" || kept.participant !== item.participant;
    });
    queue.push(item);
    store(queue);
  }

  function post(item) {
    var url = item.kind === "all" ? allForm.action : markUrl();
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "X-CSRFToken": csrfToken()
      },
      body: JSON.stringify(item)
    });
  }

  function send() {
    if (sending) { return; }
    var queue = load();
    if (!queue.length) { return; }
    if (!navigator.onLine) { say(root.dataset.offline, true); return; }
    sending = true;
    var item = queue[0];
    post(item).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) {
        // Sent, or refused for good (a 4xx): either way it leaves the queue.
        store(load().filter(function (kept) { return kept.id !== item.id; }));
        if (response.ok) {
          if (item.kind === "all") {
            Object.keys(json.rows || {}).forEach(function (pid) { replaceRow(pid, json.rows[pid]); });
          } else {
            replaceRow(item.participant, json.html);
          }
          say(json.message || (root.dataset.saved + " " + new Date().toLocaleTimeString().slice(0, 5)), false);
        } else if (response.status >= 500) {
          enqueue(item);
          say(root.dataset.failed, true);
          return false;
        } else {
          say(json.error || root.dataset.failed, true);
        }
        return true;
      });
    }).catch(function () {
      say(root.dataset.offline, true);
      return false;
    }).then(function (goOn) {
      sending = false;
      if (goOn) { send(); }
    });
  }

  function now() { return new Date().toISOString(); }
  function newId() { return Date.now() + "-" + Math.random().toString(36).slice(2); }

  root.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.classList.contains("rollcall-marks")) {
      event.preventDefault();
      var button = event.submitter;
      if (!button || !button.value) { return; }
      var participant = form.dataset.participant;
      enqueue({ id: newId(), kind: "mark", participant: participant, status: button.value, marked_at: now() });
      show(participant, button.value);
      say(root.dataset.pending, false);
      send();
    } else if (form === allForm) {
      event.preventDefault();
      enqueue({ id: newId(), kind: "all", marked_at: now() });
      say(root.dataset.pending, false);
      send();
    }
  });

  window.addEventListener("online", send);
  setInterval(function () { if (navigator.onLine) { send(); } }, 5000);

  load().forEach(function (item) {
    if (item.kind === "mark") { show(item.participant, item.status); }
  });
  send();
}());
