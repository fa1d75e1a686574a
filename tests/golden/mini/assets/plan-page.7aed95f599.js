// The plan page on a phone: the race date the reader picks (kept on this device) turns the
// plan into dates, marks this week and today, pages through the weeks, exports the same dates
// as an .ics file, and opens one day as a step-by-step workout with ticks and a rest timer.
// Without JavaScript the page is the whole plan, readable and printable.
(function () {
  var source = document.getElementById("plan-data");
  var weeksBox = document.getElementById("plan-weeks");
  var form = document.getElementById("race-form");
  if (!source || !weeksBox || !form) return;
  var info = JSON.parse(source.textContent);
  var plan = info.plan;
  // The page gives each repeated text once (efforts by run type, loads by number, one warm-up):
  // put them back on every session, as in the plan's JSON.
  plan.weeks.forEach(function (week) {
    week.days.forEach(function (day) {
      day.sessions.forEach(function (session) {
        if (session.kind === "run" && !session.effort && info.efforts[session.type]) session.effort = info.efforts[session.type];
        if (session.warmup === 1) session.warmup = info.warmup;
        (session.exercises || []).forEach(function (item) {
          if (typeof item.load === "number") item.load = info.loads[item.load];
        });
      });
    });
  });
  var DAY = 86400000;
  var NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  var raceKey = "ss-race:" + plan.distance;
  var pickedKey = "ss-race-picked:" + plan.distance; // the day the reader chose that race date
  var longKey = "ss-long-run-day";
  var partKey = "ss-partway:" + plan.id;
  var status = document.getElementById("race-status");
  var warning = document.getElementById("race-warning");
  var calStatus = document.getElementById("calendar-status");
  var picker = document.getElementById("week-pick");
  var todayButton = document.getElementById("week-today");
  var sections = Array.prototype.slice.call(weeksBox.querySelectorAll(".plan-week"));
  var raceIndex = (plan.race.week - 1) * 7 + plan.race.day;
  var current = null; // the schedule in force, or null without a race date

  function get(key) { try { return localStorage.getItem(key); } catch (e) { return null; } }
  function set(key, value) {
    try { if (value === null) localStorage.removeItem(key); else localStorage.setItem(key, value); } catch (e) { /* storage blocked */ }
  }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function parseDate(value) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || "");
    return m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) : null;
  }
  function today() { var n = new Date(); return Date.UTC(n.getFullYear(), n.getMonth(), n.getDate()); }
  function weekday(ms) { return (new Date(ms).getUTCDay() + 6) % 7 + 1; } // 1 = Monday
  function label(ms) { var d = new Date(ms); return NAMES[weekday(ms) - 1] + " " + d.getUTCDate() + " " + MONTHS[d.getUTCMonth()]; }
  function ymd(ms) { var d = new Date(ms); return d.getUTCFullYear() + pad(d.getUTCMonth() + 1) + pad(d.getUTCDate()); }
  function cap(text) { return text.charAt(0).toUpperCase() + text.slice(1); }
  function title(slug) { return (info.cards[slug] && info.cards[slug].title) || slug; }

  // Plan day 7 is the long-run day; the reader's choice rotates the whole week so it lands there.
  function rotated(day, longRun) { return ((day + longRun - 8) % 7 + 7) % 7 + 1; }

  // Where every plan day falls: the one mapping both the page and the .ics use.
  function schedule(race, longRun) {
    var slot = race - ((weekday(race) - rotated(plan.race.day, longRun) + 7) % 7) * DAY;
    var start = slot - (raceIndex - 1) * DAY;
    var now = today();
    var s = {
      race: race, longRun: longRun, start: start, today: now,
      daysLeft: Math.round((race - now) / DAY),
      dateOf: function (week, day) {
        return week === plan.race.week && day === plan.race.day ? race : start + ((week - 1) * 7 + day - 1) * DAY;
      }
    };
    // Too close: when the reader chose this race, week 1 had already gone by (a reader
    // following the plan for weeks is not warned again; a few days into week 1 is fine).
    var picked = parseDate(get(pickedKey)) || now;
    s.tooClose = start < Math.min(picked, now) - 6 * DAY && race >= now;
    s.startWeek = s.tooClose ? Math.floor((now - start) / DAY / 7) + 1 : 1;
    s.partway = s.tooClose && get(partKey) === ymd(race);
    return s;
  }

  // ---- Dates on the page ----------------------------------------------------------------
  function markDays() {
    var longRun = current ? current.longRun : Number(form.elements.longrun.value) || 7;
    var todayWeek = null;
    sections.forEach(function (section) {
      var week = Number(section.getAttribute("data-week"));
      var thisWeek = false;
      section.querySelectorAll(".plan-day").forEach(function (li) {
        var day = Number(li.getAttribute("data-day"));
        var name = li.querySelector(".day-name");
        var isToday = false;
        if (current) {
          var when = current.dateOf(week, day);
          name.textContent = label(when);
          isToday = when === current.today;
          li.classList.toggle("is-past", when < current.today);
          li.classList.toggle("is-skipped", current.partway && when < current.today);
        } else {
          name.textContent = NAMES[rotated(day, longRun) - 1];
          li.classList.remove("is-past", "is-skipped");
        }
        li.classList.toggle("is-today", isToday);
        if (isToday) { li.setAttribute("aria-current", "date"); thisWeek = true; } else li.removeAttribute("aria-current");
      });
      section.classList.toggle("is-this-week", thisWeek);
      var badge = section.querySelector(".this-week");
      if (thisWeek && !badge) {
        badge = document.createElement("span");
        badge.className = "this-week";
        badge.textContent = "This week";
        section.querySelector("h2").appendChild(badge);
      } else if (!thisWeek && badge) badge.remove();
      if (thisWeek) todayWeek = week;
    });
    todayButton.hidden = todayWeek === null;
    return todayWeek;
  }

  function describeStatus() {
    warning.hidden = true;
    warning.textContent = "";
    if (!current) {
      status.textContent = "Pick your race date: every day of the plan gets its date, and today is marked. It stays on this device.";
      return;
    }
    var c = current;
    if (c.daysLeft < 0) {
      status.textContent = "That race date has passed. Pick your next race.";
      return;
    }
    var first = label(c.start);
    status.textContent = c.daysLeft === 0 ? "Race day is today. Good luck." :
      "Race day " + label(c.race) + ", in " + c.daysLeft + (c.daysLeft === 1 ? " day" : " days") +
      (c.tooClose ? "." : ". The plan starts " + first + ".");
    if (!c.tooClose) return;
    warning.hidden = false;
    var p = document.createElement("p");
    p.appendChild(document.createElement("strong")).textContent = "Your race is closer than this plan is long. ";
    p.appendChild(document.createTextNode("The plan needs " + plan.weeks_total + " weeks and would have started " + first +
      ". You can start part-way in, at week " + c.startWeek + " (the weeks before are skipped, so the early base and heavy strength weeks are missed), or pick a shorter plan."));
    warning.appendChild(p);
    var choices = document.createElement("p");
    choices.className = "race-actions";
    var start = document.createElement("button");
    start.type = "button";
    start.className = "button";
    start.id = "start-partway";
    start.setAttribute("aria-pressed", String(c.partway));
    start.textContent = c.partway ? "Starting at week " + c.startWeek : "Start at week " + c.startWeek;
    start.addEventListener("click", function () {
      set(partKey, current.partway ? null : ymd(current.race));
      apply(false);
      var again = document.getElementById("start-partway");
      if (again) again.focus();
    });
    choices.appendChild(start);
    var weeksLeft = Math.floor((c.daysLeft + 1) / 7);
    (info.shorter || []).filter(function (s) { return s.weeks <= weeksLeft; }).forEach(function (s) {
      var a = document.createElement("a");
      a.href = info.plans + s.id + "/";
      a.className = "button secondary";
      a.textContent = s.title + " plan, " + s.weeks + " weeks";
      choices.appendChild(a);
    });
    warning.appendChild(choices);
  }

  // ---- Week switcher (one week at a time on phones) -------------------------------------------
  function show(week, scroll) {
    week = Math.max(1, Math.min(sections.length, week));
    sections.forEach(function (s) { s.classList.toggle("is-shown", Number(s.getAttribute("data-week")) === week); });
    picker.value = String(week);
    document.querySelectorAll(".week-step").forEach(function (b) {
      var step = Number(b.getAttribute("data-step"));
      b.disabled = (step < 0 && week === 1) || (step > 0 && week === sections.length);
    });
    if (scroll) {
      var target = scroll === true ? sections[week - 1] : scroll;
      target.scrollIntoView({ block: scroll === true ? "start" : "center" });
    }
  }
  function shownWeek() { return Number(picker.value) || 1; }
  document.querySelectorAll(".week-step").forEach(function (b) {
    b.addEventListener("click", function () { show(shownWeek() + Number(b.getAttribute("data-step")), true); });
  });
  picker.addEventListener("change", function () { show(shownWeek(), true); });
  todayButton.addEventListener("click", function () {
    var li = weeksBox.querySelector(".plan-day.is-today");
    if (!li) return;
    show(Number(li.closest(".plan-week").getAttribute("data-week")), li);
    var open = li.querySelector(".day-start");
    if (open) open.focus({ preventScroll: true });
  });
  function fromHash() {
    var m = /^#week-(\d+)/.exec(location.hash);
    if (m) { show(Number(m[1]), false); return true; }
    return false;
  }
  window.addEventListener("hashchange", fromHash);

  function apply(scroll) {
    var race = parseDate(form.elements.race.value);
    var longRun = Number(form.elements.longrun.value) || 7;
    current = race === null ? null : schedule(race, longRun);
    var week = markDays();
    describeStatus();
    if (week !== null && scroll) {
      var li = weeksBox.querySelector(".plan-day.is-today");
      show(week, li);
    } else if (week !== null) show(week, false);
  }

  var saved = get(raceKey);
  if (saved && parseDate(saved) !== null) form.elements.race.value = saved;
  var savedLong = get(longKey);
  if (savedLong && /^[1-7]$/.test(savedLong)) form.elements.longrun.value = savedLong;
  else if (saved && parseDate(saved) !== null) form.elements.longrun.value = String(weekday(parseDate(saved)));
  form.elements.race.addEventListener("change", function () {
    var race = parseDate(form.elements.race.value);
    set(raceKey, race === null ? null : form.elements.race.value);
    set(pickedKey, race === null ? null : new Date(today()).toISOString().slice(0, 10));
    // The long run follows the race's weekday unless the reader chose a day themselves.
    if (race !== null && !get(longKey)) form.elements.longrun.value = String(weekday(race));
    apply(true);
  });
  form.elements.longrun.addEventListener("change", function () {
    set(longKey, form.elements.longrun.value);
    apply(false);
  });

  // ---- Calendar export --------------------------------------------------------------------------
  function escapeText(text) { return String(text).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n"); }
  function fold(line) {
    var out = [];
    while (line.length > 74) { out.push(line.slice(0, 74)); line = " " + line.slice(74); }
    out.push(line);
    return out.join("\r\n");
  }
  // A calendar event's title and text: the workout, its effort and a link to its definition;
  // each exercise with its load; the warm-up first.
  function describe(session) {
    var how = session.workout ? session.workout + ". Effort: " + session.effort + ". Defined at " +
      info.sessions_url + "#" + session.type + "." : "";
    if (session.kind === "run") {
      return session.type === "race" ? ["Race day", how] :
        [cap(session.type) + " run, " + session.minutes + " min", (session.key ? "Key session. " : "") + how];
    }
    var items = (session.exercises || []).map(function (e) {
      return title(e.slug) + " " + e.sets + " x " + e.reps + (e.load ? " (" + e.load + ")" : "");
    });
    if (session.kind === "strength") {
      var warm = session.warmup ? "Warm-up first, " + session.warmup.minutes + " min: " + info.warmup_url + ". " : "";
      var extra = session.plyo_contacts ? "Plyometric foot contacts: " + session.plyo_contacts + ". " : "";
      return [cap(session.intensity) + " strength", warm + extra + (session.note ? session.note + " " : "") + items.join("; ")];
    }
    return ["Mobility, " + session.minutes + " min", items.join("; ")];
  }
  function ics(s) {
    var stamp = ymd(today()) + "T000000Z";
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Stronger Strides//Plan export//EN", "CALSCALE:GREGORIAN",
      "X-WR-CALNAME:" + escapeText(plan.title)];
    var count = 0;
    plan.weeks.forEach(function (week) {
      week.days.forEach(function (day) {
        var date = s.dateOf(week.number, day.day);
        if (s.partway && date < s.today) return;
        day.sessions.forEach(function (session, i) {
          var text = describe(session);
          count += 1;
          lines.push("BEGIN:VEVENT",
            "UID:" + plan.id + "-w" + week.number + "-d" + day.day + "-" + i + "@stronger-strides",
            "DTSTAMP:" + stamp, "DTSTART;VALUE=DATE:" + ymd(date), "DTEND;VALUE=DATE:" + ymd(date + DAY),
            "SUMMARY:" + escapeText(text[0]),
            "DESCRIPTION:" + escapeText("Week " + week.number + ", " + week.phase + " phase. " + text[1] + " " + info.url),
            "END:VEVENT");
        });
      });
    });
    lines.push("END:VCALENDAR");
    return { text: lines.map(fold).join("\r\n") + "\r\n", count: count };
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    apply(false);
    if (!current) { calStatus.textContent = "Pick your race date first."; return; }
    if (current.daysLeft < 0) { calStatus.textContent = "That race date has passed: nothing to export."; return; }
    if (current.tooClose && !current.partway) {
      calStatus.textContent = "Not exported: your race is closer than this plan is long. Start part-way in, or pick a shorter plan, first.";
      return;
    }
    var file = ics(current);
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([file.text], { type: "text/calendar" }));
    link.download = plan.id + ".ics";
    document.body.appendChild(link);
    link.click();
    link.remove();
    calStatus.textContent = "Downloaded " + plan.id + ".ics: " + file.count + " sessions, the long run on " +
      NAMES[current.longRun - 1] + "s, race day " + label(current.race) + ".";
  });

  // ---- Keep this plan offline (the service worker serves it from this cache) -------------------
  var keep = document.getElementById("keep-offline");
  var KEPT = "ss-kept";
  if (keep && "caches" in window && "serviceWorker" in navigator) {
    keep.hidden = false;
    var pageUrl = location.pathname;
    var jsonUrl = info.plans + plan.id + ".json";
    var showKept = function (kept) {
      keep.setAttribute("aria-pressed", String(kept));
      keep.textContent = kept ? "Kept offline" : "Keep this plan offline";
    };
    caches.open(KEPT).then(function (cache) { return cache.match(pageUrl); }).then(function (hit) { showKept(!!hit); });
    keep.addEventListener("click", function () {
      caches.open(KEPT).then(function (cache) {
        return cache.match(pageUrl).then(function (hit) {
          if (hit) {
            set("ss-kept-plan", null);
            return Promise.all([cache.delete(pageUrl), cache.delete(jsonUrl)]).then(function () { showKept(false); });
          }
          return cache.addAll([pageUrl, jsonUrl]).then(function () {
            set("ss-kept-plan", JSON.stringify({ id: plan.id, title: plan.title, url: pageUrl }));
            showKept(true);
            calStatus.textContent = "This plan is kept on this device: it opens without a connection.";
          });
        });
      }).catch(function () { calStatus.textContent = "This browser would not keep the plan offline."; });
    });
  }

  // ---- Today's session: a step-by-step workout view -------------------------------------------
  var dialog = null;
  var wakeLock = null;
  var timer = null;
  var restSeconds = { heavy: 180, moderate: 90, light: 60 };

  function text(value) {
    if (value === undefined || value === null || value === "") return "";
    if (typeof value !== "object") return String(value);
    if (Array.isArray(value)) return value.map(text).filter(Boolean).join("; ");
    if (value.text) return String(value.text);
    return Object.keys(value).map(function (k) { return k.replace(/_/g, " ") + ": " + text(value[k]); }).join(", ");
  }
  function steps(week, day) {
    var out = [];
    day.sessions.forEach(function (session, si) {
      var id = "s" + si;
      if (session.kind === "run") {
        out.push({ id: id, kind: "run", title: session.type === "race" ? "Race day" : cap(session.type) + " run, " + session.minutes + " min",
          detail: [text(session.workout), session.effort ? "Effort: " + text(session.effort) : ""].filter(Boolean),
          items: [{ id: id, label: "Done", sets: 1 }] });
        return;
      }
      var rest = session.kind === "strength" ? restSeconds[session.intensity] || 90 : 30;
      if (session.warmup && session.warmup.exercises) {
        out.push({ id: id + "w", kind: "warmup", title: "Warm-up" + (session.warmup.title || session.warmup.routine || session.warmup.id ? ": " + text(session.warmup.title || session.warmup.routine || session.warmup.id).replace(/-/g, " ") : ""),
          detail: [], rest: 0, items: session.warmup.exercises.map(function (e, i) {
            return { id: id + "w" + i, slug: e.slug, label: e.name || title(e.slug), sets: e.sets || 1, reps: e.reps, load: e.load };
          }) });
      }
      if (session.kind === "mobility") {
        out.push({ id: id, kind: "mobility", title: "Mobility, " + session.minutes + " min", detail: [], rest: 0,
          items: session.exercises.map(function (e, i) { return { id: id + "e" + i, slug: e.slug, label: title(e.slug), sets: e.sets, reps: e.reps, load: e.load }; }) });
        return;
      }
      session.exercises.forEach(function (e, i) {
        out.push({ id: id + "e" + i, kind: "exercise", title: title(e.slug), slug: e.slug, rest: e.rest || rest,
          detail: [cap(session.intensity) + " strength" + (session.plyo_contacts ? ", " + session.plyo_contacts + " foot contacts in all" : "")],
          items: [{ id: id + "e" + i, slug: e.slug, label: title(e.slug), sets: e.sets, reps: e.reps, load: e.load }] });
      });
    });
    return out;
  }
  function tickKey(week, day) { return "ss-ticks:" + plan.id + ":w" + week + "d" + day; }
  function loadTicks(key) { try { return JSON.parse(get(key) || "{}") || {}; } catch (e) { return {}; } }

  function lockScreen() {
    if (!("wakeLock" in navigator) || wakeLock) return;
    navigator.wakeLock.request("screen").then(function (lock) {
      wakeLock = lock;
      lock.addEventListener("release", function () { wakeLock = null; });
    }).catch(function () { /* not allowed now: the timer still runs */ });
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && dialog && dialog.open) lockScreen();
  });

  function el(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  }

  function openWorkout(weekNumber, dayNumber, opener) {
    var week = plan.weeks[weekNumber - 1];
    var day = week.days[dayNumber - 1];
    var list = steps(week, day);
    if (!list.length) return;
    var key = tickKey(weekNumber, dayNumber);
    var ticks = loadTicks(key);
    var index = 0;
    if (dialog) dialog.remove();
    dialog = el("dialog", "workout");
    dialog.setAttribute("aria-labelledby", "workout-title");
    var head = el("div", "workout-head");
    var heading = el("h2", "", current ? label(current.dateOf(weekNumber, dayNumber)) : "Week " + weekNumber + ", " + NAMES[rotated(dayNumber, Number(form.elements.longrun.value) || 7) - 1]);
    heading.id = "workout-title";
    var close = el("button", "icon-button workout-close", "\u00d7");
    close.type = "button";
    close.setAttribute("aria-label", "Close the session");
    head.appendChild(heading);
    head.appendChild(close);
    var progress = el("p", "workout-progress small");
    var body = el("div", "workout-step");
    var clock = el("div", "workout-timer");
    var clockText = el("p", "timer-text", "");
    clockText.setAttribute("role", "timer");
    clockText.setAttribute("aria-live", "off");
    var clockButton = el("button", "button secondary timer-button", "Start rest");
    clockButton.type = "button";
    var clockNote = el("p", "visually-hidden");
    clockNote.setAttribute("role", "status");
    clock.appendChild(clockText);
    clock.appendChild(clockButton);
    clock.appendChild(clockNote);
    var nav = el("div", "workout-nav");
    var prev = el("button", "button secondary", "Previous");
    var next = el("button", "button", "Next");
    prev.type = next.type = "button";
    nav.appendChild(prev);
    nav.appendChild(next);
    [head, progress, body, clock, nav].forEach(function (n) { dialog.appendChild(n); });
    document.body.appendChild(dialog);

    function stopTimer(message) {
      if (timer) clearInterval(timer);
      timer = null;
      clockButton.textContent = "Start rest";
      if (message) { clockText.textContent = message; clockNote.textContent = message; }
    }
    function startTimer(seconds) {
      stopTimer();
      var end = Date.now() + seconds * 1000;
      clockButton.textContent = "Stop rest";
      clock.setAttribute("data-running", "true");
      function tick() {
        var left = Math.max(0, Math.round((end - Date.now()) / 1000));
        clockText.textContent = "Rest " + Math.floor(left / 60) + ":" + pad(left % 60);
        if (left <= 0) {
          clock.removeAttribute("data-running");
          stopTimer("Rest over: next set.");
          if (navigator.vibrate) navigator.vibrate(200);
        }
      }
      tick();
      timer = setInterval(tick, 250);
    }
    clockButton.addEventListener("click", function () {
      if (timer) { clock.removeAttribute("data-running"); stopTimer("Rest stopped."); } else startTimer(list[index].rest || 90);
    });

    function render() {
      var step = list[index];
      body.textContent = "";
      progress.textContent = "Step " + (index + 1) + " of " + list.length;
      var h = el("h3", "workout-step-title");
      if (step.slug) {
        var a = el("a", "", step.title);
        a.href = info.card_base + step.slug + "/";
        h.appendChild(a);
      } else h.textContent = step.title;
      body.appendChild(h);
      step.detail.forEach(function (d) { body.appendChild(el("p", "small", d)); });
      step.items.forEach(function (item) {
        var box = el("div", "workout-item");
        if (step.items.length > 1 || step.kind !== "exercise") box.appendChild(el("p", "workout-item-name", item.label));
        if (item.reps) box.appendChild(el("p", "workout-dose", item.sets + " x " + item.reps + (text(item.load) ? " \u00b7 " + text(item.load) : "")));
        var sets = el("div", "set-ticks");
        sets.setAttribute("role", "group");
        sets.setAttribute("aria-label", item.label + ": sets done");
        for (var n = 0; n < item.sets; n += 1) {
          (function (n) {
            var id = item.id + "-" + n;
            var b = el("button", "set-tick", item.sets === 1 && step.kind === "run" ? "Done" : "Set " + (n + 1));
            b.type = "button";
            b.setAttribute("aria-pressed", String(!!ticks[id]));
            b.addEventListener("click", function () {
              var on = !ticks[id];
              if (on) ticks[id] = 1; else delete ticks[id];
              set(key, JSON.stringify(ticks));
              b.setAttribute("aria-pressed", String(on));
              if (on && step.rest && n < item.sets - 1) startTimer(step.rest);
            });
            sets.appendChild(b);
          })(n);
        }
        box.appendChild(sets);
        var cues = item.slug && info.cards[item.slug] && info.cards[item.slug].cues;
        if (cues && cues.length) {
          var more = el("details", "workout-cues");
          more.appendChild(el("summary", "", "Cues"));
          var ul = el("ul");
          cues.forEach(function (c) { ul.appendChild(el("li", "", c)); });
          more.appendChild(ul);
          if (step.kind === "exercise") more.open = true;
          box.appendChild(more);
        }
        body.appendChild(box);
      });
      clock.hidden = !step.rest;
      prev.disabled = index === 0;
      next.textContent = index === list.length - 1 ? "Finish" : "Next";
    }
    prev.addEventListener("click", function () { if (index > 0) { index -= 1; render(); } });
    next.addEventListener("click", function () {
      if (index < list.length - 1) { index += 1; render(); heading.focus(); } else dialog.close();
    });
    close.addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("close", function () {
      stopTimer();
      if (wakeLock) { wakeLock.release(); wakeLock = null; }
      if (opener) opener.focus();
    });
    heading.tabIndex = -1;
    render();
    dialog.showModal();
    lockScreen();
  }

  sections.forEach(function (section) {
    var week = Number(section.getAttribute("data-week"));
    section.querySelectorAll(".plan-day:not(.is-rest)").forEach(function (li) {
      var day = Number(li.getAttribute("data-day"));
      var b = el("button", "day-start", "Open session");
      var name = li.querySelector(".day-name");
      name.id = "w" + week + "d" + day + "-name";
      b.type = "button";
      b.setAttribute("aria-describedby", name.id);
      b.addEventListener("click", function () { openWorkout(week, day, b); });
      li.appendChild(b);
    });
  });

  apply(!location.hash && !!saved);
  if (!fromHash() && !weeksBox.querySelector(".plan-day.is-today")) show(1, false);
})();
