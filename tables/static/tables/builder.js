// The table builder works without this script (a GET form); with it, each code
// list gets a search box and select-all / clear buttons.
(function () {
  document.querySelectorAll("fieldset.codes").forEach(function (set) {
    var tools = set.querySelector(".code-tools");
    if (!tools) return;
    tools.hidden = false;
    var boxes = function () { return set.querySelectorAll("li:not([hidden]) input[type=checkbox]"); };
    tools.querySelector("[data-select-all]").addEventListener("click", function () {
      boxes().forEach(function (b) { b.checked = true; });
    });
    tools.querySelector("[data-select-none]").addEventListener("click", function () {
      set.querySelectorAll("input[type=checkbox]").forEach(function (b) { b.checked = false; });
    });
    tools.querySelector("[data-search]").addEventListener("input", function (e) {
      var q = e.target.value.trim().toLowerCase().replace(/ي/g, "ی").replace(/ك/g, "ک");
      set.querySelectorAll("li[data-label]").forEach(function (li) {
        li.hidden = q && li.dataset.label.toLowerCase().indexOf(q) === -1;
      });
    });
  });
})();
