// The course's "Trainers" field: the search button opens the trainer chooser
// (courses.trainer_chooser) in Wagtail's modal, several at a time; the people
// chosen are ticked in the list, which holds every trainer already.
(function () {
  function open(container) {
    window.ModalWorkflow({
      url: container.dataset.chooserUrl,
      urlParams: { multiple: 1 },
      onload: window.CHOOSER_MODAL_ONLOAD_HANDLERS,
      responses: {
        chosen: function (results) {
          (Array.isArray(results) ? results : [results]).forEach(function (item) {
            var box = container.querySelector('input[type="checkbox"][value="' + CSS.escape(String(item.id)) + '"]');
            if (box) {
              box.checked = true;
              box.dispatchEvent(new Event('change', { bubbles: true }));
            }
          });
        },
      },
    });
  }
  document.addEventListener('click', function (event) {
    var button = event.target.closest('[data-course-trainers-choose]');
    if (button) {
      event.preventDefault();
      open(button.closest('[data-course-trainers]'));
    }
  });
})();
