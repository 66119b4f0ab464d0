// Polls an account import's progress and reloads the page when it has finished.
(function () {
  "use strict";
  var box = document.querySelector("[data-account-import-progress]");
  if (!box) return;
  var url = box.getAttribute("data-account-import-progress");
  var bar = box.querySelector("progress");
  var done = box.querySelector("[data-done]");
  var total = box.querySelector("[data-total]");

  function poll() {
    fetch(url, {
      credentials: "same-origin",
      headers: { "X-Requested-With": "XMLHttpRequest", Accept: "application/json" },
    })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        if (!data.is_running) {
          window.location.reload();
          return;
        }
        if (data.total > 0) {
          bar.max = data.total;
          bar.value = data.done;
        } else {
          bar.removeAttribute("value"); // indeterminate while the file is read
        }
        done.textContent = data.done;
        total.textContent = data.total;
        window.setTimeout(poll, 1000);
      })
      .catch(function () {
        window.setTimeout(poll, 5000);
      });
  }
  window.setTimeout(poll, 1000);
})();
