/**
 * Service mesh mTLS: whether pod-to-pod traffic is encrypted and authenticated. Istio enforces it
 * with PeerAuthentication mode STRICT (mesh-wide in the root namespace, or per namespace); Linkerd
 * encrypts traffic between meshed pods automatically once its control plane runs.
 */
import type { Finding } from "../../findings/types";
import type { ClusterSnapshot, PeerAuthentication } from "../../model";
import { postureFinding } from "../finding";
import { SYSTEM_NAMESPACES, type WorkloadUnit } from "../units";

export const LINKERD_INJECT = "linkerd.io/inject";
const LINKERD_COMPONENT = "linkerd.io/control-plane-component";

export interface MeshOptions {
  /** Istio's root namespace, where a selector-less PeerAuthentication applies mesh-wide (default istio-system). */
  meshRootNamespace?: string;
}

export interface MeshState {
  istio: { present: boolean; meshWide?: PeerAuthentication["mtlsMode"] };
  linkerd: { controlPlane: boolean; injectAnnotations: string[] };
  /** Per application namespace: whether its traffic is mTLS-only, and why. */
  namespaces: { namespace: string; strict: boolean; reason: string }[];
}

const selectorless = (p: PeerAuthentication) => !p.selector || Object.keys(p.selector).length === 0;

function linkerdMeshed(u: WorkloadUnit, nsAnnotations: Record<string, string> | undefined): boolean {
  if (u.pod.spec.containers.some((c) => c.name === "linkerd-proxy")) return true;
  const podValue = u.pod.annotations[LINKERD_INJECT];
  if (podValue !== undefined) return podValue === "enabled";
  return nsAnnotations?.[LINKERD_INJECT] === "enabled";
}

/** Which mesh runs and, per application namespace, whether only mTLS traffic is accepted. */
export function meshState(snapshot: ClusterSnapshot, units: readonly WorkloadUnit[], opts: MeshOptions = {}): MeshState {
  const root = opts.meshRootNamespace ?? "istio-system";
  const pas = snapshot.peerAuthentications;
  const meshWide = pas.find((p) => p.namespace === root && selectorless(p))?.mtlsMode;
  const istioPresent = pas.length > 0 || units.some((u) => u.ref.namespace === root && /istiod/.test(u.ref.name));
  const controlPlane = units.some((u) => ["destination", "identity"].includes(u.pod.labels[LINKERD_COMPONENT] ?? ""));
  const nsByName = new Map(snapshot.namespaces.map((n) => [n.name, n]));
  const injectAnnotations = [
    ...snapshot.namespaces.filter((n) => n.annotations[LINKERD_INJECT] === "enabled").map((n) => `Namespace ${n.name}`),
    ...units.filter((u) => u.pod.annotations[LINKERD_INJECT] === "enabled").map((u) => `${u.ref.kind} ${u.ref.namespace}/${u.ref.name}`),
  ];

  // The meshes' own control planes are not application namespaces.
  const controlPlanes = new Set([
    root,
    ...units.filter((u) => u.pod.labels[LINKERD_COMPONENT] !== undefined).map((u) => u.ref.namespace),
    ...snapshot.namespaces.filter((n) => n.labels["linkerd.io/is-control-plane"] === "true").map((n) => n.name),
  ]);
  const appNamespaces = [...new Set(units.map((u) => u.ref.namespace))].filter((n) => !SYSTEM_NAMESPACES.has(n) && !controlPlanes.has(n)).sort();
  const namespaces = appNamespaces.map((ns) => {
    const own = pas.find((p) => p.namespace === ns && selectorless(p))?.mtlsMode;
    const mode = own && own !== "UNSET" ? own : meshWide;
    if (mode === "STRICT") return { namespace: ns, strict: true, reason: own === "STRICT" ? "namespace PeerAuthentication STRICT" : "mesh-wide PeerAuthentication STRICT" };
    if (controlPlane) {
      const nsUnits = units.filter((u) => u.ref.namespace === ns);
      const unmeshed = nsUnits.filter((u) => !linkerdMeshed(u, nsByName.get(ns)?.annotations));
      if (!unmeshed.length) return { namespace: ns, strict: true, reason: "all workloads meshed by Linkerd" };
      return { namespace: ns, strict: false, reason: `not meshed by Linkerd: ${unmeshed.map((u) => `${u.ref.kind} ${u.ref.name}`).slice(0, 5).join(", ")}${unmeshed.length > 5 ? ", …" : ""}` };
    }
    return { namespace: ns, strict: false, reason: mode ? `PeerAuthentication ${mode}` : "no PeerAuthentication applies" };
  });
  return { istio: { present: istioPresent, ...(meshWide ? { meshWide } : {}) }, linkerd: { controlPlane, injectAnnotations }, namespaces };
}

/** No mesh at all (cluster finding), or namespaces the mesh leaves open to plain text. */
export function meshChecks(snapshot: ClusterSnapshot, units: readonly WorkloadUnit[], opts: MeshOptions = {}): { findings: Finding[]; evaluated: Record<string, number>; mesh: MeshState } {
  const mesh = meshState(snapshot, units, opts);
  const findings: Finding[] = [];
  const present = mesh.istio.present || mesh.linkerd.controlPlane;
  if (!present) {
    const leftovers = mesh.linkerd.injectAnnotations.length ? `; ${LINKERD_INJECT}: enabled is set on ${mesh.linkerd.injectAnnotations.slice(0, 5).join(", ")} but no Linkerd control plane runs` : "";
    findings.push(
      postureFinding("PL-no-mtls", [], {
        discriminator: "cluster",
        scope: "cluster",
        focus: { view: "findings", params: { category: "platform", rule: "PL-no-mtls" } },
        evidence: `no Istio PeerAuthentication and no running Linkerd control plane${leftovers}: traffic between ${mesh.namespaces.length} application namespace(s) is not encrypted in transit`,
        details: { mesh },
      }),
    );
  } else {
    for (const ns of mesh.namespaces) {
      if (ns.strict) continue;
      findings.push(
        postureFinding("PL-mtls-not-strict", [{ kind: "Namespace", name: ns.namespace }], {
          namespace: ns.namespace,
          scope: "namespace",
          focus: { view: "findings", params: { category: "platform", namespace: ns.namespace } },
          evidence: `${ns.reason}: plain-text connections to pods in ${ns.namespace} are accepted`,
        }),
      );
    }
  }
  return { findings, mesh, evaluated: { "PL-no-mtls": 1, "PL-mtls-not-strict": present ? mesh.namespaces.length : 0 } };
}
