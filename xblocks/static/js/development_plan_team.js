/* The development plan's manager side: "My team" (agree a report's plan or send it back) and
   the staff upload of the manager roster. Each report's part is replaced by the server's fresh
   HTML after a decision; a plan changed since the page loaded is refused (409) and says so. */
(function (window) {
  "use strict";
  if (window.TalentPlanTeam) {
    return;
  }

  function init(runtime, root, messages) {
    var T = window.TalentBlocks;
    var busy = false;

    /* POST `payload` (with the report's username) and put the report's fresh part in place;
       `focusSelector` names what gets the focus back in the new part. */
    function send(report, handler, payload, focusSelector, message) {
      if (busy) {
        return;
      }
      busy = true;
      report.setAttribute("aria-busy", "true");
      payload.username = report.getAttribute("data-report");
      T.postJson(runtime, root, handler, payload)
        .done(function (answer) {
          var holder = document.createElement("div");
          holder.innerHTML = answer.html;
          var fresh = holder.firstElementChild;
          report.parentNode.replaceChild(fresh, report);
          T.showError(root, "");
          if (message) {
            T.announce(root, message);
          }
          var target = fresh.querySelector(focusSelector) || fresh.querySelector("h4");
          if (target) {
            if (target.tagName === "H4") {
              target.setAttribute("tabindex", "-1");
            }
            target.focus();
          }
        })
        .fail(function (xhr) {
          T.showError(root, xhr.status === 409 ? messages.stale : T.errorText(xhr, messages.failed));
        })
        .always(function () {
          busy = false;
          report.removeAttribute("aria-busy");
        });
    }

    function decide(report, handler) {
      var comment = report.querySelector("[data-decision-comment]");
      if (handler === "send_back" && !comment.value.trim()) {
        T.showError(root, messages.commentNeeded);
        comment.setAttribute("aria-invalid", "true");
        comment.focus();
        return;
      }
      var payload = {
        version: parseInt(report.getAttribute("data-version"), 10),
        comment: comment.value
      };
      send(report, handler, payload,
        '[data-action="' + (handler === "agree_plan" ? "agree-plan" : "send-back") + '"]',
        messages.decided);
    }

    function rate(report) {
      var levels = {};
      Array.prototype.slice.call(report.querySelectorAll("[data-rating]")).forEach(function (select) {
        if (select.value) {
          levels[select.getAttribute("data-rating")] = parseInt(select.value, 10);
        }
      });
      send(report, "rate_report", {levels: levels}, '[data-action="rate"]', messages.rated);
    }

    function recordTalk(report) {
      var held = report.querySelector('[data-talk-field="held_on"]');
      if (!held.reportValidity()) {
        return;
      }
      var payload = {
        held_on: held.value,
        agreed_focus: report.querySelector('[data-talk-field="agreed_focus"]').value
      };
      send(report, "record_talk", payload, '[data-action="record-talk"]', messages.talked);
    }

    function recordTalent(report) {
      var form = report.querySelector("[data-talent-form]");
      var date = form.querySelector('[data-talent-field="conversation_date"]');
      if (!date.reportValidity()) {
        return;
      }
      var strengths = [];
      Array.prototype.slice.call(form.querySelectorAll("[data-talent-strength]")).forEach(function (box) {
        if (box.checked) {
          strengths.push(box.getAttribute("data-talent-strength"));
        }
      });
      var readiness = [];
      Array.prototype.slice.call(form.querySelectorAll("[data-talent-role]")).forEach(function (select) {
        if (select.value) {
          readiness.push({role_id: select.getAttribute("data-talent-role"), readiness: select.value});
        }
      });
      var payload = {
        strengths: strengths,
        readiness: readiness,
        next_step: form.querySelector('[data-talent-field="next_step"]').value,
        conversation_date: date.value
      };
      send(report, "record_talent_view", payload, '[data-action="record-talent"]',
        messages.talentSaved);
    }

    root.addEventListener("change", function (event) {
      var box = event.target.closest("[data-check]");
      var report = box && box.closest("[data-report]");
      if (report) {
        send(report, "tick_checklist", {item: box.getAttribute("data-check"), done: box.checked},
          '[data-check="' + box.getAttribute("data-check") + '"]', messages.ticked);
      }
    });

    root.addEventListener("click", function (event) {
      var button = event.target.closest("[data-action]");
      if (!button || !root.contains(button)) {
        return;
      }
      var report = button.closest("[data-report]");
      var action = button.getAttribute("data-action");
      if (report && action === "agree-plan") {
        decide(report, "agree_plan");
      } else if (report && action === "send-back") {
        decide(report, "send_back");
      } else if (report && action === "open-report") {
        send(report, "team_report", {}, "h4", messages.opened);
      } else if (report && action === "rate") {
        rate(report);
      } else if (report && action === "record-talk") {
        recordTalk(report);
      } else if (report && action === "record-talent") {
        recordTalent(report);
      }
    });

    var managers = root.querySelector("[data-managers]");
    if (managers) {
      managers.addEventListener("submit", function (event) {
        var form = event.target.closest("[data-managers-form]");
        if (!form) {
          return;
        }
        event.preventDefault();
        if (!form.reportValidity()) {
          return;
        }
        window.jQuery.ajax({
          type: "POST",
          url: runtime.handlerUrl(root, "upload_managers"),
          data: new window.FormData(form),
          processData: false,
          contentType: false,
          dataType: "json"
        })
          .done(function (answer) {
            managers.querySelector("[data-roster-status]").textContent = answer.status;
            T.showError(root, "");
            T.announce(root, messages.uploaded);
          })
          .fail(function (xhr) {
            T.showError(root, T.errorText(xhr, messages.failed));
          });
      });
    }
  }

  window.TalentPlanTeam = {init: init};
}(window));
