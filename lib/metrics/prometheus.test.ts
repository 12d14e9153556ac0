import { describe, expect, it } from "vitest";
import { escapeLabelValue, formatPrometheus, mergeFamilies } from "./prometheus";

describe("Prometheus text format 0.0.4 (prometheus.io/docs/instrumenting/exposition_formats)", () => {
  it("escapes backslash, double quote and line feed in label values, as the format requires", () => {
    expect(escapeLabelValue('C:\\dir "x"\nnext')).toBe('C:\\\\dir \\"x\\"\\nnext');
  });

  it("writes HELP and TYPE once per family, then one line per sample", () => {
    const text = formatPrometheus([
      { name: "clearance_score", help: "Score\nper area", type: "gauge", samples: [{ labels: { source: "a", area: "overall" }, value: 71 }] },
      { name: "clearance_score", help: "ignored", type: "gauge", samples: [{ labels: { source: "b", area: "overall" }, value: 90 }] },
      { name: "clearance_up", help: "up", type: "gauge", samples: [{ labels: {}, value: NaN }] },
    ]);
    expect(text).toBe(
      ["# HELP clearance_score Score\\nper area", "# TYPE clearance_score gauge", 'clearance_score{source="a",area="overall"} 71', 'clearance_score{source="b",area="overall"} 90', "# HELP clearance_up up", "# TYPE clearance_up gauge", "clearance_up NaN", ""].join("\n"),
    );
  });

  it("refuses names the format does not allow", () => {
    expect(() => formatPrometheus([{ name: "bad-name", help: "", type: "gauge", samples: [] }])).toThrow(/invalid metric name/);
    expect(() => formatPrometheus([{ name: "ok", help: "", type: "gauge", samples: [{ labels: { "bad-label": "x" }, value: 1 }] }])).toThrow(/invalid label name/);
  });

  it("merges families without changing its input", () => {
    const a = { name: "m", help: "h", type: "gauge" as const, samples: [{ labels: { s: "1" }, value: 1 }] };
    const merged = mergeFamilies([a, { ...a, samples: [{ labels: { s: "2" }, value: 2 }] }]);
    expect(merged).toHaveLength(1);
    expect(merged[0].samples).toHaveLength(2);
    expect(a.samples).toHaveLength(1);
  });
});
