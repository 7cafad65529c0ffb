/* Helpers shared by the talent blocks: JSON calls to handlers, announcements, messages.
   Plain ES5 on the runtime's jQuery (the LMS and the workbench both add the CSRF header to
   jQuery requests). Loaded once per block on the page, so it defines itself only once. */
(function (window, $) {
  "use strict";
  if (window.TalentBlocks) {
    return;
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : match;
    });
  }

  window.TalentBlocks = {
    /* The block's root DOM element (the LMS passes a DOM element, some runtimes jQuery). */
    root: function (element) {
      return element && element.jquery ? element[0] : element;
    },

    /* POST `payload` as JSON to handler `name`; a jQuery promise of the JSON answer. */
    postJson: function (runtime, element, name, payload) {
      return $.ajax({
        type: "POST",
        url: runtime.handlerUrl(element, name),
        data: JSON.stringify(payload),
        contentType: "application/json; charset=utf-8",
        dataType: "json"
      });
    },

    /* Say `text` through the block's polite live region ([data-talent-status]). */
    announce: function (root, text) {
      var status = root.querySelector("[data-talent-status]");
      if (!status) {
        return;
      }
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 50);
    },

    /* Show `text` in the block's alert ([data-talent-error]); an empty text hides it. */
    showError: function (root, text) {
      var box = root.querySelector("[data-talent-error]");
      if (!box) {
        return;
      }
      box.textContent = text;
      box.hidden = !text;
    },

    /* What to say about a refused request: the handler's error and each problem (see
       json_payload_handler), else `fallback` (no answer from the server, say). */
    errorText: function (xhr, fallback) {
      var answer = xhr.responseJSON;
      if (!answer || !answer.error) {
        return fallback;
      }
      var details = (answer.problems || []).map(function (p) { return p.message; });
      return [answer.error].concat(details).join(" ");
    },

    format: format
  };
}(window, window.jQuery));
