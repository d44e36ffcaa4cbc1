// Builds the facade's results from a tape (src/wasm/tape.rs): one list of numbers and
// one string with every string of the value. Each builder below is one wire type of
// src/wasm/wire.rs, its fields in the same order; object literals, so that V8 creates
// each object with its final shape at once. The objects equal what `JSON.parse` made of
// serde_json's text before (same keys, order and values), at a fraction of the cost.
//
// Written by hand on purpose: a generic decoder (keys from the tape, set one by one)
// is about three times slower than these literals. Every struct on the tape starts with
// its number of fields, checked here; the package tests compare each object's keys with
// the .d.ts that tsify derives from wire.rs.

let nums; // Float64Array: the tape
let strs; // string: every string, one after the other
let at; // next number
let text; // start of the next string in `strs`, in UTF-16 units

function begin(strings, tape) {
  strs = strings;
  nums = tape;
  at = 0;
  text = 0;
}

function end(value) {
  const done = at === nums.length && text === strs.length;
  nums = undefined;
  strs = undefined;
  if (!done) throw new Error('internal error: the result was not read to its end');
  return value;
}

function fields(count, name) {
  const n = nums[at++];
  if (n !== count) {
    throw new Error(`internal error: ${name} has ${n} fields on the tape, the reader knows ${count}`);
  }
}

const num = () => nums[at++];
const bool = () => nums[at++] !== 0;

function str() {
  const start = text;
  text += nums[at++];
  return strs.slice(start, text);
}

const optNum = () => (nums[at++] === 0 ? null : nums[at++]);
const optStr = () => (nums[at++] === 0 ? null : str());

function list(item) {
  const n = nums[at++];
  const out = [];
  for (let k = 0; k < n; k += 1) out.push(item());
  return out;
}

function position() {
  fields(2, 'Position');
  return { line: num(), character: num() };
}

function range() {
  fields(2, 'Range');
  return { start: position(), end: position() };
}

function offsets() {
  fields(2, 'Offsets');
  return { start: num(), end: num() };
}

function textEdit() {
  fields(4, 'TextEdit');
  return { range: range(), span: offsets(), offsets: offsets(), new_text: str() };
}

function fix() {
  fields(2, 'Fix');
  return { title: str(), edits: list(textEdit) };
}

function related() {
  fields(4, 'Related');
  return { message: str(), range: range(), span: offsets(), offsets: offsets() };
}

function diagnostic() {
  fields(8, 'Diagnostic');
  return {
    code: str(),
    severity: str(),
    message: str(),
    range: range(),
    span: offsets(),
    offsets: offsets(),
    related: list(related),
    fixes: list(fix),
  };
}

// The plan's nodes, the bulk of a large plan: read with the tape and its position in
// local variables and without a helper call per field. In the first calls after
// instantiation V8 has not optimised the helpers yet (its optimising compiler shares the
// machine with the WebAssembly tier-up), and a call per field then cost more than the
// rest of building the plan.
function plannedNodes() {
  const n = nums;
  const s = strs;
  let i = at;
  let t = text;
  const count = n[i++];
  const out = [];
  for (let k = 0; k < count; k += 1) {
    if (n[i] !== 14) {
      at = i;
      fields(14, 'PlannedNode');
    }
    i += 1;
    out.push({
      key: s.slice(t, (t += n[i++])),
      role: s.slice(t, (t += n[i++])),
      hostname: n[i++] === 0 ? null : s.slice(t, (t += n[i++])),
      vm_id: n[i++] === 0 ? null : n[i++],
      proxmox_node: n[i++] === 0 ? null : s.slice(t, (t += n[i++])),
      datastore: n[i++] === 0 ? null : s.slice(t, (t += n[i++])),
      ip_address: n[i++] === 0 ? null : s.slice(t, (t += n[i++])),
      prefix: n[i++] === 0 ? null : n[i++],
      gateway: n[i++] === 0 ? null : s.slice(t, (t += n[i++])),
      vlan_id: n[i++] === 0 ? null : n[i++],
      cpu: n[i++] === 0 ? null : n[i++],
      memory: n[i++] === 0 ? null : n[i++],
      disk: n[i++] === 0 ? null : n[i++],
      install_disk: n[i++] === 0 ? null : s.slice(t, (t += n[i++])),
    });
  }
  at = i;
  text = t;
  return out;
}

function imagePlan() {
  fields(7, 'ImagePlan');
  return {
    schematic: str(),
    schematic_id: str(),
    disk_image_url: optStr(),
    disk_import_url: optStr(),
    iso_url: optStr(),
    installer_image: optStr(),
    extensions: list(str),
  };
}

function networkPlan() {
  fields(8, 'NetworkPlan');
  return {
    cidr: optStr(),
    prefix: optNum(),
    network_address: optStr(),
    last_address: optStr(),
    gateway: optStr(),
    dns_servers: nums[at++] === 0 ? null : list(str),
    bridge: optStr(),
    vlan_id: optNum(),
  };
}

function planValue() {
  fields(9, 'Plan');
  return {
    cluster_name: optStr(),
    ha_vip_enabled: bool(),
    ha_vip: optStr(),
    ha_vip_interface: optStr(),
    cluster_endpoint: optStr(),
    talos_endpoints: list(str),
    nodes: plannedNodes(),
    image: nums[at++] === 0 ? null : imagePlan(),
    network: networkPlan(),
  };
}

// Internally tagged (`kind`): `template` has no other field, `user` an `index`.
function patchOrigin() {
  const n = nums[at++];
  if (n === 1) return { kind: str() };
  if (n !== 2) throw new Error(`internal error: PatchOrigin has ${n} fields on the tape`);
  return { kind: str(), index: num() };
}

function renderedPatch() {
  fields(3, 'RenderedPatch');
  return { name: str(), content: str(), origin: patchOrigin() };
}

function renderedNode() {
  fields(4, 'RenderedNode');
  return { key: str(), role: str(), hostname: str(), patches: list(renderedPatch) };
}

// The roots: one per kind of result, each called by src/wasm/ with a whole tape.

export function buildDiagnostics(strings, tape) {
  begin(strings, tape);
  return end(list(diagnostic));
}

export function buildAnalysis(strings, tape) {
  begin(strings, tape);
  fields(2, 'Analysis');
  return end({ diagnostics: list(diagnostic), plan: nums[at++] === 0 ? null : planValue() });
}

export function buildPlan(strings, tape) {
  begin(strings, tape);
  return end(planValue());
}

export function buildRenderedNodes(strings, tape) {
  begin(strings, tape);
  return end(list(renderedNode));
}

export function buildHover(strings, tape) {
  begin(strings, tape);
  fields(4, 'Hover');
  return end({ contents: str(), range: range(), span: offsets(), offsets: offsets() });
}

export function buildEditResult(strings, tape) {
  begin(strings, tape);
  fields(2, 'EditResult');
  return end({ text: str(), edits: list(textEdit) });
}
