/* Lesson page: open the outline on wide screens, and tell the server how long the
   page was in view (a beat every few seconds while visible, none while hidden). */
(function () {
  "use strict";
  var outline = document.getElementById("lesson-outline");
  if (outline && window.matchMedia && window.matchMedia("(min-width: 60rem)").matches) {
    outline.open = true;
  }

  var beat = document.getElementById("lesson-heartbeat");
  if (!beat || !window.FormData) return;
  var url = beat.getAttribute("data-url");
  var token = beat.getAttribute("data-csrf");
  var every = (parseInt(beat.getAttribute("data-interval"), 10) || 30) * 1000;
  var most = parseInt(beat.getAttribute("data-max"), 10) || 60; // the server ignores more
  var since = Date.now();
  var timer = null;

  function elapsed() {
    var seconds = Math.min(most, Math.round((Date.now() - since) / 1000));
    since = Date.now();
    return seconds;
  }

  function send(useBeacon) {
    var seconds = elapsed();
    if (seconds < 1) return;
    var body = new FormData();
    body.append("seconds", seconds);
    body.append("csrfmiddlewaretoken", token);
    if (useBeacon && navigator.sendBeacon && navigator.sendBeacon(url, body)) return;
    if (window.fetch) {
      fetch(url, { method: "POST", body: body, credentials: "same-origin", keepalive: true })
        .catch(function () {});
    }
  }

  function start() {
    since = Date.now();
    if (!timer) timer = setInterval(function () { send(false); }, every);
  }

  function stop() {
    if (!timer) return;
    clearInterval(timer);
    timer = null;
    send(true);
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") start(); else stop();
  });
  if (document.visibilityState === "visible") start();

  // The time since the last beat goes with "Mark as complete".
  var form = document.getElementById("lesson-complete-form");
  if (form) {
    form.addEventListener("submit", function () {
      form.elements.seconds.value = timer ? elapsed() : "";
    });
  }
})();
