/** Test helpers: small pods and snapshots built the way the loader builds them. */
import type { Container, PodSpec } from "../model";
import type { PodView } from "./units";

export function container(patch: Partial<Container> = {}): Container {
  return { name: "app", image: "registry.example.com/app:1.0", ports: [], resources: {}, volumeMounts: [], envNames: [], ...patch };
}

/** A pod that meets the Restricted level; tests break one thing at a time. */
export function hardenedSpec(patch: Partial<PodSpec> = {}): PodSpec {
  return {
    serviceAccountName: "app",
    automountServiceAccountToken: false,
    hostNetwork: false,
    hostPID: false,
    hostIPC: false,
    securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: "RuntimeDefault" } },
    containers: [
      container({
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, readOnlyRootFilesystem: true },
        resources: { limits: { cpu: "500m", memory: "256Mi" }, requests: { cpu: "100m", memory: "128Mi" } },
      }),
    ],
    initContainers: [],
    ephemeralContainers: [],
    volumes: [],
    ...patch,
  };
}

export function podView(spec: PodSpec = hardenedSpec(), annotations: Record<string, string> = {}): PodView {
  return { spec, annotations };
}

export { snapshotFromYaml } from "../model/testing";
