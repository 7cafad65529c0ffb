/* Development dialogue: ticking a competency shows its coaching questions; the preparation and
   each recorded conversation are saved through the block's JSON handlers, which answer with the
   refreshed "after the conversation" part (form, list of conversations, ratings table). Status
   goes to the live region, problems to the alert; focus stays where the learner is. */
function DevelopmentDialogueBlock(runtime, element, args) {
  "use strict";
  var T = window.TalentBlocks;
  var root = T.root(element);
  var messages = args.messages;
  var prepare = root.querySelector("[data-talent-prepare]");
  var after = root.querySelector("[data-talent-after]");
  var count = root.querySelector("[data-talent-count]");
  var none = root.querySelector("[data-talent-none]");

  function picks() {
    return Array.prototype.slice.call(prepare.querySelectorAll('input[name="competency"]'));
  }

  function chosen() {
    return picks().filter(function (box) { return box.checked; }).map(function (box) {
      return box.value;
    });
  }

  function questionsOf(competencyId) {
    return prepare.querySelector('[data-competency-id="' + competencyId + '"]');
  }

  function refreshChoice() {
    var ids = chosen();
    picks().forEach(function (box) {
      var part = questionsOf(box.value);
      if (part) {
        part.hidden = !box.checked;
      }
    });
    count.textContent = T.format(messages.count, {count: ids.length});
    none.hidden = ids.length > 0;
  }

  /* The button is disabled while the request runs, which takes the keyboard focus from it;
     it gets the focus back unless the answer moved it somewhere on purpose. */
  function send(handler, payload, button, onSaved) {
    var focused = document.activeElement === button;
    button.disabled = true;
    T.announce(root, messages.saving);
    T.postJson(runtime, root, handler, payload)
      .done(function (data) {
        T.showError(root, "");
        onSaved(data);
        T.announce(root, data.message);
      })
      .fail(function (xhr) {
        T.announce(root, "");
        T.showError(root, T.errorText(xhr, messages.failed));
      })
      .always(function () {
        button.disabled = false;
        if (focused && document.activeElement === document.body) {
          button.focus();
        }
      });
  }

  function savePreparation(event) {
    event.preventDefault();
    var ids = chosen();
    if (ids.length < args.min || ids.length > args.max) {
      T.showError(root, messages.range);
      picks()[0].focus();
      return;
    }
    var answers = {};
    ids.forEach(function (id) {
      var given = {};
      questionsOf(id).querySelectorAll("textarea[data-question-id]").forEach(function (box) {
        if (box.value.trim()) {
          given[box.getAttribute("data-question-id")] = box.value;
        }
      });
      answers[id] = given;
    });
    var button = prepare.querySelector('button[type="submit"]');
    send("save_preparation", {competency_ids: ids, answers: answers}, button, function (data) {
      after.innerHTML = data.html;
      bindRecord();
    });
  }

  function recordConversation(event) {
    event.preventDefault();
    var form = event.target;
    var date = form.querySelector('[name="held_on"]');
    var manager = form.querySelector('[name="manager_name"]');
    if (!date.value) {
      T.showError(root, messages.dateMissing);
      date.focus();
      return;
    }
    if (!manager.value.trim()) {
      T.showError(root, messages.managerMissing);
      manager.focus();
      return;
    }
    var levels = {};
    form.querySelectorAll("select[data-competency-id]").forEach(function (select) {
      if (select.value) {
        levels[select.getAttribute("data-competency-id")] = parseInt(select.value, 10);
      }
    });
    var payload = {
      held_on: date.value,
      manager_name: manager.value,
      agreed_focus: form.querySelector('[name="agreed_focus"]').value,
      levels: levels
    };
    var button = form.querySelector('button[type="submit"]');
    send("record_conversation", payload, button, function (data) {
      after.innerHTML = data.html;
      bindRecord();
      var talks = after.querySelector("h4[tabindex]");
      if (talks) {
        talks.focus();
      }
    });
  }

  function removeConversation(event) {
    var button = event.target.closest("[data-talent-remove]");
    if (!button) {
      return;
    }
    var question = T.format(messages.confirmRemove, {date: button.getAttribute("data-date-text")});
    if (!window.confirm(question)) {
      return;
    }
    var payload = {
      index: parseInt(button.getAttribute("data-index"), 10),
      held_on: button.getAttribute("data-held-on")
    };
    send("remove_conversation", payload, button, function (data) {
      after.innerHTML = data.html;
      bindRecord();
      after.querySelector("h4[tabindex]").focus();
    });
  }

  function bindRecord() {
    var form = after.querySelector("[data-talent-record]");
    if (form) {
      form.addEventListener("submit", recordConversation);
    }
  }

  picks().forEach(function (box) { box.addEventListener("change", refreshChoice); });
  prepare.addEventListener("submit", savePreparation);
  after.addEventListener("click", removeConversation);
  bindRecord();
  refreshChoice();
  /* A self-assessment submitted on this page: its suggestion and ratings without a reload. */
  T.subscribe("assessment", function () {
    T.postJson(runtime, root, "linked_parts", {}).done(function (answer) {
      var suggested = root.querySelector("[data-talent-suggested]");
      suggested.textContent = answer.suggested;
      suggested.hidden = !answer.suggested;
      after.innerHTML = answer.html;
    });
  });
  return {};
}
