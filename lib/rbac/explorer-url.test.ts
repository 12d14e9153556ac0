import { describe, expect, it } from "vitest";
import { readState, showDefaults, switchTab, writeState } from "./explorer-url";

const read = (q: string) => readState(new URLSearchParams(q));

describe("explorer URL state", () => {
  it("opens a finding's focus link on the explore tab", () => {
    const s = read("focus=subject:Group/acme:oncall&rule=R10&namespace=payments");
    expect(s).toMatchObject({ tab: "explore", focus: "subject:Group/acme:oncall", rule: "R10", namespace: "payments" });
    expect(showDefaults(s)).toBe(false);
  });

  it("reads a who-can question and its filters; ignores unknown values", () => {
    const s = read("verb=get&resource=secrets&namespace=payments&kinds=ServiceAccount,Bogus&hops=99&tab=nope&x=a&x=b");
    expect(s.tab).toBe("who-can");
    expect(s.question).toEqual({ verb: "get", resource: "secrets", namespace: "payments" });
    expect(s.kinds).toEqual(["ServiceAccount"]);
    expect(s.hops).toBeUndefined();
    expect(s.expand).toEqual(["a", "b"]);
    expect(showDefaults(s)).toBe(true);
  });

  it("round-trips every field and writes only what differs from the defaults", () => {
    for (const q of [
      "verb=get&resource=secrets&namespace=payments&sel=subject%3AServiceAccount%2Fci%2Fdeployer",
      "namespace=payments&focus=subject%3AUser%2Falice&x=role%3AClusterRole%2Fedit&kinds=User%2CRoleBinding&defaults=show&hops=2&as=acme%3Aoncall",
      "tab=matrix&namespace=payments",
      "tab=matrix&namespace=payments&cols=all",
      "tab=findings&find=exec",
      "verb=get&url=%2Fmetrics",
    ]) {
      expect(writeState(read(q)).toString()).toBe(q);
    }
    expect(writeState(read("")).toString()).toBe("");
  });

  it("switching tabs carries no filter, question or namespace over silently", () => {
    const s = readState(new URLSearchParams("verb=get&resource=secrets&namespace=payments&kinds=User&defaults=hide&sel=subject:User/alice"));
    const m = switchTab(s, "matrix");
    expect(writeState(m).toString()).toBe("tab=matrix");
    expect(switchTab(s, "who-can")).toBe(s);
  });
});
