// newsfacts report: point at a highlight to see its facts in the side panel; click to pin;
// the legend switches layers off and on. No network, no HTML built from data.
(function () {
  "use strict";

  function factsAt(node, text) {
    var ids = [];
    for (var el = node; el && el !== text; el = el.parentElement) {
      if (el.dataset && el.dataset.fact && ids.indexOf(el.dataset.fact) < 0) ids.push(el.dataset.fact);
    }
    return ids;
  }

  function show(view, ids) {
    var panel = view.querySelector(".panel");
    panel.querySelectorAll(".fact-detail").forEach(function (d) {
      d.hidden = ids.indexOf(d.dataset.for) < 0;
    });
    var hint = panel.querySelector(".hint");
    if (hint) hint.hidden = ids.length > 0;
    view.querySelectorAll("mark.hl").forEach(function (m) { m.classList.remove("hl"); });
    ids.forEach(function (id) {
      view.querySelectorAll('mark[data-fact="' + CSS.escape(id) + '"]').forEach(function (m) {
        m.classList.add("hl");
      });
    });
  }

  document.querySelectorAll(".view").forEach(function (view) {
    var text = view.querySelector(".text");
    var pinned = null;
    text.addEventListener("mouseover", function (ev) {
      if (pinned) return;
      var ids = factsAt(ev.target, text);
      if (ids.length) show(view, ids);
    });
    text.addEventListener("click", function (ev) {
      var mark = ev.target.closest("mark.f");
      if (pinned) pinned.classList.remove("pinned");
      if (!mark || mark === pinned) { pinned = null; return; }
      pinned = mark;
      mark.classList.add("pinned");
      show(view, factsAt(mark, text));
    });
  });

  document.querySelectorAll(".legend button[data-layer]").forEach(function (button) {
    button.addEventListener("click", function () {
      var scope = button.closest(".article-report") || document.body;
      var off = scope.classList.toggle("off-" + button.dataset.layer);
      button.setAttribute("aria-pressed", off ? "false" : "true");
    });
  });

  // A link to a row inside a closed article opens the article (and any details around it).
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (!el) return;
    if (el.tagName === "DETAILS") el.open = true;
    for (var d = el.parentElement && el.parentElement.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) {
      d.open = true;
    }
    el.scrollIntoView();
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
})();
