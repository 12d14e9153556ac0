/**
 * A large synthetic audit log over any cluster, for the benchmark: the identities of the cluster
 * (its service accounts in their namespaces, the users and groups its bindings name, its nodes, the
 * control plane) making the mix of requests a busy cluster's API server sees — controllers watching
 * and renewing leases, kubelets, workloads reading their own ConfigMaps and Secrets, people browsing —
 * as audit events at the Metadata level. Streamed: one line at a time, deterministic for a seed.
 * Decisions are not evaluated here (the reader does that); a small share of requests is refused.
 */
import type { ClusterSnapshot } from "../../model";
import { serviceAccountGroups, serviceAccountUsername } from "../../rbac/subjects";
import { Rng } from "../random";
import { auditEvent, type SynthRequest, type SynthUser } from "./event";

export interface AuditCast {
  namespaces: string[];
  /** `ns/name` of every service account. */
  serviceAccounts: string[];
  users: string[];
  groups: string[];
  nodes: string[];
}

/** Who can appear in the log: taken from the snapshot's objects. */
export function castOf(s: ClusterSnapshot): AuditCast {
  const users = new Set<string>();
  const groups = new Set<string>();
  for (const b of [...s.roleBindings, ...s.clusterRoleBindings]) {
    for (const sub of b.subjects) {
      if (sub.kind === "User" && !sub.name.startsWith("system:")) users.add(sub.name);
      if (sub.kind === "Group" && !sub.name.startsWith("system:")) groups.add(sub.name);
    }
  }
  return {
    namespaces: s.namespaces.map((n) => n.name).sort(),
    serviceAccounts: s.serviceAccounts.map((a) => `${a.namespace}/${a.name}`).sort(),
    users: [...users].sort(),
    groups: [...groups].sort(),
    nodes: s.nodes.map((n) => n.name).sort(),
  };
}

const CORE = ["pods", "services", "configmaps", "endpoints", "events", "persistentvolumeclaims", "serviceaccounts"];
const WATCHED: [string, string][] = [["pods", ""], ["services", ""], ["endpointslices", "discovery.k8s.io"], ["deployments", "apps"], ["replicasets", "apps"], ["nodes", ""], ["namespaces", ""], ["configmaps", ""], ["secrets", ""], ["jobs", "batch"], ["networkpolicies", "networking.k8s.io"], ["ingresses", "networking.k8s.io"]];

export interface LargeLogOptions {
  seed: number;
  /** Epoch ms of the first event and mean milliseconds between events. */
  start: number;
  stepMs: number;
}

