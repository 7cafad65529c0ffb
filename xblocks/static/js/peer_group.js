/* Peer group: step-by-step guide through the incident method, the members-only session log,
   pay it forward and the staff roster upload. Without JavaScript every step is shown and the
   log is still readable; with it, each action posts to its handler and the answer replaces
   the part of the page it changed, announced through the live region. */
function PeerGroupBlock(runtime, element, args) {
  "use strict";
  var T = window.TalentBlocks;
  var root = T.root(element);
  var messages = args.messages;

  function problemText(xhr) {
    var answer = xhr && xhr.responseJSON;
    if (!answer || !answer.error) {
      return messages.failed;
    }
    var details = (answer.problems || []).map(function (p) { return p.message; });
    return [answer.error].concat(details).join(" ");
  }

  /* Disable the form's button during a request. Disabling takes the keyboard focus from it, so
     it gets the focus back afterwards unless the answer moved it somewhere on purpose. */
  function busy(form, on) {
    var button = form.querySelector("button[type=submit]");
    if (!button) {
      return;
    }
    if (on) {
      button.setAttribute("data-had-focus", String(document.activeElement === button));
    }
    button.disabled = on;
    if (!on && button.getAttribute("data-had-focus") === "true" &&
        document.activeElement === document.body) {
      button.focus();
    }
  }

  /* -- the incident method, one step at a time -- */
  var method = root.querySelector("[data-method]");
  if (method) {
    var steps = Array.prototype.slice.call(method.querySelectorAll("[data-step]"));
    var start = method.querySelector("[data-guide-start]");
    var stepper = method.querySelector("[data-stepper]");
    var position = method.querySelector("[data-step-position]");
    var prev = method.querySelector("[data-step-prev]");
    var next = method.querySelector("[data-step-next]");
    var current = 0;

    var show = function (index, focus) {
      current = index;
      steps.forEach(function (step, i) { step.hidden = i !== index; });
      position.textContent = T.format(messages.step, {number: index + 1, count: steps.length});
      prev.disabled = index === 0;
      next.disabled = index === steps.length - 1;
      if (focus) {
        steps[index].querySelector(".talent-peer__step-title").focus();
      }
    };
    start.hidden = false;
    start.addEventListener("click", function () {
      stepper.hidden = false;
      start.hidden = true;
      show(0, true);
    });
    prev.addEventListener("click", function () { show(Math.max(current - 1, 0), true); });
    next.addEventListener("click", function () {
      show(Math.min(current + 1, steps.length - 1), true);
    });
    method.querySelector("[data-guide-stop]").addEventListener("click", function () {
      steps.forEach(function (step) { step.hidden = false; });
      stepper.hidden = true;
      start.hidden = false;
      start.focus();
    });
  }

  /* -- the session log -- */
  var log = root.querySelector("[data-log]");
  var logForm = root.querySelector("[data-log-form]");
  if (log && logForm) {
    logForm.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!logForm.reportValidity()) {
        return;
      }
      var data = {
        group: args.group,
        date: logForm.elements.date.value,
        case_owner: logForm.elements.case_owner.value,
        insight: logForm.elements.insight.value,
        action: logForm.elements.action.value
      };
      busy(logForm, true);
      T.postJson(runtime, root, "log_session", data)
        .done(function (answer) {
          log.innerHTML = answer.html;
          logForm.elements.case_owner.value = "";
          logForm.elements.insight.value = "";
          logForm.elements.action.value = "";
          T.showError(root, "");
          T.announce(root, messages.logged);
        })
        .fail(function (xhr) { T.showError(root, problemText(xhr)); })
        .always(function () { busy(logForm, false); });
    });
    root.querySelector("[data-log-refresh]").addEventListener("click", function () {
      T.postJson(runtime, root, "show_log", {group: args.group})
        .done(function (answer) {
          log.innerHTML = answer.html;
          T.showError(root, "");
          T.announce(root, messages.refreshed);
        })
        .fail(function (xhr) { T.showError(root, problemText(xhr)); });
    });
  }

  /* -- pay it forward -- */
  var forward = root.querySelector("[data-forward]");
  forward.addEventListener("click", function (event) {
    if (!event.target.closest("[data-end-programme]")) {
      return;
    }
    T.postJson(runtime, root, "end_programme", {ended: true})
      .done(function (answer) {
        forward.innerHTML = answer.html;
        T.showError(root, "");
        T.announce(root, messages.ended);
        var first = forward.querySelector("input[name=volunteer_as]");
        if (first) {
          first.focus();
        }
      })
      .fail(function (xhr) { T.showError(root, problemText(xhr)); });
  });
  forward.addEventListener("submit", function (event) {
    var form = event.target.closest("[data-volunteer-form]");
    if (!form) {
      return;
    }
    event.preventDefault();
    var picked = form.querySelector("input[name=volunteer_as]:checked");
    if (!picked) {
      return;
    }
    busy(form, true);
    T.postJson(runtime, root, "volunteer", {volunteer_as: picked.value})
      .done(function (answer) {
        T.showError(root, "");
        T.announce(root, answer.volunteer_as ? messages.volunteered : messages.withdrawn);
      })
      .fail(function (xhr) { T.showError(root, problemText(xhr)); })
      .always(function () { busy(form, false); });
  });

  /* -- staff: roster upload -- */
  var staff = root.querySelector("[data-staff]");
  if (staff) {
    staff.addEventListener("submit", function (event) {
      var form = event.target.closest("[data-roster-form]");
      if (!form) {
        return;
      }
      event.preventDefault();
      if (!form.reportValidity()) {
        return;
      }
      busy(form, true);
      window.jQuery.ajax({
        type: "POST",
        url: runtime.handlerUrl(root, "upload_roster"),
        data: new window.FormData(form),
        processData: false,
        contentType: false,
        dataType: "json"
      })
        .done(function (answer) {
          staff.innerHTML = answer.html;
          T.showError(root, "");
          T.announce(root, messages.uploaded);
        })
        .fail(function (xhr) {
          T.showError(root, problemText(xhr));
          busy(form, false);
        });
    });
  }
  return {};
}
