// Small progressive enhancements; every page works without JavaScript.
document.documentElement.classList.add("js");

// On a phone, tables become stacked cards (see app.css): each cell gets its column's
// header as a label beside its value, so the card still says what every value is.
function labelTableCells(root) {
  root.querySelectorAll("table.stack").forEach((table) => {
    const headers = Array.from(table.querySelectorAll("thead th"), (th) => th.textContent.trim());
    table.querySelectorAll("tbody td:not(.labelled)").forEach((cell) => {
      const header = headers[cell.cellIndex];
      if (!header) return;
      const label = document.createElement("span");
      label.className = "cell-label";
      label.textContent = header;
      const value = document.createElement("div");
      value.className = "cell-value";
      value.append(...cell.childNodes);
      cell.append(label, value);
      cell.classList.add("labelled");
    });
  });
}

document.addEventListener("DOMContentLoaded", () => {
  labelTableCells(document);
  const toggle = document.querySelector(".nav-toggle");
  const nav = document.getElementById("site-nav");
  if (toggle && nav) {
    toggle.addEventListener("click", () => {
      const open = nav.classList.toggle("open");
      toggle.setAttribute("aria-expanded", String(open));
    });
  }
});
