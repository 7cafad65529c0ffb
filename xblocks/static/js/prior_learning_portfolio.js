/* The learner's prior learning portfolio (ES5 on the runtime's jQuery, see talent.js). */
function PriorLearningPortfolioBlock(runtime, element, args) {
  "use strict";
  var root = window.TalentBlocks.root(element);
  return root;
}
