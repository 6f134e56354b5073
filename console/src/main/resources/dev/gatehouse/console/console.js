// Gatehouse console: small progressive enhancements. Every page works without this file.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // Table search: hide the rows whose text does not contain the query.
  for (const box of document.querySelectorAll("input.table-search")) {
    const table = document.getElementById(box.dataset.table);
    if (!table) continue;
    box.addEventListener("input", () => {
      const q = box.value.trim().toLowerCase();
      for (const row of table.tBodies[0].rows) {
        row.hidden = q !== "" && !row.textContent.toLowerCase().includes(q);
      }
    });
  }

  // JSON editor: live syntax check, Format button, Tab inserts two spaces (Escape then Tab leaves).
  for (const area of document.querySelectorAll("textarea[data-json-editor]")) {
    const status = document.getElementById(area.id + "-status");
    const check = () => {
      if (!status) return;
      try {
        JSON.parse(area.value);
        status.textContent = "JSON syntax is valid.";
        status.className = "json-status ok";
      } catch (e) {
        status.textContent = "JSON syntax error: " + e.message;
        status.className = "json-status bad";
      }
    };
    const format = document.createElement("button");
    format.type = "button";
    format.textContent = "Format JSON";
    format.className = "small";
    format.addEventListener("click", () => {
      try {
        area.value = JSON.stringify(JSON.parse(area.value), null, 2);
        check();
      } catch (e) {
        check();
      }
    });
    area.insertAdjacentElement("afterend", format);
    let escaped = false;
    area.addEventListener("keydown", (ev) => {
      if (ev.key === "Escape") { escaped = true; return; }
      if (ev.key === "Tab" && !ev.shiftKey && !escaped) {
        ev.preventDefault();
        const s = area.selectionStart;
        area.setRangeText("  ", s, area.selectionEnd, "end");
        check();
      }
      escaped = false;
    });
    area.addEventListener("input", check);
    check();
  }

  // Sign-in: the user-name field is only needed for IAM users.
  const who = document.querySelectorAll("input[name=who]");
  const userName = document.getElementById("f-userName");
  if (who.length && userName) {
    const sync = () => {
      const root = document.querySelector("input[name=who]:checked")?.value === "root";
      userName.disabled = root;
      userName.closest(".field")?.classList.toggle("muted", root);
    };
    who.forEach((r) => r.addEventListener("change", sync));
    sync();
  }

  // Danger buttons ask first.
  for (const b of document.querySelectorAll("button.danger")) {
    b.addEventListener("click", (ev) => {
      if (!window.confirm(b.textContent + "?")) ev.preventDefault();
    });
  }
});
