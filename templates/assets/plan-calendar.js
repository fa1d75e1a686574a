// Builds an .ics file of the whole plan in the browser: one all-day event per session,
// dated back from the race date the reader picks. No library, no network.
(function () {
  var box = document.getElementById("calendar-export");
  var source = document.getElementById("plan-data");
  if (!box || !source) return;
  var info = JSON.parse(source.textContent);
  var plan = info.plan;
  var form = box.querySelector("form");
  var status = document.getElementById("calendar-status");

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function ymd(date) { return date.getUTCFullYear() + pad(date.getUTCMonth() + 1) + pad(date.getUTCDate()); }
  function escapeText(text) { return String(text).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n"); }
  function fold(line) {
    var out = [];
    while (line.length > 74) { out.push(line.slice(0, 74)); line = " " + line.slice(74); }
    out.push(line);
    return out.join("\r\n");
  }
  function describe(session) {
    var how = session.workout ? session.workout + ". Effort: " + info.efforts[session.type] + ". Defined at " + info.sessions + "#" + session.type + "." : "";
    if (session.kind === "run") {
      return session.type === "race" ? ["Race day", how] :
        [session.type.charAt(0).toUpperCase() + session.type.slice(1) + " run, " + session.minutes + " min", (session.key ? "Key session. " : "") + how];
    }
    var items = (session.exercises || []).map(function (e) { return (info.names[e.slug] || e.slug) + " " + e.sets + " x " + e.reps + (e.load != null ? " (" + info.loads[e.load] + ")" : ""); });
    if (session.kind === "strength") {
      var title = session.intensity.charAt(0).toUpperCase() + session.intensity.slice(1) + " strength";
      var extra = session.plyo_contacts ? "Plyometric foot contacts: " + session.plyo_contacts + ". " : "";
      var warm = session.warmup ? "Warm-up first, " + session.warmup.minutes + " min: " + info.warmup + ". " : "";
      return [title, warm + extra + (session.note ? session.note + ". " : "") + items.join("; ")];
    }
    return ["Mobility, " + session.minutes + " min", items.join("; ")];
  }

  function build(raceDate) {
    var raceIndex = (plan.race.week - 1) * 7 + plan.race.day;
    var stamp = ymd(new Date()) + "T000000Z";
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Stronger Strides//Plan export//EN", "CALSCALE:GREGORIAN",
      "X-WR-CALNAME:" + escapeText(plan.title)];
    plan.weeks.forEach(function (week) {
      week.days.forEach(function (day) {
        var offset = (week.number - 1) * 7 + day.day - raceIndex;
        var date = new Date(raceDate.getTime() + offset * 86400000);
        var next = new Date(date.getTime() + 86400000);
        day.sessions.forEach(function (session, i) {
          var text = describe(session);
          lines.push("BEGIN:VEVENT",
            "UID:" + plan.id + "-w" + week.number + "-d" + day.day + "-" + i + "@stronger-strides",
            "DTSTAMP:" + stamp, "DTSTART;VALUE=DATE:" + ymd(date), "DTEND;VALUE=DATE:" + ymd(next),
            "SUMMARY:" + escapeText(text[0]),
            "DESCRIPTION:" + escapeText("Week " + week.number + ", " + week.phase + " phase. " + text[1] + " " + info.url),
            "END:VEVENT");
        });
      });
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  box.hidden = false;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var value = form.elements.race.value;
    if (!value) return;
    var parts = value.split("-").map(Number);
    var ics = build(new Date(Date.UTC(parts[0], parts[1] - 1, parts[2])));
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([ics], { type: "text/calendar" }));
    link.download = plan.id + ".ics";
    document.body.appendChild(link);
    link.click();
    link.remove();
    status.textContent = "Downloaded " + plan.id + ".ics with every session up to race day on " + value + ".";
  });
})();
