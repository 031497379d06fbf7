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
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);

  // Case, accents and apostrophes are ignored: "reunion" finds "La Réunion".
  function fold(text) {
    return text
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

  function update() {
    var terms = fold(input.value).split(" ").filter(Boolean);
    var shown = 0;
    entries.forEach(function (entry) {
      var visible = terms.every(function (term) {
        return matches(entry, term);
      });
      entry.row.hidden = !visible;
      if (visible) {
        shown += 1;
      }
    });
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
