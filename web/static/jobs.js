// Background jobs: while the job on this page is queued or running, ask its status (after a
// quarter of a second, then twice as long each time, at most every two seconds: most jobs end
// within a second, and nobody should wait for a fixed tick), show its progress, and reload the
// page when it has ended (the page then shows the result, and progress.js moves focus to it).
// Progressive enhancement: without JavaScript the «Oppdater nå» link does the same.
"use strict";

(function () {
  var box = document.querySelector("[data-job-url]");
  if (!box) {
    return;
  }
  var progress = box.querySelector("[data-job-progress]");
  var ended = ["done", "failed", "cancelled"];
  var delay = 250;
  function later() {
    window.setTimeout(poll, delay);
    delay = Math.min(delay * 2, 2000);
  }
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
        later();
      })
      .catch(function () {});
  }
  later();
})();
