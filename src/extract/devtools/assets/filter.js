(function () {
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.record"));
  var controls = Array.prototype.slice.call(document.querySelectorAll("[data-filter]"));
  function state() {
    var s = {};
    controls.forEach(function (c) { var v = (c.value || "").trim(); if (v) { s[c.getAttribute("data-filter")] = v; } });
    return s;
  }
  function spec(str) {
    var s = {};
    new URLSearchParams(str || "").forEach(function (v, k) { if (v) { s[k] = v; } });
    return s;
  }
  function matches(card, s, prefix) {
    for (var k in s) {
      if (!Object.prototype.hasOwnProperty.call(s, k)) { continue; }
      var want = s[k];
      if (k === "q") {
        if (card.textContent.toLowerCase().indexOf(want.toLowerCase()) < 0) { return false; }
      } else if (k === "doc" && prefix) {
        var d = card.getAttribute("data-doc") || "";
        if (d !== want && d.indexOf(want) !== 0) { return false; }
      } else if ((card.getAttribute("data-" + k) || "") !== want) {
        return false;
      }
    }
    return true;
  }
  function apply(write) {
    var s = state();
    cards.forEach(function (card) { card.hidden = !matches(card, s, true); });
    document.querySelectorAll("[data-shown]").forEach(function (el) {
      var sp = spec(el.getAttribute("data-shown"));
      var n = 0;
      cards.forEach(function (card) { if (!card.hidden && matches(card, sp, false)) { n += 1; } });
      el.textContent = String(n);
    });
    document.querySelectorAll("[data-hide-empty]").forEach(function (sec) {
      sec.hidden = !sec.querySelector("article.record:not([hidden])");
    });
    document.querySelectorAll(".count[data-kind]").forEach(function (el) {
      el.classList.toggle("active", s.kind === el.getAttribute("data-kind"));
    });
    if (write) {
      var p = new URLSearchParams();
      Object.keys(s).forEach(function (k) { p.set(k, s[k]); });
      var h = p.toString();
      try { history.replaceState(null, "", h ? "#" + h : location.pathname + location.search); } catch (e) { /* file: URLs in some browsers */ }
    }
  }
  function load() {
    var s = spec(location.search.replace(/^[?]/, ""));
    var h = spec(location.hash.replace(/^#/, ""));
    Object.keys(h).forEach(function (k) { s[k] = h[k]; });
    controls.forEach(function (c) {
      var k = c.getAttribute("data-filter");
      var v = s[k] || "";
      if (c.tagName === "SELECT" && v) {
        var opt = Array.prototype.find.call(c.options, function (o) { return o.value === v || (k === "doc" && o.value.indexOf(v) === 0); });
        v = opt ? opt.value : "";
      }
      c.value = v;
    });
    apply(false);
  }
  controls.forEach(function (c) { c.addEventListener(c.tagName === "INPUT" ? "input" : "change", function () { apply(true); }); });
  document.querySelectorAll(".count[data-kind]").forEach(function (el) {
    el.addEventListener("click", function () {
      var sel = document.querySelector('[data-filter="kind"]');
      if (!sel) { return; }
      var k = el.getAttribute("data-kind");
      sel.value = sel.value === k ? "" : k;
      apply(true);
    });
  });
  var reset = document.getElementById("filter-reset");
  if (reset) { reset.addEventListener("click", function () { controls.forEach(function (c) { c.value = ""; }); apply(true); }); }
  window.addEventListener("hashchange", load);
  load();
  document.body.setAttribute("data-ready", "1");
})();
