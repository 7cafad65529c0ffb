/* The learner's prior learning portfolio (ES5 on the runtime's jQuery, see talent.js).
   Every answer carries the claims part rendered again by the server; the messages follow the
   button that was pressed (TalentBlocks.root). Files go as multipart (upload_evidence). */
function PriorLearningPortfolioBlock(runtime, element, args) {
  "use strict";
  var T = window.TalentBlocks;
  var root = T.root(element);
  var $ = window.jQuery;
  var messages = args.messages || {};
  var levels = args.levels || {};
  var claimsPart = root.querySelector("[data-part='claims']");

  function busy(on) {
    root.setAttribute("aria-busy", on ? "true" : "false");
  }

  function refused(xhr) {
    T.showError(root, T.errorText(xhr, messages.failed));
    busy(false);
  }

  function redraw(answer, message) {
    if (answer && answer.claims_html !== undefined) {
      claimsPart.innerHTML = answer.claims_html;
    }
    T.showError(root, "");
    T.announce(root, message);
    busy(false);
  }

  function post(handler, payload, message) {
    busy(true);
    return T.postJson(runtime, element, handler, payload).done(function (answer) {
      redraw(answer, message);
    }).fail(refused);
  }

  function checked(container) {
    var boxes = container.querySelectorAll("input[name='indicator_ids']");
    var ids = [];
    for (var i = 0; i < boxes.length; i += 1) {
      if (boxes[i].checked && boxes[i].closest("fieldset.talent-rpl__indicators").parentNode === container) {
        ids.push(boxes[i].value);
      }
    }
    return ids;
  }

  function field(container, name) {
    var control = container.querySelector("[name='" + name + "']");
    return control ? control.value : "";
  }

  /* -- starting a claim ------------------------------------------------------------------ */
  var newForm = root.querySelector("[data-rpl-new]");
  if (newForm) {
    var standard = newForm.querySelector("[data-rpl-standard]");
    var competency = newForm.querySelector("[data-rpl-competency]");
    var level = newForm.querySelector("[data-rpl-level]");

    var fillLevels = function () {
      var options = levels[competency.value] || [];
      level.innerHTML = "";
      options.forEach(function (pair) {
        var option = document.createElement("option");
        option.value = String(pair[0]);
        option.textContent = pair[1];
        level.appendChild(option);
      });
    };
    var showStandard = function () {
      var groups = competency.querySelectorAll("optgroup");
      var first = null;
      for (var i = 0; i < groups.length; i += 1) {
        var mine = groups[i].getAttribute("data-standard") === standard.value;
        groups[i].disabled = !mine;
        groups[i].hidden = !mine;
        if (mine && !first) {
          first = groups[i].querySelector("option");
        }
      }
      if (first) {
        competency.value = first.value;
      }
      fillLevels();
    };
    standard.addEventListener("change", showStandard);
    competency.addEventListener("change", fillLevels);
    newForm.addEventListener("submit", function (event) {
      event.preventDefault();
      post("create_claim", {
        standard: standard.value === "" ? null : standard.value,
        competency_id: competency.value,
        level: parseInt(level.value, 10)
      }, messages.created);
    });
  }

  /* -- a draft claim ------------------------------------------------------------------- */
  function claimOf(node) {
    return node.closest("[data-claim-id]");
  }

  function draftPayload(claim) {
    var form = claim.querySelector("[data-rpl-claim]");
    var items = form.querySelectorAll("[data-evidence-id]");
    var evidence = [];
    for (var i = 0; i < items.length; i += 1) {
      var item = items[i];
      var edit = {
        id: item.getAttribute("data-evidence-id"),
        title: field(item, "title"),
        description: field(item, "description"),
        date: field(item, "date"),
        indicator_ids: checked(item)
      };
      if (item.getAttribute("data-kind") === "link") {
        edit.url = field(item, "url");
      }
      evidence.push(edit);
    }
    var referee = {
      name: field(form, "referee_name"),
      email: field(form, "referee_email"),
      relation: field(form, "referee_relation")
    };
    var hasReferee = referee.name || referee.email || referee.relation;
    return {
      claim_id: claim.getAttribute("data-claim-id"),
      updated: claim.getAttribute("data-updated"),
      account: {
        situation: field(form, "situation"),
        task: field(form, "task"),
        action: field(form, "action"),
        result: field(form, "result")
      },
      referee: hasReferee ? referee : null,
      evidence: evidence
    };
  }

  function kindOf(form) {
    var picked = form.querySelector("input[name='kind']:checked");
    return picked ? picked.value : "file";
  }

  function showKind(form) {
    var kind = kindOf(form);
    var parts = form.querySelectorAll("[data-rpl-for]");
    for (var i = 0; i < parts.length; i += 1) {
      parts[i].hidden = parts[i].getAttribute("data-rpl-for") !== kind;
    }
  }

  function addEvidence(form) {
    var claim = claimOf(form);
    var kind = kindOf(form);
    var fields = {
      claim_id: claim.getAttribute("data-claim-id"),
      title: field(form, "title"),
      description: field(form, "description"),
      date: field(form, "date"),
      indicator_ids: checked(form.querySelector("fieldset"))
    };
    if (kind !== "file") {
      fields.kind = kind;
      if (kind === "link") {
        fields.url = field(form, "url");
      }
      post("add_evidence", fields, messages.added);
      return;
    }
    var data = new window.FormData();
    Object.keys(fields).forEach(function (key) {
      if (key === "indicator_ids") {
        fields[key].forEach(function (id) { data.append("indicator_ids", id); });
      } else {
        data.append(key, fields[key]);
      }
    });
    var input = form.querySelector("input[type='file']");
    if (input && input.files && input.files[0]) {
      data.append("file", input.files[0]);
    }
    busy(true);
    T.announce(root, messages.uploading);
    $.ajax({
      type: "POST",
      url: runtime.handlerUrl(element, "upload_evidence"),
      data: data,
      processData: false,
      contentType: false,
      dataType: "json"
    }).done(function (answer) {
      redraw(answer, messages.added);
    }).fail(refused);
  }

  root.addEventListener("change", function (event) {
    if (event.target.name === "kind" && event.target.closest("[data-rpl-add]")) {
      showKind(event.target.closest("[data-rpl-add]"));
    }
  });

  root.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.hasAttribute("data-rpl-claim")) {
      event.preventDefault();
      post("save_claim", draftPayload(claimOf(form)), messages.saved);
    } else if (form.hasAttribute("data-rpl-add")) {
      event.preventDefault();
      addEvidence(form);
    } else if (form.hasAttribute("data-rpl-person")) {
      /* The handler URL may carry a query of its own (the workbench's ?student=): keep it. */
      event.preventDefault();
      var url = form.getAttribute("action");
      var name = form.querySelector("input[name='username']").value;
      window.location.href = url + (url.indexOf("?") >= 0 ? "&" : "?") +
        "username=" + encodeURIComponent(name);
    }
  });

  root.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button");
    if (!button || !root.contains(button)) {
      return;
    }
    var claim = claimOf(button);
    var claimId = claim ? claim.getAttribute("data-claim-id") : null;
    if (button.hasAttribute("data-rpl-remove")) {
      if (window.confirm(messages.confirmRemove)) {
        post("remove_evidence", {
          claim_id: claimId,
          evidence_id: button.getAttribute("data-rpl-remove")
        }, messages.removed);
      }
    } else if (button.hasAttribute("data-rpl-submit")) {
      if (window.confirm(messages.confirmSubmit)) {
        /* Save what the form shows first, then submit what was saved. */
        busy(true);
        T.postJson(runtime, element, "save_claim", draftPayload(claim)).done(function () {
          post("submit_claim", {claim_id: claimId}, messages.submitted);
        }).fail(refused);
      }
    } else if (button.hasAttribute("data-rpl-delete")) {
      if (window.confirm(messages.confirmDelete)) {
        post("delete_claim", {claim_id: claimId}, messages.deleted);
      }
    } else if (button.hasAttribute("data-rpl-reopen")) {
      post("reopen_claim", {claim_id: claimId}, messages.reopened);
    } else if (button.hasAttribute("data-rpl-erase-person")) {
      var person = root.querySelector("[data-rpl-person] input[name='username']").value;
      if (window.confirm(messages.confirmErasePerson)) {
        busy(true);
        T.postJson(runtime, element, "erase_person_files", {username: person}).done(function (answer) {
          T.showError(root, "");
          T.announce(root, answer.message);
          busy(false);
        }).fail(refused);
      }
    } else if (button.hasAttribute("data-rpl-erase")) {
      if (window.confirm(messages.confirmErase)) {
        post("erase_my_portfolio", {}, messages.erased);
      }
    }
  });

  /* The page shows a decision the learner's own state does not hold yet: keep it there
     (the development dialogue reads it), quietly. */
  if (args.sync) {
    T.postJson(runtime, element, "apply_decisions", {});
  }

  return root;
}
