// The review queue from the keyboard: j / k move between claims, a accepts, r goes to the
// reason box (Enter rejects), e opens the edit page, x ticks the claim for a bulk accept.
// Coming back after an action (the address ends in #claim-N, the card that took the place
// of the one reviewed), the focus is on that card and the message saying what was done
// stands just above it.
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
  function arrive() {
    var found = /^#claim-(\d+)$/.exec(window.location.hash);
    var card = found && document.getElementById("claim-" + found[1]);
    if (!card || !card.matches("article.proposal")) return;
    var said = document.querySelector("main > ul.messages");
    if (said) card.parentNode.insertBefore(said, card);
    card.focus({ preventScroll: !!said });
    if (!said) return;
    // the browser scrolls to the card itself once the page has loaded: scroll after it
    var show = function () { said.scrollIntoView({ block: "start" }); };
    show();
    if (document.readyState !== "complete") window.addEventListener("load", show);
    else setTimeout(show, 0);
  }
  arrive();
  window.addEventListener("hashchange", arrive);
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
