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
    if (args.answersKey) {
      /* Kept in this browser only: the course gets the choice and no answer at all. */
      keepHere(answers);
      answers = {};
    }
    send("save_preparation", {competency_ids: ids, answers: answers}, button, function (data) {
      after.innerHTML = data.html;
      bindRecord();
      var stored = root.querySelector("[data-talent-stored]");
      if (stored) {
        stored.hidden = true;
      }
    });
  }

  /* -- answers kept in this browser (the author's "only in the learner's browser") -------- */

  function readKept() {
    try {
      var kept = JSON.parse(window.localStorage.getItem(args.answersKey) || "{}");
      return kept && typeof kept === "object" && !Array.isArray(kept) ? kept : {};
    } catch (error) {
      return {};
    }
  }

  function keepHere(answers) {
    try {
      window.localStorage.setItem(args.answersKey, JSON.stringify(answers));
      return true;
    } catch (error) {
      T.showError(root, messages.noStorage);
      return false;
    }
  }

  function boxes() {
    return Array.prototype.slice.call(prepare.querySelectorAll("textarea[data-question-id]"));
  }

  function boxOf(box) {
    return box.closest("[data-competency-id]").getAttribute("data-competency-id");
  }

  function allAnswers() {
    var answers = {};
    boxes().forEach(function (box) {
      if (box.value.trim()) {
        var cid = boxOf(box);
        answers[cid] = answers[cid] || {};
        answers[cid][box.getAttribute("data-question-id")] = box.value;
      }
    });
    return answers;
  }

  function fill(answers) {
    var count = 0;
    boxes().forEach(function (box) {
      var text = (answers[boxOf(box)] || {})[box.getAttribute("data-question-id")];
      box.value = typeof text === "string" ? text : "";
      count += box.value.trim() ? 1 : 0;
    });
    return count;
  }

  /* The answers this page may hold: only questions it asks, strings of at most 4000 characters.
     Returns the reason a loaded file is refused, or "". */
  function problemOf(answers) {
    if (!answers || typeof answers !== "object" || Array.isArray(answers)) {
      return messages.notJson;
    }
    var asked = {};
    boxes().forEach(function (box) {
      asked[boxOf(box) + "/" + box.getAttribute("data-question-id")] = true;
    });
    var unknown = [];
    var tooLong = false;
    Object.keys(answers).forEach(function (cid) {
      var given = answers[cid];
      if (!given || typeof given !== "object" || Array.isArray(given)) {
        unknown.push(cid);
        return;
      }
      Object.keys(given).forEach(function (qid) {
        if (!asked[cid + "/" + qid] || typeof given[qid] !== "string") {
          unknown.push(cid + "/" + qid);
        } else if (given[qid].length > 4000) {
          tooLong = true;
        }
      });
    });
    if (unknown.length) {
      return T.format(messages.unknownQuestions, {ids: unknown.slice(0, 5).join(", ")});
    }
    return tooLong ? messages.tooLong : "";
  }

  function exportAnswers() {
    var file = {format: "talent-dialogue-answers", version: 1, answers: allAnswers()};
    var blob = new Blob([JSON.stringify(file, null, 2)], {type: "application/json"});
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "coaching-answers.json";
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 0);
  }

  function importAnswers(event) {
    var input = event.target;
    var file = input.files && input.files[0];
    if (!file) {
      return;
    }
    file.text().then(function (text) {
      var parsed = null;
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        parsed = null;
      }
      var ok = parsed && parsed.format === "talent-dialogue-answers";
      var reason = ok ? problemOf(parsed.answers) : messages.notJson;
      if (reason) {
        T.showError(root, T.format(messages.badFile, {reason: reason}));
        return;
      }
      var count = fill(parsed.answers);
      if (keepHere(allAnswers())) {
        T.showError(root, "");
        T.announce(root, T.format(messages.loaded, {count: count}));
      }
    }).finally(function () {
      input.value = "";
    });
  }

  function forgetAnswers() {
    if (!window.confirm(messages.confirmForget)) {
      return;
    }
    try {
      window.localStorage.removeItem(args.answersKey);
    } catch (error) {
      /* nothing kept, nothing to remove */
    }
    fill({});
    T.announce(root, messages.forgotten);
  }

  function bindKept() {
    var kept = readKept();
    var stored = allAnswers();
    /* Answers the course still stores from before the author chose the browser: this
       browser's own answers win; the next save removes the course's copy. */
    Object.keys(stored).forEach(function (cid) {
      kept[cid] = kept[cid] || {};
      Object.keys(stored[cid]).forEach(function (qid) {
        if (typeof kept[cid][qid] !== "string") {
          kept[cid][qid] = stored[cid][qid];
        }
      });
    });
    fill(kept);
    root.querySelector("[data-talent-export]").addEventListener("click", exportAnswers);
    root.querySelector("[data-talent-import]").addEventListener("change", importAnswers);
    root.querySelector("[data-talent-forget]").addEventListener("click", forgetAnswers);
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
  if (args.answersKey) {
    bindKept();
  }
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
  /* Drivers and aspirations: every row of the form (empty ones are dropped by the block). */
  root.addEventListener("submit", function (event) {
    var form = event.target.closest("[data-aspirations-form]");
    if (!form) {
      return;
    }
    event.preventDefault();
    var rows = Array.prototype.slice.call(form.querySelectorAll("[data-aspiration]"));
    var payload = {aspirations: rows.map(function (row) {
      function field(name) {
        return row.querySelector('[data-aspiration-field="' + name + '"]');
      }
      var role = field("role_id");
      return {
        kind: field("kind").value,
        text: field("text").value,
        role_id: role && role.value ? role.value : null,
        shared_with_manager: field("shared_with_manager").checked
      };
    }).filter(function (entry) { return entry.text.trim() || entry.role_id; })};
    T.showError(root, "");
    T.announce(root, messages.saving);
    T.postJson(runtime, root, "save_aspirations", payload)
      .done(function (answer) {
        var part = root.querySelector("[data-aspirations-part]");
        part.innerHTML = answer.html;
        T.announce(root, answer.message);
        var button = part.querySelector('[data-aspirations-form] [type="submit"]');
        if (button) {
          button.focus();
        }
      })
      .fail(function (xhr) {
        T.announce(root, "");
        T.showError(root, T.errorText(xhr, messages.failed));
      });
  });
  return {};
}
