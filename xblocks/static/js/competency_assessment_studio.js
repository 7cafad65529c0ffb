/* Studio editor of the competency assessment: the standard field editor, plus an import that
   sends a framework file to the `import_framework` handler and puts the native JSON it answers
   into the "Framework JSON" field (source set to "your own"). Nothing is stored until Save. */
function CompetencyAssessmentStudio(runtime, element, args) {
  "use strict";
  var T = window.TalentBlocks;
  var root = T.root(element);
  var editor = StudioEditableXBlockMixin(runtime, element);
  var section = root.querySelector("[data-talent-import]");
  var settings = root.querySelector(".wrapper-comp-settings");
  var messages = args.messages;

  // Show the import inside the settings panel, above the fields it fills in.
  if (settings) {
    settings.insertBefore(section, settings.firstChild);
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
  return editor;
}
