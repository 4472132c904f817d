// An upload's status page keeps itself up to date: it asks the upload's JSON address
// (data-status-url) every few seconds and shows each file's state, until every file is
// read. No inline script: everything it needs is in data- attributes.
(function () {
  "use strict";
  var progress = document.getElementById("upload-progress");
  if (!progress || progress.getAttribute("data-finished") === "1") return;
  var url = progress.getAttribute("data-status-url");
  var delay = 1500;

  function show(file) {
    var row = document.querySelector('tr[data-job="' + file.id + '"]');
    if (!row) return;
    row.setAttribute("data-state", file.state);
    row.querySelector(".state").textContent = file.label;
    row.querySelector(".message").textContent = file.message;
    var cell = row.querySelector(".file");
    cell.textContent = "";
    if (file.url) {
      var link = document.createElement("a");
      link.href = file.url;
      link.textContent = file.filename;
      cell.appendChild(link);
    } else {
      cell.textContent = file.filename;
    }
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        data.files.forEach(show);
        if (data.finished) {
          progress.setAttribute("data-finished", "1");
          progress.textContent = progress.getAttribute("data-done-text") || "";
          if (!progress.textContent) progress.hidden = true;
        } else {
          window.setTimeout(poll, delay);
        }
      })
      .catch(function () {
        delay = Math.min(delay * 2, 30000);
        window.setTimeout(poll, delay);
      });
  }
  window.setTimeout(poll, delay);
})();
