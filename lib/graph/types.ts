/** The graph DTO every explorer draws: plain nodes and edges, already aggregated and capped. */
export interface GraphNode {
  id: string;
  label: string;
  /** Drives the style: User, Group, ServiceAccount, RoleBinding, Namespace, Workload, External, ... */
  type: string;
  /** Column for layered layouts (0 = left). */
  column?: number;
  /** Compound parent (e.g. a namespace box around workloads). */
  parent?: string;
  /** Extra style classes: highlight, ghost, isolated, unprotected, default, ... */
  classes?: string[];
  /** Secondary line shown in the side panel. */
  detail?: string;
  /** Relative size (1–100) for nodes that stand for many (a group of namespaces). */
  size?: number;
  /** A box whose workloads all reach one another with this connection (their edges not drawn one by one). */
  within?: string;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  label?: string;
  classes?: string[];
}

export interface GraphDTO {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** What was left out to stay readable, and why. */
  hidden?: { nodes: number; edges: number; reason: string };
  focus?: string;
}

/** Drawn-element budget: canvas Cytoscape stays responsive below ~2,000 elements. */
export const MAX_ELEMENTS = 2000;
