/* A search box that narrows a long <select> to the options containing what is typed (the «Назначить» list of a
   Mentor Match session with many mentors). Opt in with data-filter-options="<id of the select>". Delegated on the
   document, so it keeps working after htmx swaps the part of the page that holds the lists. Without JavaScript the
   plain select works as before. */
(function () {
  "use strict";
  document.addEventListener("input", function (event) {
    var box = event.target.closest && event.target.closest("[data-filter-options]");
    if (!box) {
      return;
    }
    var select = document.getElementById(box.getAttribute("data-filter-options"));
    if (!select) {
      return;
    }
    var words = box.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    var first = null;
    Array.prototype.forEach.call(select.options, function (option) {
      var text = option.textContent.toLowerCase();
      var match = words.every(function (word) { return text.indexOf(word) !== -1; });
      option.hidden = !match;
      option.disabled = !match;
      if (match && first === null) {
        first = option;
      }
    });
    // The posted mentor is always one the curator can see in the narrowed list.
    if (first !== null && (select.selectedIndex < 0 || select.options[select.selectedIndex].hidden)) {
      select.value = first.value;
    }
  });
})();
