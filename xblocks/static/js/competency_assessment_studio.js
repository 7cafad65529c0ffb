/* Studio editor of the competency assessment: the standard field editor, plus an import that
   sends a framework file to the `import_framework` handler and puts the native JSON it answers
   into the "Framework JSON" field (source set to "your own"), and an upload that sends a role
   file (JSON or role CSV) with the editor's framework to `import_roles` and puts the roles it
   answers into "Role profiles JSON"; a refused file changes no field. Nothing is stored until
   Save. */
function CompetencyAssessmentStudio(runtime, element, args) {
  "use strict";
  var T = window.TalentBlocks;
  var root = T.root(element);
  var editor = StudioEditableXBlockMixin(runtime, element);
  var section = root.querySelector("[data-talent-import]");
  var rolesSection = root.querySelector("[data-talent-roles-import]");
  var settings = root.querySelector(".wrapper-comp-settings");
  var messages = args.messages;

  // Show the import inside the settings panel, above the fields it fills in.
  if (settings) {
    settings.insertBefore(rolesSection, settings.firstChild);
    settings.insertBefore(section, settings.firstChild);
  }

  function fieldValue(name) {
    var control = root.querySelector("[data-field-name='" + name + "'] .field-data-control");
    return control ? control.value : null;
  }

  /* The refusal and every problem the handler named, one list item each. */
  function showProblems(box, xhr, fallback) {
    var answer = xhr.responseJSON || {};
    var error = box.querySelector("[data-talent-error]");
    error.textContent = "";
    var lead = document.createElement("p");
    lead.textContent = answer.error || fallback;
    error.appendChild(lead);
    var problems = answer.problems || [];
    if (problems.length) {
      var list = document.createElement("ul");
      problems.forEach(function (problem) {
        var item = document.createElement("li");
        item.textContent = problem.message;
        list.appendChild(item);
      });
      error.appendChild(list);
    }
    error.hidden = false;
  }

  function setField(name, value) {
    var control = root.querySelector("[data-field-name='" + name + "'] .field-data-control");
    if (control) {
      control.value = value;
      control.dispatchEvent(new Event("change", {bubbles: true}));
    }
  }

  section.querySelector("[data-action=import]").addEventListener("click", function () {
    var input = section.querySelector("input[type=file]");
    var format = section.querySelector("select");
    T.showError(section, "");
    if (!input.files.length) {
      T.showError(section, messages.choose);
      input.focus();
      return;
    }
    var data = new FormData();
    data.append("file", input.files[0]);
    data.append("format", format.value);
    T.announce(section, messages.converting);
    window.jQuery.ajax({
      type: "POST",
      url: runtime.handlerUrl(element, "import_framework"),
      data: data,
      processData: false,
      contentType: false,
      dataType: "json"
    }).done(function (answer) {
      setField("framework_source", "custom");
      setField("framework_json", answer.framework_json);
      T.announce(section, T.format(messages.converted, {count: answer.competencies}));
    }).fail(function (xhr) {
      T.announce(section, "");
      T.showError(section, T.errorText(xhr, messages.failed));
    });
  });
  rolesSection.querySelector("[data-action=import-roles]").addEventListener("click", function () {
    var input = rolesSection.querySelector("input[type=file]");
    T.showError(rolesSection, "");
    if (!input.files.length) {
      T.showError(rolesSection, messages.choose);
      input.focus();
      return;
    }
    var data = new FormData();
    data.append("file", input.files[0]);
    ["framework_source", "framework_json"].forEach(function (name) {
      var value = fieldValue(name);
      if (value !== null) {
        data.append(name, value);
      }
    });
    T.announce(rolesSection, messages.checking_roles);
    window.jQuery.ajax({
      type: "POST",
      url: runtime.handlerUrl(element, "import_roles"),
      data: data,
      processData: false,
      contentType: false,
      dataType: "json"
    }).done(function (answer) {
      setField("roles_source", "custom");
      setField("roles_json", answer.roles_json);
      T.announce(rolesSection, T.format(messages.roles_loaded, {count: answer.role_ids.length}));
    }).fail(function (xhr) {
      T.announce(rolesSection, messages.roles_failed);
      showProblems(rolesSection, xhr, messages.roles_failed);
    });
  });
  return editor;
}
