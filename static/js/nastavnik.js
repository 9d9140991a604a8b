/* The pages' own behaviour, in a static file: the Content-Security-Policy allows no inline script or on*= handler.
   Elements opt in with data attributes. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) {
      window.print();
    }
    var field = event.target.closest("[data-select-all]");
    if (field) {
      field.select();
    }
  });
  document.addEventListener("focusin", function (event) {
    var field = event.target.closest("[data-select-all]");
    if (field) {
      field.select();
    }
  });
  document.addEventListener("change", function (event) {
    // A multiple person picker: a match ticked in the results joins the chosen ones, so the next search keeps it.
    var box = event.target;
    var results = box.closest && box.closest("[data-pick-results]");
    var picker = results && results.closest("[data-multi-picker]");
    if (picker && box.checked) {
      var picked = picker.querySelector("[data-picked]");
      var same = picked.querySelector('input[value="' + box.value + '"]');
      if (same) {
        same.checked = true;
        box.closest(".form-check").remove();
      } else {
        picked.appendChild(box.closest(".form-check"));
        box.focus();
      }
    }
    var select = event.target.closest("[data-autosubmit]");
    if (select && select.form) {
      select.form.submit();
    }
  });
})();
