'use strict';
// Loads the planner's WebAssembly package (built by scripts/build.sh, with Terraform
// support) and calls it so that nothing it does can take the server down: a thrown
// Error is the caller's to handle, and a trap (a planner bug: the release build aborts
// on panic, leaving that instance unusable) also replaces the instance with a fresh one.

const fs = require('node:fs');
const path = require('node:path');

/** The package's JavaScript glue; TALOS_PLANNER_PKG points at another build. */
const GLUE = path.resolve(
  process.env.TALOS_PLANNER_PKG ?? path.join(__dirname, '..', 'pkg', 'talos_planner.js'),
);

/** @returns {typeof import('../pkg/talos_planner')} */
function load() {
  if (!fs.existsSync(GLUE)) {
    throw new Error(
      `${GLUE} is missing: build it with editors/language-server/scripts/build.sh`,
    );
  }
  // The nodejs target instantiates the module when the glue is required, so a fresh
  // require is a fresh instance.
  delete require.cache[GLUE];
  return require(GLUE);
}

let planner = load();
let restarts = 0;

/**
 * Runs `fn` with the planner.
 * @template T
 * @param {(p: typeof import('../pkg/talos_planner')) => T} fn
 * @returns {T}
 */
function call(fn) {
  try {
    return fn(planner);
  } catch (err) {
    if (err instanceof WebAssembly.RuntimeError) {
      restarts += 1;
      planner = load();
    }
    throw err;
  }
}

module.exports = {
  call,
  /** How often a trap replaced the instance (for tests and logs). */
  restarts: () => restarts,
};
