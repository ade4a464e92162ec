/* Reference site behaviour, written for this project (no external code):
   - sortable tables: a button in each header of table.fk-sortable sorts its rows (data-sort wins
     over the cell text; numbers and dates compare as such), aria-sort says the order;
   - Material wraps Markdown tables in a scrolling div that a keyboard cannot reach at phone
     width (axe: scrollable-region-focusable): make those wrappers focusable. */
(function () {
  "use strict";

  function cellKey(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
  }

  var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

  function compare(a, b) {
    var x = parseFloat(a), y = parseFloat(b);
    if (String(x) === a && String(y) === b) return x - y;
    return collator.compare(a, b);
  }

  function sortBy(table, index, th) {
    var body = table.tBodies[0];
    if (!body) return;
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (r1, r2) {
      var order = compare(cellKey(r1, index), cellKey(r2, index));
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) { cell.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  function makeSortable(table) {
    if (table.dataset.fkSortable || !table.tHead || !table.tHead.rows.length) return;
    table.dataset.fkSortable = "1";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      if (th.hasAttribute("data-nosort")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "fk-sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      var hint = document.createElement("span");
      hint.className = "fk-sort__hint";
      hint.setAttribute("aria-hidden", "true");
      button.appendChild(hint);
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, index, th); });
    });
  }

  function init() {
    document.querySelectorAll("table.fk-sortable").forEach(makeSortable);
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (!wrap.hasAttribute("tabindex")) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", "Scrollable table");
      }
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
