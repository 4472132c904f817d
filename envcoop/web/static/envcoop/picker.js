// "Another record": a text input (input[data-picker]) becomes a combobox that looks records
// up by name as the reviewer types (the JSON of data-picker, ?q=...). ArrowDown / ArrowUp move
// through the list, Enter chooses (the input then holds the record's key), Escape closes the
// list (and, closed, clears the input). Without this script the input takes a key or a name.
// With data-picker-chosen (the record forms), the record chosen is added to that element as
// a ticked box named like the input, and the input is emptied for the next one; with
// data-picker-single too, it takes the place of the one chosen before.
(function () {
  "use strict";

  function setUp(input, number) {
    var url = input.getAttribute("data-picker");
    var radio = !input.hasAttribute("data-picker-chosen") && input.form && input.form.querySelector("input[type=radio][value=" + (input.getAttribute("data-picker-radio") || "other") + "]");
    var chosen = input.hasAttribute("data-picker-chosen") ? document.getElementById(input.getAttribute("data-picker-chosen")) : null;
    var single = input.hasAttribute("data-picker-single");
    var listId = "picker-list-" + number;
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "picker-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.labels && input.labels[0] ? input.labels[0].textContent : "");
    list.hidden = true;
    var status = document.createElement("p");
    status.className = "picker-status";
    status.setAttribute("role", "status");
    input.insertAdjacentElement("afterend", list);
    list.insertAdjacentElement("afterend", status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("aria-expanded", "false");

    var results = [];
    var active = -1;
    var asked = 0;
    var timer = null;

    function text(name, count) {
      return (input.getAttribute("data-" + name) || "").replace("%(count)s", String(count));
    }
    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function mark(index) {
      active = index;
      Array.prototype.forEach.call(list.children, function (option, at) {
        option.setAttribute("aria-selected", at === index ? "true" : "false");
      });
      if (index >= 0) {
        var option = list.children[index];
        input.setAttribute("aria-activedescendant", option.id);
        option.scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }
    function pick(found) {
      var boxes = chosen.querySelectorAll("input[type=checkbox]");
      var already = null;
      Array.prototype.forEach.call(boxes, function (box) {
        if (box.value === found.key) already = box;
        else if (single) box.parentNode.parentNode.removeChild(box.parentNode);
      });
      if (already) { already.checked = true; return; }
      var label = document.createElement("label");
      label.className = "picked";
      var box = document.createElement("input");
      box.type = "checkbox";
      box.name = input.name;
      box.value = found.key;
      box.checked = true;
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + found.name));
      chosen.appendChild(label);
    }
    function choose(index) {
      var found = results[index];
      if (!found) return;
      if (chosen) { pick(found); input.value = ""; results = []; list.textContent = ""; }
      else input.value = found.key;
      if (radio) radio.checked = true;
      close();
      status.textContent = text("chosen", 0).replace("%(name)s", found.name).replace("%(key)s", found.key);
    }
    function show(found) {
      results = found;
      list.textContent = "";
      found.forEach(function (item, index) {
        var option = document.createElement("li");
        option.id = listId + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        var name = document.createElement("span");
        name.className = "picker-name";
        name.textContent = item.name;
        option.appendChild(name);
        var more = document.createElement("span");
        more.className = "picker-more";
        more.textContent = (item.matched !== item.name && item.matched !== item.key ? item.matched + " · " : "") + item.key;
        if (item.lang && item.lang !== "und") more.setAttribute("lang", item.lang);
        option.appendChild(more);
        option.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep the focus in the input
          choose(index);
        });
        list.appendChild(option);
      });
      list.hidden = found.length === 0;
      input.setAttribute("aria-expanded", found.length ? "true" : "false");
      active = -1;
      status.textContent = found.length === 0 ? text("none", 0)
        : found.length === 1 ? text("one", 1) : text("many", found.length);
    }
    function lookUp() {
      var query = input.value.trim();
      var ask = ++asked;
      if (!query) { results = []; list.textContent = ""; close(); status.textContent = ""; return; }
      fetch(url + "?q=" + encodeURIComponent(query), {
        credentials: "same-origin",
        headers: { Accept: "application/json" }
      }).then(function (response) {
        return response.ok ? response.json() : { results: [] };
      }).then(function (data) {
        if (ask === asked) show(data.results || []);
      }).catch(function () { /* the typed text is still sent as it is */ });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(lookUp, 150);
    });
    input.addEventListener("keydown", function (event) {
      var open = !list.hidden;
      switch (event.key) {
        case "ArrowDown":
          if (!open) { if (results.length) { list.hidden = false; input.setAttribute("aria-expanded", "true"); mark(0); } else lookUp(); }
          else mark(Math.min(results.length - 1, active + 1));
          break;
        case "ArrowUp":
          if (open) mark(Math.max(0, active - 1));
          break;
        case "Enter":
          if (!open || active < 0) return; // the form is sent as it is
          choose(active);
          break;
        case "Escape":
          if (open) close(); else { input.value = ""; status.textContent = ""; }
          break;
        case "Tab":
          close();
          return;
        default:
          return;
      }
      event.preventDefault();
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  }

  Array.prototype.forEach.call(document.querySelectorAll("input[data-picker]"), setUp);

  // A form sent back with mistakes: the focus goes to the summary saying so.
  var errors = document.getElementById("form-errors");
  if (errors) errors.focus();
})();
