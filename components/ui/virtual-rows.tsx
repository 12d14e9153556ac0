"use client";
/**
 * A scrolling list that only renders the rows in view, so tables of tens of thousands of rows stay
 * fast. `row` draws one row absolutely positioned at `style`.
 */
import { useVirtualizer } from "@tanstack/react-virtual";
import { Fragment, useRef } from "react";

export interface VirtualRowsProps {
  count: number;
  estimateSize: (index: number) => number;
  row: (index: number, style: React.CSSProperties) => React.ReactNode;
  className?: string;
  role?: string;
  label?: string;
}

export function VirtualRows({ count, estimateSize, row, className = "h-[65vh] overflow-auto", role = "list", label }: VirtualRowsProps) {
  const parentRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual returns functions React Compiler cannot memoize
  const virtualizer = useVirtualizer({ count, getScrollElement: () => parentRef.current, estimateSize, overscan: 12 });
  return (
    <div ref={parentRef} className={className} role={role} aria-label={label} aria-rowcount={role === "table" ? count : undefined}>
      <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
        {virtualizer.getVirtualItems().map((v) => (
          <Fragment key={v.key}>{row(v.index, { position: "absolute", left: 0, right: 0, top: v.start, height: v.size })}</Fragment>
        ))}
      </div>
    </div>
  );
}
