/**
 * A small cluster for the explorer's view-model tests: a locked-down `payments` (default-deny both
 * ways, one allow per flow, a policy with a typo that selects nothing), an open `data` with an
 * internet-facing `reports` behind an Ingress, a NodePort admin UI, an ANP and the baseline.
 */
import { adminNetworkPolicy, baselineAdminNetworkPolicy, deployment, ingress, namespace, networkPolicy, pod, service, snapshotOf } from "./fixtures";
import { buildNetworkModel, type EngineOptions } from "./model";
import { buildReachability } from "./reachability";
import { buildFlowIndex } from "./resolve";

const ns = (name: string) => ({ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": name } } });

export const VIEW_OBJECTS = [
  namespace("payments"),
  namespace("shop"),
  namespace("data"),
  namespace("ingress-nginx"),
  deployment("ingress-nginx", "ingress-nginx-controller", { "app.kubernetes.io/name": "ingress-nginx", "app.kubernetes.io/component": "controller" }, { ports: [{ containerPort: 80 }] }),
  deployment("shop", "orders", { app: "orders" }, { ports: [{ name: "http", containerPort: 8080 }] }),
  deployment("payments", "payments-api", { app: "payments-api" }, { ports: [{ name: "http", containerPort: 8080 }] }),
  deployment("payments", "payments-worker", { app: "payments-worker" }),
  deployment("payments", "payments-db", { app: "payments-db" }, { ports: [{ name: "postgres", containerPort: 5432 }] }),
  deployment("data", "reports", { app: "reports" }, { ports: [{ name: "http", containerPort: 3000 }], serviceAccountName: "reports" }),
  deployment("data", "pgadmin", { app: "pgadmin" }, { ports: [{ containerPort: 80 }] }),
  pod("data", "debug-shell", { run: "debug" }),
  service("data", "reports", { app: "reports" }, [{ port: 80, targetPort: "http", name: "web" }]),
  service("data", "pgadmin", { app: "pgadmin" }, [{ port: 80, targetPort: 80, nodePort: 30080 }], { type: "NodePort" }),
  ingress("data", "reports", [{ service: "reports", port: 80 }]),
  networkPolicy("payments", "default-deny-all", { podSelector: {}, policyTypes: ["Ingress", "Egress"] }),
  networkPolicy("payments", "payments-api-ingress", { podSelector: { matchLabels: { app: "payments-api" } }, ingress: [{ from: [ns("shop")], ports: [{ port: "http" }] }] }),
  networkPolicy("payments", "payments-db-ingress", { podSelector: { matchLabels: { app: "payments-db" } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: "payments-api" } } }, { podSelector: { matchLabels: { app: "payments-worker" } } }], ports: [{ port: "postgres" }] }] }),
  networkPolicy("payments", "payments-api-egress", { podSelector: { matchLabels: { app: "payments-api" } }, policyTypes: ["Egress"], egress: [{ to: [{ podSelector: { matchLabels: { app: "payments-db" } } }], ports: [{ port: 5432 }] }] }),
  networkPolicy("payments", "payments-worker-egress", { podSelector: { matchLabels: { app: "paymnets-worker" } }, policyTypes: ["Egress"], egress: [{ to: [{ podSelector: { matchLabels: { app: "payments-db" } } }] }] }),
  adminNetworkPolicy("deny-cloud-metadata-egress", 10, { subject: { namespaces: {} }, egress: [{ name: "deny-metadata", action: "Deny", to: [{ networks: ["169.254.169.254/32"] }] }] }),
  baselineAdminNetworkPolicy({ subject: { namespaces: {} }, ingress: [{ name: "deny-from-shop", action: "Deny", from: [{ namespaces: { matchLabels: { "kubernetes.io/metadata.name": "shop" } } }] }] }),
];

export function viewCluster(opts: Partial<EngineOptions> = {}) {
  const model = buildNetworkModel(snapshotOf(VIEW_OBJECTS), opts);
  return { model, reach: buildReachability(model), index: buildFlowIndex(model) };
}
