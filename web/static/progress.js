// Long calculations (optimiser, cost split): say that the work runs, for how long, and what
// the time limit is, while the browser waits for the answer. Progressive enhancement: the
// forms work without it. Loaded from 'self' (the CSP forbids inline script).
"use strict";

document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.dataset.progress) {
    return;
  }
  var status = document.getElementById(form.dataset.progressTarget || "");
  if (!status) {
    return;
  }
  var started = Date.now();
  var limit = form.dataset.progressLimit ? " (tidsgrense " + form.dataset.progressLimit + " s)" : "";
  function show() {
    var seconds = Math.floor((Date.now() - started) / 1000);
    status.textContent = form.dataset.progress + " " + seconds + " s" + limit + " …";
  }
  show();
  status.hidden = false;
  form.setAttribute("aria-busy", "true");
  form.querySelectorAll("button[type=submit]").forEach(function (button) {
    button.disabled = true;
  });
  window.setInterval(show, 1000);
});

// Coming back with the browser's back button must not leave the form locked.
window.addEventListener("pageshow", function () {
  document.querySelectorAll("form[aria-busy=true]").forEach(function (form) {
    form.removeAttribute("aria-busy");
    form.querySelectorAll("button[type=submit]").forEach(function (button) {
      button.disabled = false;
    });
  });
});

// An error summary (templates/_fields.html) or the answer of a finished background job takes
// focus when the page loads (data-focus-on-load), so it is what a screen reader reads first.
// The summary's links move focus into the field they name, with the label in view (a plain
// fragment link scrolls but leaves focus behind in some browsers).
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-focus-on-load]");
  if (summary) {
    summary.focus();
  }
});

document.addEventListener("click", function (event) {
  var link = event.target instanceof Element && event.target.closest(".error-summary a[href^='#']");
  if (!link) {
    return;
  }
  var field = document.getElementById(link.getAttribute("href").slice(1));
  if (!field || !/^(INPUT|SELECT|TEXTAREA)$/.test(field.tagName)) {
    return;
  }
  event.preventDefault();
  var label = document.querySelector("label[for='" + field.id + "']");
  (label || field).scrollIntoView();
  field.focus({ preventScroll: true });
});

// A table or chart wider than the screen scrolls inside a labelled region that keyboard users
// can focus (role=region, tabindex=0, named by the caption or the chart's title), so the page
// itself never scrolls sideways and chart labels keep a readable size (issue 18.5). Without
// script, style.css lets such a table or figure scroll on its own on narrow screens.
function wrapInRegion(element, name) {
  var region = document.createElement("div");
  region.className = "table-scroll";
  region.setAttribute("role", "region");
  region.setAttribute("tabindex", "0");
  region.setAttribute("aria-label", name.replace(/\s+/g, " ").trim() || "Tabell");
  element.parentNode.insertBefore(region, element);
  region.appendChild(element);
}

function scrollRegions() {
  document.querySelectorAll("main table, main figure svg[role=img]").forEach(function (wide) {
    var parent = wide.parentElement;
    if (!parent || wide.closest(".table-scroll, .map-scroll")) {
      return;
    }
    var width = Math.max(wide.scrollWidth, wide.getBoundingClientRect().width);
    var room = wide.tagName === "TABLE" ? Math.min(wide.clientWidth, parent.clientWidth) : parent.clientWidth;
    if (width <= room + 1) {
      return;
    }
    var label = wide.querySelector(wide.tagName === "TABLE" ? "caption" : "title");
    wrapInRegion(wide, label ? label.textContent : "");
  });
}

document.addEventListener("DOMContentLoaded", scrollRegions);
window.addEventListener("resize", function () {
  window.clearTimeout(scrollRegions.timer);
  scrollRegions.timer = window.setTimeout(scrollRegions, 200);
});
