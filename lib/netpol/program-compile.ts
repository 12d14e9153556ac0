/** Builds the program of a network model with the compiler of the CNI in force (program.ts). */
import { compileCalico } from "./calico/compile";
import { compileCilium } from "./cilium/compile";
import type { NetworkModel } from "./model";
import { PredicateTable } from "./predicates";
import { isRelative, programRules, type Program, type ProgramLayer } from "./program";
import { compileUpstream } from "./program-upstream";

export function compileProgram(model: NetworkModel): Program {
  const table = new PredicateTable();
  const everyPod = table.special("all");
  const profile = model.cni.profile;
  let layers: ProgramLayer[];
  if (profile.engine === "cilium") layers = compileCilium(model, table);
  else if (profile.engine === "calico") layers = compileCalico(model, table, model.cni.detection.calicoVersion);
  else layers = compileUpstream(model, table).layers;
  layers = layers.filter((l) => l.policies.length > 0);
  const unenforced = !profile.enforces.networkPolicy && profile.engine === "upstream";
  const program: Program = { table, layers: unenforced ? [] : layers, unenforced, nodeRelative: false, everyPod };
  // The CNIs' own "a node reaches its pods" rule does not split classes by node (reachability.ts
  // resolves it per class); a user's host / remote-node rule does.
  let relative = false;
  for (const { policy, rule } of programRules(program)) {
    if (!isRelative(rule.peer)) continue;
    relative = true;
    if (!policy.ref.builtin) program.nodeRelative = true;
  }
  // Every node is an end of its own when a rule is relative to the subject's node.
  if (relative) for (const n of model.nodes.keys()) table.node(n);
  return program;
}
