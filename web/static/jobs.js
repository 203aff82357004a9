// Background jobs: while the job on this page is queued or running, ask its status every two
// seconds, show its progress, and reload the page when it has ended (the page then shows the
// result, and progress.js moves focus to it). Progressive enhancement: without JavaScript the
// «Oppdater nå» link does the same.
"use strict";

(function () {
  var box = document.querySelector("[data-job-url]");
  if (!box) {
    return;
  }
  var progress = box.querySelector("[data-job-progress]");
  var ended = ["done", "failed", "cancelled"];
  function poll() {
    fetch(box.dataset.jobUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (job) {
        if (!job) {
          return; // stop asking; the link still works
        }
        if (ended.indexOf(job.status) >= 0) {
          window.location.reload();
          return;
        }
        if (progress && job.progress) {
          progress.textContent = job.progress;
        }
        window.setTimeout(poll, 2000);
      })
      .catch(function () {});
  }
  window.setTimeout(poll, 1000);
})();
