/* Competency self-assessment: collects the form into the draft payload, saves drafts and
   submits through the block's JSON handlers. Status goes to the polite live region, problems
   to the alert; unrated competencies are marked invalid and focus moves to the first one.
   After a submission the new result replaces the old one and its heading takes focus. */
function CompetencyAssessmentBlock(runtime, element, args) {
  "use strict";
  var T = window.TalentBlocks;
  var root = T.root(element);
  var form = root.querySelector(".talent-assessment__form");
  var resultArea = root.querySelector("[data-talent-result]");
  var messages = args.messages;
  var busy = false;

  function ratings() {
    return Array.prototype.slice.call(form.querySelectorAll("fieldset[data-competency-id]"));
  }

  function payload() {
    var role = form.querySelector("[data-talent-roles] input:checked");
    var data = {role_id: role ? role.value : null, levels: {}, notes: {}};
    ratings().forEach(function (fieldset) {
      var id = fieldset.getAttribute("data-competency-id");
      var checked = fieldset.querySelector("input[type=radio]:checked");
      var note = fieldset.querySelector("textarea");
      if (checked) {
        data.levels[id] = parseInt(checked.value, 10);
      }
      if (note && note.value.trim()) {
        data.notes[id] = note.value;
      }
    });
    return data;
  }

  function clearInvalid() {
    Array.prototype.forEach.call(form.querySelectorAll("[aria-invalid]"), function (node) {
      node.removeAttribute("aria-invalid");
    });
  }

  /* Mark what the server refused and say it; focus the first place to fix. */
  function showProblems(answer) {
    var problems = (answer && answer.problems) || [];
    var unrated = [];
    var first = null;
    var text = [];
    problems.forEach(function (problem) {
      var match = /^levels\.(.+)$/.exec(problem.field);
      var fieldset = match && ratings().filter(function (f) {
        return f.getAttribute("data-competency-id") === match[1];
      })[0];
      if (fieldset) {
        fieldset.setAttribute("aria-invalid", "true");
        unrated.push(fieldset.querySelector("legend").textContent);
        first = first || fieldset.querySelector("input");
      } else if (problem.field === "role_id") {
        var roles = form.querySelector("[data-talent-roles]");
        roles.setAttribute("aria-invalid", "true");
        text.push(messages.no_role);
        first = first || roles.querySelector("input");
      } else {
        text.push(problem.field ? problem.field + ": " + problem.message : problem.message);
      }
    });
    if (unrated.length) {
      text.push(T.format(messages.unrated, {names: unrated.join(", ")}));
    }
    T.showError(root, text.join(" ") || (answer && answer.error) || messages.failed);
    if (first) {
      first.focus();
    }
  }

  function send(handler, pending, done) {
    if (busy) {
      return;
    }
    busy = true;
    clearInvalid();
    T.showError(root, "");
    T.announce(root, pending);
    form.setAttribute("aria-busy", "true");
    T.postJson(runtime, root, handler, payload())
      .done(done)
      .fail(function (xhr) {
        T.announce(root, "");
        showProblems(xhr.responseJSON);
      })
      .always(function () {
        busy = false;
        form.removeAttribute("aria-busy");
      });
  }

  root.querySelector("[data-action=save]").addEventListener("click", function () {
    send("save_draft", messages.saving, function (answer) {
      T.announce(root, answer.message || messages.saved);
    });
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    send("submit_assessment", messages.submitting, function (answer) {
      resultArea.innerHTML = answer.html;
      form.querySelector("h3").textContent = messages.retake;
      T.announce(root, answer.message || messages.submitted);
      T.publish("assessment", {});  // the plan and dialogue on this page follow the new gaps
      var heading = resultArea.querySelector("[tabindex='-1']");
      if (heading) {
        heading.focus();
      }
    });
  });
  /* "Use this role as my target" and "Offer to mentor in this", in the result. The result is
     rendered again; the message is said next to the control that was used. */
  resultArea.addEventListener("click", function (event) {
    var button = event.target.closest("[data-action]");
    if (!button || busy) {
      return;
    }
    var action = button.getAttribute("data-action");
    var handler, payload, selector;
    if (action === "use-target") {
      handler = "choose_target";
      payload = {role_id: button.getAttribute("data-role-id")};
    } else if (action === "offer-mentoring") {
      var id = button.getAttribute("data-competency-id");
      handler = "offer_mentoring";
      payload = {competency_id: id, offered: button.getAttribute("data-offered") !== "true"};
      selector = '[data-action="offer-mentoring"][data-competency-id="' + id + '"]';
    } else {
      return;
    }
    busy = true;
    T.showError(root, "");
    resultArea.setAttribute("aria-busy", "true");
    T.postJson(runtime, root, handler, payload)
      .done(function (answer) {
        resultArea.innerHTML = answer.html;
        if (handler === "choose_target") {
          var radio = form.querySelector('[data-talent-roles] input[value="' + answer.role_id + '"]');
          if (radio) {
            radio.checked = true;
          }
          T.announce(root, answer.message);
          T.publish("assessment", {});  // the plan and dialogue on this page follow the new target
          var heading = resultArea.querySelector("[tabindex='-1']");
          if (heading) {
            heading.focus();
          }
        } else {
          T.announce(root, answer.message);
          var again = resultArea.querySelector(selector);
          if (again) {
            again.focus();
          }
        }
      })
      .fail(function (xhr) {
        T.showError(root, T.errorText(xhr, messages.failed));
      })
      .always(function () {
        busy = false;
        resultArea.removeAttribute("aria-busy");
      });
  });
  return {};
}
