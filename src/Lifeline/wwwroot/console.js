// The little the console needs from the browser: the viewer's time zone, so times are shown in it.
window.lifeline = {
  markLive: function () { document.documentElement.dataset.live = "true"; },
  timeZone: function () { try { return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC"; } catch (e) { return "UTC"; } }
};

// A menu group (the Admin entry) closes once one of its links is followed, on a click elsewhere, and on Escape.
document.addEventListener("click", function (e) {
  document.querySelectorAll(".nav-group details[open]").forEach(function (group) {
    if (!group.contains(e.target) || e.target.closest("a")) { group.removeAttribute("open"); }
  });
});
document.addEventListener("keydown", function (e) {
  if (e.key !== "Escape") { return; }
  document.querySelectorAll(".nav-group details[open]").forEach(function (group) {
    group.removeAttribute("open");
    var summary = group.querySelector("summary");
    if (group.contains(document.activeElement) && summary) { summary.focus(); }
  });
});
