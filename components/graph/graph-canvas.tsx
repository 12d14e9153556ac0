"use client";
/**
 * Cytoscape canvas for an already-capped GraphDTO. Layouts: `columns` (precomputed layered
 * positions, for RBAC paths) or `fcose` (force-directed with namespace boxes, for reachability).
 * Loaded only in the browser (next/dynamic, ssr: false).
 */
import cytoscape, { type Core, type ElementDefinition, type StylesheetJson } from "cytoscape";
import fcose from "cytoscape-fcose";
import { useEffect, useRef } from "react";
import { useResolvedTheme } from "@/components/theme/theme";
import { layeredPositions } from "@/lib/graph/layered";
import type { GraphDTO } from "@/lib/graph/types";
import { visible } from "@/lib/output/terminal";

cytoscape.use(fcose);

export interface GraphCanvasProps {
  graph: GraphDTO;
  /**
   * `columns`: layered left to right (paths); `fcose`: force-directed; `rings`: the opened part in
   * the middle (nodes not folded), what is folded around it (`collapsed` and external nodes).
   */
  layout: "columns" | "fcose" | "rings";
  selected?: string;
  onSelect?: (id: string | undefined) => void;
  onExpand?: (id: string) => void;
  className?: string;
}

const COLORS: Record<string, string> = {
  User: "#2563eb",
  Group: "#7c3aed",
  ServiceAccount: "#0f766e",
  RoleBinding: "#64748b",
  ClusterRoleBinding: "#475569",
  Role: "#b45309",
  ClusterRole: "#92400e",
  Rule: "#334155",
  Workload: "#1e40af",
  Pod: "#1e40af",
  External: "#be123c",
  IngressController: "#0e7490",
  Namespace: "#94a3b8",
  Policy: "#6d28d9",
};

const SHAPES: Record<string, string> = {
  User: "ellipse",
  Group: "hexagon",
  ServiceAccount: "round-rectangle",
  RoleBinding: "diamond",
  ClusterRoleBinding: "diamond",
  Role: "round-tag",
  ClusterRole: "round-tag",
  Rule: "rectangle",
  External: "octagon",
  IngressController: "round-triangle",
};

/** Canvas colours per theme (Cytoscape draws on a canvas, so CSS variables do not reach it). */
const INK = {
  light: { text: "#0f172a", soft: "#475569", line: "#94a3b8", labelBg: "#ffffff", box: "#f1f5f9", boxBorder: "#cbd5e1", folded: "#e2e8f0", foldedText: "#334155" },
  dark: { text: "#e2e8f0", soft: "#cbd5e1", line: "#64748b", labelBg: "#0f172a", box: "#1e293b", boxBorder: "#475569", folded: "#334155", foldedText: "#e2e8f0" },
};

