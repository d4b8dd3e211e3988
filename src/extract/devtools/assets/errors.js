(function () {
  var errors = [];
  function flush() { if (document.body) { document.body.setAttribute("data-errors", errors.join(" | ")); } }
  function record(msg) { errors.push(String(msg)); flush(); }
  window.addEventListener("error", function (e) { record((e.message || "error") + " @ " + (e.filename || "") + ":" + (e.lineno || 0)); });
  window.addEventListener("unhandledrejection", function (e) { record("unhandled rejection: " + (e.reason && e.reason.message || e.reason)); });
  document.addEventListener("DOMContentLoaded", flush);
  window.__reviewErrors = errors;
})();
