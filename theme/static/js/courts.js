// Court finder: filter the table of tribunals as the user types.
// Progressive enhancement: the search box ships hidden and the full table is always in the
// page, so without JavaScript (or if this file fails) nothing is lost.
(function () {
  "use strict";

  var box = document.querySelector("[data-courts-search]");
  var table = document.getElementById("courts-table");
  if (!box || !table || !table.tBodies.length) {
    return;
  }
  var input = box.querySelector("input[type='search']");
  var status = box.querySelector("[role='status']");
  var results = document.getElementById("courts-results");
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var labels = table.tHead
    ? Array.prototype.map.call(table.tHead.rows[0].cells, function (cell) {
        return cell.textContent.trim();
      })
    : [];

  // Many phone keyboards type Arabic-Indic (٠-٩) or Persian (۰-۹) digits: 94 either way.
  function westernDigits(text) {
    return text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, function (digit) {
      var code = digit.charCodeAt(0);
      return String(code - (code >= 0x06f0 ? 0x06f0 : 0x0660));
    });
  }

  // Case, accents and apostrophes are ignored: "reunion" finds "La Réunion".
  function fold(text) {
    return westernDigits(text)
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[’'`\-]/g, " ")
      .replace(/\s+/g, " ")
      .trim();
  }

  var entries = rows.map(function (row) {
    return { row: row, code: fold(row.getAttribute("data-code") || ""), text: fold(row.textContent) };
  });

  // A number is read as a département code ("9", "93", "2a") or, with five digits, as a
  // postcode: 93100 → 93, 97400 → 974, 20000 → both Corsican départements.
  function codesFor(term) {
    if (/^\d{5}$/.test(term)) {
      if (term.slice(0, 2) === "20") {
        return { exact: ["2a", "2b"] };
      }
      return { exact: [term.slice(0, /^9[78]/.test(term) ? 3 : 2)] };
    }
    if (/^(\d{1,3}|2[ab])$/.test(term)) {
      return { prefix: term };
    }
    return null;
  }

  function matches(entry, term) {
    var codes = codesFor(term);
    if (codes && codes.exact) {
      return codes.exact.indexOf(entry.code) !== -1;
    }
    if (codes) {
      return entry.code.indexOf(codes.prefix) === 0;
    }
    return entry.text.indexOf(term) !== -1;
  }

  // The language of an element: the closest lang attribute, so a card's French address
  // keeps lang="fr" dir="ltr" in an Arabic page (and is not reordered by the bidi rules).
  function wrapLike(cell, element) {
    var holder = cell.closest("[lang]");
    if (holder) {
      element.setAttribute("lang", holder.getAttribute("lang"));
    }
    var dir = cell.closest("[dir]");
    if (dir) {
      element.setAttribute("dir", dir.getAttribute("dir"));
    }
    Array.prototype.forEach.call(cell.childNodes, function (node) {
      element.appendChild(node.cloneNode(true));
    });
    return element;
  }

  // One card per matching row: the département as its title, then each column as a
  // label (the table's header, in the page's language) and its value.
  function card(row) {
    var item = document.createElement("li");
    item.className = "courts-card" + (row.className ? " " + row.className : "");
    item.setAttribute("data-code", row.getAttribute("data-code"));
    var title = document.createElement("p");
    title.className = "courts-card__title";
    title.appendChild(wrapLike(row.cells[0], document.createElement("span")));
    item.appendChild(title);
    var list = document.createElement("dl");
    for (var i = 1; i < row.cells.length; i += 1) {
      var term = document.createElement("dt");
      term.textContent = labels[i] || "";
      var value = document.createElement("dd");
      value.appendChild(wrapLike(row.cells[i], document.createElement("span")));
      list.appendChild(term);
      list.appendChild(value);
    }
    item.appendChild(list);
    return item;
  }

  function update() {
    var terms = fold(input.value).split(" ").filter(Boolean);
    var shown = 0;
    var cards = document.createDocumentFragment();
    entries.forEach(function (entry) {
      var visible = terms.every(function (term) {
        return matches(entry, term);
      });
      entry.row.hidden = !visible;
      if (visible) {
        shown += 1;
        if (terms.length) {
          cards.appendChild(card(entry.row));
        }
      }
    });
    if (results) {
      results.textContent = "";
      results.appendChild(cards);
      results.hidden = !results.firstChild;
    }
    if (!terms.length) {
      status.textContent = "";
    } else if (!shown) {
      status.textContent = status.getAttribute("data-none");
    } else {
      status.textContent = status
        .getAttribute("data-template")
        .replace("{shown}", String(shown))
        .replace("{total}", String(entries.length));
    }
  }

  input.addEventListener("input", update);
  box.hidden = false;
  // The address can pre-fill the search, so a help desk can send a link:
  // …/trouver-son-tribunal/?departement=Montreuil or …/trouver-son-tribunal/#departement-93.
  var wanted = new URLSearchParams(window.location.search).get("departement");
  var hash = /^#departement-(\w+)$/.exec(window.location.hash);
  if (wanted === null && hash) {
    wanted = hash[1].toUpperCase();
  }
  if (wanted) {
    input.value = wanted;
  }
  update();
})();
