/* Competency explorer: picking a competency loads its detail from the `show_competency`
   handler. Focus stays on the picker (arrow keys change it), the new detail is announced
   through the live region, and only the answer to the latest pick is shown. */
function CompetencyExplorerBlock(runtime, element, args) {
  "use strict";
  var T = window.TalentBlocks;
  var root = T.root(element);
  var select = root.querySelector(".talent-explorer__select");
  var detail = root.querySelector("[data-talent-detail]");
  var messages = args.messages;
  var latest = 0;
  var timer = null;

  function show(competencyId) {
    var request = ++latest;
    detail.setAttribute("aria-busy", "true");
    T.postJson(runtime, root, "show_competency", {competency_id: competencyId})
      .done(function (data) {
        if (request !== latest) {
          return;
        }
        detail.innerHTML = data.html;
        T.showError(root, "");
        T.announce(root, T.format(messages.shown, {name: data.name}));
      })
      .fail(function () {
        if (request === latest) {
          T.showError(root, messages.failed);
        }
      })
      .always(function () {
        if (request === latest) {
          detail.removeAttribute("aria-busy");
        }
      });
  }

  if (select) {
    select.addEventListener("change", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { show(select.value); }, 150);
    });
  }
  return {};
}
