/* Helpers shared by the talent blocks: JSON calls to handlers, announcements, messages.
   Plain ES5 on the runtime's jQuery (the LMS and the workbench both add the CSRF header to
   jQuery requests). Loaded once per block on the page, so it defines itself only once. */
(function (window, $) {
  "use strict";
  if (window.TalentBlocks) {
    return;
  }

  /* Parts of a block replaced by HTML from the server (their content is thrown away). */
  var REDRAWN = "[data-part], [data-goals], [data-activities], [data-talent-after], [data-log], " +
    "[data-forward], [data-staff], [data-team], [data-talent-result], [data-aspirations-part]";

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : match;
    });
  }

  /* The runtime calls this for every talent block (mixins.make_fragment): the block's own
     init function gets its arguments from the escaped JSON in the fragment, never from the
     runtime's unescaped copy. */
  window.TalentBlocksInit = function (runtime, element, args) {
    var root = element && element.jquery ? element[0] : element;
    var holders = root ? root.querySelectorAll("script[data-talent-init-args]") : [];
    var own = {};
    for (var i = 0; i < holders.length; i += 1) {
      if (holders[i].getAttribute("data-talent-init-args") === args.init) {
        own = JSON.parse(holders[i].textContent);
      }
    }
    return window[args.init](runtime, element, own);
  };

  window.TalentBlocks = {
    /* The block's root DOM element (the LMS passes a DOM element, some runtimes jQuery).
       The block's messages ([data-talent-feedback]) follow the last button pressed, so the
       answer to an action shows next to the control that caused it, not far up the page. */
    root: function (element) {
      var root = element && element.jquery ? element[0] : element;
      if (root && root.addEventListener && !root.hasAttribute("data-talent-feedback-follows")) {
        root.setAttribute("data-talent-feedback-follows", "");
        root.addEventListener("click", function (event) {
          var control = event.target.closest && event.target.closest("button");
          if (control && root.contains(control)) {
            window.TalentBlocks.place(root, control);
          }
        }, true);
      }
      return root;
    },

    /* Move the block's messages to just after `control`'s row ([data-feedback-anchor], else
       its parent). Controls inside the messages themselves (Reload) leave them in place. */
    place: function (root, control) {
      var feedback = root.querySelector("[data-talent-feedback]");
      if (!feedback || feedback.contains(control)) {
        return;
      }
      var anchor = control.closest("[data-feedback-anchor]") || control.parentNode;
      /* Never inside a part the block redraws from the server's answer. */
      var redrawn = anchor.closest(REDRAWN);
      while (redrawn && root.contains(redrawn) && redrawn !== root) {
        anchor = redrawn;
        redrawn = anchor.parentNode.closest(REDRAWN);
      }
      if (anchor.contains(feedback) || anchor === root || !root.contains(anchor)) {
        return;
      }
      if (anchor.nextSibling !== feedback) {
        anchor.parentNode.insertBefore(feedback, anchor.nextSibling);
      }
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

    /* Tell the other talent blocks on this page that what they show may have changed
       (topic "assessment": a self-assessment was submitted). Blocks share one document in
       the workbench and in the LMS unit, so a DOM event reaches them all. */
    publish: function (topic, detail) {
      var event = document.createEvent("CustomEvent");
      event.initCustomEvent("talent:" + topic, false, false, detail || {});
      document.dispatchEvent(event);
    },

    /* Run `listener(detail)` whenever another block publishes `topic`. */
    subscribe: function (topic, listener) {
      document.addEventListener("talent:" + topic, function (event) {
        listener(event.detail || {});
      });
    },

    format: format
  };
}(window, window.jQuery));