/** Lines of one log file; `index` seeds it apart from the other files. Infinite: the caller stops. */
export function* largeAuditLines(cast: AuditCast, index: number, opts: LargeLogOptions): Generator<string> {
  const rng = Rng.for(opts.seed, "large-audit", index);
  const agent = "kube-controller-manager/v1.31.4 (linux/amd64) kubernetes/a78aa47";
  const ctl = (name: string): SynthUser => ({ username: serviceAccountUsername("kube-system", name), groups: serviceAccountGroups("kube-system"), userAgent: `${agent}/${name}`, sourceIP: "10.0.0.10" });
  const controllers = ["deployment-controller", "replicaset-controller", "job-controller", "endpointslice-controller", "generic-garbage-collector", "namespace-controller"].map(ctl);
  const kcm: SynthUser = { username: "system:kube-controller-manager", groups: ["system:authenticated"], userAgent: agent, sourceIP: "10.0.0.10" };
  const hex8 = () => (Math.floor(rng.next() * 0x100000000) >>> 0).toString(16).padStart(8, "0");
  const uuid = () => {
    const h = hex8() + hex8() + hex8() + hex8();
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
  // One pod's bound token per service account: its extras stay the same across its requests.
  const tokens = new Map<string, SynthUser>();
  const sa = (key: string): SynthUser => {
    const known = tokens.get(key);
    if (known) return known;
    const [ns, name] = key.split("/");
    const user: SynthUser = {
      username: serviceAccountUsername(ns, name),
      uid: uuid(),
      groups: serviceAccountGroups(ns),
      extra: { "authentication.kubernetes.io/pod-name": [`${name}-${rng.token(10)}-${rng.token(5)}`], "authentication.kubernetes.io/node-name": [rng.pick(cast.nodes.length ? cast.nodes : ["node-1"])] },
      userAgent: `${name}/1.0 (linux/amd64)`,
      sourceIP: `10.${rng.int(64, 127)}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
    };
    tokens.set(key, user);
    return user;
  };
  // Each identity repeats a small repertoire, as workloads and people do: drawn once, per identity.
  const repertoires = new Map<string, SynthRequest[]>();
  const repertoire = (key: string, make: (r: Rng) => SynthRequest[]) => {
    let list = repertoires.get(key);
    if (!list) repertoires.set(key, (list = make(Rng.for(opts.seed, "repertoire", key))));
    return list;
  };
  const people = new Map<string, SynthUser>();
  const person = (name: string): SynthUser => {
    let u = people.get(name);
    if (!u) {
      const r = Rng.for(opts.seed, "person", name);
      u = { username: name, groups: [...r.sample(cast.groups, r.int(1, 3)), "system:authenticated"], userAgent: "kubectl/v1.31.4 (linux/amd64) kubernetes/a78aa47", sourceIP: `10.8.${r.int(0, 3)}.${r.int(2, 250)}` };
      people.set(name, u);
    }
    return u;
  };
  const controllerWork = (r: Rng): SynthRequest[] =>
    r.sample(WATCHED, r.int(2, 5)).flatMap(([res, group]) => [
      { verb: "list", resource: res, ...(group ? { apiGroup: group } : {}) },
      { verb: "watch", resource: res, ...(group ? { apiGroup: group } : {}) },
    ]);
  const workloadWork = (key: string) => (r: Rng): SynthRequest[] => {
    const [home, name] = key.split("/");
    const out: SynthRequest[] = [
      { verb: "get", resource: "configmaps", namespace: home, name: `${name}-config` },
      { verb: "watch", resource: r.pick(["pods", "endpoints", "configmaps"]), namespace: home },
    ];
    if (r.chance(0.5)) out.push({ verb: "get", resource: "secrets", namespace: home, name: `${name}-credentials` });
    if (r.chance(0.3)) out.push({ verb: "create", resource: "events", namespace: home });
    if (r.chance(0.2)) out.push({ verb: "update", resource: "leases", apiGroup: "coordination.k8s.io", namespace: home, name: `${name}-leader` });
    if (r.chance(0.1)) out.push({ verb: "list", resource: r.pick(CORE), namespace: r.pick(cast.namespaces.length ? cast.namespaces : [home]) });
    return out;
  };
  const personWork = (r: Rng): SynthRequest[] => {
    const home = r.sample(cast.namespaces.length ? cast.namespaces : ["default"], r.int(1, 4));
    return [...home.flatMap((n) => [{ verb: "list", resource: "pods", namespace: n }, { verb: "get", resource: r.pick(CORE), namespace: n, name: `${r.pick(CORE)}-${r.int(0, 5)}` }]), { verb: "get", path: "/api" }, { verb: "get", path: "/apis" }];
  };
  let t = opts.start;
  for (;;) {
    t += rng.int(0, 2 * opts.stepMs);
    const k = rng.next();
    let user: SynthUser;
    let req: SynthRequest;
    if (k < 0.3) {
      user = rng.pick(controllers);
      req = rng.pick(repertoire(user.username, controllerWork));
    } else if (k < 0.4) {
      user = kcm;
      req = { verb: rng.pick(["get", "update"]), resource: "leases", apiGroup: "coordination.k8s.io", namespace: "kube-system", name: "kube-controller-manager" };
    } else if (k < 0.55) {
      const node = rng.pick(cast.nodes.length ? cast.nodes : ["node-1"]);
      user = { username: `system:node:${node}`, groups: ["system:nodes", "system:authenticated"], userAgent: "kubelet/v1.31.4 (linux/amd64) kubernetes/a78aa47", sourceIP: "10.0.0.20" };
      req = rng.chance(0.8) ? { verb: "update", resource: "leases", apiGroup: "coordination.k8s.io", namespace: "kube-node-lease", name: node } : { verb: "get", resource: "nodes", name: node };
    } else if (k < 0.95) {
      const key = rng.pick(cast.serviceAccounts.length ? cast.serviceAccounts : ["default/default"]);
      user = sa(key);
      req = rng.pick(repertoire(key, workloadWork(key)));
    } else {
      user = person(rng.pick(cast.users.length ? cast.users : ["user-0"]));
      req = rng.pick(repertoire(user.username, personWork));
    }
    const forbid = rng.chance(0.02);
    const reason = forbid ? "" : `RBAC: allowed by RoleBinding "rb-${rng.int(0, 4500)}/${req.namespace ?? "default"}" of ClusterRole "cr-${rng.int(0, 720)}" to User "${user.username}"`;
    yield JSON.stringify(auditEvent(rng, user, req, t, { decision: forbid ? "forbid" : "allow", reason, auditID: uuid() }));
  }
}
