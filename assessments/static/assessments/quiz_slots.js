/* Quiz "Questions" page: the question select follows the chosen category.
 *
 * Without this script the page still works: "List its questions" reloads it
 * with ?category=, and the server lists the category's questions. With it, the
 * list is filled as soon as a category is chosen, from the same server-side list
 * (quizzes:slot_question_choices), and the address keeps the category so the
 * page comes back to it after "Add the question".
 */
(function () {
  "use strict";
  var browse = document.getElementById("browse-category");
  if (!browse || !window.fetch) return;
  var select = document.getElementById(browse.dataset.questionSelect);
  if (!select) return;

  function fill(emptyLabel, options) {
    select.replaceChildren();
    var empty = document.createElement("option");
    empty.value = "";
    empty.textContent = emptyLabel;
    select.appendChild(empty);
    options.forEach(function (item) {
      var option = document.createElement("option");
      option.value = String(item.value);
      option.textContent = item.label;
      select.appendChild(option);
    });
    select.disabled = options.length === 0;
  }

  browse.addEventListener("change", function () {
    var category = browse.value;
    var address = new URL(window.location.href);
    if (category) {
      address.searchParams.set("category", category);
    } else {
      address.searchParams.delete("category");
    }
    window.history.replaceState(null, "", address);
    if (!category) {
      // Back to "choose a category": let the server render the empty state.
      browse.form.submit();
      return;
    }
    select.disabled = true;
    var url = browse.dataset.choicesUrl + "?category=" + encodeURIComponent(category);
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (data) {
        fill(data.empty_label, data.options);
      })
      .catch(function () {
        browse.form.submit(); // the server-side listing
      });
  });
})();
