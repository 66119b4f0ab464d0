/* The trainer's check-in screen: fetch the next QR code as each 30-second window
 * ends. The server draws the code and signs its token; nothing secret is here. */
(function () {
  "use strict";

  var screen = document.getElementById("checkin-screen");
  if (!screen || !window.fetch) { return; }
  var qr = document.getElementById("checkin-qr");
  var code = document.getElementById("checkin-code");

  function refresh() {
    fetch(screen.dataset.stateUrl, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (state) {
        if (String(state.window) !== screen.dataset.window) {
          qr.innerHTML = state.svg;
          code.textContent = state.code;
          screen.dataset.checkinUrl = state.url;
          screen.dataset.window = String(state.window);
        }
        later(state.refresh_in);
      })
      .catch(function () { later(3); });
  }

  function later(seconds) {
    setTimeout(refresh, Math.max(1, seconds) * 1000 + 200);
  }

  later(parseInt(screen.dataset.refreshIn, 10) || 30);
}());
