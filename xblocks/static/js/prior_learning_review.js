/* The reviewer part of the prior learning portfolio: the guide's and the assessor's queues,
   one claim (VRAAK scores, second instrument, decision, comments) and the staff uploads.
   Plain ES5 on the runtime's jQuery (which carries the CSRF header in the LMS and the
   workbench). Handler URLs come from the section's data-url-* attributes, so this needs no
   runtime object; every answer's HTML is the server's, already escaped. The result of an
   action is said next to the control that caused it (and in a polite live region). */
(function (window, $) {
  "use strict";
  if (window.PriorLearningReview) {
    return;
  }

  var REPLACED = "[data-claim-detail], [data-queue-rows], [data-rpl-staff]";

  function init(root) {
    if (!root || root.hasAttribute("data-rpl-ready")) {
      return;
    }
    root.setAttribute("data-rpl-ready", "");
    var holder = root.querySelector("script[data-rpl-review-messages]");
    var messages = holder ? JSON.parse(holder.textContent) : {};
    var feedback = root.querySelector("[data-rpl-feedback]");
    var busy = false;

    function url(name) {
      return root.getAttribute("data-url-" + name);
    }

    /* Put the messages just after the control's row, outside anything the server redraws
       unless the control itself is inside it (then after the control's own anchor). */
    function place(control) {
      if (!feedback || !control) {
        return;
      }
      var anchor = control.closest("[data-feedback-anchor]") || control.parentNode;
      if (anchor && root.contains(anchor) && anchor.nextSibling !== feedback) {
        anchor.parentNode.insertBefore(feedback, anchor.nextSibling);
      }
    }

    function park() {
      /* Keep the messages safe while a part they sit in is replaced. */
      if (feedback && feedback.parentNode !== root) {
        root.appendChild(feedback);
      }
    }

    function say(text) {
      var status = root.querySelector("[data-rpl-status]");
      var said = root.querySelector("[data-rpl-said]");
      var error = root.querySelector("[data-rpl-error]");
      error.textContent = "";
      error.hidden = true;
      said.textContent = text;
      said.hidden = !text;
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 50);
    }

    function fail(text) {
      var said = root.querySelector("[data-rpl-said]");
      var error = root.querySelector("[data-rpl-error]");
      said.hidden = true;
      error.textContent = text;
      error.hidden = !text;
    }

    function errorText(xhr) {
      var answer = xhr.responseJSON;
      if (!answer || !answer.error) {
        return messages.failed;
      }
      var details = (answer.problems || []).map(function (p) {
        return p.field ? p.field + ": " + p.message : p.message;
      });
      return [answer.error].concat(details).join(" ");
    }

    function post(name, payload) {
      return $.ajax({
        type: "POST",
        url: url(name),
        data: JSON.stringify(payload),
        contentType: "application/json; charset=utf-8",
        dataType: "json"
      });
    }

    /* Run a request once at a time; `done(answer)` puts the answer in place. */
    function send(control, name, payload, done) {
      if (busy) {
        return;
      }
      busy = true;
      place(control);
      var area = control.closest(REPLACED) || root;
      area.setAttribute("aria-busy", "true");
      post(name, payload)
        .done(function (answer) {
          done(answer);
          say(answer.message || "");
        })
        .fail(function (xhr) {
          fail(errorText(xhr));
        })
        .always(function () {
          busy = false;
          area.removeAttribute("aria-busy");
        });
    }

    /* Replace the open claim with fresh HTML and give the focus back to the same control. */
    function showClaim(html, selector) {
      park();
      var box = root.querySelector("[data-review-claim]");
      box.innerHTML = html;
      var target = (selector && box.querySelector(selector)) || box.querySelector("h4");
      if (target) {
        place(target);
        target.focus();
      }
    }

    function detailRef(detail) {
      return {learner: detail.getAttribute("data-learner"), claim_id: detail.getAttribute("data-claim")};
    }

    function value(scope, selector) {
      var found = scope.querySelector(selector);
      return found ? found.value : "";
    }

    function claimAction(control) {
      var detail = control.closest("[data-claim-detail]");
      var payload = detailRef(detail);
      var action = control.getAttribute("data-action");
      var selector = '[data-action="' + action + '"]';
      var handler = {
        "pick-up": "pick_up_claim",
        "score": "score_evidence",
        "instrument": "record_instrument",
        "decide": "decide_claim",
        "comment": "comment_on_claim"
      }[action];
      if (action === "score") {
        var evidence = control.closest("[data-evidence]");
        var score = {evidence_id: evidence.getAttribute("data-evidence"), note: value(evidence, "[data-vraak-note]")};
        var missing = null;
        Array.prototype.forEach.call(evidence.querySelectorAll("[data-vraak]"), function (select) {
          score[select.getAttribute("data-vraak")] = select.value;
          if (!select.value && !missing) {
            missing = select;
          }
        });
        if (missing) {
          place(control);
          fail(messages.chooseAll);
          missing.focus();
          return;
        }
        payload.score = score;
        selector = '[data-evidence="' + score.evidence_id + '"] [data-action="score"]';
      } else if (action === "instrument") {
        var instrument = {};
        var form = detail.querySelector("[data-instrument-form]");
        Array.prototype.forEach.call(form.querySelectorAll("[data-instrument]"), function (field) {
          instrument[field.getAttribute("data-instrument")] = field.value;
        });
        payload.instrument = instrument;
      } else if (action === "decide") {
        var outcome = value(detail, '[data-decision="outcome"]');
        var reasons = {};
        Array.prototype.forEach.call(detail.querySelectorAll("[data-reason]"), function (field) {
          reasons[field.getAttribute("data-reason")] = field.value;
        });
        payload.outcome = outcome;
        payload.awarded_level = (outcome === "recognised" || outcome === "partly_recognised") ?
          parseInt(value(detail, '[data-decision="awarded_level"]'), 10) : null;
        payload.reasons = reasons;
        payload.feedback = value(detail, '[data-decision="feedback"]');
      } else if (action === "comment") {
        payload.text = value(detail, "[data-comment]");
        if (!payload.text.trim()) {
          place(control);
          fail(messages.commentNeeded);
          detail.querySelector("[data-comment]").focus();
          return;
        }
      }
      send(control, handler, payload, function (answer) {
        showClaim(answer.html, selector);
      });
    }

    root.addEventListener("click", function (event) {
      var control = event.target.closest && event.target.closest("button");
      if (!control || !root.contains(control)) {
        return;
      }
      if (control.hasAttribute("data-open-claim")) {
        send(control, "open_claim_review", {
          learner: control.getAttribute("data-learner"),
          claim_id: control.getAttribute("data-claim")
        }, function (answer) {
          showClaim(answer.html, null);
        });
      } else if (control.hasAttribute("data-action") && control.closest("[data-claim-detail]")) {
        claimAction(control);
      }
    });

    root.addEventListener("submit", function (event) {
      var form = event.target;
      if (form.hasAttribute("data-queue-filters")) {
        event.preventDefault();
        var queue = form.closest("[data-queue]");
        var age = value(form, '[data-filter="older_than_days"]');
        var payload = {
          role: queue.getAttribute("data-queue"),
          competency_id: value(form, '[data-filter="competency_id"]') || null,
          status: value(form, '[data-filter="status"]'),
          older_than_days: age === "" ? null : parseInt(age, 10)
        };
        send(form.querySelector("button"), "review_queue", payload, function (answer) {
          park();
          queue.querySelector("[data-queue-rows]").innerHTML = answer.html;
          place(form.querySelector("button"));
        });
      } else if (form.hasAttribute("data-upload")) {
        event.preventDefault();
        upload(form);
      }
    });

    function upload(form) {
      var button = form.querySelector("button");
      var input = form.querySelector('input[type="file"]');
      place(button);
      if (!input.files || !input.files.length) {
        fail(messages.chooseFile);
        input.focus();
        return;
      }
      if (busy) {
        return;
      }
      busy = true;
      var data = new window.FormData();
      data.append(form.getAttribute("data-field"), input.files[0]);
      var replace = form.querySelector('input[name="replace"]');
      if (replace && replace.checked) {
        data.append("replace", "yes");
      }
      var name = form.getAttribute("data-upload");
      $.ajax({type: "POST", url: url(name), data: data, processData: false, contentType: false, dataType: "json"})
        .done(function (answer) {
          park();
          var staff = root.querySelector("[data-rpl-staff]");
          staff.innerHTML = answer.html;
          var again = staff.querySelector('form[data-upload="' + name + '"] button');
          place(again);
          say(answer.message || "");
          if (again) {
            again.focus();
          }
        })
        .fail(function (xhr) {
          fail(errorText(xhr));
        })
        .always(function () {
          busy = false;
        });
    }
  }

  function initAll() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-rpl-review]"), init);
  }

  window.PriorLearningReview = {init: init, initAll: initAll};
  initAll();
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initAll);
  }
}(window, window.jQuery));
