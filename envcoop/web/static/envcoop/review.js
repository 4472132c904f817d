// The review queue from the keyboard: j / k move between claims, a accepts, r goes to the
// reason box (Enter rejects), e opens the edit page, x ticks the claim for a bulk accept.
(function () {
  "use strict";
  var items = Array.prototype.slice.call(document.querySelectorAll("article.proposal"));
  if (!items.length) return;
  function current() {
    var active = document.activeElement;
    return active && active.closest ? active.closest("article.proposal") : null;
  }
  function move(step) {
    var index = items.indexOf(current());
    var next = items[Math.min(items.length - 1, Math.max(0, index + step))];
    if (index === -1) next = items[0];
    next.focus();
    next.scrollIntoView({ block: "nearest" });
  }
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    var item = current();
    switch (event.key) {
      case "j": move(1); break;
      case "k": move(-1); break;
      case "a": if (item) item.querySelector("button.accept").click(); break;
      case "r": if (item) item.querySelector("form.reject input[name=reason]").focus(); break;
      case "e": if (item) item.querySelector("a.edit").click(); break;
      case "x": if (item) { var box = item.querySelector("input[type=checkbox]"); box.checked = !box.checked; } break;
      default: return;
    }
    event.preventDefault();
  });
})();
