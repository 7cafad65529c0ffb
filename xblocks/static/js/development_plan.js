/* Development plan: the learner edits goals and activities on the page and saves the whole
   plan with the version the page was loaded with. New goals and activities come rendered from
   the server (new_goal, new_activity) but are only kept once the plan is saved. A refused save
   marks the fields the server named; a stale one (saved in another tab meanwhile) says so and
   offers a reload, and the page keeps the learner's edits. */
function DevelopmentPlanBlock(runtime, element, args) {
  "use strict";
  var T = window.TalentBlocks;
  var root = T.root(element);
  var plan = root.querySelector(".talent-plan");
  var messages = args.messages;
  var dirty = false;
  var busy = false;

  function all(selector, within) {
    return Array.prototype.slice.call((within || root).querySelectorAll(selector));
  }

  function field(container, name) {
    return container.querySelector('[data-field="' + name + '"]');
  }

  function version() {
    return parseInt(plan.getAttribute("data-version"), 10);
  }

  function setDirty(value) {
    dirty = value;
    var note = root.querySelector("[data-dirty]");
    note.hidden = !value;
    note.textContent = messages.unsaved;
  }

  function refreshEmpty() {
    root.querySelector("[data-no-goals]").hidden = all("[data-goal]").length > 0;
    all("[data-goal]").forEach(function (goal) {
      goal.querySelector("[data-no-activities]").hidden =
        all("[data-activity]", goal).length > 0;
    });
  }

  function ids(selector, within, attribute) {
    return all(selector, within).map(function (node) { return node.getAttribute(attribute); });
  }

  /* The plan as the page shows it; marks every control with the path the server names. */
  function collect() {
    var payload = {version: version(), goals: []};
    all("[data-goal]").forEach(function (goalNode, i) {
      var path = "goals[" + i + "]";
      goalNode.setAttribute("data-path", path);
      var goal = {
        id: goalNode.getAttribute("data-goal-id"),
        competency_id: goalNode.getAttribute("data-competency-id"),
        target_level: parseInt(field(goalNode, "target_level").value, 10),
        why: field(goalNode, "why").value,
        activities: []
      };
      field(goalNode, "target_level").setAttribute("data-path", path + ".target_level");
      field(goalNode, "why").setAttribute("data-path", path + ".why");
      all("[data-activity]", goalNode).forEach(function (item, j) {
        var where = path + ".activities[" + j + "]";
        item.setAttribute("data-path", where);
        ["title", "mode", "hours", "due", "status", "reflection"].forEach(function (name) {
          field(item, name).setAttribute("data-path", where + "." + name);
        });
        var hours = parseFloat(field(item, "hours").value);
        goal.activities.push({
          id: item.getAttribute("data-activity-id"),
          activity_ref: item.getAttribute("data-activity-ref") || null,
          title: field(item, "title").value.trim(),
          mode: field(item, "mode").value,
          hours: isNaN(hours) ? 0 : hours,
          due: field(item, "due").value || null,
          status: field(item, "status").value,
          reflection: field(item, "reflection").value
        });
      });
      payload.goals.push(goal);
    });
    return payload;
  }

  function clearProblems() {
    all('[aria-invalid="true"]').forEach(function (node) { node.removeAttribute("aria-invalid"); });
    T.showError(root, "");
  }

  /* The element a server path names, or its nearest named container. */
  function target(path) {
    var current = /["\\]/.test(path) ? "" : path;
    while (current) {
      var found = root.querySelector('[data-path="' + current + '"]');
      if (found) {
        return found;
      }
      var shorter = current.replace(/(\.[^.[\]]+|\[\d+\])$/, "");
      current = shorter === current ? "" : shorter;
    }
    return null;
  }

  /* "Giving feedback › Hours": where a problem is, in the words the page shows. */
  function describe(node) {
    var parts = [];
    var goal = node.closest("[data-goal]");
    if (goal) {
      parts.push(goal.querySelector("[data-goal-name]").textContent.trim());
    }
    var activity = node.closest("[data-activity]");
    if (activity && activity !== node) {
      parts.push(field(activity, "title").value.trim());
    }
    var label = node.id ? root.querySelector('label[for="' + node.id + '"]') : null;
    if (label) {
      parts.push(label.textContent.trim());
    }
    return parts.join(" › ");
  }

  function showProblems(answer, rejected) {
    var box = root.querySelector("[data-talent-error]");
    var list = document.createElement("ul");
    var first = null;
    (answer.problems || []).forEach(function (problem) {
      var node = target(problem.field);
      var item = document.createElement("li");
      var where = node ? describe(node) : problem.field;
      item.textContent = (where ? where + ": " : "") + problem.message;
      list.appendChild(item);
      if (node && /^(INPUT|SELECT|TEXTAREA)$/.test(node.tagName)) {
        node.setAttribute("aria-invalid", "true");
        first = first || node;
      }
    });
    box.textContent = "";
    var lead = document.createElement("p");
    lead.textContent = answer.problems && answer.problems.length ? rejected : answer.error;
    box.appendChild(lead);
    box.appendChild(list);
    box.hidden = false;
    if (first) {
      first.focus();
    }
  }

  /* Another tab saved first: say so next to the button and offer both ways on. */
  function showStale() {
    var box = root.querySelector("[data-talent-error]");
    box.textContent = "";
    var text = document.createElement("p");
    text.textContent = messages.stale;
    var actions = document.createElement("p");
    actions.className = "talent-feedback__actions";
    var reload = document.createElement("button");
    reload.type = "button";
    reload.className = "talent-button";
    reload.textContent = messages.reload;
    reload.addEventListener("click", function () {
      dirty = false;
      window.location.reload();
    });
    var keep = document.createElement("button");
    keep.type = "button";
    keep.className = "talent-button talent-button--quiet";
    keep.textContent = messages.keep;
    keep.addEventListener("click", function () {
      box.hidden = true;
      T.announce(root, messages.kept);
      var first = root.querySelector("[data-goals] [data-field]");
      (first || root.querySelector('[data-action="save"]')).focus();
    });
    actions.appendChild(reload);
    actions.appendChild(keep);
    box.appendChild(text);
    box.appendChild(actions);
    box.hidden = false;
    root.querySelector("[data-dirty]").textContent = messages.notSaved;
    reload.focus();
  }

  /* `rejected` leads the problems: what was not done (the plan saved, the agreement). */
  function failed(xhr, rejected) {
    var answer = xhr.responseJSON;
    if (xhr.status === 409) {
      showStale();
    } else if (answer && answer.error) {
      showProblems(answer, rejected);
    } else {
      T.showError(root, messages.failed);
    }
  }

  /* One request at a time; `done` gets the JSON answer. */
  function send(handler, payload, done) {
    if (busy) {
      return;
    }
    busy = true;
    plan.setAttribute("aria-busy", "true");
    T.postJson(runtime, root, handler, payload)
      .done(done)
      .fail(function (xhr) {
        failed(xhr, handler === "record_agreement" ? messages.notAgreed : messages.rejected);
      })
      .always(function () {
        busy = false;
        plan.removeAttribute("aria-busy");
      });
  }

  function applySaved(answer, message) {
    plan.setAttribute("data-version", String(answer.version));
    Object.keys(answer.parts).forEach(function (name) {
      root.querySelector('[data-part="' + name + '"]').innerHTML = answer.parts[name];
    });
    clearProblems();
    setDirty(false);
    T.announce(root, message);
  }

  function addGoal() {
    var picker = root.querySelector("[data-new-goal]");
    var payload = {competency_id: picker.value, taken: ids("[data-goal]", root, "data-goal-id")};
    send("new_goal", payload, function (answer) {
      root.querySelector("[data-goals]").insertAdjacentHTML("beforeend", answer.html);
      var goals = all("[data-goal]");
      clearProblems();
      refreshEmpty();
      setDirty(true);
      field(goals[goals.length - 1], "target_level").focus();
      T.announce(root, T.format(messages.goalAdded, {name: answer.name}));
    });
  }

  function addActivity(goal, activityRef) {
    var payload = {
      competency_id: goal.getAttribute("data-competency-id"),
      activity_ref: activityRef,
      taken: ids("[data-activity]", goal, "data-activity-id")
    };
    send("new_activity", payload, function (answer) {
      var list = goal.querySelector("[data-activities]");
      list.insertAdjacentHTML("beforeend", answer.html);
      clearProblems();
      refreshEmpty();
      setDirty(true);
      field(list.lastElementChild, "title").focus();
      T.announce(root, messages.activityAdded);
    });
  }

  function removeGoal(goal) {
    var goals = all("[data-goal]");
    var next = goals[goals.indexOf(goal) + 1] || goals[goals.indexOf(goal) - 1];
    goal.parentNode.removeChild(goal);
    refreshEmpty();
    setDirty(true);
    (next ? field(next, "target_level") : root.querySelector("[data-new-goal]")).focus();
    T.announce(root, messages.goalRemoved);
  }

  function removeActivity(item) {
    var goal = item.closest("[data-goal]");
    var items = all("[data-activity]", goal);
    var next = items[items.indexOf(item) + 1] || items[items.indexOf(item) - 1];
    item.parentNode.removeChild(item);
    refreshEmpty();
    setDirty(true);
    (next ? field(next, "title") : goal.querySelector('[data-action="add-own"]')).focus();
    T.announce(root, messages.activityRemoved);
  }

  function savePlan() {
    send("save_plan", collect(), function (answer) {
      applySaved(answer, messages.saved);
    });
  }

  function addGapGoals() {
    send("add_gap_goals", collect(), function (answer) {
      root.querySelector("[data-goals]").innerHTML = answer.goals_html;
      applySaved(answer, messages.goalsAdded);
      refreshEmpty();
      root.querySelector("[data-goals-heading]").focus();
    });
  }

  function agree() {
    if (dirty) {
      T.showError(root, messages.saveFirst);
      return;
    }
    var payload = {version: version()};
    all("[data-agree]").forEach(function (input) {
      var name = input.getAttribute("data-agree");
      input.setAttribute("data-path", name);
      payload[name] = input.value;
    });
    send("record_agreement", payload, function (answer) {
      applySaved(answer, messages.agreed);
    });
  }

  function submitPlan() {
    if (dirty) {
      T.showError(root, messages.saveFirst);
      return;
    }
    send("submit_plan", {version: version()}, function (answer) {
      applySaved(answer, messages.submitted);
    });
  }

  /* The learner's response to the manager's talent view, kept in the learner's own state. */
  function respondTalent(section) {
    var text = section.querySelector("[data-talent-response-text]");
    if (!text.value.trim()) {
      T.showError(root, messages.responseNeeded);
      text.setAttribute("aria-invalid", "true");
      text.focus();
      return;
    }
    var payload = {text: text.value, conversation_date: section.getAttribute("data-conversation-date")};
    T.postJson(runtime, root, "respond_talent_view", payload)
      .done(function (answer) {
        var holder = root.querySelector('[data-part="talent"]');
        holder.innerHTML = answer.html;
        T.showError(root, "");
        T.announce(root, answer.message);
        holder.querySelector('[data-action="respond-talent"]').focus();
      })
      .fail(function (xhr) {
        T.showError(root, T.errorText(xhr, messages.failed));
      });
  }

  if (window.TalentPlanTeam) {
    window.TalentPlanTeam.init(runtime, root, messages);
  }

  root.addEventListener("click", function (event) {
    var button = event.target.closest("[data-action]");
    if (!button || !root.contains(button)) {
      return;
    }
    var action = button.getAttribute("data-action");
    var goal = button.closest("[data-goal]");
    if (action === "add-goal") {
      addGoal();
    } else if (action === "remove-goal") {
      removeGoal(goal);
    } else if (action === "add-suggested") {
      addActivity(goal, goal.querySelector("[data-suggestion]").value);
    } else if (action === "add-own") {
      addActivity(goal, null);
    } else if (action === "remove-activity") {
      removeActivity(button.closest("[data-activity]"));
    } else if (action === "save") {
      savePlan();
    } else if (action === "add-gap-goals") {
      addGapGoals();
    } else if (action === "agree") {
      agree();
    } else if (action === "submit-plan") {
      submitPlan();
    } else if (action === "respond-talent") {
      respondTalent(button.closest("[data-talent-view]"));
    }
  });

  function edited(event) {
    var node = event.target;
    if (!node.closest("[data-goals]")) {
      return;
    }
    setDirty(true);
    var item = node.closest("[data-activity]");
    var name = node.getAttribute("data-field");
    if (item && name === "status") {
      var reflection = item.querySelector("[data-reflection]");
      reflection.hidden = node.value !== "done" && !field(item, "reflection").value;
    } else if (item && name === "title") {
      item.querySelector("[data-activity-name]").textContent = ": " + node.value;
    } else if (name === "target_level" && event.type === "change") {
      followTarget(node);
    }
  }

  /* An untouched generated "why" names the new target; the learner's own words stay. */
  function followTarget(select) {
    var why = field(select.closest("[data-goal]"), "why");
    var generated = Array.prototype.map.call(select.options, function (option) {
      return option.getAttribute("data-why");
    });
    var chosen = select.options[select.selectedIndex].getAttribute("data-why");
    if (chosen && generated.indexOf(why.value.trim()) >= 0) {
      why.value = chosen;
    }
  }
  /* A self-assessment submitted on this page: show its gaps without a reload. */
  T.subscribe("assessment", function () {
    T.postJson(runtime, root, "linked_parts", {}).done(function (answer) {
      Object.keys(answer.parts).forEach(function (name) {
        root.querySelector('[data-part="' + name + '"]').innerHTML = answer.parts[name];
      });
    });
  });

  root.addEventListener("input", edited);
  root.addEventListener("change", edited);

  window.addEventListener("beforeunload", function (event) {
    if (dirty) {
      event.preventDefault();
      event.returnValue = messages.unsaved;
    }
  });
  return {};
}