function style(theme: "light" | "dark"): StylesheetJson {
  const ink = INK[theme];
  const base: StylesheetJson = [
    {
      selector: "node",
      style: {
        label: "data(label)",
        "font-size": 11,
        color: ink.text,
        "text-valign": "bottom",
        "text-margin-y": 4,
        "text-wrap": "ellipsis",
        "text-max-width": "180px",
        "min-zoomed-font-size": 7,
        width: 22,
        height: 22,
        "background-color": "#64748b",
        "border-width": 1,
        "border-color": ink.labelBg,
      },
    },
    {
      selector: "edge",
      style: {
        width: 1.2,
        "line-color": ink.line,
        "target-arrow-color": ink.line,
        "target-arrow-shape": "triangle",
        "arrow-scale": 0.8,
        "curve-style": "straight",
        label: "data(label)",
        "font-size": 9,
        color: ink.soft,
        "text-background-color": ink.labelBg,
        "text-background-opacity": 0.85,
        "text-background-padding": "2px",
        "min-zoomed-font-size": 8,
      },
    },
    {
      selector: ":parent",
      style: {
        "background-color": ink.box,
        "background-opacity": 0.7,
        "border-color": ink.boxBorder,
        "border-width": 1,
        shape: "round-rectangle",
        "text-valign": "top",
        "text-halign": "center",
        "font-weight": "bold",
        color: ink.soft,
        "text-max-width": "560px",
        padding: "14px",
      },
    },
    { selector: "node.highlight", style: { "border-width": 4, "border-color": "#f59e0b", "z-index": 10 } },
    // one edge for two connections of a pair, one each way (lib/netpol/busy-edges.ts)
    { selector: "edge.both", style: { "source-arrow-shape": "triangle", "source-arrow-color": ink.line } },
    { selector: "edge.highlight", style: { width: 3, "line-color": "#f59e0b", "target-arrow-color": "#f59e0b", "source-arrow-color": "#f59e0b", "z-index": 10 } },
    { selector: "node.ghost", style: { "background-opacity": 0.15, "border-style": "dashed", "border-width": 2, "border-color": "#94a3b8", color: "#64748b" } },
    { selector: "edge.ghost", style: { "line-style": "dashed" } },
    { selector: "node.default", style: { opacity: 0.65 } },
    // status never by colour alone: solid = isolated, dashed = partly, double = unprotected (and a mark in the label)
    { selector: "node.isolated", style: { "border-width": 3, "border-color": "#16a34a", "border-style": "solid" } },
    { selector: "node.unprotected", style: { "border-width": 5, "border-color": "#dc2626", "border-style": "double" } },
    { selector: "node.risk-critical", style: { "border-width": 3, "border-color": "#b42318" } },
    { selector: "node.risk-high", style: { "border-width": 3, "border-color": "#c4320a" } },
    { selector: "edge.denied", style: { "line-color": "#dc2626", "target-arrow-color": "#dc2626", "source-arrow-color": "#dc2626", "line-style": "dashed" } },
    { selector: "node:selected", style: { "overlay-color": "#3451b2", "overlay-opacity": 0.15, "overlay-padding": 6 } },
    { selector: "node.faded, edge.faded", style: { opacity: 0.25 } },
    // network explorer: partly guarded workloads, folded namespaces, host network, the focus, exposure and allowed-flow edges
    { selector: "node.partial", style: { "border-width": 3, "border-color": "#d97706", "border-style": "dashed" } },
    { selector: "node.focus", style: { width: 30, height: 30, "font-weight": "bold", "underlay-color": "#f59e0b", "underlay-opacity": 0.35, "underlay-padding": 6, "underlay-shape": "ellipse" } as never },
    { selector: "edge.exposure", style: { "line-color": "#0e7490", "target-arrow-color": "#0e7490", "source-arrow-color": "#0e7490", "line-style": "dashed" } },
    { selector: "edge.allowed", style: { width: 3, "line-color": "#16a34a", "target-arrow-color": "#16a34a", "source-arrow-color": "#16a34a" } },
    // something Clearance does not evaluate could change this connection (label says "(incomplete)")
    { selector: "edge.incomplete", style: { "line-style": "dotted", "line-color": "#b45309", "target-arrow-color": "#b45309", "source-arrow-color": "#b45309" } },
    // RBAC explorer: neighbours left out (expand shows them), group membership and aggregation edges, a clearer selection
    { selector: "node.has-hidden", style: { "outline-width": 2, "outline-color": "#94a3b8", "outline-style": "dashed", "outline-offset": 3 } as never },
    { selector: "edge.member", style: { "line-style": "dotted" } },
    { selector: "edge.aggregates", style: { "line-style": "dashed", "target-arrow-shape": "diamond" } },
    { selector: ["User", "Group", "ServiceAccount", "RoleBinding", "ClusterRoleBinding", "Role", "ClusterRole", "Rule"].map((t) => `node[type = "${t}"]:selected`).join(", "), style: { "overlay-opacity": 0.3, "overlay-padding": 9 } },
  ];
  for (const [type, color] of Object.entries(COLORS)) {
    base.push({ selector: `node[type = "${type}"]`, style: { "background-color": color } });
  }
  for (const [type, shape] of Object.entries(SHAPES)) {
    base.push({ selector: `node[type = "${type}"]`, style: { shape: shape as never } });
  }
  // network explorer, after the type colours: light namespace boxes, folded namespaces, curved edges with labels along them
  base.push(
    { selector: 'node[type = "Namespace"]:parent', style: { "background-color": ink.box } },
    { selector: "node.collapsed", style: { shape: "round-rectangle", width: 34, height: 22, "background-color": ink.folded, "border-color": "#64748b", "border-width": 1, "border-style": "dashed", color: ink.foldedText } },
    // RBAC who-can: subjects folded by the role that grants them ("+185 subjects")
    { selector: "node.fold", style: { shape: "round-rectangle", width: 96, height: 26, "background-color": ink.folded, "border-color": "#64748b", "border-width": 1, "border-style": "dashed", color: ink.foldedText, "text-valign": "center", "text-halign": "center", "font-size": 11 } },
    { selector: "edge.fold", style: { "line-style": "dashed" } },
    { selector: "node.group", style: { shape: "round-rectangle", width: 40, height: 28, "background-color": ink.folded, color: ink.text, "font-size": 12 } },
    // sized by their data only where they carry a size: a mapping on elements without the field makes Cytoscape warn
    // once per element and property (hundreds of console warnings, ~0.3 s on a busy namespace's 61 folded groups)
    { selector: "node.group[size]", style: { width: "mapData(size, 1, 100, 26, 70)", height: "mapData(size, 1, 100, 20, 44)" } },
    { selector: "edge.net", style: { "curve-style": "bezier", "control-point-step-size": 24, "text-rotation": "autorotate", "font-size": 8 } },
  );
  return base;
}

