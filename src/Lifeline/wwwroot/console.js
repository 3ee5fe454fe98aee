// The little the console needs from the browser: the viewer's time zone, so times are shown in it.
window.lifeline = {
  markLive: function () { document.documentElement.dataset.live = "true"; },
  timeZone: function () { try { return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC"; } catch (e) { return "UTC"; } }
};
