/* Pantau on every page: the phone menu, and tables that turn into one card per row on a
 * narrow screen when their columns do not fit (each cell labelled with its column), so no
 * column hides behind a sideways scroll. Without scripts the menu stays open and tables scroll. */
(function () {
  "use strict";

  var NARROW = window.matchMedia("(max-width: 40rem)");

  function text(node) {
    return node.textContent.replace(/[▲▼]/g, "").replace(/\s+/g, " ").trim();
  }

  // Each body cell gets its column's header as data-label (the CSS shows it before the
  // value); a cell spanning columns is a row of its own and gets an empty label.
  function labelCells(table) {
    var head = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
    if (!head) return;
    var names = [];
    Array.prototype.forEach.call(head.cells, function (cell) {
      for (var i = 0; i < cell.colSpan; i++) names.push(text(cell));
    });
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        var column = 0;
        Array.prototype.forEach.call(row.cells, function (cell) {
          if (!cell.hasAttribute("data-label")) {
            cell.setAttribute("data-label", cell.colSpan > 1 ? "" : names[column] || "");
          }
          column += cell.colSpan;
        });
      });
    });
  }

  function fitTables() {
    document.querySelectorAll(".table-wrap").forEach(function (wrap) {
      wrap.classList.remove("stacked");
      if (NARROW.matches && wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.classList.add("stacked");
      }
    });
  }

  function prepare(root) {
    root.querySelectorAll(".table-wrap table").forEach(labelCells);
    fitTables();
  }

  function menu() {
    var bar = document.querySelector(".topbar");
    var button = bar && bar.querySelector(".menu-toggle");
    if (!button) return;
    bar.classList.add("collapsible");
    button.addEventListener("click", function () {
      var open = bar.classList.toggle("open");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    menu();
    prepare(document);
  });
  // Tables that htmx swaps in (search results, sorting) are labelled too.
  document.addEventListener("htmx:afterSettle", function (event) { prepare(event.target); });
  // A table in a closed <details> has no width until it opens.
  document.addEventListener("toggle", fitTables, true);
  var pending = false;
  window.addEventListener("resize", function () {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; fitTables(); });
  });
})();
