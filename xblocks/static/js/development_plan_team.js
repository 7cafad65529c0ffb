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

    function decide(report, handler) {
      var comment = report.querySelector("[data-decision-comment]");
      if (handler === "send_back" && !comment.value.trim()) {
        T.showError(root, messages.commentNeeded);
        comment.setAttribute("aria-invalid", "true");
        comment.focus();
        return;
      }
      if (busy) {
        return;
      }
      busy = true;
      report.setAttribute("aria-busy", "true");
      var payload = {
        username: report.getAttribute("data-report"),
        version: parseInt(report.getAttribute("data-version"), 10),
        comment: comment.value
      };
      T.postJson(runtime, root, handler, payload)
        .done(function (answer) {
          var holder = document.createElement("div");
          holder.innerHTML = answer.html;
          var fresh = holder.firstElementChild;
          report.parentNode.replaceChild(fresh, report);
          T.showError(root, "");
          T.announce(root, messages.decided);
          var heading = fresh.querySelector("h4");
          if (heading) {
            heading.setAttribute("tabindex", "-1");
            heading.focus();
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