function elements(graph: GraphDTO): ElementDefinition[] {
  return [
    ...graph.nodes.map((n) => ({
      group: "nodes" as const,
      // Canvas labels are text too: hidden characters escaped behind ⚠ (lib/output/terminal.ts).
      data: { id: n.id, label: visible(n.label), type: n.type, ...(n.parent ? { parent: n.parent } : {}), ...(n.size ? { size: n.size } : {}) },
      classes: n.classes?.join(" "),
    })),
    ...graph.edges.map((e) => ({
      group: "edges" as const,
      data: { id: e.id, source: e.source, target: e.target, label: visible(e.label ?? "") },
      classes: e.classes?.join(" "),
    })),
  ];
}

export default function GraphCanvas({ graph, layout, selected, onSelect, onExpand, className }: GraphCanvasProps) {
  const theme = useResolvedTheme();
  const ref = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const themeRef = useRef(theme);
  // the theme the canvas's stylesheet was built for: restyling every element again right after creation
  // (the theme effect runs on mount too) cost a busy namespace's compound graph about a second
  const styledFor = useRef(theme);
  const handlers = useRef({ onSelect, onExpand });
  useEffect(() => {
    handlers.current = { onSelect, onExpand };
  });

  useEffect(() => {
    if (!ref.current) return;
    const cy = cytoscape({
      container: ref.current,
      elements: elements(graph),
      style: style((styledFor.current = themeRef.current)),
      layout: { name: "preset" },
      minZoom: 0.05,
      maxZoom: 3,
      wheelSensitivity: 0.3,
      pixelRatio: 1,
    });
    cyRef.current = cy;
    if (layout === "columns") {
      const pos = layeredPositions(graph);
      cy.layout({ name: "preset", positions: (n: cytoscape.NodeSingular) => pos[n.id()] ?? { x: 0, y: 0 }, fit: true, padding: 30 } as cytoscape.LayoutOptions).run();
    } else if (layout === "rings") {
      const outer = (n: cytoscape.NodeSingular) => n.hasClass("collapsed") || n.hasClass("external") || n.id().startsWith("external:");
      cy.layout({ name: "concentric", concentric: (n: cytoscape.NodeSingular) => (outer(n) ? 1 : 2), levelWidth: () => 1, minNodeSpacing: 14, avoidOverlap: true, fit: true, padding: 30, animate: false } as cytoscape.LayoutOptions).run();
    } else {
      cy.layout({ name: "fcose", animate: false, randomize: true, quality: "default", nodeSeparation: 90, idealEdgeLength: 120, padding: 30, nodeDimensionsIncludeLabels: true } as cytoscape.LayoutOptions).run();
    }
    cy.on("tap", "node", (e) => handlers.current.onSelect?.(e.target.id()));
    cy.on("tap", (e) => {
      if (e.target === cy) handlers.current.onSelect?.(undefined);
    });
    cy.on("dbltap", "node", (e) => handlers.current.onExpand?.(e.target.id()));
    return () => {
      cy.destroy();
      cyRef.current = null;
    };
  }, [graph, layout]);

  useEffect(() => {
    themeRef.current = theme;
    if (!cyRef.current || styledFor.current === theme) return;
    styledFor.current = theme;
    cyRef.current.style(style(theme));
  }, [theme]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.nodes().unselect();
    if (selected) cy.getElementById(selected).select();
  }, [selected, graph]);

  return <div ref={ref} data-testid="graph-canvas" role="img" aria-label={`Graph of ${graph.nodes.length} nodes and ${graph.edges.length} edges; the List view shows the same as tables`} className={className ?? "h-[560px] w-full"} />;
}
