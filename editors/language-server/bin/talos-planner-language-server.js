#!/usr/bin/env node
'use strict';
// The talos-planner language server. Editors start it as
//   node bin/talos-planner-language-server.js --stdio
// `--schema` prints the config's JSON Schema (draft-07, the same as `talos-planner
// schema`) and `--version` the planner's version, without starting a server.

const args = process.argv.slice(2);
if (args.includes('--schema') || args.includes('--version')) {
  const planner = require('../src/planner');
  const out = args.includes('--schema')
    ? `${JSON.stringify(planner.call((p) => p.schema()), null, 2)}\n`
    : `${planner.call((p) => p.version())}\n`;
  process.stdout.write(out);
} else if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(
    'usage: talos-planner-language-server --stdio | --node-ipc | --socket=PORT\n' +
      '       talos-planner-language-server --schema | --version\n',
  );
} else {
  require('../src/server').startServer();
}
