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
    var select = event.target.closest("[data-autosubmit]");
    if (select && select.form) {
      select.form.submit();
    }
  });
})();
