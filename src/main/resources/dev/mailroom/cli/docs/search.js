// Offline search for the index page: shows only the codes whose words contain every word typed. The words come
// from the JSON embedded in the page, so nothing is fetched. Without JavaScript the form stays hidden.
(function () {
  "use strict";
  var form = document.getElementById("search");
  var input = document.getElementById("search-input");
  var noMatch = document.getElementById("no-match");
  // Case and accents do not matter: "reseau" finds "réseau".
  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  // 4.7.1 and 5.7.1 are both the entry X.7.1: a typed class digit must still find it.
  function asKey(word) {
    return /^[245]\.\d{1,3}\.\d{1,3}$/.test(word) ? "x" + word.slice(1) : word;
  }
  var items = JSON.parse(document.getElementById("search-data").textContent).map(function (entry) {
    return { words: fold(entry.words), element: document.querySelector('li[data-key="' + entry.key + '"]') };
  });
  var sections = document.querySelectorAll("section[data-list]");

  function filter() {
    var typed = fold(input.value).split(/\s+/).filter(Boolean).map(asKey);
    var shown = 0;
    items.forEach(function (item) {
      var match = typed.every(function (word) { return item.words.indexOf(word) >= 0; });
      item.element.hidden = !match;
      shown += match ? 1 : 0;
    });
    sections.forEach(function (section) {
      section.hidden = !section.querySelector("li:not([hidden])");
    });
    noMatch.hidden = shown > 0;
  }

  input.addEventListener("input", filter);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  // index.html?q=greylisting opens with that search: a search can be linked to.
  input.value = new URLSearchParams(location.search).get("q") || "";
  filter();
})();
