/**
 * A name from the cluster, shown as text (never markup), isolated from the text around it (<bdi>),
 * and, when it holds control, bidirectional or invisible characters, with those escaped behind ⚠
 * (lib/output/terminal.ts) — so `user\u202eevil\u202c` cannot display as another name.
 */
import { escapeHidden, hasHiddenChars, HIDDEN_MARKER } from "@/lib/output/terminal";

export const HIDDEN_TITLE = "This name contains control, bidirectional or invisible characters; they are shown escaped (finding PL-hidden-characters).";

export function Name({ value }: { value: string }) {
  if (!hasHiddenChars(value)) return <bdi>{value}</bdi>;
  return (
    <bdi title={HIDDEN_TITLE} data-hidden-characters="">
      <span aria-label="contains hidden characters" className="mr-0.5 font-sans text-amber-700">
        {HIDDEN_MARKER}
      </span>
      {escapeHidden(value)}
    </bdi>
  );
}

/** `ns/name` with either part shown as a Name. */
export function NamespacedName({ namespace, name }: { namespace?: string; name: string }) {
  return namespace ? (
    <>
      <Name value={namespace} />/<Name value={name} />
    </>
  ) : (
    <Name value={name} />
  );
}
